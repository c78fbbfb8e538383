import datetime

import pytest

from esf import selectors, services
from esf.models import EsfProjekt, Utlysning
from rar.errors import DomainError, NotAllowed
from rar.models import Arende
from tests.lists import count_queries

D = datetime.date


def call(staff, **overrides):
    fields = dict(program="esfplus2021", nummer="2026/1", titel="Unga", omrade="", oppnar=D(2026, 9, 1),
                  stanger=D(2026, 12, 15), bevakning="bevakas", anteckningar="")
    fields.update(overrides)
    return services.utlysning_save(user=staff, today=D(2026, 11, 23), **fields)


def project(staff, org_a, af, **overrides):
    fields = dict(namn="Unga i arbete", roll="medfinansiar", agare=org_a, parter=[af], period_start=D(2020, 1, 1),
                  period_slut=D(2022, 12, 31))
    fields.update(overrides)
    return services.projekt_create(user=staff, **fields)


def test_a_call_closing_in_the_past_cannot_be_marked_application_planned(staff):
    with pytest.raises(DomainError, match="stängde 2026-11-01; en ansökan kan inte längre planeras"):
        call(staff, stanger=D(2026, 11, 1), bevakning="planeras")


def test_a_call_closing_ahead_can_be_planned(staff):
    assert call(staff, bevakning="planeras").bevakning == Utlysning.Bevakning.ANSOKAN_PLANERAS


def test_a_call_cannot_close_before_it_opens(staff):
    with pytest.raises(DomainError, match="stänga innan den öppnar"):
        call(staff, oppnar=D(2026, 12, 1), stanger=D(2026, 11, 30))


def test_a_project_is_a_case_in_the_diarium(staff, org_a, af):
    projekt = project(staff, org_a, af)
    assert projekt.arende.typ == Arende.Typ.ESF and projekt.arende.diarienummer.startswith("RAR ")


def test_a_project_the_federation_owns_has_no_other_owner(staff, org_a, af):
    with pytest.raises(DomainError, match="ingen annan ägare"):
        project(staff, org_a, af, roll="agare")


def test_status_moves_through_its_steps(staff, org_a, af):
    projekt = project(staff, org_a, af)
    for step, status in [("skicka", "inskickad"), ("bevilja", "beviljad"), ("starta", "genomforande"),
                         ("avsluta_fas", "avslutningsfas"), ("avsluta", "avslutad")]:
        projekt = services.STEP_FUNCTIONS[step](projekt=projekt, user=staff)
        assert projekt.status == status


def test_a_step_out_of_order_is_refused(staff, org_a, af):
    with pytest.raises(DomainError, match="status ”idé” och kan inte gå till ”beviljad”"):
        services.projekt_bevilja(projekt=project(staff, org_a, af), user=staff)


def test_a_rejected_project_cannot_start(staff, org_a, af):
    projekt = services.projekt_avsla(projekt=services.projekt_skicka(projekt=project(staff, org_a, af), user=staff), user=staff)
    with pytest.raises(DomainError):
        services.projekt_starta(projekt=projekt, user=staff)


def test_only_staff_move_a_project(owner_a, staff, org_a, af):
    with pytest.raises(NotAllowed, match="kansli"):
        services.projekt_skicka(projekt=project(staff, org_a, af), user=owner_a)


def test_an_extension_lengthens_the_period(staff, org_a, af):
    projekt = services.projekt_bevilja(projekt=services.projekt_skicka(projekt=project(staff, org_a, af), user=staff), user=staff)
    projekt = services.projekt_forlang(projekt=projekt, user=staff, till=D(2023, 6, 30))
    assert projekt.slutar == D(2023, 6, 30)
    services.pengar_save(projekt=projekt, user=staff, ar=2023, esf_medel=100)  # 2023 is now inside the period


