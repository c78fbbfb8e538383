"""Socio-economic savings if the persons who went to work or studies stay self-supporting.

Each person is valued at the standard annual cost of public support (schablonbelopp) of their exit year, for
the kind of support they had at enrolment: a staff-entered amount for that kind and year
(`KategoriSchablon`), else the county's amount (`Schablonbelopp`) for the year or the latest earlier one.
The saving goes to the actor that paid that support (kategorier.PAYER); a person with no public support at
enrolment saves nothing. The total is the sum over the actors, so the two can never disagree.
"""

import datetime
from dataclasses import dataclass, field
from fractions import Fraction

from django.conf import settings
from django.db import connection
from django.db.models import Count
from django.db.models.functions import ExtractYear

from uppfoljning.kategorier import PAYER, TILL_ARBETE_STUDIER, Aktor, Forsorjning, band_middle
from uppfoljning.models import KategoriSchablon, Schablonbelopp

YEARS = (1, 5, 10)


@dataclass
class ActorSaving:
    aktor: str
    personer: int = 0
    ar_1: int = 0
    ar_5: int = 0
    ar_10: int = 0
    till_pension: int = 0

    @property
    def label(self):
        return Aktor(self.aktor).label


@dataclass
class Savings:
    personer: int  # persons to work or studies in the span
    utan_stod: int = 0  # of them: no public support at enrolment, so no saving
    okand_alder: int = 0  # without a known age band: left out of "until retirement"
    ar_1: int | None = None
    ar_5: int | None = None
    ar_10: int | None = None
    till_pension: int | None = None
    per_aktor: list = field(default_factory=list)  # ActorSaving, in the order of Aktor
    belopp_per_ar: list = field(default_factory=list)  # (exit year, county amount, year of that amount, source, {kind label: amount})

    @property
    def per_ar(self) -> int | None:
        """The yearly saving (what payback is measured against)."""
        return self.ar_1


class StandardAmounts:
    """The county's amounts and the staff's amounts per kind of support, read once (one query, both tables; `rows`:
    that query's rows, when the caller has read them with its own)."""

    SQL = (f"SELECT id, ar, NULL, belopp, kalla FROM {Schablonbelopp._meta.db_table} WHERE lan = %(lan)s UNION ALL "
           f"SELECT NULL, ar, forsorjning, belopp, NULL FROM {KategoriSchablon._meta.db_table} WHERE lan = %(lan)s")

    def __init__(self, county: str | None = None, rows=None):
        county = county or settings.FORBUND["lan"]
        if rows is None:
            with connection.cursor() as cursor:
                cursor.execute(self.SQL, {"lan": county})
                rows = cursor.fetchall()
        self.county, self.kinds = {}, {}
        for pk, ar, kind, belopp, kalla in rows:
            if kind is None:
                self.county[ar] = Schablonbelopp.from_db(connection.alias, ("id", "ar", "lan", "belopp", "kalla"),
                                                         (pk, ar, county, belopp, kalla))
            else:
                self.kinds[(ar, kind)] = belopp
        self._county_amount = {}  # year → the county amount that applies (county_row's belopp), once looked up

    def county_row(self, year: int):
        """The year's county amount, else the latest earlier one, else the earliest later one; None if there is none."""
        earlier = [ar for ar in self.county if ar <= year]
        if earlier:
            return self.county[max(earlier)]
        return self.county[min(self.county)] if self.county else None

    def amount(self, year: int, kind: str) -> int | None:
        key = (year, kind)
        if key in self.kinds:
            return self.kinds[key]
        if year not in self._county_amount:
            row = self.county_row(year)
            self._county_amount[year] = row.belopp if row else None
        return self._county_amount[year]

    def describe(self, years) -> list:
        rows = []
        for year in sorted(years):
            row = self.county_row(year)
            if row is not None:
                refined = {Forsorjning(kind).label: amount for (ar, kind), amount in sorted(self.kinds.items()) if ar == year}
                rows.append((year, row.belopp, row.ar, row.kalla, refined))
        return rows


def _round(value: Fraction) -> int:
    """A non-negative fraction of a krona, rounded half up to whole kronor."""
    return (2 * value.numerator + value.denominator) // (2 * value.denominator)


def to_work_groups(deltagare, first_year: int, last_year: int, by_insats: bool = False):
    """Persons to work or studies who ended in the span, counted by exit year, support at enrolment and age band."""
    start, end = datetime.date(first_year, 1, 1), datetime.date(last_year, 12, 1)
    columns = ["exit_year", "forsorjning_start", "aldersband"] + (["insats"] if by_insats else [])
    return (deltagare.filter(avslutad__gte=start, avslutad__lte=end, utfall__in=TILL_ARBETE_STUDIER)
            .annotate(exit_year=ExtractYear("avslutad")).values(*columns).annotate(antal=Count("pk")).order_by())


