"""Follow-up figures, computed by aggregate queries in the database. Division by zero gives None (shown as –)."""

import datetime
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Q

from uppfoljning.kategorier import TILL_ARBETE_STUDIER, Forsorjning, Kon


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


def figures(deltagare, first_year: int, last_year: int) -> Figures:
    """Enrolled in the span, ended in it, of those to work or studies, and still enrolled at its end; by gender."""
    start, end = datetime.date(first_year, 1, 1), datetime.date(last_year, 12, 1)
    enrolled = Q(inskriven__gte=start, inskriven__lte=end)
    ended = Q(avslutad__gte=start, avslutad__lte=end)
    to_work = ended & Q(utfall__in=TILL_ARBETE_STUDIER)
    remaining = Q(inskriven__lte=end) & (Q(avslutad__isnull=True) | Q(avslutad__gt=end))
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
