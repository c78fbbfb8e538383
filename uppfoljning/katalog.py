"""Public reads: the catalogue of published insatser and ESF projects (insatskatalog) and the statistics page.

Only published items, only public fields: the querysets below select the columns the public pages show
and nothing else (no internal notes, no participant rows, no invoices). Search is PostgreSQL full-text
search with the `swedish` configuration, so "ungdomar" finds "ungdom" and "unga" finds "Unga på väg".
"""

import datetime
import functools
from dataclasses import dataclass, field

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db.models import Case, Exists, F, IntegerField, OuterRef, Q, Subquery, Sum, Value, When
from django.db.models.functions import Coalesce

from esf.models import EsfPengar, EsfProjekt, EsfResultat
from esf.selectors import owner_shown
from insatser.models import Beviljat, Insats, Lagesrapport, Slutrapport
from insatser.selectors.lists import _party_names
from rar.models import Lansdel, Organisation
from uppfoljning.models import DeltagarManad
from uppfoljning.selectors import share


def insats_vector():
    return (SearchVector("namn", weight="A", config="swedish") + SearchVector("syfte", weight="B", config="swedish")
            + SearchVector("ansokan__malgrupp", weight="C", config="swedish"))


def esf_vector():
    return SearchVector("namn", weight="A", config="swedish") + SearchVector("syfte", weight="B", config="swedish")


def search(qs, q, vector):
    """The rows Swedish full-text search finds for `q`, with their relevance as `rank` (to sort by)."""
    query = SearchQuery(q, config="swedish", search_type="websearch")
    return qs.alias(rank=SearchRank(vector, query)).filter(rank__gt=0)


def _sum_subquery(queryset, column):
    return Coalesce(Subquery(queryset.values(column)[:1], output_field=IntegerField()), Value(0))


SLUTRAPPORT, LAGESRAPPORTER = "slutrapport", "lägesrapporter"  # where a published outcome comes from


def _insats_figures():
    """An insats's public figures: what was granted, and its latest published outcome — the approved final
    report, else the approved status reports summed, else none (`resultat_kalla` empty)."""
    granted = Beviljat.objects.filter(insats=OuterRef("pk")).values("insats").annotate(s=Sum("belopp")).values("s")
    approved = Lagesrapport.objects.filter(insats=OuterRef("pk"), status=Lagesrapport.Status.GODKAND).values("insats")
    final = Slutrapport.objects.filter(insats=OuterRef("pk"), status=Slutrapport.Status.GODKAND)
    reports = {key: _sum_subquery(approved.annotate(s=Sum(column)), "s")
               for key, column in (("inskrivna", "inskrivna"), ("avslutade", "avslutade"), ("arbete", "till_arbete_studier"))}
    finals = {key: Subquery(final.values(column)[:1]) for key, column in (
        ("inskrivna", "deltagare_totalt"), ("avslutade", "avslutade_totalt"), ("arbete", "till_arbete_studier_totalt"))}
    has_final = Exists(final.filter(deltagare_totalt__isnull=False))
    has_reports = Exists(approved.filter(Q(inskrivna__gt=0) | Q(avslutade__gt=0)))
    figures = {"beviljat_summa": Coalesce(Subquery(granted, output_field=IntegerField()), Value(0)),
               "resultat_kalla": Case(When(has_final, then=Value(SLUTRAPPORT)), When(has_reports, then=Value(LAGESRAPPORTER)),
                                      default=Value(""))}
    for key in ("inskrivna", "avslutade", "arbete"):
        figures[f"resultat_{key}"] = Case(When(has_final, then=finals[key]), When(has_reports, then=reports[key]),
                                          default=None, output_field=IntegerField())
    return figures


