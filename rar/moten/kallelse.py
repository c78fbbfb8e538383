"""Kallelse: the notice to a meeting reaches every ordinary member and substitute of the body, in the app and by
e-mail as each person chose (rar.notiser), with links to the decision list PDF and to a calendar file (.ics).

The calendar file is written by hand after RFC 5545: CRLF line ends, lines folded at 75 octets, text escaped,
a stable UID per meeting and the times in UTC.
"""

import datetime
import zoneinfo
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from rar.models import Handelse, Uppdrag
from rar.notiser import notify

DEFAULT_LENGTH = datetime.timedelta(hours=3)  # a meeting without an end time is put in the calendar as three hours


def called_people(meeting) -> list:
    """Every ordinary member and substitute with a mandate in the meeting's body on its day."""
    mandates = Uppdrag.objects.active_on(meeting.datum).filter(organ_id=meeting.organ_id)
    return list(get_user_model().objects.filter(uppdrag__in=mandates, is_active=True).distinct().order_by("pk"))


def absolute(path: str) -> str:
    return f"{settings.SITE_URL.rstrip('/')}{path}"


def where(meeting) -> str:
    return ", ".join(part for part in (meeting.plats, meeting.lank and f"distans: {meeting.lank}") if part) or "–"


def notify_called(meeting) -> list:
    """The notice to the meeting: one in-app notice per member and substitute; e-mail follows by the task worker."""
    decision_list = absolute(reverse("beslutslista", args=[meeting.pk])) + "?format=pdf"
    calendar = absolute(reverse("sammantrade_ics", args=[meeting.pk]))
    text = (f"Du kallas till sammanträde med {meeting.organ} {meeting.datum:%Y-%m-%d} kl {meeting.tid_fran:%H:%M}, "
            f"{where(meeting)}.\n\nKallelse och beslutslista (PDF): {decision_list}\nKalenderfil: {calendar}\n\n"
            "Kan du inte komma? Anmäl förhinder på sammanträdets sida, så kallas din ersättare.")
    return notify(users=called_people(meeting), handelse=Handelse.KALLELSE,
                  rubrik=f"Kallelse: {meeting.organ} {meeting.datum:%Y-%m-%d}", text=text, url=meeting.get_absolute_url())


# --- The calendar file --------------------------------------------------------------------------------


def _escape(text: str) -> str:
    return (text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n"))


def _fold(line: str) -> str:
    """Fold a content line into pieces of at most 75 octets, never inside a UTF-8 character."""
    pieces, current, limit = [], "", 75
    for char in line:
        if len((current + char).encode()) > limit:
            pieces.append(current)
            current, limit = "", 74  # a continuation line starts with one space
        current += char
    pieces.append(current)
    return "\r\n ".join(pieces)


def _utc(moment: datetime.datetime) -> str:
    return moment.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")


def ics(meeting) -> str:
    """The meeting as one VEVENT in a VCALENDAR."""
    zone = zoneinfo.ZoneInfo(settings.TIME_ZONE)
    start = datetime.datetime.combine(meeting.datum, meeting.tid_fran, tzinfo=zone)
    end = datetime.datetime.combine(meeting.datum, meeting.tid_till, tzinfo=zone) if meeting.tid_till else start + DEFAULT_LENGTH
    host = urlsplit(settings.SITE_URL).hostname or "rar-insats"
    agenda = "\n".join(f"§ {p.nummer} {p.rubrik}" for p in meeting.paragrafer.order_by("ordning"))
    description = f"Sammanträde med {meeting.organ}.\n{where(meeting)}\n\nDagordning:\n{agenda}"
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:-//{settings.FORBUND['kortnamn']} Insats//Sammanträden//SV",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "BEGIN:VEVENT",
        f"UID:sammantrade-{meeting.pk}@{host}",
        f"DTSTAMP:{_utc(meeting.kallad_tid or timezone.now())}",
        f"SEQUENCE:{meeting.version}",
        f"DTSTART:{_utc(start)}",
        f"DTEND:{_utc(end)}",
        f"SUMMARY:{_escape(f'{meeting.organ} – sammanträde')}",
        f"LOCATION:{_escape(meeting.plats or meeting.lank or '')}",
        f"DESCRIPTION:{_escape(description)}",
        f"URL:{absolute(meeting.get_absolute_url())}",
        "END:VEVENT",
        "END:VCALENDAR",
    ]
    return "".join(_fold(line) + "\r\n" for line in lines)
