"""Savings: each person valued at the standard amount of their exit year, and attributed to the actor that paid
their support at enrolment. The fixture is small and worked out by hand in the comments."""

import datetime

import pytest

from insatser.models import Insats
from tests.factories import granted_insats
from uppfoljning.models import Deltagare, KategoriSchablon, Schablonbelopp
from uppfoljning.savings import payback_months, savings

D = datetime.date


@pytest.fixture
def insats(owner_a, staff, af):
    return granted_insats(owner_a, staff, af, years=((2021, 500_000), (2022, 500_000)))


def person(insats, ref, *, exit_year, support, band, utfall="arbete"):
    return Deltagare.objects.create(insats=insats, referens_hash=ref, kon="kvinna", aldersband=band,
                                    inskriven=D(2020, 6, 1), avslutad=D(exit_year, 5, 1), forsorjning_start=support,
                                    forsorjning_slut="ingen", utfall=utfall)


def county(year, amount):
    return Schablonbelopp.objects.create(ar=year, lan="Sörmland", belopp=amount, kalla=f"SCB {year}")


def test_each_person_is_valued_at_the_standard_amount_of_their_exit_year(insats):
    county(2021, 142_000)
    county(2022, 150_000)
    person(insats, "a", exit_year=2021, support="forsorjningsstod", band="30-34")
    person(insats, "b", exit_year=2022, support="forsorjningsstod", band="30-34")
    s = savings(Deltagare.objects.all(), 2021, 2022)
    # One person left in 2021 (142 000 kr) and one in 2022 (150 000 kr), not 2 × 150 000.
    assert s.ar_1 == 292_000
    assert [(year, amount) for year, amount, *_ in s.belopp_per_ar] == [(2021, 142_000), (2022, 150_000)]


def test_a_year_without_its_own_amount_uses_the_latest_earlier_one_and_says_so(insats):
    county(2021, 142_000)
    person(insats, "a", exit_year=2022, support="forsorjningsstod", band="30-34")
    s = savings(Deltagare.objects.all(), 2022, 2022)
    assert s.ar_1 == 142_000
    assert s.belopp_per_ar[0][:3] == (2022, 142_000, 2021)


@pytest.fixture
def hand_worked(insats):
    county(2021, 142_000)
    county(2022, 150_000)
    KategoriSchablon.objects.create(ar=2022, lan="Sörmland", forsorjning="forsorjningsstod", belopp=120_000, kalla="Kommunens utfall")
    KategoriSchablon.objects.create(ar=2022, lan="Sörmland", forsorjning="sjukersattning", belopp=200_000, kalla="FK")
    # n  exit  support at enrolment  band (middle)  actor       per year   until 66
    person(insats, "1", exit_year=2021, support="forsorjningsstod", band="30-34")      # 32  kommunen  142 000  34 × 142 000 = 4 828 000
    person(insats, "2", exit_year=2022, support="forsorjningsstod", band="20-24")      # 22  kommunen  120 000  44 × 120 000 = 5 280 000
    person(insats, "3", exit_year=2022, support="sjukersattning", band="50-54")        # 52  FK        200 000  14 × 200 000 = 2 800 000
    person(insats, "4", exit_year=2021, support="aktivitetsersattning", band="16-19")  # 17,5 FK       142 000  48,5 × 142 000 = 6 887 000
    person(insats, "5", exit_year=2022, support="aktivitetsstod", band="25-29")        # 27  AF        150 000  39 × 150 000 = 5 850 000
    person(insats, "6", exit_year=2022, support="etablering", band="35-39")            # 37  AF        150 000  29 × 150 000 = 4 350 000
    person(insats, "7", exit_year=2021, support="a_kassa", band="60-64")               # 62  a-kassan  142 000  4 × 142 000 = 568 000
    person(insats, "8", exit_year=2022, support="ingen", band="30-34")                 # no public support: saves nothing
    person(insats, "9", exit_year=2021, support="sjukpenning", band="30-34", utfall="fortsatt_rehab")  # not to work
    person(insats, "10", exit_year=2023, support="forsorjningsstod", band="30-34")     # outside the span
    return savings(Deltagare.objects.all(), 2021, 2022)


def test_savings_per_actor_on_a_hand_worked_fixture(hand_worked):
    per_actor = {row.aktor: (row.personer, row.ar_1, row.ar_5, row.ar_10, row.till_pension) for row in hand_worked.per_aktor}
    assert per_actor == {
        # kommunen: 142 000 + 120 000 = 262 000 a year; 4 828 000 + 5 280 000 until retirement
        "kommunen": (2, 262_000, 1_310_000, 2_620_000, 10_108_000),
        # Försäkringskassan: 200 000 + 142 000 = 342 000; 2 800 000 + 6 887 000
        "forsakringskassan": (2, 342_000, 1_710_000, 3_420_000, 9_687_000),
        # Arbetsförmedlingen's programmes: 150 000 + 150 000 = 300 000; 5 850 000 + 4 350 000
        "arbetsformedlingen": (2, 300_000, 1_500_000, 3_000_000, 10_200_000),
        # a-kassan: 142 000; 568 000
        "a_kassa": (1, 142_000, 710_000, 1_420_000, 568_000),
    }