def published_insatser():
    """Published insatser with their public figures (the catalogue's page of one insats)."""
    return (
        Insats.objects.filter(publicerad=True)
        .select_related("agare", "ansokan")
        .prefetch_related("parter")
        .only("pk", "namn", "syfte", "period_start", "period_slut", "status", "inriktning", "lansovergripande",
              "lansdelar", "agare__namn", "agare__typ", "ansokan__malgrupp", "ansokan__prioriterade_grupper")
        .annotate(**_insats_figures())
    )


# The catalogue's two querysets take no argument and are the same for every visitor: each is built once per process
# (resolving its subqueries and cases took 9 ms for the insatser, 3 ms for the ESF projects, on every request) and
# every call gets a fresh clone of it, which the filters and the ordering then narrow.
def insats_rows():
    """The catalogue's list of published insatser: public columns only, as plain rows."""
    return _insats_rows().all()


def esf_rows():
    """The catalogue's list of published ESF projects: public columns only, as plain rows."""
    return _esf_rows().all()


@functools.cache
def _insats_rows():
    return Insats.objects.filter(publicerad=True).annotate(
        agare_namn=F("agare__namn"), parter_namn=_party_names("insatser_som_part"), **_insats_figures(),
    ).values("pk", "namn", "syfte", "agare_namn", "parter_namn", "period_start", "period_slut", "status", "beviljat_summa",
             "resultat_kalla", "resultat_inskrivna", "resultat_avslutade", "resultat_arbete")


def outcome(insats) -> dict | None:
    """The latest published outcome of an insats from `published_insatser`, or None."""
    if not insats.resultat_kalla:
        return None
    return {"kalla": insats.resultat_kalla, "deltagare": insats.resultat_inskrivna, "avslutade": insats.resultat_avslutade,
            "arbete": insats.resultat_arbete}


def _esf_figures():
    money = EsfPengar.objects.filter(projekt=OuterRef("pk")).values("projekt").annotate(
        s=Sum(F("esf_medel") + F("forbundets_medfinansiering") + F("ovrig_medfinansiering"))).values("s")
    results = EsfResultat.objects.filter(projekt=OuterRef("pk")).values("projekt")
    return {
        "budget": Coalesce(Subquery(money, output_field=IntegerField()), Value(0)),
        "inskrivna": _sum_subquery(results.annotate(s=Sum(F("inskrivna_kvinnor") + F("inskrivna_man"))), "s"),
        "avslutade": _sum_subquery(results.annotate(s=Sum(F("avslutade_kvinnor") + F("avslutade_man"))), "s"),
        "arbete": _sum_subquery(results.annotate(s=Sum(F("arbete_studier_kvinnor") + F("arbete_studier_man"))), "s"),
    }


def published_esf():
    """Published ESF projects with their public figures (the catalogue's page of one project)."""
    return (
        EsfProjekt.objects.filter(publicerad=True).select_related("agare").prefetch_related("parter")
        .only("pk", "namn", "syfte", "period_start", "period_slut", "forlangd_till", "status", "roll", "agare__namn",
              "agare_extern")
        .annotate(**_esf_figures())
    )


@functools.cache
def _esf_rows():
    return EsfProjekt.objects.filter(publicerad=True).annotate(
        agare_namn=owner_shown(), slutar=Coalesce("forlangd_till", "period_slut"), **_esf_figures(),
    ).values("pk", "namn", "syfte", "roll", "agare_namn", "period_start", "slutar", "status", "budget", "inskrivna",
             "avslutade", "arbete")


# --- Statistics --------------------------------------------------------------------------------------------


