"""Object-level access rules for the federation's own objects, in one place.

Views call `get_<thing>_for(user, pk, ...)` helpers, which return the object or raise 404 (an object
the user may not know about) or PermissionDenied (403: visible but not allowed for this action).
"""

from django.db.models import Q
from django.shortcuts import get_object_or_404

from rar import roles
from rar.errors import NotAllowed
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


# --- Documents by need to know ---------------------------------------------------------------------------
# Whoever sees a case in the diarium (staff, readers, the owner organisation) sees all its documents. An
# organisation that takes part in another organisation's case (a co-applicant of an application or insats,
# a partner in an ESF project) sees and downloads only the documents shared with the parties. The apps
# say where an organisation takes part: `func(organisation_id)` returns a queryset of case (Arende) ids.

PARTY_CASE_SOURCES = []


def register_party_cases(func) -> None:
    if func not in PARTY_CASE_SOURCES:
        PARTY_CASE_SOURCES.append(func)


def party_arenden(user):
    """The cases the user's organisation takes part in through another app (owner or party)."""
    org = roles.owner_organisation_id(user)
    if org is None or not PARTY_CASE_SOURCES:
        return Arende.objects.none()
    taking_part = Q()
    for source in PARTY_CASE_SOURCES:
        taking_part |= Q(pk__in=source(org))
    return Arende.objects.filter(taking_part)


def sees_whole_case(user, arende: Arende) -> bool:
    if roles.roles_of(user) & roles.READ_ALL:
        return True
    return arende.organisation_id is not None and roles.owner_organisation_id(user) == arende.organisation_id


def handlingar_visible_to(user, arende: Arende):
    """The documents of a case the user may see: all of them, or for a party only the shared ones."""
    qs = arende.handlingar.select_related("uppladdad_av")
    return qs if sees_whole_case(user, arende) else qs.filter(delad_med_parter=True)


def handlingar_context(user, arende: Arende) -> dict:
    """What templates/partials/handlingar.html needs on an insats, application or project page."""
    return {"handlingar": handlingar_visible_to(user, arende), "bara_delade": not sees_whole_case(user, arende)}


def can_share_handlingar(user, arende: Arende) -> bool:
    """The owner organisation's contacts and staff decide which of a case's documents the parties see."""
    return roles.is_kansli(user) or (
        arende.organisation_id is not None and roles.owner_organisation_id(user) == arende.organisation_id
    )


def get_handling_for(user, pk) -> Handling:
    shared_with_party = Q(delad_med_parter=True, arende__in=party_arenden(user))
    visible = Q(arende__in=arenden_visible_to(user)) | shared_with_party
    return get_object_or_404(Handling.objects.select_related("arende").filter(visible), pk=pk)


def require(allowed: bool, reason: str = "") -> None:
    """Refuse with NotAllowed — a 403 with the Swedish reason, rendered by the one 403 handler — unless `allowed`.
    Services check a right with it; a form page for some roles only is refused with it up front, on every method
    (an invalid POST draws the page again), and its service checks the same right again on the write."""
    if not allowed:
        raise NotAllowed(reason)
