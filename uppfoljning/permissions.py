"""Participant rows are seen and entered only by staff and the insats owner's own organisation."""

from django.http import Http404
from django.shortcuts import get_object_or_404

from insatser import permissions as insats_permissions
from insatser.models import Insats
from rar import roles
from uppfoljning.models import Deltagare


def can_handle_participants(user, insats: Insats) -> bool:
    """Staff, or the owner organisation's users (anything with the insats's `agare_id` will do)."""
    if roles.is_kansli(user):
        return True
    return roles.owner_organisation_id(user) is not None and roles.owner_organisation_id(user) == insats.agare_id


def get_insats_for_participants(user, pk) -> Insats:
    """The insats whose participant rows the user may see and enter: 404 for everyone else (participant rows of
    other organisations are not even acknowledged). The page's one check; the services check the right to write."""
    # The owner for the page's heading; not the parties (`get_insats_for` prefetches them): the page shows none.
    insats = get_object_or_404(insats_permissions.insatser_visible_to(user).select_related("agare"), pk=pk)
    if not can_handle_participants(user, insats):
        raise Http404
    return insats


def participant_rows(insats: Insats):
    """The insats's participant rows, for a user `get_insats_for_participants` let through."""
    return Deltagare.objects.filter(insats=insats)
