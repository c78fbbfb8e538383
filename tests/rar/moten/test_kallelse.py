"""Kallelse: the notice reaches every ordinary member and substitute in the app and by e-mail (each person's choice),
with the decision list PDF and a calendar file; the decision list links each case's application, documents and
rule checks."""

import datetime
import io
import zoneinfo

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from pypdf import PdfReader

from rar.models import Notis
from rar.moten import services as moten
from rar.services import handling_add, notisval_save
from tests.rar.moten.bodies import *  # noqa: F403
from tests.rar.moten.bodies import days_from_today, plan

STOCKHOLM = zoneinfo.ZoneInfo("Europe/Stockholm")


@pytest.fixture
def planned(staff, board, ready_case):
    return plan(staff, board.styrelse, days_from_today(10), cases=[ready_case], tid_till=datetime.time(12, 30),
                plats="Flen, Skjortan; sal 2", lank="https://meet.example.se/styrelsen")


def call(meeting, staff, capture):
    with capture(execute=True):
        return moten.sammantrade_kalla(sammantrade=meeting, user=staff)


def test_the_notice_reaches_every_ordinary_member_and_substitute_in_the_app(planned, staff, board, owner_a,
                                                                          django_capture_on_commit_callbacks):
    call(planned, staff, django_capture_on_commit_callbacks)
    notices = Notis.objects.filter(handelse="kallelse")
    assert {n.mottagare for n in notices} == {board.chair, board.sub_a, board.member_b, board.sub_b}
    assert {n.url for n in notices} == {planned.get_absolute_url()}
    assert not Notis.objects.filter(mottagare__in=[staff, owner_a], handelse="kallelse").exists()


def test_the_notice_goes_by_e_mail_as_each_person_chose(planned, staff, board, django_capture_on_commit_callbacks):
    notisval_save(user=board.sub_b, dagligt_sammandrag=False, epost={"kallelse": False})
    notisval_save(user=board.member_b, dagligt_sammandrag=True, epost={})
    call(planned, staff, django_capture_on_commit_callbacks)
    assert sorted(m.to[0] for m in mail.outbox) == ["ester@example.se", "sven@example.se"]
    assert Notis.objects.filter(mottagare=board.sub_b, handelse="kallelse").exists()  # in the app all the same


def test_the_notice_e_mail_is_queued_for_the_worker_not_sent_in_the_request(planned, staff, board, settings,
                                                                           django_capture_on_commit_callbacks):
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    call(planned, staff, django_capture_on_commit_callbacks)
    assert mail.outbox == []
    [queued] = DBTaskResult.objects.all()
    assert queued.task_path == "rar.notiser.send_notice_emails"


def test_the_notice_links_the_decision_list_pdf_and_the_calendar_file(planned, staff, board, settings,
                                                                      django_capture_on_commit_callbacks):
    settings.SITE_URL = "https://rar.example.se"
    call(planned, staff, django_capture_on_commit_callbacks)
    [sent] = [m for m in mail.outbox if m.to == ["sven@example.se"]]
    assert f"https://rar.example.se/sammantraden/{planned.pk}/beslutslista/?format=pdf" in sent.body
    assert f"https://rar.example.se/sammantraden/{planned.pk}/kalender.ics" in sent.body
    assert sent.subject.startswith("[RAR Insats] Kallelse: Förbundsstyrelsen")


def unfold(body: bytes) -> dict:
    """A minimal RFC 5545 reader: lines end in CRLF, a line starting with a space continues the one before."""
    text = body.decode("utf-8")
    assert text.endswith("\r\n") and "\n" not in text.replace("\r\n", "")
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))
    lines = text.replace("\r\n ", "").split("\r\n")[:-1]
    fields = {}
    for line in lines:
        name, _, value = line.partition(":")
        unescaped = value.replace("\\n", "\n").replace("\\,", ",").replace("\\;", ";").replace("\\\\", "\\")
        fields.setdefault(name, []).append(unescaped)
    return fields


