"""The working committee (arbetsutskottet, AU) as a body: which cases a body takes up, the AU's recommendation as
a § in its minutes, and the AU's proposal on the board's § for the same case.

The AU meets like the board (a Sammantrade with organ = the AU: agenda, attendance, minutes and justering). What
differs is the decision on a case: the AU recommends (tillstyrks / avstyrks) and the case's app, reached through
rar.case_handlers, makes the case ready for the board. That is the one step from the AU to the board: staff then
put the case on the board's agenda, and the board's § takes the AU's decision as its proposal, with a link to it.
"""

import datetime

from django.urls import reverse

from rar import case_handlers
from rar.case_handlers import Rekommendation
from rar.errors import DomainError
from rar.models import Organ, Paragraf


def is_committee(organ) -> bool:
    return organ.typ == Organ.Typ.ARBETSUTSKOTT


def ready_case_ids(organ, arende_ids=None) -> set:
    """Cases the body may take up now: the board those ready for the board, the AU those handed to it."""
    ids = set()
    for handler in set(case_handlers.handlers().values()):
        if organ.typ == Organ.Typ.STYRELSE:
            ids.update(handler.ready_for_board(arende_ids))
        elif is_committee(organ):
            ids.update(handler.ready_for_committee(arende_ids))
    return ids


def apply_case_outcome(*, meeting, paragraf, utfall: str, belopp, beslut: str, user) -> None:
    """Pass a decision § on a case to the case's app: the AU's recommendation, or the board's funding decision."""
    if is_committee(meeting.organ):
        case_handlers.apply_recommendation(arende=paragraf.arende, rekommendation=utfall, motivering=beslut, user=user)
        return
    if utfall in dict(Rekommendation.choices):
        raise DomainError("En rekommendation beslutas av arbetsutskottet; styrelsen beslutar om finansiering.")
    case_handlers.apply_decision(arende=paragraf.arende, utfall=utfall, belopp=belopp, beslutstext=beslut, user=user,
                                 beslutsdatum=meeting.datum)


def recommendations(arende_ids, *, on_or_before):
    """The AU's decided §§ recommending on these cases at meetings up to a day, latest first."""
    return (Paragraf.objects.filter(arende_id__in=arende_ids, organ__typ=Organ.Typ.ARBETSUTSKOTT,
                                    utfall__in=[value for value, _ in Rekommendation.choices],
                                    beslut_registrerat__isnull=False, sammantrade__datum__lte=on_or_before)
            .select_related("sammantrade__organ").order_by("-sammantrade__datum", "-nummer"))


def paragraph_url(paragraph) -> str:
    """A § on its meeting's page."""
    return f"{reverse('sammantrade_detail', args=[paragraph.sammantrade_id])}#paragraf-{paragraph.pk}"


def proposal_fields(meeting, arende, summary) -> dict:
    """forslag / forslag_av for a new decision § on the case: on the board, the AU's decision."""
    if meeting.organ.typ != Organ.Typ.STYRELSE:
        return {"forslag": "", "forslag_av": ""}
    latest = recommendations([arende.pk], on_or_before=meeting.datum).first()
    if latest is not None:
        return {"forslag": latest.beslut, "forslag_av": "Arbetsutskottet"}
    return {"forslag": summary.rekommendation, "forslag_av": "Arbetsutskottet" if summary.rekommendation else ""}


def attach_proposals(meeting, paragraphs):
    """Give each of the board's §§ on a case `au_forslag` (the AU's §, or None) and `au_forslag_url`; one query."""
    paragraphs = list(paragraphs)
    for paragraph in paragraphs:
        paragraph.au_forslag, paragraph.au_forslag_url = None, ""
    cases = {p.arende_id for p in paragraphs if p.arende_id}
    if meeting.organ.typ != Organ.Typ.STYRELSE or not cases:
        return paragraphs
    latest = {}
    for recommendation in recommendations(cases, on_or_before=meeting.datum):
        latest.setdefault(recommendation.arende_id, recommendation)
    for paragraph in paragraphs:
        proposal = latest.get(paragraph.arende_id)
        if proposal is not None:
            paragraph.au_forslag, paragraph.au_forslag_url = proposal, paragraph_url(proposal)
    return paragraphs


def latest_recommendation(arende):
    """The AU's latest decided § on a case, for the case's own page (None if the AU has not recommended)."""
    return recommendations([arende.pk], on_or_before=datetime.date.max).first()
