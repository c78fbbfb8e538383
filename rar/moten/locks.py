"""When the official record can no longer change, and why (a Swedish sentence for the user).

A paragraph (§) is locked once it is adjusted — at once (omedelbar justering: signed by the chair and an
adjuster) or with the protocol —, once its funding decision has been executed (utfall set: the case was
decided through rar.case_handlers), once anyone has signed it for immediate justering, and, for every § of a
meeting, from the first signature on the protocol. While any § of a meeting is locked, the meeting's date,
place, attendance and officers are locked too: they are part of that §'s record.

The services check these rules (require_*), the pages and the admin read them to show locked rows read-only,
and the PostgreSQL triggers of migration `moten_las_triggers` refuse the same changes as the last line.
A correction after justering is a new § at a later meeting that refers to the old one (Paragraf.rattar).
"""

from django.db.models import Exists, OuterRef, Q

from rar.errors import DomainError
from rar.moten.models import JusteringSignatur, Paragraf, ParagrafSignatur, Sammantrade

CORRECTION = "En rättelse görs som en ny paragraf vid ett senare sammanträde."


def _first_protocol_signature(meeting):
    return JusteringSignatur.objects.filter(sammantrade=meeting).select_related("person").order_by("tid", "pk").first()


def protocol_lock(meeting) -> str | None:
    """Why every § of the meeting is locked: the protocol is adjusted, or someone has signed it."""
    if meeting.status in Sammantrade.LOCKED:
        return "protokollet är justerat"
    signature = _first_protocol_signature(meeting)
    if signature is not None:
        return f"protokollet är undertecknat av {signature.person}"
    return None


def _own_locks():
    """The §§ locked on their own: adjusted at once, decision executed, or signed for immediate justering."""
    signed = Exists(ParagrafSignatur.objects.filter(paragraf=OuterRef("pk")))
    return Paragraf.objects.annotate(signed=signed).filter(
        Q(omedelbart_justerad_tid__isnull=False) | ~Q(utfall="") | Q(signed=True))


def _own_reason(paragraph) -> str:
    if paragraph.omedelbart_justerad_tid is not None:
        return "paragrafen är justerad omedelbart"
    if paragraph.utfall:
        return "beslutet är redan verkställt"
    return "paragrafen är undertecknad för omedelbar justering"


def paragraph_lock(paragraph) -> str | None:
    """Why this § can no longer change, or None."""
    reason = protocol_lock(paragraph.sammantrade)
    if reason is None:
        own = _own_locks().filter(pk=paragraph.pk).first()
        reason = _own_reason(own) if own is not None else None
    return reason


def locked_paragraphs(meeting) -> dict:
    """pk → reason for each locked § of the meeting, in a fixed number of queries (meeting page, admin)."""
    reason = protocol_lock(meeting)
    if reason is not None:
        return dict.fromkeys(Paragraf.objects.filter(sammantrade=meeting).values_list("pk", flat=True), reason)
    return {p.pk: _own_reason(p) for p in _own_locks().filter(sammantrade=meeting)}


def meeting_lock(meeting) -> str | None:
    """Why the meeting's date, place, attendance and officers can no longer change, or None."""
    reason = protocol_lock(meeting)
    if reason is None:
        first = _own_locks().filter(sammantrade=meeting).order_by("ordning").first()
        if first is not None:
            reason = f"§ {first.nummer} är låst ({_own_reason(first)})"
    return reason


def require_paragraph_open(paragraph) -> None:
    reason = paragraph_lock(paragraph)
    if reason is not None:
        raise DomainError(f"§ {paragraph.nummer} kan inte ändras: {reason}. {CORRECTION}")


def require_meeting_open(meeting, what: str = "närvaro, funktionärer, datum och plats") -> None:
    reason = meeting_lock(meeting)
    if reason is not None:
        raise DomainError(f"{what[0].upper()}{what[1:]} kan inte ändras: {reason}.")
