import pytest

from rar import demo, selectors
from rar.errors import DomainError
from rar.models import Befolkning, Organisation
from rar.money import split_exact
from tests.factories import BefolkningFactory, MedlemsbidragFactory, OrganisationFactory


def test_split_exact_sums_to_the_krona_with_awkward_weights():
    parts = split_exact(4_000_001, [64_200, 21_800, 20_100, 9_300, 5_100, 33_400, 6_800, 8_200, 6_400])
    assert sum(parts) == 4_000_001


def test_split_exact_gives_leftover_kronor_to_the_largest_remainders():
    assert split_exact(10, [1, 1, 1]) == [4, 3, 3]
    assert split_exact(100, [1, 2]) == [33, 67]


def test_split_exact_is_deterministic_on_ties():
    assert split_exact(2, [1, 1, 1]) == split_exact(2, [1, 1, 1]) == [1, 1, 0]


def test_split_exact_refuses_all_zero_weights():
    with pytest.raises(ValueError):
        split_exact(10, [0, 0])


@pytest.fixture
def rar_members(db):
    """The real members of RAR i Sörmland with the demo's (approximate) 2021 populations."""
    demo._members()
    MedlemsbidragFactory(ar=2021, totalt=16_000_000)


def test_rar_2021_state_pays_half_region_and_municipalities_a_quarter(rar_members):
    bidrag = selectors.contributions_for_year(2021)
    assert bidrag.per_typ == {"stat": 8_000_000, "region": 4_000_000, "kommun": 4_000_000}


def test_rar_2021_contributions_sum_exactly_to_the_total(rar_members):
    bidrag = selectors.contributions_for_year(2021)
    assert bidrag.summa == 16_000_000
    municipal = [row.belopp for row in bidrag.rows if row.organisation.typ == Organisation.Typ.KOMMUN]
    assert len(municipal) == 9 and sum(municipal) == 4_000_000


def test_rar_2021_forsakringskassan_pays_the_state_half_and_af_is_not_billed(rar_members):
    rows = {row.organisation.namn: row.belopp for row in selectors.contributions_for_year(2021).rows}
    assert rows["Försäkringskassan"] == 8_000_000
    assert "Arbetsförmedlingen" not in rows
    assert rows["Region Sörmland"] == 4_000_000


def test_rar_2021_municipality_share_follows_population_16_64(rar_members):
    rows = {row.organisation.namn: row for row in selectors.contributions_for_year(2021).rows}
    population = dict(Befolkning.objects.filter(ar=2021).values_list("organisation__namn", "antal_16_64"))
    total = sum(population.values())
    eskilstuna = rows["Eskilstuna kommun"].belopp
    exact = 4_000_000 * population["Eskilstuna kommun"] / total
    assert abs(eskilstuna - exact) < 1
    assert rows["Eskilstuna kommun"].belopp > rows["Nyköpings kommun"].belopp > rows["Vingåkers kommun"].belopp


def test_missing_population_is_reported_in_swedish(rar_members):
    Befolkning.objects.filter(ar=2021, organisation__namn="Trosa kommun").delete()
    with pytest.raises(DomainError, match="Befolkning 16–64 år saknas för 2021: Trosa kommun"):
        selectors.contributions_for_year(2021)


def test_a_year_without_total_is_reported_in_swedish(rar_members):
    with pytest.raises(DomainError, match="inget totalt medlemsbidrag registrerat för 1999"):
        selectors.contributions_for_year(1999)


def test_a_municipality_that_left_before_the_year_pays_nothing(db):
    import datetime

    fk = OrganisationFactory(namn="FK", typ="stat", lansdel="", betalar_statens_andel=True)
    OrganisationFactory(namn="Region", typ="region", lansdel="")
    stays = OrganisationFactory(namn="Kvar kommun")
    left = OrganisationFactory(namn="Utträdd kommun", aktiv_till=datetime.date(2020, 12, 31))
    BefolkningFactory(organisation=stays, ar=2021, antal_16_64=1000)
    BefolkningFactory(organisation=left, ar=2021, antal_16_64=1000)
    MedlemsbidragFactory(ar=2021, totalt=1_000_003)
    rows = {row.organisation.namn: row.belopp for row in selectors.contributions_for_year(2021).rows}
    # exact shares 500 001,5 / 250 000,75 / 250 000,75: the two kronor left go to the largest remainders
    assert rows == {"FK": 500_001, "Region": 250_001, "Kvar kommun": 250_001}
    assert fk.pk


def test_contribution_page_shows_the_split_for_staff(rar_members, client_for, staff):
    response = client_for(staff).get("/medlemsbidrag/2021/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Försäkringskassan" in html and "8\u202f000\u202f000\u00a0kr" in html
    assert "16\u202f000\u202f000\u00a0kr" in html


def test_contribution_page_without_populations_shows_the_reason(db, client_for, staff):
    MedlemsbidragFactory(ar=2021)
    response = client_for(staff).get("/medlemsbidrag/2021/")
    assert response.status_code == 200
    assert "Ingen medlem är markerad som betalare av statens andel" in response.content.decode()


def test_budget_page_shows_granted_money_and_room_per_year(client_for, staff, owner_a, db):
    import datetime

    from insatser import services
    from rar.models import Budgetpost
    from tests.factories import OrganisationFactory, application_ready_for_board

    Budgetpost.objects.create(ar=2027, slag="kostnad", namn="Beviljade insatser", belopp=2_000_000, insatsram=True)
    partner = OrganisationFactory(namn="Arbetsförmedlingen", typ="stat", lansdel="")
    ansokan = application_ready_for_board(owner_a, staff, partner, years=((2027, 600_000),))
    services.ansokan_decide(ansokan=ansokan, utfall="full", belopp=None, beslutstext="", user=staff,
                            beslutsdatum=datetime.date(2026, 11, 1))
    html = client_for(staff).get("/budget/").content.decode().replace("\u00a0", " ").replace("\u202f", " ")
    assert "Beviljat enligt styrelsens beslut</th><td class=\"num\">600</td>" in html
    assert "Utrymme för nya insatser</th><td class=\"num\">1 400</td>" in html
