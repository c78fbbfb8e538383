"""Who may see and do what with applications, insatser and their reports. One place for these rules.

Owners (Insatsägare) see the cases where their organisation is owner or party; they edit only where
their organisation is the owner. Staff see and prepare everything; board members, evaluators and
readers read what has been submitted.
"""

from django.http import Http404
from django.shortcuts import get_object_or_404

from insatser.models import Ansokan, Avtal, Insats, Lagesrapport, Rekvisition
from rar import roles


def ansokningar_visible_to(user, queryset=None):
    qs = Ansokan.objects.all() if queryset is None else queryset
    user_roles = roles.roles_of(user)
    if roles.KANSLI in user_roles:
        return qs
    if user_roles & roles.READ_ALL:
        return qs.exclude(status=Ansokan.Status.UTKAST)
    org = roles.owner_organisation_id(user)
    if org:
        return qs.visible_to_organisation(org)
    return qs.none()


def insatser_visible_to(user, queryset=None):
    qs = Insats.objects.all() if queryset is None else queryset
    if roles.roles_of(user) & roles.READ_ALL:
        return qs
    org = roles.owner_organisation_id(user)
    if org:
        return qs.visible_to_organisation(org)
    return qs.none()


def cases_of_applications_with_party(organisation_id):
    """Diarium cases of the applications this organisation is a co-applicant in (rar.permissions.register_party_cases)."""
    return Ansokan.objects.filter(parter=organisation_id).values("arende_id")


def cases_of_insatser_with_party(organisation_id):
    return Insats.objects.filter(parter=organisation_id).values("arende_id")


def can_create_ansokan(user) -> bool:
    return roles.is_kansli(user) or roles.owner_organisation_id(user) is not None


def is_owner_of(user, organisation_id) -> bool:
    return roles.owner_organisation_id(user) == organisation_id


def can_edit_ansokan(user, ansokan: Ansokan) -> bool:
    if roles.is_kansli(user):
        return ansokan.status in Ansokan.STAFF_EDITABLE
    return is_owner_of(user, ansokan.agare_id) and ansokan.status in Ansokan.OWNER_EDITABLE


def can_submit_ansokan(user, ansokan: Ansokan) -> bool:
    """Who may send the application on from its form: a draft by its owner (or staff on the owner's behalf), a
    completion only by the owner's contacts."""
    if ansokan.status == Ansokan.Status.UTKAST:
        return is_owner_of(user, ansokan.agare_id) or roles.is_kansli(user)
    return ansokan.status == Ansokan.Status.KOMPLETTERING and is_owner_of(user, ansokan.agare_id)


def can_prepare(user) -> bool:
    """Preparation (beredning), working committee steps and approvals are staff work."""
    return roles.is_kansli(user)


def can_report_for(user, insats: Insats) -> bool:
    return is_owner_of(user, insats.agare_id) or roles.is_kansli(user)


def can_sign_for_owner(user, insats: Insats) -> bool:
    return is_owner_of(user, insats.agare_id)


def can_see_rule_checks(user) -> bool:
    return bool(roles.roles_of(user) & {roles.KANSLI, roles.STYRELSE})


def get_ansokan_for(user, pk) -> Ansokan:
    return get_object_or_404(ansokningar_visible_to(user).with_list_data(), pk=pk)


def get_insats_for(user, pk) -> Insats:
    return get_object_or_404(insatser_visible_to(user).with_list_data(), pk=pk)


def get_avtal_for(user, pk) -> Avtal:
    visible = insatser_visible_to(user)
    return get_object_or_404(Avtal.objects.select_related("insats__agare", "ansokan").filter(insats__in=visible), pk=pk)


def get_lagesrapport_for(user, pk) -> Lagesrapport:
    """A status report of an insats the user sees. A report not yet handed in (its draft values) is the owner's and
    staff's only: board members, evaluators, readers and partners read what has been submitted (404 before)."""
    visible = insatser_visible_to(user)
    rapport = get_object_or_404(
        Lagesrapport.objects.select_related("insats__agare", "insats__ansokan").filter(insats__in=visible), pk=pk
    )
    if rapport.status == Lagesrapport.Status.EJ_INLAMNAD and not can_report_for(user, rapport.insats):
        raise Http404
    return rapport


# --- Money: invoices are the owner's and the federation's business, not the parties' ---------------------

ECONOMY_READERS = frozenset({roles.KANSLI, roles.STYRELSE, roles.LASARE})


def can_see_economy(user, insats: Insats) -> bool:
    return bool(roles.roles_of(user) & ECONOMY_READERS) or is_owner_of(user, insats.agare_id)


def rekvisitioner_visible_to(user, queryset=None):
    qs = Rekvisition.objects.all() if queryset is None else queryset
    if roles.roles_of(user) & ECONOMY_READERS:
        return qs
    org = roles.owner_organisation_id(user)
    return qs.filter(insats__agare_id=org) if org else qs.none()


def can_invoice(user, insats: Insats) -> bool:
    """The owner invoices; staff may register an invoice on the owner's behalf."""
    return is_owner_of(user, insats.agare_id) or roles.is_kansli(user)


def get_rekvisition_for(user, pk) -> Rekvisition:
    return get_object_or_404(
        rekvisitioner_visible_to(user).select_related("insats__agare", "fas", "bilaga", "inskickad_av", "beslutad_av", "betald_av"),
        pk=pk,
    )
