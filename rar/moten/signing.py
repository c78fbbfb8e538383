"""Signing the record: who signs from which login, the notice to sign, and justering registered from paper.

The chair and the adjusters sign in the app themselves (rar.moten.services.protokoll_justera for the
protocol, paragraf_justera_omedelbart for one § at once). Each signature keeps the login it came from:
the client's address (the same helper django-axes uses), the browser and the start of a SHA-256 of the
session key — enough to tell two logins apart, never the key itself.
"""

import datetime
import hashlib
import ipaddress
from dataclasses import dataclass

from axes.helpers import get_client_ip_address
from django.db import transaction
from django.utils import timezone

from rar.models import Handelse
from rar.moten import rules
from rar.moten.models import JusteringSignatur, Sammantrade
from rar.notiser import notify


@dataclass(frozen=True)
class Klient:
    """The login a signature comes from."""

    ip: str | None = None
    user_agent: str = ""
    inloggning: str = ""

    def fields(self) -> dict:
        return {"ip": self.ip, "user_agent": self.user_agent, "inloggning": self.inloggning}


def klient_from_request(request) -> Klient:
    address = get_client_ip_address(request)
    try:
        address = str(ipaddress.ip_address(address)) if address else None
    except ValueError:
        address = None
    key = request.session.session_key or ""
    return Klient(ip=address, user_agent=request.META.get("HTTP_USER_AGENT", "")[:300],
                  inloggning=hashlib.sha256(key.encode()).hexdigest()[:16] if key else "")


def signers(meeting) -> list:
    return [u for u in (meeting.ordforande, *meeting.justerare.order_by("last_name", "first_name")) if u is not None]


def notify_signers(meeting) -> None:
    """In-app notice (and e-mail, as each chose) to the chair and the adjusters: the protocol is ready to sign."""
    notify(users=signers(meeting), handelse=Handelse.PROTOKOLL_ATT_JUSTERA,
           rubrik=f"Protokoll att justera: {meeting.organ} {meeting.datum:%Y-%m-%d}",
           text=f"Protokollet från sammanträdet {meeting.datum:%Y-%m-%d} ska justeras senast "
                f"{meeting.justering_senast:%Y-%m-%d}. Läs det och justera i appen.",
           url=meeting.get_absolute_url())


def protokoll_importera_justering(*, sammantrade, user, signerat: dict, forsening: str = "") -> Sammantrade:
    """Register a justering already made on paper (imported facts, such as the demo's 2020 meetings).

    signerat: each signer (the chair and every adjuster) → when they signed. The same rules apply to those
    times as to a justering in the app (not before the meeting; after 14 days only with a reason). The
    signatures are marked importerad; the protocol shows them as registered from paper. Staff only, and no
    page offers it.
    """
    from rar.moten.services import _lock, _require, _require_staff, _touch

    _require_staff(user)
    with transaction.atomic():
        meeting = _lock(sammantrade)
        _require(meeting.status == Sammantrade.Status.JUSTERING, "Protokollet är inte skickat för justering.")
        _require(not JusteringSignatur.objects.filter(sammantrade=meeting).exists(), "Protokollet har redan signaturer.")
        chair = meeting.ordforande_id
        _require({u.pk for u in signerat} == {chair, *meeting.justerare.values_list("pk", flat=True)},
                 "Ange när ordföranden och varje justerare undertecknade protokollet.")
        last = max(signerat.values())
        _require(last <= timezone.now(), "En signatur kan inte ha en tid i framtiden.")
        for when in signerat.values():
            rules.require_not_before_meeting(meeting, when)
        rules.require_justering_deadline(meeting, last, forsening)
        for person, when in sorted(signerat.items(), key=lambda item: item[1]):
            signature = JusteringSignatur(sammantrade=meeting, person=person, tid=when, importerad=True,
                                          roll="ordforande" if person.pk == chair else "justerare")
            signature._history_user = user
            signature.save()
        meeting.status, meeting.justerat_tid = Sammantrade.Status.JUSTERAT, last
        meeting.justering_forsening = forsening.strip()
        _touch(meeting, user)
    return meeting


def at(day: datetime.date, hour: int = 10) -> datetime.datetime:
    """A signing time on a given day, in the installation's time zone."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))
