"""Comments on the draft protocol: once the protocol is sent for justering and before anyone signs, the chair and
the adjusters comment on each §; the secretary (staff) answers or changes the draft. Comments and answers are kept
with the meeting (Protokollkommentar, with history) and shown on its page to staff and the meeting's officers.

`draft_editable_in_justering` is the one check for changes to the draft in this window: from the first signature
(the chair's) on, the protocol is frozen.
"""

from django.contrib.auth import get_user_model
from django.db import transaction

from rar import roles
from rar.errors import DomainError
from rar.models import Handelse, Paragraf, Protokollkommentar, Sammantrade
from rar.moten import locks, permissions
from rar.notiser import notify
from rar.permissions import require as _allow

MAX_LENGTH = 5000


def _require(condition, message):
    if not condition:
        raise DomainError(message)


def draft_editable_in_justering(meeting) -> bool:
    """The draft is out for justering and nobody has signed it yet: comments, answers and changes are allowed."""
    return meeting.status == Sammantrade.Status.JUSTERING and locks.protocol_lock(meeting) is None


def _lock_draft(sammantrade) -> Sammantrade:
    meeting = Sammantrade.objects.select_for_update().select_related("organ").get(pk=sammantrade.pk)
    _require(meeting.status == Sammantrade.Status.JUSTERING,
             "Synpunkter och ändringar görs när protokollet är skickat för justering.")
    _require(draft_editable_in_justering(meeting), "Protokollet är signerat; utkastet kan inte längre ändras eller kommenteras.")
    return meeting


def _clean(text, what="synpunkten") -> str:
    text = (text or "").strip()
    _require(text, f"Skriv {what}.")
    _require(len(text) <= MAX_LENGTH, f"Texten får vara högst {MAX_LENGTH} tecken.")
    return text


def _staff():
    return list(get_user_model().objects.filter(groups__name=roles.KANSLI, is_active=True).distinct())


def _url(paragraph) -> str:
    return f"{paragraph.sammantrade.get_absolute_url()}#paragraf-{paragraph.pk}"


def _create(meeting, paragraph, user, text, svar_pa=None) -> Protokollkommentar:
    comment = Protokollkommentar(sammantrade=meeting, paragraf=paragraph, forfattare=user, text=text, svar_pa=svar_pa)
    comment._history_user = user
    comment.save()
    return comment


def kommentar_skriv(*, paragraf: Paragraf, user, text: str) -> Protokollkommentar:
    """The chair or an adjuster comments on a § of the draft; staff are told."""
    text = _clean(text)
    with transaction.atomic():
        meeting = _lock_draft(paragraf.sammantrade)
        _allow(permissions.is_adjuster(user, meeting), "Bara ordföranden och justerarna lämnar synpunkter på protokollsutkastet.")
        paragraph = Paragraf.objects.get(pk=paragraf.pk, sammantrade=meeting)
        comment = _create(meeting, paragraph, user, text)
        notify(users=_staff(), handelse=Handelse.PROTOKOLLKOMMENTAR,
               rubrik=f"Synpunkt på § {paragraph.nummer}, {meeting}", text=f"{user.get_full_name() or user}: {text}",
               url=_url(paragraph))
    return comment


def kommentar_svara(*, kommentar: Protokollkommentar, user, text: str) -> Protokollkommentar:
    """The secretary (staff) answers a comment; its author is told."""
    _allow(roles.is_kansli(user), "Bara förbundets kansli svarar på synpunkter på protokollet.")
    text = _clean(text, "svaret")
    with transaction.atomic():
        meeting = _lock_draft(kommentar.sammantrade)
        answer = _create(meeting, kommentar.paragraf, user, text, svar_pa=kommentar.svar_pa or kommentar)
        _tell_author(answer, f"Svar på din synpunkt om § {kommentar.paragraf.nummer}, {meeting}")
    return answer


def _tell_author(answer, rubrik):
    author = answer.svar_pa.forfattare
    notify(users=[author], handelse=Handelse.PROTOKOLLKOMMENTAR, rubrik=rubrik, text=answer.text, url=_url(answer.paragraf))


def paragraf_andra_utkast(*, paragraf: Paragraf, user, text: str, beslut: str, svar_pa=None, svar: str = "") -> Paragraf:
    """The secretary changes a §'s text and decision in the draft out for justering. An executed funding decision
    and a § adjusted at once stay as they are: a correction is then a new § at a later meeting."""
    _allow(roles.is_kansli(user), "Bara förbundets kansli ändrar protokollsutkastet.")
    text, beslut, svar = (text or "").strip(), (beslut or "").strip(), (svar or "").strip()
    with transaction.atomic():
        meeting = _lock_draft(paragraf.sammantrade)
        locked = Paragraf.objects.select_for_update().get(pk=paragraf.pk, sammantrade=meeting)
        locks.require_paragraph_open(locked)  # adjusted at once, signed, or its decision executed
        if locked.typ == Paragraf.Typ.BESLUT:
            _require(beslut, "Skriv beslutet.")
        else:
            _require(text or beslut, "Skriv paragrafens text eller beslut.")
        _require(len(text) <= 20000 and len(beslut) <= 10000, "Texten är för lång.")
        locked.text, locked.beslut = text, beslut
        locked._history_user = user
        locked.save()
        officers = [meeting.ordforande, *meeting.justerare.all()]
        note = f"§ {locked.nummer} är ändrad i protokollsutkastet." + (f" {svar}" if svar else "")
        if svar_pa is not None:
            _require(svar_pa.paragraf_id == locked.pk, "Svaret ska gälla samma paragraf.")
            _create(meeting, locked, user, note, svar_pa=svar_pa.svar_pa or svar_pa)
        elif svar:
            _create(meeting, locked, user, note)
        notify(users=officers, handelse=Handelse.PROTOKOLLKOMMENTAR, rubrik=f"§ {locked.nummer} ändrad, {meeting}",
               text=note, url=_url(locked))
    return locked


def for_page(user, meeting) -> dict:
    """The comments, threaded per §, for staff and the meeting's officers; and what the user may do."""
    if not (roles.is_kansli(user) or permissions.is_adjuster(user, meeting)):
        return {}
    comments = list(Protokollkommentar.objects.filter(sammantrade=meeting, svar_pa__isnull=True)
                    .select_related("paragraf", "forfattare").prefetch_related("svar__forfattare")
                    .order_by("paragraf__ordning", "skapad", "pk"))
    editable = draft_editable_in_justering(meeting)
    return {
        "kommentarer": comments,
        "visa_kommentarer": bool(comments) or meeting.status == Sammantrade.Status.JUSTERING,
        "kan_kommentera": editable and permissions.is_adjuster(user, meeting),
        "kan_svara": editable and roles.is_kansli(user),
    }
