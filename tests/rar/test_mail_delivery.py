"""Notification e-mail never fails for good on a bad header or one bad address: subjects are one line, each
recipient is sent to on their own, and what the server could not take is tried again later with a growing delay."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from rar.models import Notis
from rar.notiser import MAIL_ATTEMPTS, notify, send_daily_digest, send_notice_emails, send_plain_mail
from rar.services import notisval_save
from tests.factories import UserFactory


@pytest.fixture
def flaky_mail(settings, db):
    settings.MAILERS = {"default": {"BACKEND": "tests.mail_backends.FlakyBackend"}}


@pytest.fixture
def task_queue(settings):
    """The database task backend, so that a retry is a queued row with its run_after."""
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    return DBTaskResult.objects


def user_with(email, username):
    return UserFactory(username=username, email=email)


def test_a_line_break_in_a_title_gives_a_one_line_subject_and_the_mail_goes_out(owner_a, django_capture_on_commit_callbacks):
    owner_a.email = "agare@example.se"
    owner_a.save()
    with django_capture_on_commit_callbacks(execute=True):
        notify(users=[owner_a], handelse="beslut_fattat", rubrik="Beslut: Unga\r\nBcc: alla@example.se")
    assert [m.subject for m in mail.outbox] == ["[RAR Insats] Beslut: Unga Bcc: alla@example.se"]
    assert mail.outbox[0].bcc == [] and mail.outbox[0].to == ["agare@example.se"]
    assert Notis.objects.get().epost_skickad is not None


def test_a_meeting_mail_whose_subject_holds_a_line_break_is_sent_on_one_line(db):
    sent = send_plain_mail.call("Kallelse: Styrelsen\n2026-12-04", "Välkommen.", ["ledamot@example.se"])
    assert sent == 1
    assert mail.outbox[0].subject == "Kallelse: Styrelsen 2026-12-04"


def test_one_refused_address_does_not_stop_the_others(flaky_mail, task_queue):
    sent = send_plain_mail.call("Kallelse", "Välkommen.", ["a@example.se", "okand@example.se", "b@example.se"])
    assert sent == 2
    assert sorted(address for m in mail.outbox for address in m.to) == ["a@example.se", "b@example.se"]
    assert not task_queue.exists()  # a refused address is not tried again


def test_an_address_whose_server_is_down_is_tried_again_later_and_only_that_one(flaky_mail, task_queue):
    before = timezone.now()
    send_plain_mail.call("Kallelse", "Välkommen.", ["a@example.se", "c@nere.example.se"])
    assert [m.to for m in mail.outbox] == [["a@example.se"]]
    retry = task_queue.get()
    assert retry.args_kwargs == {"args": ["Kallelse", "Välkommen.", ["c@nere.example.se"]], "kwargs": {"attempt": 2}}
    assert retry.run_after - before >= datetime.timedelta(minutes=1)


def test_a_server_that_cannot_be_reached_is_tried_again_later(db, task_queue, monkeypatch):
    def unreachable(*args, **kwargs):
        raise ConnectionRefusedError(111, "Connection refused")

    monkeypatch.setattr("rar.notiser.send_mail", unreachable)
    assert send_plain_mail.call("Kallelse", "Välkommen.", ["a@example.se"]) == 0
    assert task_queue.get().args_kwargs["kwargs"] == {"attempt": 2}


def test_a_fault_in_the_code_is_not_taken_for_a_server_to_try_again(db, task_queue, monkeypatch):
    def faulty(*args, **kwargs):
        raise TypeError("send_mail() got an unexpected keyword argument")

    monkeypatch.setattr("rar.notiser.send_mail", faulty)
    with pytest.raises(TypeError):
        send_plain_mail.call("Kallelse", "Välkommen.", ["a@example.se"])
    assert not task_queue.exists()


def test_each_retry_waits_longer_and_the_last_attempt_gives_up(flaky_mail, task_queue):
    waits = []
    for attempt in range(1, MAIL_ATTEMPTS + 1):
        before = timezone.now()
        send_plain_mail.call("Kallelse", "Välkommen.", ["c@nere.example.se"], attempt=attempt)
        queued = list(task_queue.all())
        task_queue.all().delete()
        if attempt < MAIL_ATTEMPTS:
            assert len(queued) == 1 and queued[0].args_kwargs["kwargs"] == {"attempt": attempt + 1}
            waits.append(queued[0].run_after - before)
        else:
            assert queued == []
    assert waits == sorted(waits) and waits[0] < waits[1] and waits[-1] >= datetime.timedelta(hours=4)


def test_a_notice_whose_mail_server_is_down_is_retried_while_the_others_are_marked_sent(flaky_mail, task_queue):
    reached, unreachable = user_with("nådd@example.se", "nadd"), user_with("c@nere.example.se", "nere")
    notices = notify(users=[reached, unreachable], handelse="beslut_fattat", rubrik="Beslut")
    task_queue.all().delete()  # the first send, queued by notify(); run it by hand here
    assert send_notice_emails.call([n.pk for n in notices]) == 1
    assert Notis.objects.get(mottagare=reached).epost_skickad is not None
    assert Notis.objects.get(mottagare=unreachable).epost_skickad is None
    retry = task_queue.get()
    assert retry.args_kwargs == {"args": [[Notis.objects.get(mottagare=unreachable).pk]], "kwargs": {"attempt": 2}}


def test_a_digest_that_could_not_be_delivered_is_tried_again_and_others_get_theirs(flaky_mail, task_queue):
    reached, unreachable = user_with("nådd@example.se", "nadd"), user_with("c@nere.example.se", "nere")
    for user in (reached, unreachable):
        notisval_save(user=user, dagligt_sammandrag=True, epost={})
    notify(users=[reached, unreachable], handelse="beslut_fattat", rubrik="Beslut\nom X")
    assert send_daily_digest.call() == 1
    assert [m.to for m in mail.outbox] == [["nådd@example.se"]]
    assert Notis.objects.get(mottagare=unreachable).epost_skickad is None
    assert task_queue.get().args_kwargs == {"args": [], "kwargs": {"attempt": 2}}
