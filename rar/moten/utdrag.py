"""The protocol extract (protokollsutdrag) of one paragraph, and its registration in the paragraph's case.

The extract has the form of seed 000: the body's decision, motions and proposition, the case
("Ärendet"), the basis for the decision ("Beslutsunderlag": the case's documents up to the meeting), who
the decision is sent to, and the certification. When a paragraph on a case is adjusted (at once, or with
the protocol) its extract is registered in the case: outgoing for the board (it is sent to the owner),
drawn up for other bodies such as the working committee.
"""

from django.utils import timezone

from rar.diarium import Riktning, handling_register, register_after_commit
from rar.models import Handling, Organ, Paragraf, Votering
from rar.pdf import render_pdf

TEMPLATE = "rar/moten/utdrag_pdf.html"


def kalla(paragraph) -> str:
    return f"utdrag:{paragraph.pk}"


def genitive(name: str) -> str:
    """Förbundsstyrelsen → Förbundsstyrelsens, Arbetsutskottet → Arbetsutskottets (a name ending in s takes none)."""
    return name if name.endswith(("s", "x", "z")) else f"{name}s"


def basis(paragraph) -> list:
    """The case's documents dated up to the meeting, other than extracts of this paragraph: the basis for the decision."""
    if paragraph.arende_id is None:
        return []
    return list(Handling.objects.select_related("arende").filter(arende_id=paragraph.arende_id,
                                                                 datum__lte=paragraph.sammantrade.datum)
                .exclude(kalla=kalla(paragraph)).order_by("nummer"))


def extract_context(paragraph_id: int, *, dokumentnummer: str = "") -> dict:
    """Everything the extract of one paragraph shows, read fresh."""
    paragraph = (Paragraf.objects.select_related("sammantrade__organ", "sammantrade__sekreterare", "arende")
                 .prefetch_related("yrkanden", "reservationer", "javiga").get(pk=paragraph_id))
    paragraph.vote = Votering.objects.filter(paragraf=paragraph).first()
    meeting = paragraph.sammantrade
    if not dokumentnummer:
        registered = Handling.objects.select_related("arende").filter(arende_id=paragraph.arende_id, kalla=kalla(paragraph)).first()
        dokumentnummer = registered.beteckning if registered is not None else ""
    return {
        "meeting": meeting, "p": paragraph, "organets_beslut": f"{genitive(meeting.organ.namn)} beslut",
        "justerad": meeting.is_locked or paragraph.omedelbart_justerad_tid is not None,
        "mottagare": [line.strip() for line in paragraph.expedieras_till.splitlines() if line.strip()],
        "beslutsunderlag": basis(paragraph), "dokumentnummer": dokumentnummer, "today": timezone.localdate(),
    }


def _adjusted_on(paragraph):
    moment = paragraph.omedelbart_justerad_tid or paragraph.sammantrade.justerat_tid or timezone.now()
    return timezone.localdate(moment)


def register_extract(paragraph_id: int, user) -> Handling:
    """Render and register the extract of an adjusted paragraph in its case, once."""
    paragraph = Paragraf.objects.select_related("sammantrade__organ", "sammantrade__sekreterare", "arende").get(pk=paragraph_id)
    meeting = paragraph.sammantrade
    board = meeting.organ.typ == Organ.Typ.STYRELSE

    def content(nummer):
        return render_pdf(TEMPLATE, extract_context(paragraph.pk, dokumentnummer=f"{paragraph.arende.diarienummer}-{nummer}"))

    return handling_register(
        arende=paragraph.arende, kalla=kalla(paragraph), riktning=Riktning.UTGAENDE if board else Riktning.UPPRATTAD,
        titel=f"Protokollsutdrag {meeting.organ.namn} {meeting.datum:%Y-%m-%d} § {paragraph.nummer}: {paragraph.rubrik}",
        datum=_adjusted_on(paragraph), content=content, user=meeting.sekreterare or user, delad_med_parter=True,
        filnamn=f"protokollsutdrag-{meeting.datum:%Y-%m-%d}-par-{paragraph.nummer}.pdf",
    )


def register_adjusted(meeting, user, paragraphs=None) -> None:
    """For after the commit: the extract of every adjusted paragraph on a case of `meeting` (or of `paragraphs`)."""
    adjusted = Paragraf.objects.filter(sammantrade_id=meeting.pk, arende__isnull=False)
    if paragraphs is not None:
        adjusted = adjusted.filter(pk__in=[p.pk for p in paragraphs])
    elif not meeting.is_locked:
        adjusted = adjusted.filter(omedelbart_justerad_tid__isnull=False)
    for pk in adjusted.order_by("ordning").values_list("pk", flat=True):
        register_after_commit(lambda pk=pk: register_extract(pk, user), f"protokollsutdrag, paragraf {pk}")
