from django.db import models
from django.db.models import Q


class OwnerPartyQuerySet(models.QuerySet):
    """Cases with an owner organisation (`agare`) and partner organisations (`parter`)."""

    def visible_to_organisation(self, organisation_id):
        return self.filter(Q(agare_id=organisation_id) | Q(parter__id=organisation_id)).distinct()
