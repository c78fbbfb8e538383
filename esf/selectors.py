"""Reads for ESF: the projects list's rows, money inside a span of years, and combined SCB results."""

from dataclasses import dataclass

from django.contrib.postgres.expressions import ArraySubquery
from django.db.models import BigIntegerField, Case, F, OuterRef, Subquery, Sum, Value, When
from django.db.models.functions import Coalesce

from esf import permissions
from esf.models import EsfPengar, EsfProjekt, EsfResultat
from rar.models import Organisation


def owner_shown():
    """The owner as the lists show it (`EsfProjekt.agare_visning`), in SQL."""
    return Case(When(roll=EsfProjekt.Roll.PROJEKTAGARE, then=Value(EsfProjekt.FORBUNDET)),
                default=Coalesce(F("agare__namn"), F("agare_extern")))


def projekt_rows(user):
    """The projects the user may see, as plain rows with the owner shown, the parties' names, the end (extended
    or not) and the ESF money of every year, each computed in SQL."""
    return permissions.projekt_visible_to(user).annotate(
        diarienummer=F("arende__diarienummer"), dnr_ar=F("arende__ar"), dnr_lopnummer=F("arende__lopnummer"),
        agare_namn=owner_shown(), slutar=Coalesce("forlangd_till", "period_slut"), program=F("utlysning__program"),
        parter_namn=ArraySubquery(Organisation.objects.filter(esf_parter=OuterRef("pk")).order_by("namn").values("namn")),
        esf_totalt=Coalesce(Subquery(EsfPengar.objects.filter(projekt=OuterRef("pk")).values("projekt")
                                     .annotate(s=Sum("esf_medel")).values("s"), output_field=BigIntegerField()), Value(0)),
    ).values("pk", "diarienummer", "dnr_ar", "dnr_lopnummer", "namn", "esf_diarienummer", "roll", "agare_namn",
             "parter_namn", "period_start", "slutar", "esf_totalt", "status", "program")


def money_in_span(projekt_ids, first_year: int, last_year: int) -> dict:
    """ESF money, the federation's and other co-financing in the years first_year..last_year (inclusive)."""
    totals = EsfPengar.objects.filter(projekt_id__in=list(projekt_ids), ar__gte=first_year, ar__lte=last_year).aggregate(
        esf=Sum("esf_medel"), forbund=Sum("forbundets_medfinansiering"), ovrig=Sum("ovrig_medfinansiering"))
    return {key: value or 0 for key, value in totals.items()}


@dataclass
class Results:
    inskrivna: int
    avslutade: int
    arbete_studier: int
    inskrivna_kvinnor: int = 0
    inskrivna_man: int = 0

    @property
    def andel(self):
        """Share of the ended who went to work or studies, in per cent; None (shown as –) when no one ended."""
        return None if not self.avslutade else round(100 * self.arbete_studier / self.avslutade)


def results(projekt_ids, first_year: int, last_year: int) -> Results:
    totals = EsfResultat.objects.filter(projekt_id__in=list(projekt_ids), ar__gte=first_year, ar__lte=last_year).aggregate(
        ik=Sum("inskrivna_kvinnor"), im=Sum("inskrivna_man"), ak=Sum("avslutade_kvinnor"), am=Sum("avslutade_man"),
        sk=Sum("arbete_studier_kvinnor"), sm=Sum("arbete_studier_man"))
    t = {key: value or 0 for key, value in totals.items()}
    return Results(inskrivna=t["ik"] + t["im"], avslutade=t["ak"] + t["am"], arbete_studier=t["sk"] + t["sm"],
                   inskrivna_kvinnor=t["ik"], inskrivna_man=t["im"])


def esf_budget_lines(years) -> list:
    """Lines for the federation's budget view: ESF income where it owns the project, and its support cost."""
    rows = EsfPengar.objects.filter(ar__in=list(years)).values("ar", "projekt__roll").annotate(
        esf=Sum("esf_medel"), forbund=Sum("forbundets_medfinansiering"))
    income = {year: 0 for year in years}
    support = {year: 0 for year in years}
    for row in rows:
        if row["projekt__roll"] == "agare":
            income[row["ar"]] += row["esf"] or 0
        support[row["ar"]] += row["forbund"] or 0
    return [("intakt", "ESF-medel i projekt som förbundet äger", income),
            ("kostnad", "Stöd ESF-projekt (förbundets medfinansiering)", support)]
