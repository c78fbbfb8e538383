"""Reads for the federation's own objects: computed figures and page data."""

from dataclasses import dataclass, field

from django.db.models import Count, Q

from rar.errors import DomainError
from rar.models import Arende, Befolkning, Budgetpost, EgetKapital, Medlemsbidrag, Organisation
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


@dataclass
class BudgetLine:
    namn: str
    budget: int
    utfall: int | None = None
    kommentar: str = ""
    beraknad: bool = False  # computed from the decisions and invoices, not entered


@dataclass
class BudgetYear:
    """One year of the budget in the form of the plan (seed 003): income and cost lines, budget and outcome.

    The frame for insatser (the cost lines marked `insatsram`) is shown as two computed lines: what the
    board has granted for the year and the money left for new insatser. The same two numbers feed the
    "budget room" rule check before a decision.
    """

    ar: int
    intakter: list = field(default_factory=list)  # BudgetLine
    kostnader: list = field(default_factory=list)  # BudgetLine, the frame lines replaced by the computed ones
    insatsram: int = 0  # the cost lines that frame grants to insatser
    beviljat: int = 0  # granted by the board's decisions for the year, after year-end transfers
    betalt: int = 0  # paid invoices charged to the year: the frame's outcome
    har_utfall: bool = False  # any outcome entered or paid for the year
    registrerat: list = field(default_factory=list)  # (slag, label, kronor) computed from registered projects
    ingaende_kapital: int | None = None
    bokslut_kapital: int | None = None  # closing equity recorded from the annual accounts
    tak: int | None = None  # recommended highest equity

    @property
    def utrymme(self) -> int:
        """Room left for new insatser: the frame minus what is granted."""
        return self.insatsram - self.beviljat

    @property
    def summa_intakter(self) -> int:
        return sum(line.budget for line in self.intakter)

    @property
    def summa_kostnader(self) -> int:
        return sum(line.budget for line in self.kostnader)

    @property
    def resultat(self) -> int:
        return self.summa_intakter - self.summa_kostnader

    @property
    def summa_intakter_utfall(self) -> int | None:
        return sum(line.utfall or 0 for line in self.intakter) if self.har_utfall else None

    @property
    def summa_kostnader_utfall(self) -> int | None:
        return sum(line.utfall or 0 for line in self.kostnader) if self.har_utfall else None

    @property
    def resultat_utfall(self) -> int | None:
        return self.summa_intakter_utfall - self.summa_kostnader_utfall if self.har_utfall else None

    @property
    def utgaende_kapital(self) -> int | None:
        """Closing equity if the budget holds: opening equity plus the budgeted result."""
        return None if self.ingaende_kapital is None else self.ingaende_kapital + self.resultat

    @property
    def utgaende_kapital_utfall(self) -> int | None:
        if self.bokslut_kapital is not None:
            return self.bokslut_kapital
        if self.ingaende_kapital is None or not self.har_utfall:
            return None
        return self.ingaende_kapital + self.resultat_utfall

    @property
    def over_tak(self) -> bool:
        """The warning: the closing equity (by outcome when there is one, else by budget) passes the cap."""
        closing = self.utgaende_kapital_utfall if self.utgaende_kapital_utfall is not None else self.utgaende_kapital
        return self.tak is not None and closing is not None and closing > self.tak


