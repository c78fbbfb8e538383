"""Reads for the federation's own objects: computed figures and page data."""

from dataclasses import dataclass, field

from django.db.models import Count, Q

from rar.errors import DomainError
from rar.models import Arende, Befolkning, Budgetpost, Medlemsbidrag, Organisation
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
class BudgetYear:
    ar: int
    intakter: list = field(default_factory=list)  # (namn, belopp, kommentar)
    kostnader: list = field(default_factory=list)
    insatsram: int = 0  # the cost lines that frame grants to insatser
    beviljat: int = 0  # granted by the board's decisions for the year
    registrerat: list = field(default_factory=list)  # (slag, label, kronor) computed from registered projects

    @property
    def utrymme(self) -> int:
        """Room left for new insatser: the frame minus what is granted."""
        return self.insatsram - self.beviljat

    @property
    def summa_intakter(self) -> int:
        return sum(row[1] for row in self.intakter)

    @property
    def summa_kostnader(self) -> int:
        return sum(row[1] for row in self.kostnader)

    @property
    def resultat(self) -> int:
        return self.summa_intakter - self.summa_kostnader


def budget_years(years: list[int]) -> list[BudgetYear]:
    """The plan's budget per year: member contributions (from the split) plus the other budget lines."""
    result = {y: BudgetYear(y) for y in years}
    for bidrag in Medlemsbidrag.objects.filter(ar__in=years):
        shares = shares_by_type(bidrag.totalt)
        result[bidrag.ar].intakter += [
            ("Staten", shares["stat"], "Arbetsförmedlingen och Försäkringskassan"),
            ("Regionen", shares["region"], ""),
            ("Kommunerna", shares["kommun"], "Fördelas efter folkmängd 16–64 år"),
        ]
    for post in Budgetpost.objects.filter(ar__in=years).order_by("ar", "ordning", "pk"):
        target = result[post.ar].intakter if post.slag == Budgetpost.Slag.INTAKT else result[post.ar].kostnader
        target.append((post.namn, post.belopp, post.kommentar))
    frame = insatsram_per_year(years)
    from rar.budget import computed_lines, granted_per_year

    granted = granted_per_year(years)
    lines = computed_lines(years)
    for year in years:
        result[year].insatsram, result[year].beviljat = frame[year], granted.get(year, 0)
        result[year].registrerat = [(slag, label, per_year.get(year, 0)) for slag, label, per_year in lines]
    return [result[y] for y in years]


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


@dataclass
class Quorum:
    platser: int  # ordinary seats in the body (ordinary members called)
    tjanstgorande: int  # present ordinary members and serving substitutes
    deltar: int  # serving, minus those with conflict of interest (jäv) in this paragraph

    @property
    def beslutsfor(self) -> bool:
        """More than half of the seats take part (kommunallagen 6 kap. 28 §, applied per paragraph)."""
        return self.deltar * 2 > self.platser


def quorum(sammantrade, paragraf=None) -> Quorum:
    from rar.models import Narvaro

    rows = list(Narvaro.objects.filter(sammantrade=sammantrade))
    seats = sum(1 for row in rows if row.grupp == Narvaro.Grupp.LEDAMOT)
    serving = {row.person_id for row in rows if row.tjanstgorande}
    conflicted = set(paragraf.javiga.values_list("pk", flat=True)) if paragraf is not None else set()
    return Quorum(platser=seats, tjanstgorande=len(serving), deltar=len(serving - conflicted))


def protocol_data(meeting) -> dict:
    """Everything the protocol shows, in a fixed number of queries."""
    from rar.case_handlers import Beslutsutfall
    from rar.models import JusteringSignatur, Narvaro, Votering

    attendance = list(Narvaro.objects.filter(sammantrade=meeting).select_related("person", "organisation", "tjanstgor_for")
                      .order_by("grupp", "organisation__namn", "person__last_name"))
    paragraphs = list(meeting.paragrafer.select_related("arende").prefetch_related("yrkanden", "reservationer", "javiga")
                      .order_by("ordning"))
    votes = {v.paragraf_id: v for v in Votering.objects.filter(paragraf__sammantrade=meeting)}
    for paragraph in paragraphs:
        paragraph.vote = votes.get(paragraph.pk)
    granted = [p for p in paragraphs if p.utfall in (Beslutsutfall.FULL, Beslutsutfall.DELVIS)]
    return {
        "ledamoter": [a for a in attendance if a.grupp == Narvaro.Grupp.LEDAMOT and a.narvarande],
        "ersattare": [a for a in attendance if a.grupp == Narvaro.Grupp.ERSATTARE and a.narvarande],
        "franvarande": [a for a in attendance if not a.narvarande],
        "ovriga": [line.strip() for line in meeting.ovriga_narvarande.splitlines() if line.strip()],
        "paragrafer": paragraphs,
        "justerare": list(meeting.justerare.all()),
        "signaturer": {s.person_id: s for s in JusteringSignatur.objects.filter(sammantrade=meeting).select_related("person")},
        "beviljat_totalt": sum(p.belopp or 0 for p in granted),
        "beviljade": len(granted),
    }


def decision_list(meeting) -> list:
    """The decision items with their case summaries (from the case's app) for the board's decision list."""
    from rar import case_handlers

    items = []
    for paragraph in meeting.paragrafer.filter(typ="beslut").select_related("arende").order_by("ordning"):
        summary = None
        if paragraph.arende is not None:
            try:
                summary = case_handlers.handler_for(paragraph.arende.typ).summary(paragraph.arende)
            except Exception:  # a case without a handler is shown without summary
                summary = None
        items.append((paragraph, summary))
    return items


def meeting_deadlines(today) -> list:
    """Protocols nearing or past a deadline: justering within 14 days, anslag within 2 days after it."""
    import datetime

    from rar.models import Sammantrade

    soon = today + datetime.timedelta(days=5)
    rows = []
    for meeting in Sammantrade.objects.select_related("organ").filter(
        status__in=[Sammantrade.Status.GENOMFORT, Sammantrade.Status.JUSTERING, Sammantrade.Status.JUSTERAT]
    ).order_by("datum"):
        if meeting.status == Sammantrade.Status.JUSTERAT:
            due, what = meeting.anslag_senast, "Anslag"
        else:
            due, what = meeting.justering_senast, "Justering"
        if due is not None and due <= soon:
            rows.append((meeting, what, due, due < today))
    return rows
