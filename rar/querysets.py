from django.db import models
from django.db.models import Q


class OwnerPartyQuerySet(models.QuerySet):
    """Cases with an owner organisation (`agare`) and partner organisations (`parter`)."""

    def visible_to_organisation(self, organisation_id):
        # A subquery, not a join with DISTINCT: a list can then sort by any of its columns.
        as_party = self.model.objects.filter(parter__id=organisation_id).values("pk")
        return self.filter(Q(agare_id=organisation_id) | Q(pk__in=as_party))
