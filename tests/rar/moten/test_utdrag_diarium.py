"""The extract of each paragraph on a case is registered in the case when the paragraph is adjusted."""

import pytest
from django.utils import timezone

from rar.models import Handling, Organ
from rar.moten import services as moten
from tests.factories import application_ready_for_board
from tests.pdf import pdf_text
from tests.rar.moten.justerat import adjust, body, decide_all, held

INKOMMANDE, UPPRATTAD, UTGAENDE = Handling.Riktning.values


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def board(org_a, org_b):
    return body(Organ.Typ.STYRELSE, org_a, org_b, namn="Förbundsstyrelsen")


@pytest.fixture
def ready(owner_a, staff, af):
    return application_ready_for_board(owner_a, staff, af, years=((2027, 300_000), (2028, 200_000)))


def extracts(arende):
    return list(Handling.objects.filter(arende=arende, kalla__startswith="utdrag:").order_by("nummer"))


def test_the_boards_extract_is_registered_as_outgoing_when_the_protocol_is_adjusted(staff, board, ready, commit):
    organ, chair, adjuster, _ = board
    meeting = held(staff, organ, chair, adjuster, cases=[ready.arende])
    decide_all(meeting, staff, funding=("full", "Full finansiering beviljas, 500 000 kr."))
    paragraph = meeting.paragrafer.get(arende=ready.arende)
    moten.protokoll_skicka_for_justering(sammantrade=meeting, user=staff)
    with commit():
        moten.protokoll_justera(sammantrade=meeting, user=chair)
    assert extracts(ready.arende) == []  # not adjusted until every signer has signed
    with commit():
        adjusted = moten.protokoll_justera(sammantrade=meeting, user=adjuster)
    (handling,) = extracts(ready.arende)
    assert handling.riktning == UTGAENDE and handling.delad_med_parter  # the decision concerns every party
    assert handling.titel == f"Protokollsutdrag Förbundsstyrelsen {meeting.datum:%Y-%m-%d} § {paragraph.nummer}: Unga på väg"
    assert handling.datum == timezone.localdate(adjusted.justerat_tid) and handling.uppladdad_av == staff
    with handling.fil.open("rb") as stream:
        text = pdf_text(stream.read())
    assert "PROTOKOLLSUTDRAG" in text and f"§ {paragraph.nummer} Unga på väg" in text and "500 000 kr" in text
    assert f"Dokumentnummer {handling.beteckning}" in text


def test_a_paragraph_adjusted_at_once_is_registered_then_and_not_again_with_the_protocol(staff, board, ready, commit):
    organ, chair, adjuster, _ = board
    meeting = held(staff, organ, chair, adjuster, cases=[ready.arende])
    decide_all(meeting, staff, funding=("avslag", "Ansökan avslås."))
    paragraph = meeting.paragrafer.get(arende=ready.arende)
    with commit():
        for signer in (chair, adjuster):  # adjusted at once when the chair and an adjuster have signed it
            moten.paragraf_justera_omedelbart(paragraf=paragraph, user=signer)
    assert len(extracts(ready.arende)) == 1
    with commit():
        adjust(meeting, staff, chair, adjuster)
    assert len(extracts(ready.arende)) == 1


def test_the_working_committees_extract_is_registered_as_drawn_up(staff, org_a, org_b, owner_a, af, commit):
    organ, chair, adjuster, _ = body(Organ.Typ.ARBETSUTSKOTT, org_a, org_b, namn="Arbetsutskottet")
    ansokan = application_ready_for_board(owner_a, staff, af)
    meeting = held(staff, organ, chair, adjuster, cases=[ansokan.arende])
    decide_all(meeting, staff)
    with commit():
        adjust(meeting, staff, chair, adjuster)
    (handling,) = extracts(ansokan.arende)
    assert handling.riktning == UPPRATTAD and handling.titel.startswith("Protokollsutdrag Arbetsutskottet ")


def test_paragraphs_without_a_case_register_nothing(staff, board, commit):
    organ, chair, adjuster, _ = board
    meeting = held(staff, organ, chair, adjuster, items=[("Information från förbundschefen", "Läget i förbundet.")])
    decide_all(meeting, staff)
    with commit():
        adjust(meeting, staff, chair, adjuster)
    assert not Handling.objects.exists()


def test_the_extract_lists_the_cases_documents_as_its_basis(staff, board, owner_a, af, commit):
    organ, chair, adjuster, _ = board
    from insatser import services
    from tests.factories import complete_application

    ansokan = complete_application(owner_a, af)
    with commit():
        ansokan = services.ansokan_submit(ansokan=ansokan, user=owner_a)
    ansokan = services.ansokan_start_review(ansokan=ansokan, user=staff)
    ansokan = services.ansokan_send_to_au(ansokan=ansokan, user=staff)
    services.ansokan_au_recommend(ansokan=ansokan, user=staff, rekommendation="tillstyrks", motivering="Väl förankrad.")
    meeting = held(staff, organ, chair, adjuster, cases=[ansokan.arende], days_ago=0)  # after the application came in
    decide_all(meeting, staff, funding=("full", "Full finansiering beviljas."))
    with commit():
        adjust(meeting, staff, chair, adjuster)
    handling = extracts(ansokan.arende)[0]
    with handling.fil.open("rb") as stream:
        text = pdf_text(stream.read())
    assert f"Beslutsunderlag Ansökan om finansiering: Unga på väg ({ansokan.arende.diarienummer}-1)" in text
