"""The rules a lawful meeting follows (kommunallagen 5–6 kap., as a samordningsförbund applies them).

Each check raises DomainError with a Swedish sentence; the services call them inside their transaction.
- quorum: a decision only when more than half of the seats take part (ordinary members present and serving
  substitutes; those with jäv in that § do not count);
- votes: ja + nej + avstår no more than those taking part in that §;
- a substitute serves only for an absent ordinary member of their own organisation;
- dates: held on or after its day; justering not before the meeting and within 14 days, anslag within 2 days
  after it (later needs a recorded reason), and up at least 3 weeks;
- a protocol goes to justering only when every § has its text or decision (standard items get a default).
"""

import datetime

from django.utils import timezone

from rar.errors import DomainError
from rar.moten.models import ANSLAG_DAYS, ANSLAG_WEEKS, Narvaro, Paragraf
from rar.moten.selectors import quorum


def _require(condition, message):
    if not condition:
        raise DomainError(message)


def require_quorum(meeting, paragraph, javiga) -> int:
    """The number taking part in the decision; refused unless more than half of the seats take part."""
    q = quorum(meeting, paragraph, javiga=javiga)
    _require(q.beslutsfor, f"{meeting.organ} är inte beslutsför i § {paragraph.nummer}: {q.deltar} av {q.platser} ledamöter "
                           f"deltar; minst {q.platser // 2 + 1} måste delta.")
    return q.deltar


def require_votes(votering, taking_part: int, paragraph) -> None:
    if not votering:
        return
    ja, nej, avstar = votering["ja"], votering["nej"], votering.get("avstar") or 0
    _require(ja + nej + avstar <= taking_part,
             f"Rösterna ({ja} ja, {nej} nej, {avstar} avstår) är fler än de {taking_part} som deltar i beslutet i § {paragraph.nummer}.")


SUBSTITUTE_OWN_ORGANISATION = "En ersättare tjänstgör bara för en frånvarande ordinarie ledamot från sin egen organisation."


def require_same_organisation(substitute: Narvaro, member: Narvaro) -> None:
    _require(substitute.organisation_id == member.organisation_id,
             f"{substitute.person} ({substitute.organisation or '–'}) kan inte tjänstgöra för {member.person} "
             f"({member.organisation or '–'}): {SUBSTITUTE_OWN_ORGANISATION[0].lower()}{SUBSTITUTE_OWN_ORGANISATION[1:]}")


def require_on_or_after_meeting_day(meeting, today: datetime.date, message: str) -> None:
    _require(today >= meeting.datum, f"{message} ({meeting.datum:%Y-%m-%d}).")


def require_not_before_meeting(meeting, when: datetime.datetime) -> None:
    _require(timezone.localdate(when) >= meeting.datum, f"Protokollet kan inte justeras före sammanträdet ({meeting.datum:%Y-%m-%d}).")


def require_justering_deadline(meeting, when: datetime.datetime, reason: str) -> None:
    """The justering (its last signature) within 14 days of the meeting, or a recorded reason."""
    _require(timezone.localdate(when) <= meeting.justering_senast or reason.strip(),
             f"Protokollet justeras efter fristen (senast {meeting.justering_senast:%Y-%m-%d}). "
             "Ange skälet till den sena justeringen.")


def anslag_period(meeting, uppsatt: datetime.date, nedtas: datetime.date | None, reason: str,
                  today: datetime.date) -> datetime.date:
    """Check the notice's dates against the justering; returns the day it comes down (default: after 3 weeks)."""
    adjusted = timezone.localdate(meeting.justerat_tid)
    _require(uppsatt >= adjusted, f"Anslaget kan inte sättas upp före justeringen ({adjusted:%Y-%m-%d}).")
    _require(uppsatt <= today, "Anslaget kan inte anges som uppsatt ett senare datum än i dag.")
    latest = adjusted + datetime.timedelta(days=ANSLAG_DAYS)
    _require(uppsatt <= latest or reason.strip(),
             f"Anslaget sätts upp mer än två dagar efter justeringen (senast {latest:%Y-%m-%d}). "
             "Ange skälet till det sena anslaget.")
    earliest = uppsatt + datetime.timedelta(weeks=ANSLAG_WEEKS)
    _require(nedtas is None or nedtas >= earliest,
             f"Anslaget ska sitta uppe minst tre veckor: det kan tas ned tidigast {earliest:%Y-%m-%d}.")
    return nedtas or earliest


def default_texts(meeting) -> dict:
    """The text a standard item gets when the secretary left it empty."""
    adjusters = " och ".join(str(u) for u in meeting.justerare.order_by("last_name", "first_name")) or "–"
    return {
        "Mötets öppnande": "Ordföranden förklarade mötet öppnat.",
        "Dagordningens godkännande": "Dagordningen godkändes.",
        "Val av protokolljusterare": f"{adjusters} valdes att jämte ordföranden justera protokollet.",
        "Avslutning": "Ordföranden förklarade mötet avslutat.",
    }


def complete_for_justering(meeting, user) -> None:
    """Every decision item needs its decision and every item its text or decision. Empty standard items get
    their default text (written to the draft, with history, before anyone signs)."""
    defaults = default_texts(meeting)
    missing_decision, missing_text = [], []
    for paragraph in Paragraf.objects.filter(sammantrade=meeting).order_by("ordning"):
        if paragraph.typ == Paragraf.Typ.BESLUT and not paragraph.beslut.strip():
            missing_decision.append(paragraph.nummer)
        elif not (paragraph.text.strip() or paragraph.beslut.strip()):
            if paragraph.typ == Paragraf.Typ.STANDARD and paragraph.rubrik in defaults:
                paragraph.text = defaults[paragraph.rubrik]
                paragraph._history_user = user
                paragraph.save(update_fields=["text"])
            else:
                missing_text.append(paragraph.nummer)
    problems = []
    if missing_decision:
        problems.append("Beslut saknas i " + ", ".join(f"§ {n}" for n in missing_decision) + ".")
    if missing_text:
        problems.append("Text saknas i " + ", ".join(f"§ {n}" for n in missing_text) + ".")
    _require(not problems, "Protokollet kan inte skickas för justering. " + " ".join(problems))
