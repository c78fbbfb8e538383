"""Reads for an insats's money: granted, moved, invoiced and paid per year, and the burn-rate warning on reports."""

import datetime
from django.utils import timezone
from dataclasses import dataclass

from django.db.models import Q, Sum

from insatser.models import Insats, Overforing, Rekvisition
from rar.templatetags.rar_format import kronor as _kr


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
    today = today or timezone.localdate()
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
