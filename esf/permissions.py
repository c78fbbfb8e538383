"""Who may see and change ESF calls and projects: staff all; owners (and partners) see their projects,
and the owner organisation's contacts may enter money and results; readers read."""

from django.shortcuts import get_object_or_404

from esf.models import EsfProjekt
from rar import roles


def projekt_visible_to(user, queryset=None):
    qs = EsfProjekt.objects.all() if queryset is None else queryset
    if roles.roles_of(user) & roles.READ_ALL:
        return qs
    org = roles.owner_organisation_id(user)
    return qs.visible_to_organisation(org) if org else qs.none()


def cases_of_projects_with_party(organisation_id):
    """Diarium cases of the projects this organisation is a partner in (rar.permissions.register_party_cases)."""
    return EsfProjekt.objects.filter(parter=organisation_id).values("arende_id")


def can_manage(user) -> bool:
    return roles.is_kansli(user)


def can_report(user, projekt: EsfProjekt) -> bool:
    """Staff, or the owner organisation's contacts, enter money and results."""
    return roles.is_kansli(user) or (roles.owner_organisation_id(user) is not None and roles.owner_organisation_id(user) == projekt.agare_id)


def get_projekt_for(user, pk) -> EsfProjekt:
    return get_object_or_404(projekt_visible_to(user).with_list_data(), pk=pk)
