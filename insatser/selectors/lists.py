"""Rows of the insatser, applications and invoices lists: plain dicts from `.values()`, the figures a row shows
computed in SQL (sums, the next report, the parties' names), so drawing a page builds no model instances."""

from django.contrib.postgres.expressions import ArraySubquery
from django.db.models import BigIntegerField, F, Min, OuterRef, Subquery, Sum, Value
from django.db.models.functions import Coalesce

from insatser import permissions
from insatser.models import Beviljat, BudgetAr, Lagesrapport
from rar.models import Organisation


def _sum(model, field="belopp", **match):
    rows = model.objects.filter(**match).values(*match).annotate(s=Sum(field)).values("s")
    return Coalesce(Subquery(rows, output_field=BigIntegerField()), Value(0))


def _party_names(related_name):
    return ArraySubquery(Organisation.objects.filter(**{related_name: OuterRef("pk")}).order_by("namn").values("namn"))


def insats_rows(user):
    next_report = (Lagesrapport.objects.filter(insats=OuterRef("pk"), status__in=Lagesrapport.OWNER_EDITABLE)
                   .values("insats").annotate(d=Min("forfaller")).values("d"))
    return permissions.insatser_visible_to(user).annotate(
        diarienummer=F("arende__diarienummer"), agare_namn=F("agare__namn"),
        parter_namn=_party_names("insatser_som_part"),
        beviljat_totalt=_sum(Beviljat, insats=OuterRef("pk")), nasta_rapport=Subquery(next_report),
    ).values("pk", "diarienummer", "namn", "agare_namn", "parter_namn", "inriktning", "lansovergripande", "langsiktig",
             "period_start", "period_slut", "beviljat_totalt", "nasta_rapport", "status")


def ansokan_rows(user):
    return permissions.ansokningar_visible_to(user).annotate(
        diarienummer=F("arende__diarienummer"), agare_namn=F("agare__namn"),
        parter_namn=_party_names("ansokningar_som_part"), sokt=_sum(BudgetAr, ansokan=OuterRef("pk")),
        dnr_ar=F("arende__ar"), dnr_lopnummer=F("arende__lopnummer"),
    ).values("pk", "diarienummer", "dnr_ar", "dnr_lopnummer", "titel", "typ", "status", "agare_namn", "parter_namn",
             "inriktning", "period_start", "period_slut", "sokt", "beviljat_belopp")


def rekvisition_rows(user):
    return permissions.rekvisitioner_visible_to(user).annotate(
        diarienummer=F("insats__arende__diarienummer"), insats_namn=F("insats__namn"), agare_namn=F("insats__agare__namn"),
        fas_nummer=F("fas__nummer"),
    ).values("pk", "insats_id", "diarienummer", "insats_namn", "agare_namn", "nummer", "ar", "period_start", "period_slut",
             "fas_nummer", "personal", "lokaler", "resor", "ovrigt", "belopp", "status", "inskickad", "betald_datum")
