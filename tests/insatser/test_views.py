import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from insatser import services
from insatser.models import Ansokan, Avtal, Beviljat, Insats
from rar.case_handlers import Beslutsutfall
from rar.models import Arende
from tests.factories import OrganisationFactory, application_ready_for_board, complete_application
from tests.pdf import pdf_text


def form_data(ansokan, **overrides):
    """What the application form posts, with the management forms of the goal and budget formsets."""
    data = {
        "version": ansokan.version, "titel": ansokan.titel, "syfte": "Syfte", "malgrupp": "Unga vuxna",
        "mal-TOTAL_FORMS": 1, "mal-INITIAL_FORMS": 0, "budget-TOTAL_FORMS": 1, "budget-INITIAL_FORMS": 0,
        "mal-0-typ": "", "mal-0-beskrivning": "", "mal-0-indikator": "", "mal-0-malvarde": "",
        "budget-0-ar": "", "budget-0-belopp": "",
    }
    data.update(overrides)
    return data


def test_owner_creates_an_application_through_the_form(client_for, owner_a):
    response = client_for(owner_a).post("/ansokningar/ny/", {"titel": "Unga på väg", "typ": "ny"})
    ansokan = Ansokan.objects.get()
    assert response["Location"] == f"/ansokningar/{ansokan.pk}/redigera/"
    assert ansokan.arende.typ == Arende.Typ.ANSOKAN


def test_an_incomplete_draft_is_saved_without_complaint(client_for, owner_a):
    ansokan = services.ansokan_create(user=owner_a, titel="Utkast")
    response = client_for(owner_a).post(f"/ansokningar/{ansokan.pk}/redigera/", form_data(ansokan, syfte="Bara syftet hittills"))
    assert response.status_code == 302
    ansokan.refresh_from_db()
    assert ansokan.syfte == "Bara syftet hittills" and ansokan.status == Ansokan.Status.UTKAST


