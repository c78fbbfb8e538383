"""Notifications: in-app always; e-mail by a background task as each user chooses, singly or as a daily digest.

`notify()` is called by the apps' notification modules (after commit). It writes the in-app notices and
enqueues `send_notice_emails`; `manage.py skicka_sammandrag` (daily) enqueues `send_daily_digest`.
The tasks run in `manage.py db_worker`, never inside a request.

Delivery holds up: a subject is made one line (a title with a line break cannot break the header), each
recipient gets their own message (one bad address does not stop the others), and what the server could not take
is tried again by a new task with `run_after` 1, 4, 16, 64 and 256 minutes later (MAIL_ATTEMPTS in all). An
address the server refuses, or one that is not an address, is logged and not tried again.
"""

import contextvars
import datetime
import logging
import smtplib
import unicodedata
from contextlib import contextmanager

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.tasks import task
from django.utils import timezone

from rar.columns import fit, max_length
from rar.models import Notis, Notisval

logger = logging.getLogger(__name__)

MAIL_ATTEMPTS = 6
FIRST_RETRY = datetime.timedelta(minutes=1)  # then four times as long each time


def one_line(text: str) -> str:
    """A header value on one line: whitespace runs (line breaks included) become one space, control characters go."""
    return "".join(ch for ch in " ".join(str(text).split()) if unicodedata.category(ch) != "Cc")


def _subject(text):
    return one_line(f"[{settings.FORBUND['kortnamn']} Insats] {text}")


_email_off = contextvars.ContextVar("rar_email_off", default=False)


@contextmanager
def no_email():
    """Inside: notices are made in the app, but no e-mail is queued (the demo data's workflow steps)."""
    token = _email_off.set(True)
    try:
        yield
    finally:
        _email_off.reset(token)


def mail_later(subject: str, body: str, recipients: list[str]) -> None:
    """Queue a plain mail to fixed addresses once the transaction commits (not inside `no_email()`)."""
    if recipients and not _email_off.get():
        transaction.on_commit(lambda: send_plain_mail.enqueue(subject, body, recipients))


SENT, RETRY, REFUSED = "sent", "retry", "refused"


def _deliver(subject: str, body: str, address: str) -> str:
    """Send one message to one address; say whether it went, is worth trying again, or never will go."""
    try:
        send_mail(one_line(subject), body, None, [address])
    except (ValueError, smtplib.SMTPRecipientsRefused):
        logger.warning("E-post till %s vägrades och skickas inte igen.", address, exc_info=True)
        return REFUSED
    except (smtplib.SMTPException, OSError):  # the server or the network: another attempt later may well succeed
        logger.warning("E-post till %s kunde inte skickas nu; ett nytt försök görs senare.", address, exc_info=True)
        return RETRY
    return SENT


def _retry_later(task, attempt: int, *args) -> None:
    """Queue `task(*args)` again after a delay that grows fourfold per attempt; give up after MAIL_ATTEMPTS."""
    if attempt >= MAIL_ATTEMPTS:
        logger.error("E-post gav upp efter %d försök: %s%r", attempt, task.name, args)
        return
    later = task
    if task.get_backend().supports_defer:
        later = task.using(run_after=timezone.now() + FIRST_RETRY * 4 ** (attempt - 1))
    later.enqueue(*args, attempt=attempt + 1)


def notify(*, users, handelse: str, rubrik: str, text: str = "", url: str = "") -> list[Notis]:
    recipients = {user.pk: user for user in users if user is not None and user.is_active}
    notices = Notis.objects.bulk_create([
        Notis(mottagare_id=pk, handelse=handelse, rubrik=fit(Notis, "rubrik", rubrik), text=text,
             url=url[:max_length(Notis, "url")]) for pk in recipients
    ])
    ids = [notice.pk for notice in notices]
    if ids and not _email_off.get():
        transaction.on_commit(lambda: send_notice_emails.enqueue(ids))
    return notices


def _email_choices(notices) -> dict:
    """(user id, event) → e-mail on/off, for the recipients of these notices (no row: on)."""
    return {(c.anvandare_id, c.handelse): c.epost
            for c in Notisval.objects.filter(anvandare__in={n.mottagare_id for n in notices})}


