"""The federation's budget in the form of seed 003: computed insats lines, result, outcome and equity."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from insatser.models import Beviljat, Rekvisition
from rar.models import Budgetpost, EgetKapital, Medlemsbidrag
from rar.selectors import budget_years
from tests.pdf import pdf_text

SEED_LINES = [
    # Verksamhetsplan 2021 (seed 003), tkr
    ("intakt", "ESF-medel", {2021: 2_700, 2022: 2_500, 2023: 2_500}, False),
    ("kostnad", "Kansli", {2021: 3_000, 2022: 3_000, 2023: 3_000}, False),
    ("kostnad", "Samverkanskostnader", {2021: 300, 2022: 300, 2023: 300}, False),
    ("kostnad", "Stöd ESF-projekt", {2021: 3_700, 2022: 3_500, 2023: 3_500}, False),
    ("kostnad", "Ram för insatser", {2021: 14_850, 2022: 11_250, 2023: 11_250}, True),
    ("kostnad", "Ej specificerat", {2021: 450, 2022: 450, 2023: 450}, False),
]


@pytest.fixture
def seed_budget(db):
    for year in (2021, 2022, 2023):
        Medlemsbidrag.objects.create(ar=year, totalt=16_000_000, beslut="Verksamhetsplan")
    for slag, namn, per_year, frame in SEED_LINES:
        for year, tkr in per_year.items():
            Budgetpost.objects.create(ar=year, slag=slag, namn=namn, belopp=tkr * 1000, insatsram=frame)


@pytest.fixture
def seed_grants(seed_budget, owner_a, staff, af):
    """Board decisions granting 13 500 tkr for 2021 and 6 000 tkr for 2022, as in the plan."""
    from insatser import services
    from insatser.models import Insats
    from rar.case_handlers import Beslutsutfall
    from tests.factories import application_ready_for_board

    ansokan = application_ready_for_board(owner_a, staff, af, years=((2021, 13_500_000), (2022, 6_000_000)))
    services.ansokan_decide(ansokan=ansokan, utfall=Beslutsutfall.FULL, belopp=None, beslutstext="", user=staff,
                            beslutsdatum=datetime.date(2020, 12, 11))
    return Insats.objects.get(ansokan=ansokan)


def line(year, name):
    return next(row for row in year.kostnader + year.intakter if row.namn == name)


def test_the_seed_budget_gives_income_result_and_money_for_new_insatser(seed_grants):
    years = budget_years([2021, 2022, 2023])
    assert [y.summa_intakter for y in years] == [18_700_000, 18_500_000, 18_500_000]
    assert [line(y, "Beviljade insatser").budget for y in years] == [13_500_000, 6_000_000, 0]
    assert [line(y, "Medel tillgängliga för nya insatser").budget for y in years] == [1_350_000, 5_250_000, 11_250_000]
    assert [y.summa_kostnader for y in years] == [22_300_000, 18_500_000, 18_500_000]
    assert [y.resultat for y in years] == [-3_600_000, 0, 0]


def test_granted_insatser_are_computed_from_the_decisions(seed_budget, seed_grants, owner_a, staff, af):
    from insatser import services
    from rar.case_handlers import Beslutsutfall
    from tests.factories import application_ready_for_board

    another = application_ready_for_board(owner_a, staff, af, titel="Steget före", years=((2022, 1_000_000),))
    services.ansokan_decide(ansokan=another, utfall=Beslutsutfall.FULL, belopp=None, beslutstext="", user=staff,
                            beslutsdatum=datetime.date(2021, 12, 10))
    assert sorted(Beviljat.objects.filter(ar=2022).values_list("belopp", flat=True)) == [1_000_000, 6_000_000]
    year = budget_years([2022])[0]
    assert (line(year, "Beviljade insatser").budget, line(year, "Medel tillgängliga för nya insatser").budget) == (
        7_000_000, 4_250_000)
    assert year.resultat == 0  # the frame is what the budget spends; only its split changes


def test_the_outcome_of_the_frame_is_the_paid_invoices(seed_grants, owner_a, staff):
    from insatser import services

    Budgetpost.objects.filter(ar=2021, namn="Kansli").update(utfall=2_850_000)
    for half, amount in ((1, 4_000_000), (2, 5_000_001)):
        start, end = (datetime.date(2021, 1, 1), datetime.date(2021, 6, 30)) if half == 1 else (
            datetime.date(2021, 7, 1), datetime.date(2021, 12, 31))
        rekvisition = services.rekvisition_submit(insats=seed_grants, user=owner_a, period_start=start, period_slut=end,
                                                  kostnader={"personal": amount})
        services.rekvisition_approve(rekvisition=rekvisition, user=staff)
    Rekvisition.objects.filter(nummer=1).update(status="betald", betald_datum=datetime.date(2021, 8, 1))
    year = budget_years([2021])[0]
    assert line(year, "Beviljade insatser").utfall == 4_000_000  # the approved, unpaid one is not an outcome yet
    # Outcome not entered for every line (ESF, Samverkan, ...): the sums are unknown, not counted as 0.
    assert (year.summa_kostnader_utfall, year.resultat_utfall) == (None, None)
    Budgetpost.objects.filter(ar=2021, utfall__isnull=True, insatsram=False).update(utfall=0)
    year = budget_years([2021])[0]
    assert year.summa_kostnader_utfall == 2_850_000 + 4_000_000
    assert year.resultat_utfall == 16_000_000 - 6_850_000


def test_closing_equity_is_opening_plus_result_and_warns_above_the_cap(seed_budget):
    EgetKapital.objects.create(ar=2021, ingaende=6_500_000, rekommenderat_tak=2_600_000)
    years = budget_years([2021, 2022])
    assert years[0].utgaende_kapital == 2_900_000 and years[0].over_tak
    assert years[1].ingaende_kapital == 2_900_000 and years[1].tak == 2_600_000 and years[1].over_tak


def test_no_equity_warning_under_the_cap(seed_budget):
    EgetKapital.objects.create(ar=2021, ingaende=5_600_000, rekommenderat_tak=2_600_000)
    assert not budget_years([2021])[0].over_tak  # 5 600 − 3 600 = 2 000 tkr


def test_the_budget_page_shows_the_warning(seed_budget, client_for, staff):
    EgetKapital.objects.create(ar=2021, ingaende=6_500_000, rekommenderat_tak=2_600_000)
    html = client_for(staff).get("/budget/").content.decode().replace("\u00a0", " ")
    assert "det utgående egna kapitalet 2021 (2 900 tkr) överstiger det rekommenderade taket 2 600 tkr" in html


def test_sums_are_exact_integers(seed_budget):
    Budgetpost.objects.filter(ar=2021, namn="Kansli").update(belopp=3_000_001)
    year = budget_years([2021])[0]
    assert year.resultat == -3_600_001 and isinstance(year.resultat, int)


def test_the_budget_page_runs_a_bounded_number_of_queries(seed_grants, client_for, staff, owner_a):
    from insatser import services

    client = client_for(staff)
    client.get("/")  # the session's first request writes its idle timestamp; the page's own queries are counted
    with CaptureQueriesContext(connection) as small:
        assert client.get("/budget/").status_code == 200
    for year in range(2024, 2030):
        Medlemsbidrag.objects.create(ar=year, totalt=16_000_000)
        Budgetpost.objects.create(ar=year, slag="kostnad", namn="Ram för insatser", belopp=9_000_000, insatsram=True)
    for month in range(1, 7):
        services.rekvisition_submit(insats=seed_grants, user=owner_a, period_start=datetime.date(2021, month, 1),
                                    period_slut=datetime.date(2021, month, 28), kostnader={"personal": 1000})
    Rekvisition.objects.update(status="betald", betald_datum=datetime.date(2021, 8, 1))
    with CaptureQueriesContext(connection) as large:
        assert client.get("/budget/").status_code == 200
    assert len(large) == len(small) <= 16


def test_the_budget_follow_up_exports_as_csv(seed_grants, client_for, staff):
    body = client_for(staff).get("/budget/?export=csv").content.decode("utf-8-sig")
    assert "2021;Kostnader;Beviljade insatser;13500000;" in body
    assert "2021;Kostnader;Medel tillgängliga för nya insatser;1350000;" in body
    assert "2021;Summa;Resultat;-3600000;" in body


def test_the_budget_prints_as_pdf(seed_grants, client_for, staff):
    response = client_for(staff).get("/budget/?export=pdf")
    text = pdf_text(response.content)
    assert response["Content-Type"] == "application/pdf"
    assert "Medel tillgängliga för nya insatser" in text and "-3 600" in text.replace("\u00a0", " ").replace("−", "-")


def test_one_year_can_be_chosen_and_keeps_its_opening_equity_from_the_years_before(seed_budget, client_for, staff):
    EgetKapital.objects.create(ar=2021, ingaende=5_600_000, rekommenderat_tak=2_600_000)
    html = client_for(staff).get("/budget/?ar=2022").content.decode().replace("\u00a0", " ")
    assert 'id="budget-2022"' in html and 'id="budget-2021"' not in html
    assert "Ingående eget kapital</th><td class=\"num\">2 000</td>" in html
