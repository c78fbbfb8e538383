"""The annual follow-up (seed 001's yearly figures) and the result sheet per insats."""

from dataclasses import dataclass

from django.db.models import Sum

from insatser.models import Beviljat, Inriktning
from uppfoljning import selectors
from uppfoljning.models import Deltagare
from uppfoljning.savings import Savings, StandardAmounts, esf_savings, payback_months, savings, savings_per_insats
from uppfoljning.trace import active_individual, reached


def _individual(qs=None):
    qs = Deltagare.objects.all() if qs is None else qs
    return qs.filter(insats__inriktning=Inriktning.INDIVID, insats__kompetenshojande=False)


@dataclass
class AnnualReport:
    ar: int
    rar: selectors.Figures
    rar_besparing: Savings
    rar_investerat: int
    rar_aterbetalning: float | None
    stod: list
    esf: object
    esf_besparing: Savings
    insatser: list
    strukturell_rackvidd: int
    planmal: list
    esf_ids: list = None  # the projects behind the ESF figures (for their lists)


def annual_report(year: int) -> AnnualReport:
    from esf import selectors as esf_selectors
    from esf.models import EsfProjekt, EsfResultat
    from uppfoljning.models import Planmal

    participants = _individual()
    rar = selectors.figures(participants, year, year)
    amounts = StandardAmounts()
    saving = savings(participants, year, year)
    active = active_individual(year, year).order_by("namn")
    invested = Beviljat.objects.filter(insats__in=active, ar=year).aggregate(s=Sum("belopp"))["s"] or 0
    figures = selectors.per_insats(participants.filter(insats__in=active), year, year)
    money = dict(Beviljat.objects.filter(insats__in=active, ar=year).values("insats").annotate(s=Sum("belopp"))
                 .values_list("insats", "s"))
    per_insats = savings_per_insats(participants.filter(insats__in=active), year, year, amounts)
    rows = []
    for insats in active:
        f = figures.get(insats.pk, {})
        rows.append({"namn": insats.namn, "pk": insats.pk, "agare": insats.agare_id, "inskrivna": f.get("inskrivna", 0),
                     "avslutade": f.get("avslutade", 0), "arbete": f.get("arbete_studier", 0),
                     "andel": selectors.share(f.get("arbete_studier", 0), f.get("avslutade", 0)), "beviljat": money.get(insats.pk, 0),
                     "aterbetalning": payback_months(money.get(insats.pk, 0), getattr(per_insats.get(insats.pk), "ar_1", None))})
    esf_ids = list(EsfProjekt.objects.order_by("pk").values_list("pk", flat=True))
    esf = esf_selectors.results(esf_ids, year, year)
    esf_saving = esf_savings(EsfResultat.objects.filter(projekt__in=esf_ids, ar=year), amounts)
    reach = reached(year, year)
    return AnnualReport(esf_ids=esf_ids,
        ar=year, rar=rar, rar_besparing=saving, rar_investerat=invested,
        rar_aterbetalning=payback_months(invested, saving.ar_1),
        stod=selectors.support_before_after(participants, year, year), esf=esf, esf_besparing=esf_saving,
        insatser=rows, strukturell_rackvidd=reach, planmal=list(Planmal.objects.filter(ar=year)))


def result_sheet(insats) -> dict:
    """One insats: figures per year of its period and in total, savings, payback and support before and after."""
    participants = Deltagare.objects.filter(insats=insats)
    first, last = insats.period_start.year, insats.period_slut.year
    per_year = [(year, selectors.figures(participants, year, year)) for year in range(first, last + 1)]
    total = selectors.figures(participants, first, last)
    saving = savings(participants, first, last)
    invested = Beviljat.objects.filter(insats=insats, ar__gte=first, ar__lte=last).aggregate(s=Sum("belopp"))["s"] or 0
    return {"insats": insats, "forsta": first, "sista": last, "per_ar": per_year, "totalt": total, "besparing": saving, "investerat": invested,
            "aterbetalning": payback_months(invested, saving.ar_1),
            "stod": selectors.support_before_after(participants, first, last)}
