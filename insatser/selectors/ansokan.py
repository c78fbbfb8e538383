"""Reads for applications: the rule checks before a board decision (money per year, the 75/25 balance) and the list filters shared with insatser."""

from dataclasses import dataclass

from django.db.models import Q, Sum

from insatser.models import Ansokan, Beviljat, Overforing, Rekvisition
from rar.selectors import insatsram_per_year
from rar.templatetags.rar_format import kronor as _kr


@dataclass
class RuleCheck:
    rubrik: str
    ok: bool | None  # None: information, no verdict
    text: str


LONG_COUNTY_WIDE_TARGET = 75  # per cent of granted money to long-term county-wide insatser


def granted_per_year(years, exclude_ansokan=None) -> dict[int, int]:
    """Money granted to insatser per year (all decisions, optionally leaving one application out)."""
    qs = Beviljat.objects.filter(ar__in=list(years))
    if exclude_ansokan is not None:
        qs = qs.exclude(ansokan=exclude_ansokan)
    totals = {year: 0 for year in years}
    totals.update({row["ar"]: row["summa"] for row in qs.values("ar").annotate(summa=Sum("belopp"))})
    # Year-end transfers move committed money between years (or release it back to the federation).
    for row in Overforing.objects.filter(Q(fran_ar__in=totals) | Q(till_ar__in=totals)).values("fran_ar", "till_ar", "belopp"):
        if row["fran_ar"] in totals:
            totals[row["fran_ar"]] -= row["belopp"]
        if row["till_ar"] in totals:
            totals[row["till_ar"]] += row["belopp"]
    return totals


def paid_per_year(years) -> dict[int, int]:
    """Paid invoices per year they are charged to: the outcome of the budget's frame for insatser."""
    rows = (Rekvisition.objects.filter(ar__in=list(years), status=Rekvisition.Status.BETALD)
            .values("ar").annotate(summa=Sum("belopp")))
    totals = {year: 0 for year in years}
    totals.update({row["ar"]: row["summa"] for row in rows})
    return totals


def long_county_wide_balance(years, extra_amount=0, extra_is_long=False) -> tuple[int, int]:
    """(money to long-term county-wide insatser, all granted money) in `years`, plus an application's amount."""
    totals = Beviljat.objects.filter(ar__in=list(years)).aggregate(
        alla=Sum("belopp"),
        langa=Sum("belopp", filter=Q(insats__langsiktig=True, insats__lansovergripande=True)),
    )
    long_sum = (totals["langa"] or 0) + (extra_amount if extra_is_long else 0)
    return long_sum, (totals["alla"] or 0) + extra_amount


def rule_checks(ansokan: Ansokan) -> list[RuleCheck]:
    """What staff and the board see before the decision: parties, budget room, 75/25 and target group."""
    checks = []
    parter = [org.namn for org in ansokan.parter.all() if org.pk != ansokan.agare_id]
    checks.append(
        RuleCheck(
            "Minst två parter",
            bool(parter),
            f"Insatsägare {ansokan.agare}; medsökande: {', '.join(parter) if parter else 'saknas'}.",
        )
    )
    budget = {row.ar: row.belopp for row in ansokan.budget.all()}
    if budget:
        frame = insatsram_per_year(budget)
        granted = granted_per_year(budget, exclude_ansokan=ansokan)
        for year, amount in sorted(budget.items()):
            left = frame[year] - granted[year] - amount
            checks.append(
                RuleCheck(
                    f"Budgetutrymme {year}",
                    left >= 0,
                    f"Ram för insatser {_kr(frame[year])}, redan beviljat {_kr(granted[year])}, sökt {_kr(amount)}: "
                    f"{'kvar' if left >= 0 else 'överskrids med'} {_kr(abs(left))} efter beslut.",
                )
            )
        is_long = ansokan.langsiktig and ansokan.lansovergripande and not ansokan.is_kompetens
        long_sum, total = long_county_wide_balance(budget, sum(budget.values()), is_long)
        share = round(100 * long_sum / total) if total else None
        checks.append(
            RuleCheck(
                "Fördelning 75/25",
                None if share is None else share >= LONG_COUNTY_WIDE_TARGET,
                (
                    f"Insatsen är {'långsiktig och länsövergripande' if is_long else 'kortare eller lokal'}. "
                    f"Efter beslut går {share if share is not None else '–'} % av beviljade medel {min(budget)}–{max(budget)} "
                    f"till långsiktiga länsövergripande insatser (mål minst {LONG_COUNTY_WIDE_TARGET} %)."
                ),
            )
        )
    else:
        checks.append(RuleCheck("Budgetutrymme", False, "Ansökan har ingen budget per år."))
    prioriterade = ansokan.get_prioriterade_grupper_labels()
    checks.append(
        RuleCheck(
            "Prioriterad målgrupp",
            bool(prioriterade) if not ansokan.is_kompetens else None,
            "; ".join(prioriterade) if prioriterade else "Ingen av planens prioriterade målgrupper är angiven.",
        )
    )
    return checks


def filter_list(qs, form, name_field):
    """The list filters shared by applications and insatser (both have owner, kind, period and länsdelar)."""
    if not form.is_valid():
        return qs
    data = form.cleaned_data
    if data["q"]:
        qs = qs.filter(
            Q(**{f"{name_field}__icontains": data["q"]}) | Q(arende__diarienummer__icontains=data["q"]) | Q(syfte__icontains=data["q"])
        )
    if data["status"]:
        qs = qs.filter(status=data["status"])
    if data["agare"]:
        qs = qs.filter(agare=data["agare"])
    if data["inriktning"]:
        qs = qs.filter(inriktning=data["inriktning"])
    if data["ar"]:
        qs = qs.filter(period_start__year__lte=data["ar"], period_slut__year__gte=data["ar"])
    if data["lansdel"]:
        qs = qs.filter(Q(lansdelar__contains=[data["lansdel"]]) | Q(lansovergripande=True))
    return qs