def budget_years(years: list[int]) -> list[BudgetYear]:
    """The plan's budget per year with its outcome, result and equity, in a fixed number of queries."""
    from rar.budget import computed_lines, granted_per_year, paid_per_year

    years = sorted(years)
    result = {y: BudgetYear(y) for y in years}
    for bidrag in Medlemsbidrag.objects.filter(ar__in=years):
        shares = shares_by_type(bidrag.totalt)
        result[bidrag.ar].intakter += [
            BudgetLine("Staten", shares["stat"], shares["stat"], "Arbetsförmedlingen och Försäkringskassan"),
            BudgetLine("Regionen", shares["region"], shares["region"]),
            BudgetLine("Kommunerna", shares["kommun"], shares["kommun"], "Fördelas efter folkmängd 16–64 år"),
        ]
    framed = set()  # years with cost lines marked as the frame for insatser
    for post in Budgetpost.objects.filter(ar__in=years).order_by("ar", "ordning", "pk"):
        year = result[post.ar]
        year.har_utfall = year.har_utfall or post.utfall is not None
        if post.slag == Budgetpost.Slag.INTAKT:
            year.intakter.append(BudgetLine(post.namn, post.belopp, post.utfall, post.kommentar))
        elif post.insatsram:
            year.insatsram += post.belopp
            framed.add(post.ar)
        else:
            year.kostnader.append(BudgetLine(post.namn, post.belopp, post.utfall, post.kommentar))
    granted, paid, lines = granted_per_year(years), paid_per_year(years), computed_lines(years)
    for y in years:
        year = result[y]
        year.beviljat, year.betalt = granted.get(y, 0), paid.get(y, 0)
        year.har_utfall = year.har_utfall or year.betalt > 0
        if not year.har_utfall:
            for line in year.intakter:
                line.utfall = None
        if y in framed:
            year.kostnader += [
                BudgetLine("Beviljade insatser", year.beviljat, year.betalt,
                           "Beviljat enligt styrelsens beslut; utfall = betalda rekvisitioner", beraknad=True),
                BudgetLine("Medel tillgängliga för nya insatser", year.utrymme, None,
                           "Ramen för insatser minus beviljat", beraknad=True),
            ]
        year.registrerat = [(slag, label, per_year.get(y, 0)) for slag, label, per_year in lines]
    _add_equity(result, years, {row.ar: row for row in EgetKapital.objects.filter(ar__lte=max(years, default=0))})
    return [result[y] for y in years]


def _add_equity(result, years, equity_rows):
    """Opening equity per year: entered, else the previous year's closing (recorded, or computed); the cap is
    the year's parameter or the latest earlier one."""
    caps = sorted((row.ar, row.rekommenderat_tak) for row in equity_rows.values())
    previous = None
    for y in years:
        year, row = result[y], equity_rows.get(y)
        if row is not None and row.ingaende is not None:
            year.ingaende_kapital = row.ingaende
        elif y - 1 in equity_rows and equity_rows[y - 1].utgaende is not None:
            year.ingaende_kapital = equity_rows[y - 1].utgaende
        elif previous is not None and previous.ar == y - 1:
            closing = previous.utgaende_kapital_utfall
            year.ingaende_kapital = closing if closing is not None else previous.utgaende_kapital
        year.bokslut_kapital = row.utgaende if row is not None else None
        earlier = [cap for ar, cap in caps if ar <= y]
        year.tak = earlier[-1] if earlier else None
        previous = year


BUDGET_EXPORT_HEADERS = ["År", "Avsnitt", "Post", "Budget (kr)", "Utfall (kr)", "Kommentar"]


def budget_export_rows(budget: list[BudgetYear]):
    """The budget follow-up as rows for the accounting system: one row per line, sums, result and equity."""
    for year in budget:
        for section, lines in (("Intäkter", year.intakter), ("Kostnader", year.kostnader)):
            for line in lines:
                yield (year.ar, section, line.namn, line.budget, line.utfall if year.har_utfall else None, line.kommentar)
        yield (year.ar, "Summa", "Summa intäkter", year.summa_intakter, year.summa_intakter_utfall, "")
        yield (year.ar, "Summa", "Summa kostnader", year.summa_kostnader, year.summa_kostnader_utfall, "")
        yield (year.ar, "Summa", "Resultat", year.resultat, year.resultat_utfall, "")
        yield (year.ar, "Eget kapital", "Ingående eget kapital", year.ingaende_kapital, year.ingaende_kapital, "")
        yield (year.ar, "Eget kapital", "Utgående eget kapital", year.utgaende_kapital, year.utgaende_kapital_utfall,
               "Över rekommenderat tak" if year.over_tak else "")
        yield (year.ar, "Eget kapital", "Rekommenderat högsta eget kapital", year.tak, None, "")


def budget_year_range() -> list[int]:
    years = set(Budgetpost.objects.values_list("ar", flat=True)) | set(
        Medlemsbidrag.objects.values_list("ar", flat=True)
    )
    return sorted(years)


def arende_counts() -> dict:
    return Arende.objects.aggregate(
        oppna=Count("pk", filter=Q(status=Arende.Status.OPPET)),
        totalt=Count("pk"),
    )


def insatsram_per_year(years) -> dict[int, int]:
    """The budget's frame for insatser per year (kronor): the cost lines marked `insatsram`."""
    from django.db.models import Sum

    rows = (
        Budgetpost.objects.filter(ar__in=list(years), insatsram=True, slag=Budgetpost.Slag.KOSTNAD)
        .values("ar")
        .annotate(summa=Sum("belopp"))
    )
    frame = {year: 0 for year in years}
    frame.update({row["ar"]: row["summa"] for row in rows})
    return frame