def valuate(groups, amounts: StandardAmounts) -> Savings:
    """Savings of counted groups of persons (rows with exit_year, forsorjning_start, aldersband, antal)."""
    counted = {}  # rows of the same exit year, support and age band are valued together
    for g in groups:
        key = (g["exit_year"], g["forsorjning_start"], g["aldersband"])
        counted[key] = counted.get(key, 0) + g["antal"]
    result = Savings(personer=sum(counted.values()))
    actors = {code: ActorSaving(code) for code in Aktor.values}
    pension = {code: Fraction(0) for code in Aktor.values}
    unknown_amount = False
    for (exit_year, kind, band), antal in counted.items():
        actor = PAYER.get(kind, Aktor.OKAND)
        if actor is None:
            result.utan_stod += antal
            continue
        amount = amounts.amount(exit_year, kind)
        if amount is None:
            unknown_amount = True
            continue
        row = actors[actor]
        row.personer += antal
        row.ar_1 += antal * amount
        middle = band_middle(band)
        if middle is None:
            result.okand_alder += antal
        else:
            pension[actor] += antal * amount * max(Fraction(settings.PENSIONSALDER) - Fraction(str(middle)), 0)
    result.belopp_per_ar = amounts.describe({exit_year for exit_year, _, _ in counted})
    if unknown_amount:
        return result  # no standard amount at all: the savings are unknown (shown as –)
    for code, row in actors.items():
        row.ar_5, row.ar_10, row.till_pension = 5 * row.ar_1, 10 * row.ar_1, _round(pension[code])
    result.per_aktor = [row for row in actors.values() if row.personer]
    result.ar_1, result.ar_5, result.ar_10, result.till_pension = (
        sum(getattr(row, name) for row in result.per_aktor) for name in ("ar_1", "ar_5", "ar_10", "till_pension"))
    return result


def yearly_saving(groups, amounts: StandardAmounts) -> int | None:
    """valuate(groups, amounts).ar_1 alone (the yearly saving, what payback is measured against), from rows with
    exit_year, forsorjning_start and antal: None when a person with public support has no standard amount."""
    total = 0
    for g in groups:
        if PAYER.get(g["forsorjning_start"], Aktor.OKAND) is None:
            continue
        amount = amounts.amount(g["exit_year"], g["forsorjning_start"])
        if amount is None:
            return None
        total += g["antal"] * amount
    return total


def savings(deltagare, first_year: int, last_year: int, county: str | None = None) -> Savings:
    """Savings of the persons to work or studies in the span: total, per actor and the amounts used (three queries)."""
    return valuate(to_work_groups(deltagare, first_year, last_year), StandardAmounts(county))


def savings_per_insats(deltagare, first_year: int, last_year: int, amounts: StandardAmounts | None = None) -> dict:
    """insats id → Savings, from one grouped query."""
    amounts = amounts or StandardAmounts()
    per_insats = {}
    for g in to_work_groups(deltagare, first_year, last_year, by_insats=True):
        per_insats.setdefault(g["insats"], []).append(g)
    return {insats: valuate(groups, amounts) for insats, groups in per_insats.items()}


def esf_savings(results, amounts: StandardAmounts | None = None) -> Savings:
    """ESF projects report to SCB only counts per year (and, where known, the mean age of those to work or studies):
    persons × the county's amount for the year; until retirement only when every year with persons gives an age."""
    amounts = amounts or StandardAmounts()
    results = list(results)
    result = Savings(personer=sum(r.arbete_studier_kvinnor + r.arbete_studier_man for r in results))
    result.belopp_per_ar = amounts.describe({r.ar for r in results if r.arbete_studier_kvinnor + r.arbete_studier_man})
    yearly, pension, ages_known = 0, 0, True
    for r in results:
        persons = r.arbete_studier_kvinnor + r.arbete_studier_man
        if not persons:
            continue
        row = amounts.county_row(r.ar)
        if row is None:
            return result
        yearly += persons * row.belopp
        if r.medelalder_arbete_studier is None:
            ages_known = False
        else:
            pension += persons * row.belopp * max(settings.PENSIONSALDER - r.medelalder_arbete_studier, 0)
    result.ar_1, result.ar_5, result.ar_10 = yearly, 5 * yearly, 10 * yearly
    result.till_pension = pension if ages_known else None
    result.okand_alder = 0 if ages_known else result.personer
    return result


def payback_months(invested: int, saving_per_year: int | None):
    """Months until society's saving repays the investment: invested ÷ (the yearly saving ÷ 12)."""
    if not saving_per_year:
        return None
    return round(invested * 12 / saving_per_year, 1)