def test_money_per_year_counts_only_the_years_inside_a_span(staff, org_a, af):
    projekt = project(staff, org_a, af)
    for year, amount in [(2020, 1_000_000), (2021, 2_000_000), (2022, 3_000_000)]:
        services.pengar_save(projekt=projekt, user=staff, ar=year, esf_medel=amount, forbundets_medfinansiering=amount // 10)
    assert selectors.money_in_span([projekt.pk], 2021, 2021)["esf"] == 2_000_000
    assert selectors.money_in_span([projekt.pk], 2019, 2020) == {"esf": 1_000_000, "forbund": 100_000, "ovrig": 0}
    assert selectors.money_in_span([projekt.pk], 2023, 2025)["esf"] == 0


def test_money_outside_the_period_is_refused(staff, org_a, af):
    with pytest.raises(DomainError, match="utanför projektets period 2020–2022"):
        services.pengar_save(projekt=project(staff, org_a, af), user=staff, ar=2019, esf_medel=1)


def test_the_owner_enters_results_for_own_project(owner_a, staff, org_a, af):
    projekt = project(staff, org_a, af)
    row = services.resultat_save(projekt=projekt, user=owner_a, ar=2021, inskrivna_kvinnor=5, inskrivna_man=4,
                                 avslutade_kvinnor=2, avslutade_man=2, arbete_studier_kvinnor=1, arbete_studier_man=0)
    assert (row.inskrivna, row.avslutade, row.arbete_studier) == (9, 4, 1)


def test_an_owner_of_another_organisation_cannot_edit_a_project(owner_b, staff, org_a, af, client_for):
    projekt = project(staff, org_a, af)
    with pytest.raises(NotAllowed):
        services.resultat_save(projekt=projekt, user=owner_b, ar=2021, inskrivna_kvinnor=1)
    assert client_for(owner_b).get(f"/esf/{projekt.pk}/").status_code == 404
    assert client_for(owner_b).post(f"/esf/{projekt.pk}/resultat/", {"ar": 2021}).status_code == 404


def test_more_to_work_than_ended_is_refused(staff, org_a, af):
    with pytest.raises(DomainError, match="Fler kvinnor till arbete eller studier än avslutade"):
        services.resultat_save(projekt=project(staff, org_a, af), user=staff, ar=2021, avslutade_kvinnor=1, arbete_studier_kvinnor=2)


def test_results_share_is_a_dash_when_no_one_ended(staff, org_a, af):
    projekt = project(staff, org_a, af)
    services.resultat_save(projekt=projekt, user=staff, ar=2021, inskrivna_kvinnor=3)
    assert selectors.results([projekt.pk], 2021, 2021).andel is None


def test_the_2021_results_of_likes_and_klara_make_246_179_63(demo_data):
    ids = EsfProjekt.objects.filter(namn__in=["Likes", "KLARA"]).values_list("pk", flat=True)
    combined = selectors.results(ids, 2021, 2021)
    assert (combined.inskrivna, combined.avslutade, combined.arbete_studier, combined.andel) == (246, 179, 63, 35)
    klar = EsfProjekt.objects.get(namn="#KlarFramtid")
    assert selectors.money_in_span([klar.pk], 2019, 2022)["esf"] == 23_300_000 and klar.delprojekt.count() == 5
    halsa = EsfProjekt.objects.get(namn="Hälsofrämjande etablering")
    assert selectors.money_in_span([halsa.pk], 2018, 2021)["esf"] == 3_900_000
    assert selectors.money_in_span([halsa.pk], 2019, 2020)["esf"] == 3_100_000


def test_the_list_runs_a_bounded_number_of_queries(client_for, staff, org_a, af):
    client = client_for(staff)
    for i in range(3):
        project(staff, org_a, af, namn=f"P{i}")
    few = count_queries(client, "/esf/")
    for i in range(3, 40):
        project(staff, org_a, af, namn=f"P{i}")
    assert count_queries(client, "/esf/") == few


def test_staff_register_a_call_create_a_project_add_a_sub_project_and_results(client_for, staff, owner_a, org_a, af):
    client = client_for(staff)
    response = client.post("/esf/utlysningar/ny/", {"program": "esfplus2021", "nummer": "2026/77", "titel": "Unga",
                                                     "oppnar": "2026-10-01", "stanger": "2027-02-01", "bevakning": "planeras"})
    assert response.status_code == 302
    utlysning = Utlysning.objects.get(nummer="2026/77")
    response = client.post(f"/esf/nytt/?utlysning={utlysning.pk}", {
        "namn": "Unga framåt", "utlysning": utlysning.pk, "roll": "medfinansiar", "agare": org_a.pk, "parter": [af.pk],
        "period_start": "2027-03-01", "period_slut": "2029-12-31"})
    projekt = EsfProjekt.objects.get(namn="Unga framåt")
    assert response["Location"] == f"/esf/{projekt.pk}/"
    client.post(f"/esf/{projekt.pk}/delprojekt/", {"namn": "Delprojekt Nyköping", "agare": org_a.pk, "budget": "900000"})
    client.post(f"/esf/{projekt.pk}/resultat/", {"ar": "2027", "inskrivna_kvinnor": "10", "inskrivna_man": "8",
                                                 "avslutade_kvinnor": "3", "avslutade_man": "2", "arbete_studier_kvinnor": "1",
                                                 "arbete_studier_man": "1"})
    html = client_for(owner_a).get("/esf/").content.decode()
    assert "Unga framåt" in html
    detail = client_for(owner_a).get(f"/esf/{projekt.pk}/").content.decode()
    assert "Delprojekt Nyköping" in detail and "18 (10/8)" in detail


def test_the_budget_page_shows_esf_income_and_support_from_the_projects(client_for, staff, org_a, af):
    projekt = project(staff, org_a, af, roll="agare", agare=None)
    services.pengar_save(projekt=projekt, user=staff, ar=2021, esf_medel=2_700_000, forbundets_medfinansiering=500_000)
    from rar.models import Budgetpost

    Budgetpost.objects.create(ar=2021, slag="kostnad", namn="Kansli", belopp=3_000_000)
    html = client_for(staff).get("/budget/").content.decode().replace("\u00a0", " ")
    assert "ESF-medel i projekt som förbundet äger</th><td class=\"num\">2 700</td>" in html
    assert "Stöd ESF-projekt (förbundets medfinansiering)</th><td class=\"num\">500</td>" in html


def test_upcoming_deadlines_appear_on_the_staff_start_page(client_for, staff):
    import datetime as dt

    today = dt.date.today()
    call(staff, stanger=today + dt.timedelta(days=10), oppnar=today - dt.timedelta(days=5))
    assert "ESF-utlysningar som stänger" in client_for(staff).get("/").content.decode()
