"""Notices: only the unread ones on request, formatted amounts, and the right name for an answered completion."""

import datetime

from django.utils import timezone

from insatser import services
from rar.models import Handelse, Notis
from tests.factories import complete_application, granted_insats


def test_the_unread_filter_shows_only_unread_notices(client_for, staff):
    Notis.objects.create(mottagare=staff, handelse=Handelse.KALLELSE, rubrik="Läst redan", last=timezone.now())
    Notis.objects.create(mottagare=staff, handelse=Handelse.KALLELSE, rubrik="Inte läst")
    html = client_for(staff).get("/notiser/?visa=olasta").content.decode()
    assert "Inte läst" in html and "Läst redan" not in html
    assert "Läst redan" in client_for(staff).get("/notiser/").content.decode()


def test_a_garbled_filter_is_a_swedish_400(client_for, staff):
    response = client_for(staff).get("/notiser/?visa=allt")
    assert response.status_code == 400 and "Visa" in response.content.decode()


def test_an_answered_completion_request_is_announced_as_a_completion(owner_a, staff, af, django_capture_on_commit_callbacks):
    ansokan = complete_application(owner_a, af)
    services.ansokan_submit(ansokan=ansokan, user=owner_a)
    services.ansokan_start_review(ansokan=ansokan, user=staff)
    services.ansokan_request_completion(ansokan=ansokan, user=staff, kommentar="Komplettera budgeten.")
    with django_capture_on_commit_callbacks(execute=True):
        services.ansokan_submit_completion(ansokan=ansokan, user=owner_a)
    latest = Notis.objects.filter(mottagare=staff).order_by("-pk").first()
    assert latest.handelse == Handelse.KOMPLETTERING_INKOMMEN and latest.rubrik.startswith("Komplettering inkommen")


def test_an_invoice_notice_prints_its_amount_with_thousands_grouped(owner_a, staff, af, django_capture_on_commit_callbacks):
    insats = granted_insats(owner_a, staff, af, years=((2025, 500_000), (2026, 500_000)), beslutsdatum=datetime.date(2024, 12, 1))
    with django_capture_on_commit_callbacks(execute=True):
        services.rekvisition_submit(insats=insats, user=owner_a, period_start=datetime.date(2025, 1, 1),
                                    period_slut=datetime.date(2025, 6, 30), kostnader={"personal": 440_000})
    text = Notis.objects.filter(mottagare=staff, handelse=Handelse.REKVISITION_INKOMMEN).get().text
    assert "440\u202f000\u00a0kr" in text and "440000" not in text


def test_opening_a_notice_marks_it_read_and_follows_its_link(client_for, staff, owner_a):
    notice = Notis.objects.create(mottagare=staff, handelse=Handelse.KALLELSE, rubrik="Kallelse", url="/sammantraden/")
    response = client_for(staff).get(f"/notiser/{notice.pk}/")
    notice.refresh_from_db()
    assert response.status_code == 302 and response["Location"] == "/sammantraden/" and notice.last is not None
    assert client_for(owner_a).get(f"/notiser/{notice.pk}/").status_code == 404