def wants_email(user, handelse: str, choices: dict) -> bool:
    return bool(user.email) and not user.dagligt_sammandrag and choices.get((user.pk, handelse), True)


@task
def send_notice_emails(notis_ids: list[int], attempt: int = 1) -> int:
    """E-mail each notice whose recipient wants this kind by e-mail and not as a digest. Each is sent once."""
    sent, again = 0, []
    with transaction.atomic():
        notices = list(Notis.objects.select_for_update(skip_locked=True, of=("self",)).select_related("mottagare")
                       .filter(pk__in=notis_ids, epost_skickad__isnull=True))
        choices = _email_choices(notices)
        now = timezone.now()
        for notice in notices:
            if not wants_email(notice.mottagare, notice.handelse, choices):
                continue
            outcome = _deliver(_subject(notice.rubrik), _body(notice), notice.mottagare.email)
            if outcome == SENT:
                notice.epost_skickad = now
                sent += 1
            elif outcome == RETRY:
                again.append(notice.pk)
        Notis.objects.bulk_update([n for n in notices if n.epost_skickad], ["epost_skickad"])
    if again:
        _retry_later(send_notice_emails, attempt, again)
    return sent


@task
def send_daily_digest(attempt: int = 1) -> int:
    """One e-mail per digest user with every notice not yet e-mailed (of the kinds they want by e-mail)."""
    sent, again = 0, False
    with transaction.atomic():
        notices = list(Notis.objects.select_for_update(skip_locked=True, of=("self",)).select_related("mottagare")
                       .filter(epost_skickad__isnull=True, mottagare__dagligt_sammandrag=True, mottagare__is_active=True)
                       .exclude(mottagare__email="").order_by("mottagare", "skapad"))
        choices = _email_choices(notices)
        by_user = {}
        for notice in notices:
            if choices.get((notice.mottagare_id, notice.handelse), True):
                by_user.setdefault(notice.mottagare, []).append(notice)
        now = timezone.now()
        for user, own in by_user.items():
            body = "\n\n".join(f"• {n.rubrik}\n{_body(n)}" for n in own)
            outcome = _deliver(_subject(f"Dagligt sammandrag: {len(own)} nya notiser"), body, user.email)
            if outcome == SENT:
                for notice in own:
                    notice.epost_skickad = now
                sent += 1
            again = again or outcome == RETRY
        Notis.objects.bulk_update([n for own in by_user.values() for n in own if n.epost_skickad], ["epost_skickad"])
    if again:  # the next run takes every digest notice still unsent, the failed users' among them
        _retry_later(send_daily_digest, attempt)
    return sent


def _body(notice) -> str:
    link = f"\n\n{settings.SITE_URL.rstrip('/')}{notice.url}" if notice.url and getattr(settings, "SITE_URL", "") else ""
    return f"{notice.text}{link}"


@task
def send_plain_mail(subject: str, body: str, recipients: list[str], attempt: int = 1) -> int:
    """A mail to a fixed list of addresses (notices to attend, justering requests), one message each, by the worker."""
    outcomes = {address: _deliver(subject, body, address) for address in recipients}
    again = [address for address, outcome in outcomes.items() if outcome == RETRY]
    if again:
        _retry_later(send_plain_mail, attempt, subject, body, again)
    return sum(outcome == SENT for outcome in outcomes.values())


def notiser_mark_read(*, user) -> int:
    """Mark all of the user's unread notices read. Notis is untracked (rar.history.UNTRACKED: read marks are no
    case data), so one UPDATE is right here. Returns how many were marked."""
    from rar.models import Notis

    return Notis.objects.filter(mottagare=user, last__isnull=True).update(last=timezone.now())


def notis_open(*, user, pk) -> str:
    """Mark one of the user's notices read as it is opened; returns where it leads ("" if nowhere). A notice of
    someone else is not found (404)."""
    from django.shortcuts import get_object_or_404

    from rar.models import Notis

    notice = get_object_or_404(Notis, pk=pk, mottagare=user)
    if notice.last is None:
        Notis.objects.filter(pk=notice.pk).update(last=timezone.now())  # untracked: read marks are no case data
    return notice.url
