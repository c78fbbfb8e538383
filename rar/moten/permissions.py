"""Who may see a meeting, its decision list and its protocol; one lookup helper per object."""

from django.db.models import Exists, OuterRef, Q
from django.http import Http404
from django.shortcuts import get_object_or_404

from rar import roles
from rar.models import Organ, Paragraf, Sammantrade, Uppdrag


def is_member_of(user, meeting: Sammantrade) -> bool:
    """Has a mandate in the meeting's body on the meeting's day."""
    if not user.is_authenticated:
        return False
    return Uppdrag.objects.active_on(meeting.datum).filter(organ_id=meeting.organ_id, person=user).exists()


def is_board_member_reading_committee(user, meeting: Sammantrade) -> bool:
    """The working committee prepares the board's business: the board's members read its meetings (not its
    decision list) once called, so the AU's proposal on a board § can be followed to the AU's §."""
    if not user.is_authenticated or meeting.organ.typ != Organ.Typ.ARBETSUTSKOTT:
        return False
    return Uppdrag.objects.active_on(meeting.datum).filter(organ__typ=Organ.Typ.STYRELSE, person=user).exists()


def can_see_meeting(user, meeting: Sammantrade) -> bool:
    """Staff always; the body's members once the notice is sent (and the board's members the AU's meetings);
    anyone with a role once the protocol is adjusted."""
    if roles.is_kansli(user):
        return True
    if meeting.status != Sammantrade.Status.PLANERAT and (is_member_of(user, meeting)
                                                           or is_board_member_reading_committee(user, meeting)):
        return True
    return meeting.is_locked and bool(roles.roles_of(user))


def can_see_decision_list(user, meeting: Sammantrade) -> bool:
    if roles.is_kansli(user):
        return True
    return meeting.status != Sammantrade.Status.PLANERAT and is_member_of(user, meeting)


def can_see_protocol(user, meeting: Sammantrade) -> bool:
    if roles.is_kansli(user) or is_adjuster(user, meeting):
        return True
    return meeting.is_locked and bool(roles.roles_of(user))


def is_adjuster(user, meeting: Sammantrade) -> bool:
    return user.is_authenticated and (
        user.pk == meeting.ordforande_id or meeting.justerare.filter(pk=user.pk).exists()
    )


def meetings_visible_to(user):
    qs = Sammantrade.objects.select_related("organ")
    if roles.is_kansli(user):
        return qs
    member = Uppdrag.objects.filter(organ=OuterRef("organ"), person=user, fran__lte=OuterRef("datum")).filter(
        Q(till__isnull=True) | Q(till__gte=OuterRef("datum"))
    )
    board_member = Uppdrag.objects.filter(organ__typ=Organ.Typ.STYRELSE, person=user, fran__lte=OuterRef("datum")).filter(
        Q(till__isnull=True) | Q(till__gte=OuterRef("datum"))
    )
    committee = Q(organ__typ=Organ.Typ.ARBETSUTSKOTT) & Q(Exists(board_member))
    visible = (Q(Exists(member)) | committee) & ~Q(status=Sammantrade.Status.PLANERAT)
    if roles.roles_of(user):
        visible |= Q(status__in=Sammantrade.LOCKED)
    return qs.filter(visible)


def get_sammantrade_for(user, pk) -> Sammantrade:
    meeting = get_object_or_404(Sammantrade.objects.select_related("organ", "sekreterare", "ordforande"), pk=pk)
    if not can_see_meeting(user, meeting):
        raise Http404
    return meeting


def get_paragraf_for(user, pk) -> Paragraf:
    paragraph = get_object_or_404(Paragraf.objects.select_related("sammantrade__organ", "arende"), pk=pk)
    if not can_see_meeting(user, paragraph.sammantrade):
        raise Http404
    return paragraph


def can_see_extract(user, paragraph: Paragraf) -> bool:
    """Who reads the protocol reads its extracts; a § adjusted at once is final, so anyone with a role reads its
    extract before the rest of the protocol is adjusted."""
    if can_see_protocol(user, paragraph.sammantrade):
        return True
    return paragraph.omedelbart_justerad_tid is not None and bool(roles.roles_of(user))


def get_utdrag_for(user, pk) -> Paragraf:
    paragraph = get_object_or_404(Paragraf.objects.select_related("sammantrade__organ", "arende"), pk=pk)
    if not can_see_extract(user, paragraph):
        raise Http404
    return paragraph
