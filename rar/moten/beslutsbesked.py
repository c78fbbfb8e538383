"""The owner's decision notice, sent once the board's § on the case is adjusted (with the whole protocol, or at
once), with the link to the extract; and which extracts a case's pages may link to.

A funding decision reaches the case's app when it is recorded (rar.case_handlers.apply_decision), but it is not
final until the § is adjusted. Only then is the owner told, once per § (a `Beslutsbesked` row; a unique key).
`send_for_adjusted(meeting, user=…)` is idempotent: call it wherever an adjustment completes.
"""

from django.db.models import Q
from django.urls import reverse

from rar import case_handlers
from rar.case_handlers import Beslutsutfall
from rar.models import Beslutsbesked, Organ, Paragraf, Sammantrade

FUNDING_OUTCOMES = [value for value, _ in Beslutsutfall.choices]


def is_adjusted(paragraph) -> bool:
    return paragraph.sammantrade.status in Sammantrade.LOCKED or paragraph.omedelbart_justerad_tid is not None


def extract_url(paragraph) -> str:
    return reverse("utdrag", args=[paragraph.pk])


def _adjusted_board_decisions():
    return (Paragraf.objects.filter(organ__typ=Organ.Typ.STYRELSE, arende__isnull=False, utfall__in=FUNDING_OUTCOMES)
            .filter(Q(sammantrade__status__in=Sammantrade.LOCKED) | Q(omedelbart_justerad_tid__isnull=False)))


def send_for_adjusted(meeting, *, user) -> int:
    """Tell the owner of each case decided at the meeting whose § is now adjusted and not yet told. Runs in the
    caller's transaction: the in-app notices are written with it, the e-mail follows after commit. `user` (whose
    signature completed the adjustment) is the author of the notice rows' history."""
    sent = 0
    waiting = (_adjusted_board_decisions().filter(sammantrade=meeting, beslutsbesked__isnull=True)
               .select_related("arende", "sammantrade").select_for_update(of=("self",)).order_by("ordning"))
    for paragraph in waiting:
        besked = Beslutsbesked(paragraf=paragraph)
        besked._history_user = user
        besked.save()
        case_handlers.handler_for(paragraph.arende.typ).decision_adjusted(
            arende=paragraph.arende, utfall=paragraph.utfall, utdrag_url=extract_url(paragraph))
        sent += 1
    return sent


def adjusted_extracts(arende_ids) -> dict:
    """{arende id: [the board's adjusted decision §§ on it]}, for links from a case's pages to the extracts."""
    found = {}
    for paragraph in (_adjusted_board_decisions().filter(arende_id__in=arende_ids)
                      .select_related("sammantrade").order_by("sammantrade__datum", "nummer")):
        found.setdefault(paragraph.arende_id, []).append(paragraph)
    return found