def test_the_per_actor_amounts_sum_to_the_total(hand_worked):
    s = hand_worked
    assert (s.personer, s.utan_stod) == (8, 1)
    assert s.ar_1 == 1_046_000 == sum(row.ar_1 for row in s.per_aktor)
    assert s.ar_5 == 5_230_000 == sum(row.ar_5 for row in s.per_aktor)
    assert s.ar_10 == 10_460_000 == sum(row.ar_10 for row in s.per_aktor)
    assert s.till_pension == 30_563_000 == sum(row.till_pension for row in s.per_aktor)


def test_persons_without_public_support_at_enrolment_save_nothing(insats):
    county(2021, 142_000)
    person(insats, "a", exit_year=2021, support="ingen", band="30-34")
    s = savings(Deltagare.objects.all(), 2021, 2021)
    assert (s.personer, s.utan_stod, s.ar_1, s.per_aktor) == (1, 1, 0, [])


def test_savings_for_60_persons_at_142_000_kr_are_8_5_42_6_and_85_2_mnkr(insats):
    county(2021, 142_000)
    for i in range(60):
        person(insats, f"p{i}", exit_year=2021, support="sjukpenning", band="30-34")
    s = savings(Deltagare.objects.all(), 2021, 2021)
    assert (s.personer, s.ar_1, s.ar_5, s.ar_10) == (60, 8_520_000, 42_600_000, 85_200_000)
    assert s.till_pension == 60 * (66 - 32) * 142_000
    assert payback_months(8_520_000, s.ar_1) == 12.0


def test_without_any_standard_amount_the_savings_are_unknown(insats):
    person(insats, "a", exit_year=2021, support="forsorjningsstod", band="30-34")
    s = savings(Deltagare.objects.all(), 2021, 2021)
    assert (s.personer, s.ar_1, s.till_pension) == (1, None, None)


def test_staff_set_an_amount_per_kind_of_support_and_the_saving_follows(client_for, staff, insats):
    county(2021, 142_000)
    person(insats, "a", exit_year=2021, support="forsorjningsstod", band="30-34")
    response = client_for(staff).post("/uppfoljning/schablonbelopp/", {
        "ar": 2021, "belopp": 142_000, "kalla": "SCB 2021", "kind_forsorjningsstod": 110_000})
    assert response.status_code == 302
    kind = KategoriSchablon.objects.get(ar=2021, forsorjning="forsorjningsstod")
    assert kind.belopp == 110_000 and kind.history.first().history_user == staff
    assert savings(Deltagare.objects.all(), 2021, 2021).ar_1 == 110_000
    # Emptying the field gives the county's amount back.
    client_for(staff).post("/uppfoljning/schablonbelopp/", {"ar": 2021, "belopp": 142_000, "kalla": "SCB 2021"})
    assert not KategoriSchablon.objects.exists()
    assert savings(Deltagare.objects.all(), 2021, 2021).ar_1 == 142_000


def test_only_staff_change_the_standard_amounts(client_for, owner_a, board_member):
    for user in (owner_a, board_member):
        response = client_for(user).post("/uppfoljning/schablonbelopp/", {"ar": 2021, "belopp": 1, "kalla": "x"})
        assert response.status_code == 403
    assert not Schablonbelopp.objects.exists()


def test_a_bad_year_on_the_standard_amounts_page_is_a_400(client_for, staff):
    response = client_for(staff).get("/uppfoljning/schablonbelopp/", {"ar": "abc"})
    assert response.status_code == 400 and "År:" in response.content.decode()


def test_the_demo_total_is_unchanged_and_its_actors_add_up_to_it(demo_data):
    s = savings(Deltagare.objects.filter(insats__inriktning="individ"), 2021, 2021)
    assert (s.ar_1, s.ar_5, s.ar_10) == (8_520_000, 42_600_000, 85_200_000)
    assert sum(row.ar_1 for row in s.per_aktor) == s.ar_1 and len(s.per_aktor) == 4


def test_savings_per_actor_in_the_annual_follow_up_the_result_sheet_and_the_member_report(client_for, staff, demo_data):
    from rar.models import Organisation
    from tests.pdf import pdf_text

    client = client_for(staff)
    slussen = Insats.objects.get(namn="SLUSSEN")
    region = Organisation.objects.get(namn="Region Sörmland")
    pages = [("/uppfoljning/arsuppfoljning/", {"ar": 2021}), (f"/uppfoljning/insatser/{slussen.pk}/resultatblad/", {}),
             ("/uppfoljning/medlemsrapport/", {"organisation": region.pk, "fran": 2019, "till": 2021})]
    for url, params in pages:
        html = client.get(url, params).content.decode()
        assert "Aktör som sparar" in html and "Kommunen" in html and "Försäkringskassan" in html, url
        assert "ingen besparing" in html and "Schablonbelopp per avslutsår: 2021: 142" in html, url
        text = pdf_text(client.get(url, {**params, "format": "pdf"}).content)
        assert "Aktör som sparar" in text and "Kommunen" in text, url
        csv = client.get(url, {**params, "format": "csv"}).content.decode("utf-8-sig")
        assert "Besparing per aktör;Kommunen;1 år (kr);" in csv and "Besparing per aktör;Totalt;1 år (kr);" in csv, url
