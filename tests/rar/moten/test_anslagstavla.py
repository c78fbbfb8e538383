"""The public digital notice board (anslagstavla): notices of adjusted protocols while posted, then the archive."""

import datetime

import pytest
from django.test import Client
from django.utils import timezone

from rar.errors import DomainError, NotAllowed
from rar.models import Organ, Paragraf, Sammantrade
from rar.moten import anslagstavla
from rar.moten import services as moten
from tests.factories import application_ready_for_board
from tests.pdf import pdf_text
from tests.rar.moten.justerat import adjust, body, decide_all, held, post

TODAY = timezone.localdate()


@pytest.fixture
def board(org_a, org_b):
    return body(Organ.Typ.STYRELSE, org_a, org_b, namn="Förbundsstyrelsen")


@pytest.fixture
def posted(staff, board, owner_a, af):
    """A board meeting held five days ago on a case and two information items, adjusted, posted today."""
    organ, chair, adjuster, _ = board
    ready = application_ready_for_board(owner_a, staff, af)
    meeting = held(staff, organ, chair, adjuster, cases=[ready.arende], lank="https://video.example/styrelsens-rum",
                   ovriga="Revisor från revisionsbyrån (gäst)",
                   items=[("Ekonomisk uppföljning", "Utfallet per oktober redovisades."),
                          ("Personalärende", "Uppgifter om en enskild anställds hälsa.")])
    decide_all(meeting, staff, funding=("full", "Full finansiering beviljas, 1 000 000 kr."))
    adjust(meeting, staff, chair, adjuster)
    anslagstavla.paragraf_set_sekretess(paragraf=meeting.paragrafer.get(rubrik="Personalärende"), user=staff, sekretess=True)
    return post(Sammantrade.objects.get(pk=meeting.pk), staff)


def numbers(meeting):
    return list(meeting.paragrafer.order_by("ordning").values_list("nummer", flat=True))


def test_a_posted_notice_is_on_the_board_without_login(posted):
    response = Client().get("/anslagstavla/")
    html = response.content.decode()
    assert response.status_code == 200
    first, last = numbers(posted)[0], numbers(posted)[-1]
    for expected in ["Förbundsstyrelsen", f'Sammanträdesdatum</dt><dd class="col-sm-8">{posted.datum:%Y-%m-%d}',
                     f'Protokollet justerat</dt><dd class="col-sm-8">{timezone.localdate(posted.justerat_tid):%Y-%m-%d}',
                     f"{posted.anslag_uppsatt:%Y-%m-%d} – {posted.anslag_nedtas:%Y-%m-%d}", "Förbundets kansli",
                     f"§§ {first}–{last}", f'href="/anslagstavla/{posted.pk}/protokoll/"']:
        assert expected in html, expected


def test_a_notice_comes_down_after_three_weeks_and_stays_in_the_archive(posted, monkeypatch):
    monkeypatch.setattr(anslagstavla, "today", lambda: posted.anslag_nedtas)
    assert f"/anslagstavla/{posted.pk}/protokoll/" in Client().get("/anslagstavla/").content.decode()  # the last day
    monkeypatch.setattr(anslagstavla, "today", lambda: posted.anslag_nedtas + datetime.timedelta(days=1))
    assert f"/anslagstavla/{posted.pk}/protokoll/" not in Client().get("/anslagstavla/").content.decode()
    archive = Client().get("/anslagstavla/arkiv/").content.decode()
    assert f"/anslagstavla/{posted.pk}/protokoll/" in archive and f"{posted.datum:%Y-%m-%d}" in archive


def test_a_notice_still_posted_is_not_in_the_archive(posted):
    assert f"/anslagstavla/{posted.pk}/protokoll/" not in Client().get("/anslagstavla/arkiv/").content.decode()


def test_the_public_protocol_leaves_out_a_secret_paragraph_with_a_line(posted):
    response = Client().get(f"/anslagstavla/{posted.pk}/protokoll/")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    secret = posted.paragrafer.get(rubrik="Personalärende")
    assert f"§ {secret.nummer} – sekretess" in text
    assert "Personalärende" not in text and "enskild anställds hälsa" not in text
    assert "Ekonomisk uppföljning" in text and "Utfallet per oktober redovisades." in text


