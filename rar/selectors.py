"""Reads for the federation's own objects: computed figures and page data. The budget reads are in
rar/selectors_budget.py (re-exported here for callers)."""

from dataclasses import dataclass, field

from django.db.models import Count, Q

from rar.errors import DomainError
from rar.models import Arende, Befolkning, Medlemsbidrag, Organisation
from rar.money import split_exact

# Finsam-lagen 5 §: the state half, the region(s) a quarter, the municipalities a quarter.
SHARE_WEIGHTS = {Organisation.Typ.STAT: 2, Organisation.Typ.REGION: 1, Organisation.Typ.KOMMUN: 1}


def shares_by_type(total: int) -> dict:
    """The year's total split into the state's, the regions' and the municipalities' parts, to the krona."""
    return dict(zip(SHARE_WEIGHTS, split_exact(total, list(SHARE_WEIGHTS.values()))))


@dataclass
class ContributionRow:
    organisation: Organisation
    belopp: int
    befolkning: int | None = None
    andel_procent: float | None = None  # for display only; the amounts are exact integers


@dataclass
class Contributions:
    ar: int
    totalt: int
    per_typ: dict = field(default_factory=dict)  # Typ -> total kronor
    rows: list[ContributionRow] = field(default_factory=list)
    befolkning_totalt: int = 0

    @property
    def summa(self) -> int:
        return sum(row.belopp for row in self.rows)


def contributions_for_year(ar: int) -> Contributions:
    """Split the year's total contribution between the members, to the krona.

    The state's half is paid by the organisation marked `betalar_statens_andel` (Försäkringskassan);
    a region's share is split equally between active regions; the municipalities' quarter is split
    by their population aged 16–64 in that year. Raises DomainError with a Swedish message when the
    data needed is missing.
    """
    try:
        bidrag = Medlemsbidrag.objects.get(ar=ar)
    except Medlemsbidrag.DoesNotExist:
        raise DomainError(f"Det finns inget totalt medlemsbidrag registrerat för {ar}.") from None

    members = list(Organisation.objects.active_in(ar).order_by("namn"))
    state = [m for m in members if m.typ == Organisation.Typ.STAT and m.betalar_statens_andel]
    regions = [m for m in members if m.typ == Organisation.Typ.REGION]
    municipalities = [m for m in members if m.typ == Organisation.Typ.KOMMUN]
    if not state:
        raise DomainError("Ingen medlem är markerad som betalare av statens andel (Försäkringskassan).")
    if not regions:
        raise DomainError(f"Ingen region är medlem {ar}.")
    if not municipalities:
        raise DomainError(f"Ingen kommun är medlem {ar}.")

    population = dict(
        Befolkning.objects.filter(ar=ar, organisation__in=municipalities).values_list("organisation_id", "antal_16_64")
    )
    missing = [m.namn for m in municipalities if m.pk not in population]
    if missing:
        raise DomainError(f"Befolkning 16–64 år saknas för {ar}: {', '.join(missing)}.")

    per_typ = shares_by_type(bidrag.totalt)
    state_total, region_total, municipality_total = per_typ["stat"], per_typ["region"], per_typ["kommun"]
    result = Contributions(ar=ar, totalt=bidrag.totalt, per_typ=per_typ)
    result.rows.append(ContributionRow(state[0], state_total))
    for org, amount in zip(regions, split_exact(region_total, [1] * len(regions))):
        result.rows.append(ContributionRow(org, amount))
    weights = [population[m.pk] for m in municipalities]
    result.befolkning_totalt = sum(weights)
    for org, amount, pop in zip(municipalities, split_exact(municipality_total, weights), weights):
        result.rows.append(ContributionRow(org, amount, pop, 100 * pop / result.befolkning_totalt))
    return result


def contribution_years() -> list[int]:
    return list(Medlemsbidrag.objects.order_by("-ar").values_list("ar", flat=True))


def arende_counts() -> dict:
    return Arende.objects.aggregate(
        oppna=Count("pk", filter=Q(status=Arende.Status.OPPET)),
        totalt=Count("pk"),
    )


from rar.selectors_budget import (  # noqa: E402, F401  (re-exported: the budget reads moved to their own module)
    BUDGET_EXPORT_HEADERS, BudgetLine, BudgetYear, budget_export_rows, budget_year_range, budget_years, insatsram_per_year,
)
