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
    """Enrolled in the span, ended in it, of those to work or studies, and still enrolled at its end; by gender.

    One query grouped by gender with four counts (the totals are their sums): thirteen filtered counts cost the ORM
    twice the time to build."""
    counts = {measure: Count("pk", filter=measure_q(measure, first_year, last_year))
              for measure in ("inskrivna", "avslutade", "arbete_studier", "kvar")}
    by_kon = {row["kon"]: row for row in deltagare.values("kon").annotate(**counts).order_by()}
    total = {measure: sum(row[measure] for row in by_kon.values()) for measure in counts}
    return Figures(
        **total,
        per_kon={kon: tuple(by_kon[kon][m] if kon in by_kon else 0 for m in ("inskrivna", "avslutade", "arbete_studier"))
                 for kon in Kon.values},
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
    # One grouped query (support at enrolment × support at end); the total and both margins are summed from it.
    return _support_rows(ended.values_list("forsorjning_start", "forsorjning_slut").annotate(n=Count("pk")).order_by())


def _support_rows(pairs) -> list:
    """(label, % at enrolment, % at end, difference) per support category, from (start, end, count) rows."""
    total, before, after = 0, {}, {}
    for start_code, end_code, n in pairs:
        total += n
        before[start_code] = before.get(start_code, 0) + n
        after[end_code] = after.get(end_code, 0) + n
    rows = []
    for code, label in Forsorjning.choices:
        b, a = share(before.get(code, 0), total), share(after.get(code, 0), total)
        rows.append((label, b, a, None if b is None else a - b))
    return rows


@dataclass
class ParticipantFacts:
    per_insats: dict  # insats id → {"inskrivna", "avslutade", "arbete_studier"}, as per_insats()
    work_by_insats: list  # to work or studies in the span: {"insats", "exit_year", "forsorjning_start", "antal"}
    work_groups: list  # all of them, as savings.to_work_groups(): {"exit_year", "forsorjning_start", "aldersband", "antal"}
    stod: list  # as support_before_after()


# The participants of the given insatser are read once (insats_id = ANY: the index on insats), and three grouping
# sets are counted in that one pass: by insats, exit year and support at enrolment (those to work or studies; the
# others of the insats in one group of their own, so the insats's figures are the sum of its groups); those to work
# or studies by exit year, support and age band; and those ended by support at enrolment and at end. (A fourth set
# by insats alone cost a hash table more than its sums here in Python: a third of the query on the large data set.)
# The CASEs put the rows outside a set's measure in one empty group per insats (or one in all), so that few rows
# come back; OFFSET 0 keeps each inner select a step of its own, so that its conditions are computed once a row.
# The measures are measure_q's: months stored as their first day, the span from January 1st of its first year to
# December 1st of its last.
_FACTS_SQL = """
SELECT GROUPING(insats_id, work_year, work_start, work_band, ended_start, ended_end),
       insats_id, work_year, work_start, work_band, ended_start, ended_end,
       COUNT(*) FILTER (WHERE enrolled), COUNT(*) FILTER (WHERE ended), COUNT(*) FILTER (WHERE work)
FROM (
    SELECT insats_id, enrolled, ended, work,
           CASE WHEN work THEN EXTRACT(YEAR FROM avslutad)::integer END AS work_year,
           CASE WHEN work THEN forsorjning_start END AS work_start,
           CASE WHEN work THEN aldersband END AS work_band,
           CASE WHEN ended THEN forsorjning_start END AS ended_start,
           CASE WHEN ended THEN forsorjning_slut END AS ended_end
    FROM (
        SELECT insats_id, avslutad, forsorjning_start, forsorjning_slut, aldersband,
               inskriven >= %(start)s AND inskriven <= %(end)s AS enrolled,
               COALESCE(avslutad >= %(start)s AND avslutad <= %(end)s, false) AS ended,
               COALESCE(avslutad >= %(start)s AND avslutad <= %(end)s AND utfall = ANY(%(work)s), false) AS work
        FROM uppfoljning_deltagare WHERE insats_id = ANY(%(ids)s) OFFSET 0
    ) AS d OFFSET 0
) AS d
GROUP BY GROUPING SETS ((insats_id, work_year, work_start), (work_year, work_start, work_band), (ended_start, ended_end))
"""
# GROUPING(): one bit for each of its six columns that the row's set does not group by (the first column highest).
_WORK_BY_INSATS, _WORK, _ENDED = 0b000111, 0b100011, 0b111100


def participant_facts(insats_ids, first_year: int, last_year: int) -> ParticipantFacts:
    """per_insats, those to work or studies (by insats; by exit year, support and age band) and
    support_before_after of the insatser's participants, in one query and one pass over their rows."""
    from django.db import connection

    start, end = datetime.date(first_year, 1, 1), datetime.date(last_year, 12, 1)
    facts = ParticipantFacts(per_insats={}, work_by_insats=[], work_groups=[], stod=[])
    pairs = []
    if insats_ids:
        with connection.cursor() as cursor:
            cursor.execute(_FACTS_SQL, {"start": start, "end": end, "ids": list(insats_ids),
                                        "work": [str(u) for u in TILL_ARBETE_STUDIER]})
            rows = cursor.fetchall()
        per_insats = facts.per_insats
        for grouping, insats, year, kind, band, ended_start, ended_end, enrolled, ended, work in rows:
            if grouping == _WORK_BY_INSATS:
                counts = per_insats.get(insats)
                if counts is None:
                    per_insats[insats] = {"insats": insats, "inskrivna": enrolled, "avslutade": ended, "arbete_studier": work}
                else:
                    counts["inskrivna"] += enrolled
                    counts["avslutade"] += ended
                    counts["arbete_studier"] += work
                if year is not None:
                    facts.work_by_insats.append({"insats": insats, "exit_year": year, "forsorjning_start": kind, "antal": work})
            elif year is not None:
                if grouping == _WORK:
                    facts.work_groups.append({"exit_year": year, "forsorjning_start": kind, "aldersband": band, "antal": work})
            elif grouping == _ENDED and ended:
                pairs.append((ended_start, ended_end, ended))
    facts.stod = _support_rows(pairs)
    return facts