def test_the_staffs_protocol_keeps_the_secret_paragraph(posted, client_for, staff):
    text = pdf_text(client_for(staff).get(f"/sammantraden/{posted.pk}/protokoll/", {"format": "pdf"}).content)
    assert "Personalärende" in text and "enskild anställds hälsa" in text


def test_internal_fields_are_not_shown_on_the_board(posted):
    html = Client().get("/anslagstavla/").content.decode() + Client().get("/anslagstavla/arkiv/").content.decode()
    for internal in ["video.example", "Revisor från revisionsbyrån", "Personalärende", "enskild anställds hälsa",
                     "Unga på väg", "Kallelse skickad", "Skicka kallelse", "Justera protokollet", "Logga ut"]:
        assert internal not in html, internal


@pytest.fixture
def other_meetings(staff, board):
    """A planned meeting, one held but not adjusted, and one adjusted but not yet posted."""
    organ, chair, adjuster, _ = board
    planned = moten.sammantrade_create(user=staff, organ=organ, datum=TODAY + datetime.timedelta(days=20),
                                       tid_fran=datetime.time(9), plats="Planerad lokal")
    draft = held(staff, organ, chair, adjuster, days_ago=12, plats="Ojusterad lokal",
                 items=[("Utkastpunkt", "Text i ett ojusterat protokoll.")])
    adjusted = held(staff, organ, chair, adjuster, days_ago=8, plats="Justerad ej anslagen lokal",
                    items=[("Ej anslagen punkt", "Text i ett justerat men ej anslaget protokoll.")])
    decide_all(adjusted, staff)
    adjust(adjusted, staff, chair, adjuster)
    return planned, draft, Sammantrade.objects.get(pk=adjusted.pk)


def test_drafts_planned_and_unposted_protocols_are_not_on_the_board(other_meetings):
    html = Client().get("/anslagstavla/").content.decode() + Client().get("/anslagstavla/arkiv/").content.decode()
    for meeting in other_meetings:
        assert f"/anslagstavla/{meeting.pk}/" not in html
        assert f"{meeting.datum:%Y-%m-%d}" not in html
    assert "Inga anslag just nu." in html


def test_the_public_protocol_of_a_meeting_not_posted_is_not_found(other_meetings):
    for meeting in other_meetings:
        assert Client().get(f"/anslagstavla/{meeting.pk}/protokoll/").status_code == 404


def test_staff_mark_a_paragraph_secret_on_the_meeting_page(staff, board, client_for):
    organ, chair, adjuster, _ = board
    meeting = held(staff, organ, chair, adjuster, items=[("Personalärende", "Känsligt.")])
    paragraph = meeting.paragrafer.get(rubrik="Personalärende")
    response = client_for(staff).post(f"/paragrafer/{paragraph.pk}/sekretess/", {"sekretess": "1"})
    assert response.status_code == 302
    paragraph.refresh_from_db()
    assert paragraph.sekretess is True
    assert "Sekretess" in client_for(staff).get(f"/sammantraden/{meeting.pk}/").content.decode()


def test_only_staff_mark_paragraphs_secret(staff, board, board_member):
    organ, chair, adjuster, _ = board
    meeting = held(staff, organ, chair, adjuster)
    with pytest.raises(NotAllowed, match="Bara förbundets kansli"):
        anslagstavla.paragraf_set_sekretess(paragraf=meeting.paragrafer.first(), user=chair, sekretess=True)


def test_the_secrecy_of_a_posted_protocol_cannot_change(posted, staff):
    paragraph = posted.paragrafer.get(rubrik="Personalärende")
    with pytest.raises(DomainError, match="Protokollet är redan anslaget"):
        anslagstavla.paragraf_set_sekretess(paragraf=paragraph, user=staff, sekretess=False)
    assert Paragraf.objects.get(pk=paragraph.pk).sekretess is True


def test_the_public_pages_are_linked_from_the_public_menu(posted):
    html = Client().get("/katalog/").content.decode()
    assert 'href="/anslagstavla/"' in html


def test_the_board_shows_a_fixed_number_of_queries(posted, django_assert_max_num_queries):
    with django_assert_max_num_queries(4):
        Client().get("/anslagstavla/")
