"""The federation's budget in the form of the verksamhetsplan (seed 003): lines per year with budget and outcome,
the computed frame for insatser, result and equity."""

from dataclasses import dataclass, field

from rar.models import Budgetpost, EgetKapital, Medlemsbidrag
from rar.selectors import shares_by_type


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
