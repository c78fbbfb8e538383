"""The year's figures for Uppföljning Finsam, the national follow-up that holds only aggregates."""

from django.db.models import Sum

from insatser.models import Beviljat, Insats
from uppfoljning.annual import per_insats_figures

FINSAM_HEADERS = ["Insats", "Inriktning", "Budget (kr)", "Utfall (kr)", "Budgeterade deltagare", "Deltagare kvinnor",
                  "Deltagare män"]


def finsam_figures(year: int) -> dict:
    """The year's figures for Uppföljning Finsam (aggregates only, no individual data)."""
    from insatser.models import Lagesrapport, Slutrapport
    from rar.models import Budgetpost

    active = list(Insats.objects.filter(period_start__year__lte=year, period_slut__year__gte=year)
                  .select_related("ansokan").order_by("namn"))
    ids = [i.pk for i in active]
    budget = dict(Beviljat.objects.filter(insats__in=ids, ar=year).values("insats").annotate(s=Sum("belopp"))
                  .values_list("insats", "s"))
    outcome = dict(Lagesrapport.objects.filter(insats__in=ids, period_start__year=year).values("insats")
                   .annotate(s=Sum("kostnader")).values_list("insats", "s"))
    people = per_insats_figures(year, year, ids)
    rows = []
    for insats in active:
        p = people.get(insats.pk, {})
        rows.append([insats.namn, "Individinriktad" if insats.inriktning == "individ" else "Strukturövergripande",
                     budget.get(insats.pk, 0), outcome.get(insats.pk), insats.ansokan.planerade_deltagare,
                     p.get("kvinnor", 0), p.get("man", 0)])
    structural = Slutrapport.objects.filter(insats__in=[i.pk for i in active if i.inriktning != "individ" or i.kompetenshojande],
                                            status="godkand").aggregate(s=Sum("deltagare_totalt"))["s"] or 0
    from rar.models import EgetKapital

    admin = Budgetpost.objects.filter(ar=year, slag="kostnad", namn="Kansli").aggregate(s=Sum("belopp"))["s"]
    return {"ar": year, "rader": rows, "strukturella_deltagare": structural,
            "tilldelade_medel": sum(budget.values()), "administration": admin,
            "eget_kapital": EgetKapital.objects.filter(ar=year).first()}
