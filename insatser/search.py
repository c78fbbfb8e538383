"""Applications and insatser in the top bar's search (rar/search.py), each only where the user may see it."""

from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from insatser import permissions
from rar import search


def _more(name, query):
    return f"{reverse(name)}?{urlencode({'q': query.text})}" if query.dnr is None else ""


def ansokningar(user, query):
    qs = search.matching(permissions.ansokningar_visible_to(user), query, ("titel",), dnr_prefix="arende__")
    return search.group(_("Ansökningar"), qs.values("pk", "titel", "arende__diarienummer"),
                        lambda r: search.Hit(r["titel"], reverse("insatser:ansokan_detail", args=[r["pk"]]),
                                             r["arende__diarienummer"]), more_url=_more("insatser:ansokan_list", query))


def insatser(user, query):
    qs = search.matching(permissions.insatser_visible_to(user), query, ("namn",), dnr_prefix="arende__")
    return search.group(_("Insatser"), qs.values("pk", "namn", "arende__diarienummer"),
                        lambda r: search.Hit(r["namn"], reverse("insatser:insats_detail", args=[r["pk"]]),
                                             r["arende__diarienummer"]), more_url=_more("insatser:insats_list", query))
