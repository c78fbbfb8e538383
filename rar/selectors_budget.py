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
    har_eget_utfall: bool = True  # False for the money left for new insatser: once granted it is a granted insats


@dataclass
class BudgetYear:
    """One year of the budget in the form of the plan (seed 003): income and cost lines, budget and outcome.

    The frame for insatser (the cost lines marked `insatsram`) is shown as two computed lines: what the
    board has granted for the year and the money left for new insatser. The same two numbers feed the
    "budget room" rule check before a decision.

    Two identities hold for the budget and for the outcome alike: result = income − costs, and closing equity
    = opening equity + result. A sum the data cannot give (no cost lines for the year, an outcome not entered
    for every line) is None, shown as "–", never as 0.
    """

    ar: int
    intakter: list = field(default_factory=list)  # BudgetLine
    kostnader: list = field(default_factory=list)  # BudgetLine, the frame lines replaced by the computed ones
    insatsram: int = 0  # the cost lines that frame grants to insatser
    beviljat: int = 0  # granted by the board's decisions for the year, after year-end transfers
    betalt: int = 0  # paid invoices charged to the year: the frame's outcome unless the accounts give it
    har_kostnader: bool = False  # any cost line entered for the year
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
    def summa_kostnader(self) -> int | None:
        return sum(line.budget for line in self.kostnader) if self.har_kostnader else None

    @property
    def resultat(self) -> int | None:
        return None if self.summa_kostnader is None else self.summa_intakter - self.summa_kostnader

    @property
    def saknar_utfall(self) -> list:
        """The lines whose outcome is not entered yet, in a year that has some outcome."""
        if not self.har_utfall:
            return []
        return [line.namn for line in self.intakter + self.kostnader if line.har_eget_utfall and line.utfall is None]

    @property
    def utfall_komplett(self) -> bool:
        return self.har_utfall and self.har_kostnader and not self.saknar_utfall

    def _sum_outcome(self, lines):
        return sum(line.utfall or 0 for line in lines) if self.utfall_komplett else None

    @property
    def summa_intakter_utfall(self) -> int | None:
        return self._sum_outcome(self.intakter)

    @property
    def summa_kostnader_utfall(self) -> int | None:
        return self._sum_outcome(self.kostnader)

    @property
    def resultat_utfall(self) -> int | None:
        return self.summa_intakter_utfall - self.summa_kostnader_utfall if self.utfall_komplett else None

    @property
    def utgaende_kapital(self) -> int | None:
        """Closing equity if the budget holds: opening equity plus the budgeted result."""
        return None if self.ingaende_kapital is None or self.resultat is None else self.ingaende_kapital + self.resultat

    @property
    def utgaende_kapital_utfall(self) -> int | None:
        """Closing equity by the outcome: opening equity plus the outcome's result (never a figure from elsewhere)."""
        if self.ingaende_kapital is None or self.resultat_utfall is None:
            return None
        return self.ingaende_kapital + self.resultat_utfall

    @property
    def bokslut_avviker(self) -> bool:
        """The annual accounts give another closing equity than opening + the outcome's result: a line is wrong."""
        closing = self.utgaende_kapital_utfall
        return self.bokslut_kapital is not None and closing is not None and closing != self.bokslut_kapital

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
    frame_outcome = {}  # year -> the frame's outcome entered from the annual accounts
    for post in Budgetpost.objects.filter(ar__in=years).order_by("ar", "ordning", "pk"):
        year = result[post.ar]
        year.har_utfall = year.har_utfall or post.utfall is not None
        if post.slag == Budgetpost.Slag.INTAKT:
            year.intakter.append(BudgetLine(post.namn, post.belopp, post.utfall, post.kommentar))
            continue
        year.har_kostnader = True
        if post.insatsram:
            year.insatsram += post.belopp
            framed.add(post.ar)
            if post.utfall is not None:
                frame_outcome[post.ar] = frame_outcome.get(post.ar, 0) + post.utfall
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
            from_accounts = y in frame_outcome
            year.kostnader += [
                BudgetLine("Beviljade insatser", year.beviljat, frame_outcome[y] if from_accounts else year.betalt,
                           "Beviljat enligt styrelsens beslut; utfall " + (
                               "enligt bokslutet" if from_accounts else "= betalda rekvisitioner"), beraknad=True),
                BudgetLine("Medel tillgängliga för nya insatser", year.utrymme, None,
                           "Ramen för insatser minus beviljat", beraknad=True, har_eget_utfall=False),
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


@dataclass
class TableRow:
    """One row of the budget table: a line's (budget, outcome) per year, None where the year lacks it."""

    namn: str
    celler: list
    typ: str = "rad"  # rad, summa, rubrik
    beraknad: bool = False
    kommentar: str = ""


def budget_table(budget: list[BudgetYear]) -> list[TableRow]:
    """The years side by side as in the plan: each line once, in the order of its first appearance."""

    def lines(section):
        rows, order = {}, []
        for index, year in enumerate(budget):
            for line in getattr(year, section):
                if line.namn not in rows:
                    rows[line.namn] = TableRow(line.namn, [None] * len(budget), beraknad=line.beraknad, kommentar=line.kommentar)
                    order.append(line.namn)
                rows[line.namn].celler[index] = (line.budget, line.utfall if year.har_utfall else None)
        return [rows[name] for name in order]

    def row(namn, budget_of, outcome_of=lambda year: None, typ="summa"):
        return TableRow(namn, [(budget_of(year), outcome_of(year)) for year in budget], typ=typ)

    table = [TableRow("Intäkter", [], typ="rubrik"), *lines("intakter"),
             row("Summa intäkter", lambda y: y.summa_intakter, lambda y: y.summa_intakter_utfall),
             TableRow("Kostnader", [], typ="rubrik"), *lines("kostnader"),
             row("Summa kostnader", lambda y: y.summa_kostnader, lambda y: y.summa_kostnader_utfall),
             row("Resultat", lambda y: y.resultat, lambda y: y.resultat_utfall),
             TableRow("Eget kapital", [], typ="rubrik"),
             row("Ingående eget kapital", lambda y: y.ingaende_kapital, lambda y: y.ingaende_kapital, typ="rad"),
             row("Utgående eget kapital", lambda y: y.utgaende_kapital, lambda y: y.utgaende_kapital_utfall),
             row("Rekommenderat högsta eget kapital", lambda y: y.tak, typ="rad")]
    if any(year.insatsram for year in budget):
        table += [TableRow("Ramen för insatser", [], typ="rubrik"),
                  row("Ram för insatser enligt budget", lambda y: y.insatsram, typ="rad"),
                  row("Beviljat enligt styrelsens beslut", lambda y: y.beviljat, typ="rad"),
                  row("Utrymme för nya insatser", lambda y: y.utrymme)]
    registered = {label: slag for year in budget for slag, label, _ in year.registrerat}
    if registered:
        table.append(TableRow("Enligt registrerade projekt", [], typ="rubrik"))
        for label, slag in registered.items():
            table.append(TableRow(label, [(dict((lab, amount) for _, lab, amount in year.registrerat).get(label), None)
                                          for year in budget], kommentar="Intäkt" if slag == "intakt" else "Kostnad"))
    return table


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


def plan_window(all_years: list[int], first: int | None, today_year: int, size: int = 3) -> list[int]:
    """The plan's years shown side by side: `size` years from `first`, by default from this year (or the nearest)."""
    if not all_years:
        return []
    if first is None:
        later = [year for year in all_years if year >= today_year]
        first = later[0] if later else max(all_years[0], all_years[-1] - size + 1)
    return [year for year in range(first, first + size) if year in all_years] or [first]


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
