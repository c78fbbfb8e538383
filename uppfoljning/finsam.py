"""The year's figures for Uppföljning Finsam, the national follow-up that holds only aggregates.

Outcome (utfall) comes from approved reports only: each approved status report's costs are spread over the
calendar years by the months of its period. An approved final report gives the insats's total cost; what
it adds beyond the approved status reports falls on the months they did not cover (or, when they covered
the whole period, on the whole period), so the years always add up to the final report's total.
"""

from django.db.models import Count, Q, Sum

from insatser.models import Beviljat, Inriktning, Insats, Lagesrapport, Slutrapport
from rar.money import split_exact
from uppfoljning.models import Deltagare
from uppfoljning.selectors import measure_q

FINSAM_HEADERS = ["Insats", "Inriktning", "Budget (kr)", "Utfall (kr)", "Budgeterade deltagare", "Deltagare kvinnor",
                  "Deltagare män", "Aktiva under året kvinnor", "Aktiva under året män"]


def months_of(start, end) -> set:
    """The calendar months (year, month) a period touches."""
    result, year, month = set(), start.year, start.month
    while (year, month) <= (end.year, end.month):
        result.add((year, month))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return result


def months_per_year(start, end) -> dict[int, int]:
    """The calendar months a period touches, counted per year: 2021-10-01–2022-03-31 → {2021: 3, 2022: 3}."""
    return _per_year(months_of(start, end))


def _per_year(months) -> dict[int, int]:
    per_year = {}
    for year, _month in months:
        per_year[year] = per_year.get(year, 0) + 1
    return per_year


def _spread(amount: int, months: set) -> dict[int, int]:
    """An amount in whole kronor over the years of a set of (year, month), in proportion to the months."""
    per_year = _per_year(months)
    years = sorted(per_year)
    sign = -1 if amount < 0 else 1
    return {year: sign * part for year, part in zip(years, split_exact(abs(amount), [per_year[y] for y in years]))}


def outcome_per_year(insats_ids) -> dict[int, dict[int, int]]:
    """insats id → {year: kronor} from approved status reports and approved final reports (two queries)."""
    result: dict[int, dict[int, int]] = {}
    covered: dict[int, set] = {}
    reported: dict[int, int] = {}
    for row in Lagesrapport.objects.filter(insats__in=insats_ids, status=Lagesrapport.Status.GODKAND,
                                           kostnader__isnull=False).values("insats", "period_start", "period_slut", "kostnader"):
        months = months_of(row["period_start"], row["period_slut"])
        covered.setdefault(row["insats"], set()).update(months)
        reported[row["insats"]] = reported.get(row["insats"], 0) + row["kostnader"]
        for year, amount in _spread(row["kostnader"], months).items():
            per_year = result.setdefault(row["insats"], {})
            per_year[year] = per_year.get(year, 0) + amount
    finals = Slutrapport.objects.filter(insats__in=insats_ids, status=Slutrapport.Status.GODKAND, total_kostnad__isnull=False)
    for final in finals.select_related("insats").only("total_kostnad", "insats__period_start", "insats__period_slut"):
        insats = final.insats
        rest = final.total_kostnad - reported.get(insats.pk, 0)
        if rest == 0:
            continue
        period = months_of(insats.period_start, insats.period_slut)
        months = (period - covered.get(insats.pk, set())) or period
        for year, amount in _spread(rest, months).items():
            per_year = result.setdefault(insats.pk, {})
            per_year[year] = per_year.get(year, 0) + amount
    return result


def finsam_figures(year: int) -> dict:
    """The year's figures for Uppföljning Finsam (aggregates only, no individual data).

    Participants are those enrolled during the year (Uppföljning Finsam's definition); those active during
    the year (enrolled before its end and not ended before its start) stand beside them.
    """
    from rar.models import Budgetpost, EgetKapital

    active = list(Insats.objects.filter(period_start__year__lte=year, period_slut__year__gte=year)
                  .select_related("ansokan").order_by("namn"))
    ids = [i.pk for i in active]
    budget = dict(Beviljat.objects.filter(insats__in=ids, ar=year).values("insats").annotate(s=Sum("belopp"))
                  .values_list("insats", "s"))
    outcome = outcome_per_year(ids)
    enrolled, running = measure_q("inskrivna", year, year), measure_q("aktiva", year, year)
    people = {row["insats"]: row for row in Deltagare.objects.filter(insats__in=ids).values("insats").annotate(
        kvinnor=Count("pk", filter=enrolled & Q(kon="kvinna")), man=Count("pk", filter=enrolled & Q(kon="man")),
        aktiva_kvinnor=Count("pk", filter=running & Q(kon="kvinna")), aktiva_man=Count("pk", filter=running & Q(kon="man")))}
    rows = []
    for insats in active:
        p = people.get(insats.pk, {})
        rows.append([insats.namn, "Individinriktad" if insats.inriktning == Inriktning.INDIVID else "Strukturövergripande",
                     budget.get(insats.pk, 0), outcome.get(insats.pk, {}).get(year), insats.ansokan.planerade_deltagare,
                     p.get("kvinnor", 0), p.get("man", 0), p.get("aktiva_kvinnor", 0), p.get("aktiva_man", 0)])
    structural = Slutrapport.objects.filter(insats__in=[i.pk for i in active if i.inriktning != Inriktning.INDIVID or i.kompetenshojande],
                                            status="godkand").aggregate(s=Sum("deltagare_totalt"))["s"] or 0
    admin = Budgetpost.objects.filter(ar=year, slag="kostnad", namn="Kansli").aggregate(s=Sum("belopp"))["s"]
    return {"ar": year, "rader": rows, "strukturella_deltagare": structural,
            "tilldelade_medel": sum(budget.values()), "administration": admin,
            "eget_kapital": EgetKapital.objects.filter(ar=year).first()}
