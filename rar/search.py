"""The search box in the top bar: diarienummer exactly, and titles and names by PostgreSQL full-text search in
Swedish (stemmed: "ungdomar" finds "ungdom"), grouped by type, each type only what the user may see.

Apps above `rar` register their types in AppConfig.ready() (`register`), as for "Att göra"; `rar` adds the
diarium's cases and the organisations. A source is a function (user, query) → `Group` or None, of a bounded
number of queries (one, and one for the count).
"""

import re
from dataclasses import dataclass, field

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db.models import Q
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

CONFIG = "swedish"
PER_GROUP = 10
DNR = re.compile(r"^\s*(?:[a-zåäö]+\s*)?(\d{4})\s*/\s*(\d{1,6})\s*$", re.IGNORECASE)

_sources: list[tuple[int, callable]] = []


@dataclass
class Hit:
    rubrik: str
    url: str
    detalj: str = ""


@dataclass
class Group:
    typ: str
    hits: list[Hit]
    total: int
    more_url: str = ""  # the list, filtered on the same words
    slug: str = field(default="")


@dataclass
class Query:
    text: str
    words: SearchQuery | None
    dnr: tuple[int, int] | None  # (year, serial number) when the text is a diarienummer

    def dnr_q(self, prefix="") -> Q:
        """Rows whose case has this diarienummer (`prefix` leads to the case: "arende__")."""
        if self.dnr is None:
            return Q(pk__in=[])
        year, number = self.dnr
        return Q(**{f"{prefix}ar": year, f"{prefix}lopnummer": number})


WORD = re.compile(r"\w+")


def words_query(text: str) -> SearchQuery | None:
    """Every word of the text, each as the start of a word (`drivhus:*`, stemmed in Swedish first: "ungdomar"
    finds "ungdom"), all of them required; what is typed is never passed as tsquery syntax, only its words."""
    words = WORD.findall(text.lower())[:20]
    if not words:
        return None
    return SearchQuery(" & ".join(f"{word}:*" for word in words), config=CONFIG, search_type="raw")


def parse(text: str) -> Query:
    text = " ".join((text or "").split())[:200]
    match = DNR.match(text)
    dnr = (int(match.group(1)), int(match.group(2))) if match else None
    return Query(text=text, words=words_query(text) if text and not dnr else None, dnr=dnr)


def register(func, order: int = 50) -> None:
    if all(f is not func for _, f in _sources):
        _sources.append((order, func))
        _sources.sort(key=lambda pair: pair[0])


def matching(qs, query: Query, fields: tuple[str, ...], dnr_prefix: str | None = None, also: Q | None = None):
    """`qs` narrowed to rows whose `fields` match the words (ranked), or whose case has the diarienummer;
    `also`: rows matching it besides (e.g. another register's number, exactly)."""
    if query.dnr is not None:
        found = query.dnr_q(dnr_prefix) if dnr_prefix is not None else Q(pk__in=[])
        return qs.filter(found | also if also is not None else found).order_by("pk")
    vector = SearchVector(*fields, config=CONFIG)
    words = Q(_document=query.words)  # @@: the words match (a rank above 0 is not a match: ts_rank is never 0)
    return qs.annotate(_document=vector, _rank=SearchRank(vector, query.words)).filter(
        words | also if also is not None else words).order_by("-_rank", "pk")


def group(typ: str, qs, hit, more_url: str = "") -> Group | None:
    rows = list(qs[:PER_GROUP])
    if not rows:
        return None
    total = len(rows) if len(rows) < PER_GROUP else qs.count()
    return Group(typ=str(typ), hits=[hit(row) for row in rows], total=total, more_url=more_url)


def search(user, text: str) -> tuple[Query, list[Group]]:
    query = parse(text)
    if query.words is None and query.dnr is None:  # nothing typed, or no word in it (only punctuation)
        return query, []
    groups = [g for _, source in _sources if (g := source(user, query)) is not None]
    return query, groups


# --- rar's own types ----------------------------------------------------------------------------------------


def _arenden(user, query: Query):
    from rar import permissions
    from rar.models import Arende

    qs = matching(permissions.arenden_visible_to(user, Arende.objects.all()), query, ("titel",), dnr_prefix="")
    link = reverse("arende_list")
    return group(_("Ärenden i diariet"), qs.values("pk", "diarienummer", "titel"),
                 lambda r: Hit(r["titel"], reverse("arende_detail", args=[r["pk"]]), r["diarienummer"]),
                 more_url=f"{link}?{urlencode({'q': query.text})}" if query.dnr is None else "")


def _organisationer(user, query: Query):
    from rar.models import Organisation

    if query.dnr is not None:
        return None
    qs = matching(Organisation.objects.all(), query, ("namn",))
    return group(_("Organisationer"), qs.values("pk", "namn"),
                 lambda r: Hit(r["namn"], reverse("organisation_detail", args=[r["pk"]])))


register(_arenden, order=10)
register(_organisationer, order=90)
