"""Follow-up figures, computed by aggregate queries in the database. Division by zero gives None (shown as –)."""

import datetime
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Q

from uppfoljning.kategorier import TILL_ARBETE_STUDIER, Forsorjning, Kon


DELTAGARE_FIELDS = ("pk", "kon", "aldersband", "inskriven", "avslutad", "forsorjning_start", "forsorjning_slut", "utfall",
                    "plan_efter")  # no reference, not even its hash


def deltagare_rows(deltagare):
    """The participant list's rows: the categories and months of each participant, as plain rows."""
    return deltagare.values(*DELTAGARE_FIELDS)


def share(part, whole):
    """Whole per cent, half up; None when nothing to divide by."""
    if not whole:
        return None
    return int((Decimal(100 * part) / Decimal(whole)).quantize(Decimal(1), rounding=ROUND_HALF_UP))


@dataclass
class Figures:
    inskrivna: int = 0
    avslutade: int = 0
    arbete_studier: int = 0
    kvar: int = 0
    per_kon: dict = field(default_factory=dict)  # Kon -> (inskrivna, avslutade, arbete_studier)

    @property
    def andel(self):
        return share(self.arbete_studier, self.avslutade)


MEASURES = {
    "inskrivna": "inskrivna under perioden",
    "avslutade": "avslutade under perioden",
    "arbete_studier": "avslutade till arbete eller studier",
    "kvar": "kvar vid periodens slut",
    "aktiva": "aktiva under perioden",
}


def measure_q(measure: str, first_year: int, last_year: int) -> Q:
    """The one definition of each participant measure over a span of years, used by every figure and by the lists
    the figures link to (so a figure and its list can never disagree). Months are stored as their first day."""
    start, end = datetime.date(first_year, 1, 1), datetime.date(last_year, 12, 1)
    ended = Q(avslutad__gte=start, avslutad__lte=end)
    return {
        "inskrivna": Q(inskriven__gte=start, inskriven__lte=end),
        "avslutade": ended,
        "arbete_studier": ended & Q(utfall__in=TILL_ARBETE_STUDIER),
        "kvar": Q(inskriven__lte=end) & (Q(avslutad__isnull=True) | Q(avslutad__gt=end)),
        "aktiva": Q(inskriven__lte=end) & (Q(avslutad__isnull=True) | Q(avslutad__gte=start)),
    }[measure]


def figures(deltagare, first_year: int, last_year: int) -> Figures:
    """Enrolled in the span, ended in it, of those to work or studies, and still enrolled at its end; by gender."""
    enrolled, ended, to_work, remaining = (measure_q(m, first_year, last_year) for m in ("inskrivna", "avslutade", "arbete_studier", "kvar"))
    aggregates = {"inskrivna": Count("pk", filter=enrolled), "avslutade": Count("pk", filter=ended),
                  "arbete_studier": Count("pk", filter=to_work), "kvar": Count("pk", filter=remaining)}
    for kon in Kon.values:
        aggregates.update({
            f"inskrivna_{kon}": Count("pk", filter=enrolled & Q(kon=kon)),
            f"avslutade_{kon}": Count("pk", filter=ended & Q(kon=kon)),
            f"arbete_studier_{kon}": Count("pk", filter=to_work & Q(kon=kon)),
        })
    row = deltagare.aggregate(**aggregates)
    return Figures(
        inskrivna=row["inskrivna"], avslutade=row["avslutade"], arbete_studier=row["arbete_studier"], kvar=row["kvar"],
        per_kon={kon: (row[f"inskrivna_{kon}"], row[f"avslutade_{kon}"], row[f"arbete_studier_{kon}"]) for kon in Kon.values},
    )


def per_insats(deltagare, first_year: int, last_year: int) -> dict:
    """insats id → {"inskrivna", "avslutade", "arbete_studier"} over the span, in one grouped query."""
    return {row["insats"]: row for row in deltagare.values("insats").annotate(**{
        measure: Count("pk", filter=measure_q(measure, first_year, last_year))
        for measure in ("inskrivna", "avslutade", "arbete_studier")}).order_by()}


def support_before_after(deltagare, first_year: int, last_year: int) -> list:
    """For participants ended in the span: share in each support category at enrolment and at end (percentage points)."""
    start, end = datetime.date(first_year, 1, 1), datetime.date(last_year, 12, 1)
    ended = deltagare.filter(avslutad__gte=start, avslutad__lte=end)
    total = ended.count()
    before = dict(ended.values_list("forsorjning_start").annotate(n=Count("pk")))
    after = dict(ended.values_list("forsorjning_slut").annotate(n=Count("pk")))
    rows = []
    for code, label in Forsorjning.choices:
        b, a = share(before.get(code, 0), total), share(after.get(code, 0), total)
        rows.append((label, b, a, None if b is None else a - b))
    return rows
