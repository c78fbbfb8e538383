"""Input never crashes: parameters are read by forms (a garbled one is a 400 in Swedish), names built from files
or other objects are cut to their column, and one-line fields refuse line breaks."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from insatser import services
from insatser.models import Ansokan, Insats
from rar.case_handlers import Beslutsutfall
from rar.models import Handling, Organ, Paragraf
from rar.moten import services as moten
from tests.factories import application_ready_for_board, complete_application

SUPERSCRIPT_TWO = "²"  # str.isdigit() says yes, int() says no


@pytest.mark.parametrize("url", [
    "/budget/", "/uppfoljning/arsuppfoljning/", "/uppfoljning/arsuppfoljning/?format=pdf", "/uppfoljning/finsam/",
])
def test_a_superscript_year_is_a_bad_request_that_says_what_is_wrong(client_for, staff, url):
    response = client_for(staff).get(url + ("&" if "?" in url else "?") + f"ar={SUPERSCRIPT_TWO}")
    assert response.status_code == 400
    assert "År: Fyll i ett heltal." in response.content.decode()


@pytest.mark.parametrize("url", ["/uppfoljning/arsuppfoljning/?ar=1800", "/uppfoljning/finsam/?ar=99999",
                                 "/budget/?ar=1999"])
def test_a_year_outside_what_the_page_covers_is_refused_not_silently_replaced(client_for, staff, url):
    response = client_for(staff).get(url)
    assert response.status_code == 400
    assert "År:" in response.content.decode()


def test_a_known_budget_year_still_shows_that_year_only(client_for, staff):
    from rar.models import Budgetpost

    Budgetpost.objects.create(ar=2026, slag="kostnad", namn="Kansli", belopp=3_000_000, ordning=10)
    Budgetpost.objects.create(ar=2027, slag="kostnad", namn="Kansli", belopp=3_100_000, ordning=10)
    response = client_for(staff).get("/budget/?ar=2027")
    assert response.status_code == 200
    assert [year.ar for year in response.context["budget"]] == [2027]


def test_an_unknown_export_format_is_refused(client_for, staff):
    response = client_for(staff).get("/budget/?export=docx")
    assert response.status_code == 400
    assert "Format:" in response.content.decode()


def test_a_garbled_call_for_a_new_esf_project_is_a_bad_request(client_for, staff):
    response = client_for(staff).get(f"/esf/nytt/?utlysning={SUPERSCRIPT_TWO}")
    assert response.status_code == 400


@pytest.fixture
def meeting_with_one_item(staff, owner_a, af):
    styrelse = Organ.objects.create(namn="Förbundsstyrelsen", typ="styrelse")
    ansokan = application_ready_for_board(owner_a, staff, af)
    meeting = moten.sammantrade_create(user=staff, organ=styrelse, datum=datetime.date(2026, 12, 4),
                                       tid_fran=datetime.time(9), plats="Nyköping")
    moten.agenda_add_item(sammantrade=meeting, user=staff, typ="information", rubrik="Information från kansliet",
                          text="", version=meeting.version)
    meeting.refresh_from_db()
    return meeting, ansokan


def test_a_superscript_case_id_added_to_a_meeting_is_a_bad_request_and_adds_nothing(client_for, staff, meeting_with_one_item):
    meeting, ansokan = meeting_with_one_item
    before = Paragraf.objects.count()
    response = client_for(staff).post(f"/sammantraden/{meeting.pk}/arenden/",
                                      {"arende": [ansokan.arende_id, SUPERSCRIPT_TWO], "version": meeting.version})
    assert response.status_code == 400
    assert "Ärenden:" in response.content.decode()
    assert Paragraf.objects.count() == before


def test_a_superscript_agenda_version_is_a_bad_request_and_moves_nothing(client_for, staff, meeting_with_one_item):
    meeting, _ = meeting_with_one_item
    paragraph = meeting.paragrafer.get(rubrik="Information från kansliet")
    order = list(meeting.paragrafer.order_by("ordning").values_list("pk", flat=True))
    response = client_for(staff).post(f"/paragrafer/{paragraph.pk}/dagordning/upp/", {"version": SUPERSCRIPT_TWO})
    assert response.status_code == 400
    assert "Version: Fyll i ett heltal." in response.content.decode()
    assert list(meeting.paragrafer.order_by("ordning").values_list("pk", flat=True)) == order


def test_a_good_agenda_version_still_moves_the_item(client_for, staff, meeting_with_one_item):
    meeting, _ = meeting_with_one_item
    paragraph = meeting.paragrafer.get(rubrik="Information från kansliet")
    before = list(meeting.paragrafer.order_by("ordning"))
    response = client_for(staff).post(f"/paragrafer/{paragraph.pk}/dagordning/upp/", {"version": meeting.version})
    assert response.status_code == 302
    after = list(meeting.paragrafer.order_by("ordning"))
    assert after.index(paragraph) == before.index(paragraph) - 1


def test_a_very_long_upload_file_name_is_cut_to_its_columns_keeping_the_extension(client_for, owner_a, af):
    draft = complete_application(owner_a, af)
    name = "protokoll-" + "x" * 290 + ".pdf"
    assert len(name) == 304
    response = client_for(owner_a).post(f"/diarium/{draft.arende_id}/handlingar/ny/",
                                        {"titel": "", "fil": SimpleUploadedFile(name, b"%PDF-1.4 test")})
    assert response.status_code == 302
    handling = Handling.objects.get()
    assert len(handling.titel) == Handling._meta.get_field("titel").max_length and handling.titel.endswith("…")
    assert len(handling.filnamn) <= Handling._meta.get_field("filnamn").max_length
    assert handling.filnamn.startswith("protokoll-xxx") and handling.filnamn.endswith(".pdf")


@pytest.fixture
def insats_with_a_long_name(owner_a, staff, af):
    ansokan = application_ready_for_board(owner_a, staff, af, titel="Långt namn " + "å" * 189,
                                          years=((2025, 500_000), (2026, 500_000)))
    services.ansokan_decide(ansokan=ansokan, utfall=Beslutsutfall.FULL, belopp=None, beslutstext="", user=staff,
                            beslutsdatum=datetime.date(2024, 12, 1))
    insats = Insats.objects.get(ansokan=ansokan)
    assert len(insats.namn) == 200
    return insats


def test_an_extension_of_an_insats_with_a_200_character_name_gets_a_title_that_fits(client_for, owner_a,
                                                                                     insats_with_a_long_name):
    response = client_for(owner_a).post(f"/insatser/{insats_with_a_long_name.pk}/forlangning/")
    assert response.status_code == 302
    extension = Ansokan.objects.get(typ=Ansokan.Typ.FORLANGNING)
    assert len(extension.titel) == Ansokan._meta.get_field("titel").max_length
    assert extension.titel.startswith("Långt namn åå") and extension.titel.endswith("… – förlängning")


def test_a_completion_request_is_read_by_its_form_and_an_overlong_comment_changes_nothing(client_for, owner_a, staff, af):
    ansokan = services.ansokan_submit(ansokan=complete_application(owner_a, af), user=owner_a)
    ansokan = services.ansokan_start_review(ansokan=ansokan, user=staff)
    response = client_for(staff).post(f"/ansokningar/{ansokan.pk}/steg/komplettering/", {"kommentar": "x" * 5001}, follow=True)
    assert "Kommentar: Säkerställ att detta värde har som mest 5000 tecken" in response.content.decode()
    assert Ansokan.objects.get(pk=ansokan.pk).status == Ansokan.Status.UNDER_BEREDNING
