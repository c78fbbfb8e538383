"""ESF projects in the top bar's search (rar/search.py): by name, by the federation's or the ESF council's
diarienummer, only where the user may see the project."""

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from esf import permissions
from rar import search


def projekt(user, query):
    qs = search.matching(permissions.projekt_visible_to(user), query, ("namn",), dnr_prefix="arende__",
                         also=Q(esf_diarienummer__iexact=query.text))
    return search.group(_("ESF-projekt"), qs.values("pk", "namn", "arende__diarienummer"),
                        lambda r: search.Hit(r["namn"], reverse("esf:projekt_detail", args=[r["pk"]]),
                                             r["arende__diarienummer"]))
