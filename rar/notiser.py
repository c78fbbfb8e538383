"""Notifications: in-app always; e-mail by a background task as each user chooses, singly or as a daily digest.

`notify()` is called by the apps' notification modules (after commit). It writes the in-app notices and
enqueues `send_notice_emails`; `manage.py skicka_sammandrag` (daily) enqueues `send_daily_digest`.
The tasks run in `manage.py db_worker`, never inside a request.
"""

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.tasks import task
from django.utils import timezone

from rar.columns import fit, max_length
from rar.models import Notis, Notisval


def _subject(text):
    return f"[{settings.FORBUND['kortnamn']} Insats] {text}"


def notify(*, users, handelse: str, rubrik: str, text: str = "", url: str = "") -> list[Notis]:
    recipients = {user.pk: user for user in users if user is not None and user.is_active}
    notices = Notis.objects.bulk_create([
        Notis(mottagare_id=pk, handelse=handelse, rubrik=fit(Notis, "rubrik", rubrik), text=text,
             url=url[:max_length(Notis, "url")]) for pk in recipients
    ])
    ids = [notice.pk for notice in notices]
    if ids:
        transaction.on_commit(lambda: send_notice_emails.enqueue(ids))
    return notices


def _email_choices(notices) -> dict:
    """(user id, event) → e-mail on/off, for the recipients of these notices (no row: on)."""
    return {(c.anvandare_id, c.handelse): c.epost
            for c in Notisval.objects.filter(anvandare__in={n.mottagare_id for n in notices})}


def wants_email(user, handelse: str, choices: dict) -> bool:
    return bool(user.email) and not user.dagligt_sammandrag and choices.get((user.pk, handelse), True)


@task
def send_notice_emails(notis_ids: list[int]) -> int:
    """E-mail each notice whose recipient wants this kind by e-mail and not as a digest. Each is sent once."""
    sent = 0
    with transaction.atomic():
        notices = list(Notis.objects.select_for_update(skip_locked=True, of=("self",)).select_related("mottagare")
                       .filter(pk__in=notis_ids, epost_skickad__isnull=True))
        choices = _email_choices(notices)
        now = timezone.now()
        for notice in notices:
            if not wants_email(notice.mottagare, notice.handelse, choices):
                continue
            send_mail(_subject(notice.rubrik), _body(notice), None, [notice.mottagare.email])
            notice.epost_skickad = now
            sent += 1
        Notis.objects.bulk_update([n for n in notices if n.epost_skickad], ["epost_skickad"])
    return sent


@task
def send_daily_digest() -> int:
    """One e-mail per digest user with every notice not yet e-mailed (of the kinds they want by e-mail)."""
    sent = 0
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
            send_mail(_subject(f"Dagligt sammandrag: {len(own)} nya notiser"), body, None, [user.email])
            for notice in own:
                notice.epost_skickad = now
            sent += 1
        Notis.objects.bulk_update([n for own in by_user.values() for n in own], ["epost_skickad"])
    return sent


def _body(notice) -> str:
    link = f"\n\n{settings.SITE_URL.rstrip('/')}{notice.url}" if notice.url and getattr(settings, "SITE_URL", "") else ""
    return f"{notice.text}{link}"


@task
def send_plain_mail(subject: str, body: str, recipients: list[str]) -> int:
    """A mail to a fixed list of addresses (notices to attend, justering requests), sent by the worker."""
    return send_mail(subject, body, None, recipients)