def test_a_failed_submit_saves_the_draft_and_lists_what_is_missing(client_for, owner_a):
    ansokan = services.ansokan_create(user=owner_a, titel="Utkast")
    response = client_for(owner_a).post(
        f"/ansokningar/{ansokan.pk}/redigera/",
        form_data(ansokan, syfte="Skrivet syfte", action="skicka", **{"budget-0-ar": "2027", "budget-0-belopp": "100000"}),
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "Det här saknas innan ansökan kan skickas in" in html
    assert "En ansökan ska ha minst två parter" in html
    assert "Skrivet syfte" in html
    ansokan.refresh_from_db()
    assert ansokan.status == Ansokan.Status.UTKAST and ansokan.syfte == "Skrivet syfte"
    assert list(ansokan.budget.values_list("ar", "belopp")) == [(2027, 100_000)]


def test_a_malformed_date_is_explained_and_the_typed_text_kept(client_for, owner_a):
    ansokan = services.ansokan_create(user=owner_a, titel="Utkast")
    response = client_for(owner_a).post(
        f"/ansokningar/{ansokan.pk}/redigera/", form_data(ansokan, period_start="2027-13-45", syfte="Behåll mig")
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "Fyll i ett giltigt datum." in html and 'value="2027-13-45"' in html and "Behåll mig" in html


def test_a_budget_row_without_year_is_explained(client_for, owner_a):
    ansokan = services.ansokan_create(user=owner_a, titel="Utkast")
    response = client_for(owner_a).post(f"/ansokningar/{ansokan.pk}/redigera/", form_data(ansokan, **{"budget-0-belopp": "5000"}))
    assert "Ange både år och belopp, eller lämna raden tom." in response.content.decode()


def test_a_stale_form_is_refused_with_what_changed_and_keeps_input(client_for, owner_a):
    ansokan = services.ansokan_create(user=owner_a, titel="Utkast")
    old = ansokan.version
    services.ansokan_save(ansokan=ansokan, user=owner_a, version=old, fields={"metod": "Kollegans metod"})
    response = client_for(owner_a).post(f"/ansokningar/{ansokan.pk}/redigera/", form_data(ansokan, version=old, syfte="Mitt syfte"))
    html = response.content.decode()
    assert response.status_code == 409
    assert "Någon annan har sparat ändringar" in html and "metod" in html and "Mitt syfte" in html


def test_owner_submits_a_complete_application_through_the_form(client_for, owner_a, af):
    ansokan = complete_application(owner_a, af)
    response = client_for(owner_a).post(f"/ansokningar/{ansokan.pk}/steg/skicka/")
    assert response.status_code == 302
    ansokan.refresh_from_db()
    assert ansokan.status == Ansokan.Status.INSKICKAD


def test_staff_take_an_application_to_the_working_committee(client_for, staff, owner_a, af):
    """The AU's recommendation is then a § in its minutes (tests/rar/moten/test_au.py), not typed on this page."""
    ansokan = services.ansokan_submit(ansokan=complete_application(owner_a, af), user=owner_a)
    client = client_for(staff)
    client.post(f"/ansokningar/{ansokan.pk}/steg/bered/")
    client.post(f"/ansokningar/{ansokan.pk}/steg/au/")
    ansokan.refresh_from_db()
    assert ansokan.status == Ansokan.Status.HOS_AU
    html = client.get(f"/ansokningar/{ansokan.pk}/").content.decode()
    assert "Regelkontroller inför beslut" in html and "Hos arbetsutskottet" in html


def test_owner_cannot_take_a_staff_step(client_for, owner_a, af):
    ansokan = services.ansokan_submit(ansokan=complete_application(owner_a, af), user=owner_a)
    response = client_for(owner_a).post(f"/ansokningar/{ansokan.pk}/steg/bered/", follow=True)
    assert "Bara förbundets kansli bereder ansökningar." in response.content.decode()
    ansokan.refresh_from_db()
    assert ansokan.status == Ansokan.Status.INSKICKAD


@pytest.fixture
def insats(owner_a, staff, af):
    ansokan = application_ready_for_board(owner_a, staff, af)
    services.ansokan_decide(ansokan=ansokan, utfall=Beslutsutfall.FULL, belopp=None, user=staff,
                            beslutstext="Full finansiering beviljas, 1 000 000 kr.", beslutsdatum=datetime.date(2026, 11, 20))
    return Insats.objects.get(ansokan=ansokan)


def test_owner_of_another_organisation_gets_404_on_a_foreign_insats(client_for, owner_b, insats):
    client = client_for(owner_b)
    assert client.get(f"/insatser/{insats.pk}/").status_code == 404
    assert client.get(f"/ansokningar/{insats.ansokan_id}/").status_code == 404
    avtal = Avtal.objects.get(insats=insats)
    assert client.get(f"/avtal/{avtal.pk}/pdf/").status_code == 404


def test_a_partner_organisation_reads_the_insats(client_for, insats, af):
    from rar import roles
    from tests.factories import UserFactory

    partner_user = UserFactory(username="af_kontakt", organisation=af, roles=[roles.INSATSAGARE])
    assert client_for(partner_user).get(f"/insatser/{insats.pk}/").status_code == 200


def test_the_insats_page_shows_the_whole_thread(client_for, staff, insats):
    html = client_for(staff).get(f"/insatser/{insats.pk}/").content.decode().replace("\u00a0", " ").replace("\u202f", " ")
    for text in ["Ansökningar och beslut", "Full finansiering beviljas, 1 000 000 kr.", "Beviljade medel per år",
                 "600 000 kr", "Avtal", "Lägesrapporter", "Handlingar", "Historik"]:
        assert text in html, text


def test_the_agreement_pdf_holds_amount_period_and_parties(client_for, staff, insats):
    response = client_for(staff).get(f"/avtal/{Avtal.objects.get(insats=insats).pk}/pdf/")
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    for expected in ["Avtal om finansiering", "Unga på väg", "Nyköpings kommun", "Arbetsförmedlingen",
                     "1 000 000 kr", "600 000 kr", "400 000 kr", "2027-01-01 – 2028-12-31"]:
        assert expected in text, expected


def test_agreement_pdf_shows_who_accepted(client_for, staff, owner_a, insats):
    avtal = Avtal.objects.get(insats=insats)
    client_for(owner_a).post(f"/avtal/{avtal.pk}/godkann/agare/")
    text = pdf_text(client_for(staff).get(f"/avtal/{avtal.pk}/pdf/").content)
    owners_block = text[text.index("För Nyköpings kommun"):]
    assert "Anna" in owners_block and "Godkänt i RAR Insats" in owners_block


def test_the_insats_list_exports_csv_and_excel(client_for, staff, insats):
    client = client_for(staff)
    csv = client.get("/insatser/", {"export": "csv"})
    assert csv["Content-Type"].startswith("text/csv")
    body = csv.content.decode("utf-8-sig")
    assert "Diarienummer;Insats;Insatsägare" in body and "Unga på väg" in body and "1000000" in body
    xlsx = client.get("/insatser/", {"export": "xlsx"})
    from io import BytesIO

    from openpyxl import load_workbook

    sheet = load_workbook(BytesIO(xlsx.content)).active
    assert sheet["B2"].value == "Unga på väg" and sheet["J2"].value == 1_000_000


def test_the_list_filters_by_status_and_owner(client_for, staff, insats, org_b):
    client = client_for(staff)
    assert "Unga på väg" in client.get("/insatser/", {"status": "pagaende"}).content.decode()
    assert "Unga på väg" not in client.get("/insatser/", {"status": "avslutad"}).content.decode()
    assert "Unga på väg" not in client.get("/insatser/", {"agare": org_b.pk}).content.decode()


def make_insatser(count, owner_org, partner, arende_user):
    """Bulk-insert `count` granted insatser with a party and money, for query-count tests."""
    from django.db.models import Max

    start = (Arende.objects.filter(ar=2026).aggregate(m=Max("lopnummer"))["m"] or 0) + 1
    arenden = Arende.objects.bulk_create([
        Arende(ar=2026, lopnummer=n, diarienummer=f"RAR 2026/{n}", titel=f"Insats {n}", organisation=owner_org)
        for n in range(start, start + count)
    ])
    ansokningar = Ansokan.objects.bulk_create([
        Ansokan(arende=a, titel=a.titel, agare=owner_org, kontaktperson=arende_user, status=Ansokan.Status.BEVILJAD,
                beviljat_belopp=100_000)
        for a in arenden
    ])
    insatser = Insats.objects.bulk_create([
        Insats(arende=a.arende, ansokan=a, namn=a.titel, agare=owner_org, inriktning="individ",
               period_start=datetime.date(2026, 1, 1), period_slut=datetime.date(2027, 12, 31))
        for a in ansokningar
    ])
    Insats.parter.through.objects.bulk_create([Insats.parter.through(insats=i, organisation=partner) for i in insatser])
    Ansokan.parter.through.objects.bulk_create([Ansokan.parter.through(ansokan=a, organisation=partner) for a in ansokningar])
    Beviljat.objects.bulk_create([Beviljat(insats=i, ansokan=i.ansokan, ar=2026, belopp=100_000) for i in insatser])


def count_queries(client, url):
    client.get("/")  # the session's first request writes its idle timestamp; a page's own queries are counted
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("url", ["/insatser/", "/ansokningar/"])
def test_list_pages_run_the_same_queries_for_10_and_500_insatser(client_for, staff, org_a, af, url):
    client = client_for(staff)
    make_insatser(10, org_a, af, staff)
    few = count_queries(client, url)
    make_insatser(490, org_a, af, staff)
    assert count_queries(client, url) == few
    assert few <= 12


def test_the_owner_list_runs_the_same_queries_for_10_and_500(client_for, owner_a, staff, org_a, af):
    client = client_for(owner_a)
    make_insatser(10, org_a, af, staff)
    few = count_queries(client, "/insatser/")
    make_insatser(490, org_a, af, staff)
    assert count_queries(client, "/insatser/") == few


def test_owner_sees_only_insatser_of_own_organisation(client_for, owner_b, staff, org_a, af):
    make_insatser(3, org_a, af, staff)
    other = OrganisationFactory(namn="Flens kommun", lansdel="vastra")
    make_insatser(1, owner_b.organisation, other, staff)
    html = client_for(owner_b).get("/insatser/").content.decode()
    assert "1 insats." in html


@pytest.fixture
def signed_insats(insats, owner_a, staff):
    avtal = Avtal.objects.get(insats=insats)
    services.avtal_sign(avtal=avtal, user=owner_a, part="agare")
    services.avtal_sign(avtal=avtal, user=staff, part="forbund")
    return insats


def test_owner_files_a_status_report_in_the_browser_form(client_for, owner_a, signed_insats):
    insats = signed_insats
    rapport = insats.lagesrapporter.order_by("forfaller").first()
    goal = services.report_goals(insats).first()
    client = client_for(owner_a)
    page = client.get(f"/lagesrapporter/{rapport.pk}/").content.decode()
    assert "Spara och lämna in" in page
    data = {"version": rapport.version, "inskrivna": "12", "avslutade": "3", "till_arbete_studier": "2", "kostnader": "300000",
            "risker": "", "implementering": "Dialog pågår", "mal-TOTAL_FORMS": 1, "mal-INITIAL_FORMS": 1,
            "mal-0-mal_id": goal.pk, "mal-0-status": "enligt_plan", "mal-0-varde": "2", "mal-0-kommentar": "", "action": "skicka"}
    response = client.post(f"/lagesrapporter/{rapport.pk}/", data)
    assert response.status_code == 302
    rapport.refresh_from_db()
    assert rapport.status == "inlamnad" and rapport.kostnader == 300_000


def test_a_negative_cost_is_refused_with_input_kept(client_for, owner_a, signed_insats):
    insats = signed_insats
    rapport = insats.lagesrapporter.order_by("forfaller").first()
    goal = services.report_goals(insats).first()
    data = {"version": rapport.version, "kostnader": "-5", "risker": "Skrivet", "implementering": "", "mal-TOTAL_FORMS": 1,
            "mal-INITIAL_FORMS": 1, "mal-0-mal_id": goal.pk, "mal-0-status": "", "mal-0-varde": "", "mal-0-kommentar": ""}
    response = client_for(owner_a).post(f"/lagesrapporter/{rapport.pk}/", data)
    html = response.content.decode()
    assert response.status_code == 400 and "Kontrollera att detta värde är större än eller lika med 0." in html
    assert "Skrivet" in html
