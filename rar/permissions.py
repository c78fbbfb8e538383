"""Object-level access rules for the federation's own objects, in one place.

Views call `get_<thing>_for(user, pk, ...)` helpers, which return the object or raise 404 (an object
the user may not know about) or PermissionDenied (403: visible but not allowed for this action).
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.shortcuts import get_object_or_404

from rar import roles
from rar.models import Arende, Handling


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
