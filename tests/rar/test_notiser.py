"""Notifications: in the app always; e-mail as each user chooses, singly or as a daily digest, by a task."""

import datetime

import pytest
from django.core import mail
from django.core.management import call_command

from insatser import services
from insatser.models import Insats
from rar.case_handlers import Beslutsutfall
from rar.models import Notis, Notisval
from rar.notiser import notify, send_daily_digest
from rar.services import notisval_save
from tests.factories import application_ready_for_board, complete_application

D = datetime.date


@pytest.fixture
def insats(owner_a, staff, af):
    ansokan = application_ready_for_board(owner_a, staff, af, years=((2025, 500_000),))
    services.ansokan_decide(ansokan=ansokan, utfall=Beslutsutfall.FULL, belopp=None, beslutstext="", user=staff,
                            beslutsdatum=D(2024, 12, 1))
    return Insats.objects.get(ansokan=ansokan)


def test_a_submitted_application_notifies_staff_in_the_app_and_by_email(owner_a, staff, af, django_capture_on_commit_callbacks):
    staff.email = "kansli@example.se"
    staff.save()
    ansokan = complete_application(owner_a, af)
    with django_capture_on_commit_callbacks(execute=True):
        services.ansokan_submit(ansokan=ansokan, user=owner_a)
    notice = Notis.objects.get(mottagare=staff)
    assert notice.handelse == "ansokan_inkommen" and notice.url == ansokan.get_absolute_url()
    assert [m.to for m in mail.outbox] == [["kansli@example.se"]] and notice.__class__.objects.get().epost_skickad


def test_a_user_who_turned_off_email_for_an_event_gets_it_in_the_app_only(owner_a, staff, django_capture_on_commit_callbacks):
    owner_a.email = "agare@example.se"
    owner_a.save()
    notisval_save(user=owner_a, dagligt_sammandrag=False, epost={"beslut_fattat": False})
    with django_capture_on_commit_callbacks(execute=True):
        notify(users=[owner_a], handelse="beslut_fattat", rubrik="Beslut", text="Beviljad")
        notify(users=[owner_a], handelse="rekvisition_beslutad", rubrik="Rekvisition betald")
    assert Notis.objects.filter(mottagare=owner_a).count() == 2
    assert [m.subject for m in mail.outbox] == ["[RAR Insats] Rekvisition betald"]


def test_a_digest_user_gets_one_email_a_day_with_everything_instead_of_single_emails(owner_a, django_capture_on_commit_callbacks):
    owner_a.email = "agare@example.se"
    owner_a.save()
    notisval_save(user=owner_a, dagligt_sammandrag=True, epost={"rapport_forfaller": False})
    with django_capture_on_commit_callbacks(execute=True):
        notify(users=[owner_a], handelse="beslut_fattat", rubrik="Beslut om X")
        notify(users=[owner_a], handelse="rekvisition_beslutad", rubrik="Rekvisition 1 godkänd")
        notify(users=[owner_a], handelse="rapport_forfaller", rubrik="Rapport snart")
    assert mail.outbox == []
    call_command("skicka_sammandrag")
    assert len(mail.outbox) == 1
    body = mail.outbox[0].body
    assert "Beslut om X" in body and "Rekvisition 1 godkänd" in body and "Rapport snart" not in body
    assert mail.outbox[0].subject == "[RAR Insats] Dagligt sammandrag: 2 nya notiser"
    send_daily_digest.enqueue()
    assert len(mail.outbox) == 1  # nothing is sent twice


def test_an_approved_invoice_notifies_its_owner(insats, owner_a, staff, django_capture_on_commit_callbacks):
    rekvisition = services.rekvisition_submit(insats=insats, user=owner_a, period_start=D(2025, 1, 1),
                                              period_slut=D(2025, 3, 31), kostnader={"personal": 1000})
    with django_capture_on_commit_callbacks(execute=True):
        services.rekvisition_approve(rekvisition=rekvisition, user=staff)
    assert Notis.objects.filter(mottagare=owner_a, handelse="rekvisition_beslutad").exists()


@pytest.mark.django_db(transaction=True)
def test_with_the_database_backend_nothing_is_sent_in_the_request(owner_a, settings):
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    owner_a.email = "agare@example.se"
    owner_a.save()
    notify(users=[owner_a], handelse="beslut_fattat", rubrik="Beslut")  # outside a transaction: enqueued at once
    assert mail.outbox == [] and DBTaskResult.objects.count() == 1
    call_command("db_worker", "--batch", "--no-startup-delay")
    assert [m.subject for m in mail.outbox] == ["[RAR Insats] Beslut"]


def test_the_notification_page_lists_and_marks_read(client_for, owner_a):
    notify(users=[owner_a], handelse="beslut_fattat", rubrik="Ditt beslut", url="/insatser/")
    client = client_for(owner_a)
    assert "Ditt beslut" in client.get("/notiser/").content.decode()
    client.post("/notiser/")
    assert not Notis.objects.filter(mottagare=owner_a, last__isnull=True).exists()


def test_preferences_are_saved_from_the_form(client_for, owner_a):
    client_for(owner_a).post("/notiser/installningar/", {"dagligt_sammandrag": "on", "epost_beslut_fattat": "on"})
    owner_a.refresh_from_db()
    assert owner_a.dagligt_sammandrag
    assert Notisval.objects.get(anvandare=owner_a, handelse="beslut_fattat").epost
    assert not Notisval.objects.get(anvandare=owner_a, handelse="rapport_forsenad").epost
