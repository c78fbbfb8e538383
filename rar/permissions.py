"""Object-level access rules for the federation's own objects, in one place.

Views call `get_<thing>_for(user, pk, ...)` helpers, which return the object or raise 404 (an object
the user may not know about) or PermissionDenied (403: visible but not allowed for this action).
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.shortcuts import get_object_or_404

from rar import roles
from rar.models import Arende, Handling, Paragraf, Sammantrade, Uppdrag


def arenden_visible_to(user, queryset=None):
    qs = Arende.objects.all() if queryset is None else queryset
    user_roles = roles.roles_of(user)
    if user_roles & roles.READ_ALL:
        return qs
    if roles.INSATSAGARE in user_roles and user.organisation_id:
        return qs.filter(Q(organisation_id=user.organisation_id))
    return qs.none()


def can_register_arende(user) -> bool:
    return roles.is_kansli(user)


def can_add_handling(user, arende: Arende) -> bool:
    if roles.is_kansli(user):
        return True
    user_roles = roles.roles_of(user)
    return (
        roles.INSATSAGARE in user_roles
        and arende.status == Arende.Status.OPPET
        and user.organisation_id is not None
        and arende.organisation_id == user.organisation_id
    )


def can_see_history(user) -> bool:
    return roles.is_kansli(user) or roles.LASARE in roles.roles_of(user)


def get_arende_for(user, pk) -> Arende:
    return get_object_or_404(arenden_visible_to(user).with_list_data(), pk=pk)


def get_handling_for(user, pk) -> Handling:
    visible = arenden_visible_to(user)
    return get_object_or_404(Handling.objects.select_related("arende").filter(arende__in=visible), pk=pk)


def require(condition: bool) -> None:
    if not condition:
        raise PermissionDenied


# --- Meetings -----------------------------------------------------------------------------------------


def is_member_of(user, meeting: Sammantrade) -> bool:
    """Has a mandate in the meeting's body on the meeting's day."""
    if not user.is_authenticated:
        return False
    return Uppdrag.objects.active_on(meeting.datum).filter(organ_id=meeting.organ_id, person=user).exists()


def can_see_meeting(user, meeting: Sammantrade) -> bool:
    """Staff always; the body's members once the notice is sent; anyone with a role once the protocol is adjusted."""
    if roles.is_kansli(user):
        return True
    if meeting.status != Sammantrade.Status.PLANERAT and is_member_of(user, meeting):
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
    from django.db.models import Exists, OuterRef

    member = Uppdrag.objects.filter(organ=OuterRef("organ"), person=user, fran__lte=OuterRef("datum")).filter(
        Q(till__isnull=True) | Q(till__gte=OuterRef("datum"))
    )
    visible = Q(Exists(member)) & ~Q(status=Sammantrade.Status.PLANERAT)
    if roles.roles_of(user):
        visible |= Q(status__in=Sammantrade.LOCKED)
    return qs.filter(visible)


def get_sammantrade_for(user, pk) -> Sammantrade:
    meeting = get_object_or_404(Sammantrade.objects.select_related("organ", "sekreterare", "ordforande"), pk=pk)
    if not can_see_meeting(user, meeting):
        from django.http import Http404

        raise Http404
    return meeting


def get_paragraf_for(user, pk) -> Paragraf:
    paragraph = get_object_or_404(Paragraf.objects.select_related("sammantrade__organ", "arende"), pk=pk)
    if not can_see_meeting(user, paragraph.sammantrade):
        from django.http import Http404

        raise Http404
    return paragraph
