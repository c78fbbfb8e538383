"""Signing: the chair and adjusters are notified, sign in the app from their own login, and the protocol shows it.
Corrections after justering are new paragraphs that refer to the old one."""

import pytest
from django.core import mail

from rar.errors import DomainError
from rar.models import Handelse, JusteringSignatur, Notis, Notisval, Paragraf, Sammantrade
from rar.moten import services as moten
from rar.moten.models import ParagrafSignatur
from tests.pdf import pdf_text
from tests.rar.moten.conftest import build_lock, convene, decide, send_and_sign

BROWSER = "Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0"


def test_chair_and_adjusters_are_notified_in_the_app(staff, board):
    meeting, item = convene(staff, board)
    decide(item, staff)
    send_and_sign(meeting, staff)
    notices = Notis.objects.filter(handelse=Handelse.PROTOKOLL_ATT_JUSTERA)
    assert {n.mottagare for n in notices} == {board.chair, board.adjuster}
    assert all(n.url == f"/sammantraden/{meeting.pk}/" for n in notices)


def test_the_notice_mail_goes_to_those_who_want_it(staff, board, django_capture_on_commit_callbacks):
    Notisval.objects.create(anvandare=board.adjuster, handelse=Handelse.PROTOKOLL_ATT_JUSTERA, epost=False)
    meeting, item = convene(staff, board)
    decide(item, staff)
    moten.sammantrade_genomfor(sammantrade=meeting, user=staff)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        moten.protokoll_skicka_for_justering(sammantrade=meeting, user=staff)
    assert [m.to for m in mail.outbox] == [["sven@example.se"]]
    assert "Protokoll att justera" in mail.outbox[0].subject


def test_a_signature_records_who_when_and_from_which_login(staff, board, client_for):
    meeting, item = convene(staff, board)
    decide(item, staff)
    send_and_sign(meeting, staff)
    client = client_for(board.chair)
    client.post(f"/sammantraden/{meeting.pk}/steg/justera/", REMOTE_ADDR="192.0.2.17", HTTP_USER_AGENT=BROWSER)
    signature = JusteringSignatur.objects.get(sammantrade=meeting)
    assert signature.person == board.chair and signature.roll == "ordforande"
    assert signature.ip == "192.0.2.17" and signature.user_agent == BROWSER
    assert len(signature.inloggning) == 16 and signature.inloggning not in client.session.session_key
    assert not signature.importerad


def test_a_paragraph_signature_records_the_login_too(staff, board, client_for):
    meeting, item = convene(staff, board)
    decide(item, staff)
    client_for(board.adjuster).post(f"/paragrafer/{item.pk}/omedelbar-justering/", REMOTE_ADDR="198.51.100.4",
                                    HTTP_USER_AGENT=BROWSER)
    signature = ParagrafSignatur.objects.get(paragraf=item)
    assert (signature.person, signature.roll, signature.ip, signature.user_agent) == (board.adjuster, "justerare", "198.51.100.4", BROWSER)


def test_no_one_signs_twice_and_no_one_signs_for_another(staff, board, owner_a):
    meeting, item = convene(staff, board)
    decide(item, staff)
    send_and_sign(meeting, staff, board.chair)
    with pytest.raises(DomainError, match="redan justerat"):
        moten.protokoll_justera(sammantrade=meeting, user=board.chair)
    with pytest.raises(DomainError, match="ordförande och justerare"):
        moten.protokoll_justera(sammantrade=meeting, user=staff)


def test_the_protocol_shows_each_signature_with_its_time_in_html_and_pdf(staff, board, client_for):
    meeting, item = convene(staff, board)
    decide(item, staff)
    send_and_sign(meeting, staff, board.chair, board.adjuster)
    signatures = {s.person: s for s in JusteringSignatur.objects.filter(sammantrade=meeting)}
    client = client_for(staff)
    html = client.get(f"/sammantraden/{meeting.pk}/protokoll/").content.decode()
    text = pdf_text(client.get(f"/sammantraden/{meeting.pk}/protokoll/", {"format": "pdf"}).content)
    from django.utils import timezone

    for person, signature in signatures.items():
        line = f"Justerat digitalt {timezone.localtime(signature.tid):%Y-%m-%d %H:%M} (inloggad som {person.username})"
        assert line in html and line in text, line


def test_staff_see_the_address_and_browser_of_each_signature(staff, board, client_for):
    meeting, item = convene(staff, board)
    decide(item, staff)
    send_and_sign(meeting, staff)
    client_for(board.chair).post(f"/sammantraden/{meeting.pk}/steg/justera/", REMOTE_ADDR="192.0.2.17", HTTP_USER_AGENT=BROWSER)
    html = client_for(staff).get(f"/sammantraden/{meeting.pk}/").content.decode()
    assert "192.0.2.17" in html and "Firefox/140.0" in html


# --- Corrections ----------------------------------------------------------------------------------------


def test_a_correction_is_a_new_paragraph_that_refers_to_the_adjusted_one(staff, board, owner_a, af, client_for):
    old_meeting, old = build_lock("anslaget", staff=staff, board=board, owner_a=owner_a, af=af)
    later = moten.sammantrade_create(user=staff, organ=board.organ, datum=old_meeting.datum, tid_fran=old_meeting.tid_fran.replace(hour=15),
                                     plats="Flen")
    client = client_for(staff)
    form = client.get(f"/sammantraden/{later.pk}/punkt/ny/").content.decode()
    assert f"§ {old.nummer} ({old_meeting.datum:%Y-%m-%d}) {old.rubrik}" in form
    client.post(f"/sammantraden/{later.pk}/punkt/ny/", {"typ": "beslut", "rubrik": f"Rättelse av § {old.nummer}",
                                                         "text": "Beslutet angav fel år.", "rattar": old.pk, "version": later.version})
    correction = Paragraf.objects.get(sammantrade=later, rattar=old)
    html = client.get(f"/sammantraden/{later.pk}/protokoll/").content.decode()
    assert f"Rättelse av § {old.nummer} ({old_meeting.datum:%Y-%m-%d})" in html
    assert correction.nummer > old.nummer
    assert Paragraf.objects.get(pk=old.pk).beslut == old.beslut


def test_only_an_adjusted_paragraph_can_be_corrected(staff, board):
    meeting, item = convene(staff, board)
    later = moten.sammantrade_create(user=staff, organ=board.organ, datum=meeting.datum, tid_fran=meeting.tid_fran.replace(hour=15),
                                     plats="Flen")
    with pytest.raises(DomainError, match="Bara en justerad paragraf rättas"):
        moten.agenda_add_item(sammantrade=later, user=staff, typ="beslut", rubrik="Rättelse", rattar=item)


def test_the_demo_protocols_signatures_are_imported_facts(demo_data):
    meeting = Sammantrade.objects.get(datum="2020-09-18")
    signatures = list(JusteringSignatur.objects.filter(sammantrade=meeting))
    assert len(signatures) == 2 and all(s.importerad and s.tid.date().isoformat() == "2020-09-25" for s in signatures)
    assert meeting.status == Sammantrade.Status.ANSLAGET and str(meeting.anslag_uppsatt) == "2020-09-26"
