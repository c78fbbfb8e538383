"""Participant rows are seen and entered only by staff and the insats owner's own organisation."""

from insatser.models import Insats
from rar import roles
from uppfoljning.models import Deltagare


def can_handle_participants(user, insats: Insats) -> bool:
    """Staff, or the owner organisation's users (anything with the insats's `agare_id` will do)."""
    if roles.is_kansli(user):
        return True
    return roles.owner_organisation_id(user) is not None and roles.owner_organisation_id(user) == insats.agare_id


def participants_visible_to(user, insats: Insats):
    if not can_handle_participants(user, insats):
        return Deltagare.objects.none()
    return Deltagare.objects.filter(insats=insats)
