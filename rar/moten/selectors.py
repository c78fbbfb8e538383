"""Reads for meetings: quorum, the protocol's data, the decision list and protocol deadlines."""

import datetime
from dataclasses import dataclass

from rar import case_handlers
from rar.case_handlers import Beslutsutfall
from rar.models import JusteringSignatur, Narvaro, Sammantrade, Votering
from rar.moten import au


@dataclass
class Quorum:
    platser: int  # ordinary seats in the body (ordinary members called)
    tjanstgorande: int  # present ordinary members and serving substitutes
    deltar: int  # serving, minus those with conflict of interest (jäv) in this paragraph

    @property
    def beslutsfor(self) -> bool:
        """More than half of the seats take part (kommunallagen 6 kap. 28 §, applied per paragraph)."""
        return self.deltar * 2 > self.platser


def quorum(sammantrade, paragraf=None, javiga=None) -> Quorum:
    """javiga: the users with jäv in this decision, when they are not yet saved on the paragraph."""
    rows = list(Narvaro.objects.filter(sammantrade=sammantrade))
    seats = sum(1 for row in rows if row.grupp == Narvaro.Grupp.LEDAMOT)
    serving = {row.person_id for row in rows if row.tjanstgorande}
    if javiga is not None:
        conflicted = {user.pk for user in javiga}
    else:
        conflicted = set(paragraf.javiga.values_list("pk", flat=True)) if paragraf is not None else set()
    return Quorum(platser=seats, tjanstgorande=len(serving), deltar=len(serving - conflicted))


def protocol_data(meeting, publik: bool = False) -> dict:
    """Everything the protocol shows, in a fixed number of queries.

    publik: the version for the notice board, whose total leaves out paragraphs marked secret.
    """
    # "ledamot" sorts after "ersattare": descending puts ordinary members before substitutes
    attendance = list(Narvaro.objects.filter(sammantrade=meeting).select_related("person", "organisation", "tjanstgor_for")
                      .order_by("-grupp", "organisation__namn", "person__last_name"))
    paragraphs = list(meeting.paragrafer.select_related("arende", "rattar__sammantrade")
                      .prefetch_related("yrkanden", "reservationer", "javiga", "signaturer__person").order_by("ordning"))
    votes = {v.paragraf_id: v for v in Votering.objects.filter(paragraf__sammantrade=meeting)}
    for paragraph in paragraphs:
        paragraph.vote = votes.get(paragraph.pk)
    au.attach_proposals(meeting, paragraphs)
    granted = [p for p in paragraphs if p.utfall in (Beslutsutfall.FULL, Beslutsutfall.DELVIS) and not (publik and p.sekretess)]
    return {
        "ledamoter": [a for a in attendance if a.grupp == Narvaro.Grupp.LEDAMOT and a.narvarande],
        "ersattare": [a for a in attendance if a.grupp == Narvaro.Grupp.ERSATTARE and a.narvarande],
        "franvarande": [a for a in attendance if not a.narvarande],
        "ovriga": [line.strip() for line in meeting.ovriga_narvarande.splitlines() if line.strip()],
        "paragrafer": paragraphs,
        "justerare": list(meeting.justerare.all()),
        "signaturer": {s.person_id: s for s in JusteringSignatur.objects.filter(sammantrade=meeting).select_related("person")},
        "beviljat_totalt": sum(p.belopp or 0 for p in granted),
        "beviljade": len(granted),
        "paragrafspann": paragraph_span(paragraphs[0].nummer, paragraphs[-1].nummer) if paragraphs else "",
    }


def decision_list(meeting) -> list:
    """The decision items with their case summaries (from the case's app) for the board's decision list."""
    items = []
    handlers = case_handlers.handlers()
    paragraphs = meeting.paragrafer.filter(typ="beslut").select_related("arende").prefetch_related("arende__handlingar")
    for paragraph in au.attach_proposals(meeting, paragraphs.order_by("ordning")):
        summary = None
        if paragraph.arende is not None:
            handler = handlers.get(paragraph.arende.typ)  # a case without a handler (ESF, övrigt) has no summary
            if handler is not None:
                summary = handler.summary(paragraph.arende)
        items.append((paragraph, summary))
    return items


def meeting_deadlines(today) -> list:
    """Protocols nearing or past a deadline: justering within 14 days, anslag within 2 days after it."""
    soon = today + datetime.timedelta(days=5)
    rows = []
    for meeting in Sammantrade.objects.select_related("organ").filter(
        status__in=[Sammantrade.Status.GENOMFORT, Sammantrade.Status.JUSTERING, Sammantrade.Status.JUSTERAT]
    ).order_by("datum"):
        if meeting.status == Sammantrade.Status.JUSTERAT:
            due, what = meeting.anslag_senast, "Anslag"
        else:
            due, what = meeting.justering_senast, "Justering"
        if due is not None and due <= soon:
            rows.append((meeting, what, due, due < today))
    return rows


def paragraph_span(first: int | None, last: int | None) -> str:
    """The paragraphs of a protocol as "§§ 11–24", or "§ 5" for a single one."""
    if first is None:
        return ""
    return f"§ {first}" if first == last else f"§§ {first}–{last}"