def test_the_calendar_file_is_a_valid_event_with_uid_start_end_and_place(planned, staff, board, client_for):
    moten.sammantrade_kalla(sammantrade=planned, user=staff)
    response = client_for(board.sub_b).get(f"/sammantraden/{planned.pk}/kalender.ics")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/calendar")
    assert "attachment" in response["Content-Disposition"]
    fields = unfold(response.content)
    assert fields["BEGIN"] == ["VCALENDAR", "VEVENT"] and fields["END"] == ["VEVENT", "VCALENDAR"]
    assert fields["VERSION"] == ["2.0"] and fields["PRODID"]
    assert fields["UID"] == [f"sammantrade-{planned.pk}@127.0.0.1"]
    start = datetime.datetime.combine(planned.datum, datetime.time(9), tzinfo=STOCKHOLM).astimezone(datetime.UTC)
    end = datetime.datetime.combine(planned.datum, datetime.time(12, 30), tzinfo=STOCKHOLM).astimezone(datetime.UTC)
    assert fields["DTSTART"] == [start.strftime("%Y%m%dT%H%M%SZ")] and fields["DTEND"] == [end.strftime("%Y%m%dT%H%M%SZ")]
    assert fields["DTSTAMP"][0].endswith("Z")
    assert fields["LOCATION"] == ["Flen, Skjortan; sal 2"]
    assert fields["SUMMARY"] == ["Förbundsstyrelsen – sammanträde"]
    assert "https://meet.example.se/styrelsen" in fields["DESCRIPTION"][0] and "Unga på väg" in fields["DESCRIPTION"][0]
    assert fields["URL"] == [f"http://127.0.0.1:8000/sammantraden/{planned.pk}/"]


def test_the_calendar_file_is_refused_to_outsiders_and_before_the_notice(planned, staff, board, owner_a, client_for):
    url = f"/sammantraden/{planned.pk}/kalender.ics"
    assert client_for(board.member_b).get(url).status_code == 404  # not called yet
    moten.sammantrade_kalla(sammantrade=planned, user=staff)
    assert client_for(owner_a).get(url).status_code == 404
    assert client_for(board.member_b).get(url).status_code == 200


@pytest.fixture
def with_document(staff, ready_case):
    return handling_add(arende=ready_case.arende, titel="Budgetbilaga", user=staff,
                        upload=SimpleUploadedFile("budget.pdf", b"%PDF-1.4\n%%EOF\n"))


def test_each_decision_list_entry_links_the_application_its_documents_and_its_rule_checks(
        planned, staff, board, ready_case, with_document, client_for):
    moten.sammantrade_kalla(sammantrade=planned, user=staff)
    client = client_for(board.member_b)
    page = client.get(f"/sammantraden/{planned.pk}/beslutslista/").content.decode()
    for href in [ready_case.get_absolute_url(), f"{ready_case.get_absolute_url()}#regelkontroller",
                 f"/handlingar/{with_document.pk}/"]:
        assert f'href="{href}"' in page, href
        assert client.get(href).status_code == 200, href
    assert "Budgetbilaga" in page
    assert 'id="regelkontroller"' in client.get(ready_case.get_absolute_url()).content.decode()


def test_the_decision_list_pdf_carries_the_same_links_as_full_addresses(planned, staff, board, ready_case, with_document,
                                                                       client_for):
    moten.sammantrade_kalla(sammantrade=planned, user=staff)
    pdf = client_for(board.member_b).get(f"/sammantraden/{planned.pk}/beslutslista/", {"format": "pdf"}).content
    uris = {annot.get_object()["/A"]["/URI"] for page in PdfReader(io.BytesIO(pdf)).pages
            for annot in page.get("/Annots", []) if "/A" in annot.get_object()}
    assert f"http://127.0.0.1:8000{ready_case.get_absolute_url()}" in uris
    assert f"http://127.0.0.1:8000/handlingar/{with_document.pk}/" in uris
