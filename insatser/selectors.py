"""Reads for applications and insatser: the rule checks before a board decision, and list data."""

import datetime
from dataclasses import dataclass

from django.db.models import Q, Sum

from insatser.models import Ansokan, Beviljat, Insats, Overforing, Rekvisition
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


def insats_money(insats: Insats) -> list[tuple[int, int]]:
    return list(insats.beviljat.values("ar").annotate(summa=Sum("belopp")).values_list("ar", "summa").order_by("ar"))


@dataclass
class EconomyYear:
    ar: int
    beviljat: int = 0
    overfort_in: int = 0  # moved to this year (carry-over from last year, or an advance taken from next year)
    overfort_ut: int = 0  # moved away from this year, or released back
    rekvirerat: int = 0  # invoiced and not rejected (submitted, approved or paid)
    betalt: int = 0

    @property
    def disponibelt(self) -> int:
        return self.beviljat + self.overfort_in - self.overfort_ut

    @property
    def aterstar(self) -> int:
        return self.disponibelt - self.rekvirerat


@dataclass
class Economy:
    """Granted, invoiced, paid and remaining per year for one insats, and its burn rate against the period."""

    years: list
    period_andel: int | None  # per cent of the period that has passed

    def _sum(self, name):
        return sum(getattr(year, name) for year in self.years)

    beviljat = property(lambda self: self._sum("beviljat"))
    disponibelt = property(lambda self: self._sum("disponibelt"))
    rekvirerat = property(lambda self: self._sum("rekvirerat"))
    betalt = property(lambda self: self._sum("betalt"))
    aterstar = property(lambda self: self._sum("aterstar"))
    aterfort = property(lambda self: self._sum("overfort_ut") - self._sum("overfort_in"))

    @property
    def forbrukat_andel(self) -> int | None:
        """Per cent of the money at the insats' disposal that has been invoiced."""
        return round(100 * self.rekvirerat / self.disponibelt) if self.disponibelt > 0 else None

    def year(self, ar):
        return next((y for y in self.years if y.ar == ar), None)


def insats_economy(insats: Insats, today=None) -> Economy:
    """Three queries, whatever the number of invoices: grants, transfers and invoice sums per year."""
    today = today or datetime.date.today()
    years: dict[int, EconomyYear] = {}

    def year(ar):
        return years.setdefault(ar, EconomyYear(ar))

    for row in insats.beviljat.values("ar").annotate(summa=Sum("belopp")):
        year(row["ar"]).beviljat = row["summa"]
    for row in Overforing.objects.filter(insats=insats).values("fran_ar", "till_ar", "belopp"):
        year(row["fran_ar"]).overfort_ut += row["belopp"]
        if row["till_ar"] is not None:
            year(row["till_ar"]).overfort_in += row["belopp"]
    invoices = (Rekvisition.objects.filter(insats=insats, status__in=Rekvisition.COUNTS_AGAINST_GRANT).values("ar")
                .annotate(rekvirerat=Sum("belopp"), betalt=Sum("belopp", filter=Q(status=Rekvisition.Status.BETALD))))
    for row in invoices:
        year(row["ar"]).rekvirerat, year(row["ar"]).betalt = row["rekvirerat"], row["betalt"] or 0
    total_days = (insats.period_slut - insats.period_start).days + 1
    passed = (min(max(today, insats.period_start - datetime.timedelta(days=1)), insats.period_slut) - insats.period_start).days + 1
    share = round(100 * passed / total_days) if total_days > 0 else None
    return Economy(years=[years[ar] for ar in sorted(years)], period_andel=share)


BURN_TOLERANCE = 10  # percentage points the costs may run ahead of the time passed before staff are told


def report_cost_warning(rapport, economy: Economy) -> str | None:
    """Costs reported up to and including this status report, against the share of the insats period passed
    at its end: a sentence for staff when the money runs ahead of the time."""
    insats = rapport.insats
    if rapport.kostnader is None or economy.disponibelt <= 0:
        return None
    reported = insats.lagesrapporter.filter(period_start__lte=rapport.period_start).aggregate(s=Sum("kostnader"))["s"] or 0
    total_days = (insats.period_slut - insats.period_start).days + 1
    passed = (min(rapport.period_slut, insats.period_slut) - insats.period_start).days + 1
    time_share, cost_share = 100 * passed / total_days, 100 * reported / economy.disponibelt
    if cost_share <= time_share + BURN_TOLERANCE:
        return None
    return (f"Kostnaderna ligger före tiden: {_kr(reported)} ({round(cost_share)} % av medlen) är redovisade när "
            f"{round(time_share)} % av insatsens period har gått.")


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