@dataclass
class Statistik:
    years: list
    per_agartyp: dict = field(default_factory=dict)  # year -> {typ label: kronor}
    per_lansdel: dict = field(default_factory=dict)  # year -> {länsdel label: kronor}
    totalt: dict = field(default_factory=dict)  # year -> kronor
    langa: dict = field(default_factory=dict)  # year -> kronor to long-term county-wide insatser
    deltagare: dict = field(default_factory=dict)  # year -> {"inskrivna", "avslutade", "arbete"}
    esf_medel: dict = field(default_factory=dict)  # year -> ESF money to the registered projects
    esf_deltagare: dict = field(default_factory=dict)  # year -> {"inskrivna", "avslutade", "arbete"} reported to SCB

    def andel_langa(self, year):
        total = self.totalt.get(year, 0)
        return share(self.langa.get(year, 0), total)

    def andel_arbete(self, year):
        row = self.deltagare.get(year) or {}
        return share(row.get("arbete", 0), row.get("avslutade", 0))

    def esf_andel(self, year):
        row = self.esf_deltagare.get(year) or {}
        return share(row.get("arbete", 0), row.get("avslutade", 0))


def statistik(first_year: int, last_year: int) -> Statistik:
    """Money granted per year by owner type and länsdel, the 75/25 balance, participants and outcome shares, and the
    ESF projects' money and participants.

    Six queries whatever the number of insatser, projects or participants; the participants' one reads the monthly
    counts (at most twelve rows a year).
    """
    years = list(range(first_year, last_year + 1))
    # Months as a range (January 1st of the first year up to, not including, January 1st after the last).
    start, after = datetime.date(first_year, 1, 1), datetime.date(last_year + 1, 1, 1)
    result = Statistik(years=years)
    types = dict(Organisation.Typ.choices)
    parts = dict(Lansdel.choices)
    grants = Beviljat.objects.filter(ar__gte=first_year, ar__lte=last_year)
    for row in grants.values("ar", "insats__agare__typ").annotate(s=Sum("belopp")).order_by():
        result.per_agartyp.setdefault(row["ar"], {})[types.get(row["insats__agare__typ"], "–")] = row["s"]
    for row in grants.values("ar", "insats__agare__lansdel").annotate(s=Sum("belopp")).order_by():
        label = parts.get(row["insats__agare__lansdel"]) or "Stat och region (hela länet)"
        result.per_lansdel.setdefault(row["ar"], {})[label] = row["s"]
    for row in grants.values("ar").annotate(
            s=Sum("belopp"), langa=Sum("belopp", filter=Q(insats__langsiktig=True, insats__lansovergripande=True))).order_by():
        result.totalt[row["ar"]], result.langa[row["ar"]] = row["s"], row["langa"] or 0
    # Per month from the counts PostgreSQL keeps for every participant write (DeltagarManad): at most twelve rows a
    # year, whatever the number of participants; summed per year here.
    enrolled, ended = {}, {}
    for month, inskrivna, avslutade, arbete in (DeltagarManad.objects.filter(manad__gte=start, manad__lt=after)
                                                .values_list("manad", "inskrivna", "avslutade", "arbete_studier")):
        enrolled[month.year] = enrolled.get(month.year, 0) + inskrivna
        row = ended.setdefault(month.year, {"n": 0, "arbete": 0})
        row["n"] += avslutade
        row["arbete"] += arbete
    for year in years:
        result.deltagare[year] = {"inskrivna": enrolled.get(year, 0), "avslutade": ended.get(year, {}).get("n", 0),
                                  "arbete": ended.get(year, {}).get("arbete", 0)}
    result.esf_medel = dict(EsfPengar.objects.filter(ar__gte=first_year, ar__lte=last_year).values("ar").annotate(s=Sum("esf_medel"))
                            .values_list("ar", "s").order_by())
    for row in EsfResultat.objects.filter(ar__gte=first_year, ar__lte=last_year).values("ar").annotate(
            inskrivna=Sum(F("inskrivna_kvinnor") + F("inskrivna_man")), avslutade=Sum(F("avslutade_kvinnor") + F("avslutade_man")),
            arbete=Sum(F("arbete_studier_kvinnor") + F("arbete_studier_man"))).order_by():
        result.esf_deltagare[row["ar"]] = {key: row[key] for key in ("inskrivna", "avslutade", "arbete")}
    return result
