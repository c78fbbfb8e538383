"""Reads for applications and insatser: the rule checks before a board decision, and list data."""

from dataclasses import dataclass

from django.db.models import Q, Sum

from insatser.models import Ansokan, Beviljat, Insats
from rar.selectors import insatsram_per_year


@dataclass
class RuleCheck:
    rubrik: str
    ok: bool | None  # None: information, no verdict
    text: str


LONG_COUNTY_WIDE_TARGET = 75  # per cent of granted money to long-term county-wide insatser


def _kr(amount: int) -> str:
    return f"{amount:,}".replace(",", "\u00a0") + "\u00a0kr"


def granted_per_year(years, exclude_ansokan=None) -> dict[int, int]:
    """Money granted to insatser per year (all decisions, optionally leaving one application out)."""
    qs = Beviljat.objects.filter(ar__in=list(years))
    if exclude_ansokan is not None:
        qs = qs.exclude(ansokan=exclude_ansokan)
    totals = {year: 0 for year in years}
    totals.update({row["ar"]: row["summa"] for row in qs.values("ar").annotate(summa=Sum("belopp"))})
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


def insats_money(insats: Insats) -> list[tuple[int, int]]:
    return list(insats.beviljat.values("ar").annotate(summa=Sum("belopp")).values_list("ar", "summa").order_by("ar"))
