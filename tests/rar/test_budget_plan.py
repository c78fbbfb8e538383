"""The budget in the plan's form (seed 003): the plan's years side by side, outcome "–" until entered, and the two
identities (result = income − costs, closing equity = opening + result) for every year."""

import re
from django.utils import timezone

from rar.models import Budgetpost, EgetKapital, Medlemsbidrag
from rar.selectors import budget_year_range, budget_years


def assert_identities(year):
    if year.resultat is not None:
        assert year.resultat == year.summa_intakter - year.summa_kostnader, year.ar
    if year.utgaende_kapital is not None:
        assert year.utgaende_kapital == year.ingaende_kapital + year.resultat, year.ar
    if year.resultat_utfall is not None:
        assert year.resultat_utfall == year.summa_intakter_utfall - year.summa_kostnader_utfall, year.ar
    if year.utgaende_kapital_utfall is not None:
        assert year.utgaende_kapital_utfall == year.ingaende_kapital + year.resultat_utfall, year.ar


def test_result_and_closing_equity_follow_the_identities_in_every_year_of_the_demo(demo_data):
    years = budget_years(budget_year_range())
    for year in years:
        assert_identities(year)
    for previous, year in zip(years, years[1:]):
        closing = previous.utgaende_kapital_utfall if previous.utgaende_kapital_utfall is not None else previous.utgaende_kapital
        if closing is not None:
            assert year.ingaende_kapital == closing, year.ar


def test_the_demos_2021_outcome_is_the_annual_accounts_result_and_equity(demo_data):
    year = budget_years([2021])[0]
    assert year.resultat == -3_600_000  # the plan
    assert (year.resultat_utfall, year.ingaende_kapital, year.utgaende_kapital_utfall) == (-2_700_000, 5_600_000, 2_900_000)


def test_an_outcome_not_entered_is_unknown_not_zero(db):
    Medlemsbidrag.objects.create(ar=2030, totalt=16_000_000)
    Budgetpost.objects.create(ar=2030, slag="kostnad", namn="Kansli", belopp=3_000_000, utfall=2_900_000)
    Budgetpost.objects.create(ar=2030, slag="kostnad", namn="Samverkan", belopp=300_000)
    year = budget_years([2030])[0]
    assert (year.summa_kostnader_utfall, year.resultat_utfall, year.utgaende_kapital_utfall) == (None, None, None)
    Budgetpost.objects.filter(namn="Samverkan").update(utfall=250_000)
    year = budget_years([2030])[0]
    assert (year.summa_kostnader_utfall, year.resultat_utfall) == (3_150_000, 12_850_000)


def test_a_year_without_budget_lines_has_no_costs_or_result_to_show(demo_data, client_for, staff):
    year = budget_years([2019])[0]
    assert (year.summa_kostnader, year.resultat) == (None, None)
    html = client_for(staff).get("/budget/", {"ar": 2019}).content.decode().replace("\u00a0", " ")
    result_row = re.search(r"<tr[^>]*><th scope=\"row\">Resultat</th>(.*?)</tr>", html).group(1)
    assert "16 000" not in result_row and "–" in result_row


def test_the_demo_budget_runs_from_2019_to_two_years_ahead_without_a_gap(demo_data):
    this_year = timezone.localdate().year
    assert budget_year_range() == list(range(2019, this_year + 3))


def test_the_plans_years_stand_side_by_side(demo_data, client_for, staff):
    html = client_for(staff).get("/budget/", {"ar": 2021}).content.decode().replace("\u00a0", " ")
    assert html.count("<table") == 1
    head = re.search(r"<thead>(.*?)</thead>", html, re.S).group(1)
    assert [int(y) for y in re.findall(r">(\d{4})<", head)] == [2021, 2022, 2023]
    income = re.search(r"<th scope=\"row\">Summa intäkter</th>(.*?)</tr>", html).group(1)
    assert re.findall(r"\d+ \d+|–", income)[::2] == ["18 700", "18 500", "18 500"]


def test_a_bad_year_on_the_budget_page_is_refused_not_replaced(demo_data, client_for, staff):
    for value in ("1900", "abc"):
        response = client_for(staff).get("/budget/", {"ar": value})
        assert response.status_code == 400, value
        assert "År:" in response.content.decode() and "budget-table" not in response.content.decode()


def test_a_registered_closing_equity_that_the_outcome_does_not_reach_is_flagged(db, client_for, staff):
    Medlemsbidrag.objects.create(ar=2030, totalt=16_000_000)
    Budgetpost.objects.create(ar=2030, slag="kostnad", namn="Kansli", belopp=3_000_000, utfall=3_000_000)
    EgetKapital.objects.create(ar=2030, ingaende=1_000_000, utgaende=2_000_000, rekommenderat_tak=5_000_000)
    year = budget_years([2030])[0]
    assert year.utgaende_kapital_utfall == 14_000_000 and year.bokslut_avviker
    html = client_for(staff).get("/budget/", {"ar": 2030}).content.decode().replace("\u00a0", " ")
    assert "Bokslutet anger 2 000 tkr i utgående eget kapital" in html
