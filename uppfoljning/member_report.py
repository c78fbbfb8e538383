"""The member report (the form of seed 001) for any member and span of years, from the data, in bounded queries:
the member's contribution, the insatser and ESF projects where it is owner or co-applicant with their money inside
the span and their outcome, savings per actor and payback, people reached by structural work, the plan's goals of
each year with their outcome, and the federation's result and equity."""

from dataclasses import dataclass, field

from django.db.models import Case, F, Q, Sum, Value, When

from esf.models import EsfPengar, EsfProjekt, EsfResultat
from insatser.models import Beviljat, Inriktning, Insats, Slutrapport
from rar import selectors as rar_selectors
from rar.errors import DomainError
from rar.models import Budgetpost, Medlemsbidrag
from uppfoljning import selectors, trace
from uppfoljning.models import Planmal
from uppfoljning.savings import (
    StandardAmounts, esf_savings, payback_months, valuate, yearly_saving,
)


@dataclass
class Row:
    namn: str
    roll: str
    agare: str
    period: str
    syfte: str
    inom_perioden: int  # money for the years inside the span
    fran_periodens_start: int  # money for the span's first year onwards (the seed's way of counting)
    pk: int = 0
    agare_id: int | None = None
    inriktning: str = ""
    individ: bool = True
    inskrivna: int = 0
    avslutade: int = 0
    arbete_studier: int = 0
    aterbetalning: float | None = None  # months, money inside the span against the yearly saving
    nadda: int | None = None  # people reached, from the approved final report (structural insatser)
    slutrapport: str = ""  # what happened after the insats, from the approved final report
    utfallstext: str = ""  # ESF: the outcome the project reported with its results
    visa_deltagare: bool = False  # set by the view: may this user see the participant rows behind the figures

    @property
    def andel(self):
        return selectors.share(self.arbete_studier, self.avslutade)


@dataclass
class MemberReport:
    organisation: object
    fran: int
    till: int
    bidrag: int
    bidrag_per_ar: list
    insatser: list = field(default_factory=list)
    esf: list = field(default_factory=list)
    besparing: object = None  # savings.Savings of the participants in the member's insatser, ended in the span
    esf_besparing: object = None
    aterbetalning_per_ar: list = field(default_factory=list)  # (year, invested, yearly saving, months)
    stod: list = field(default_factory=list)  # support before and after, for those ended in the span
    nadda: int = 0  # people reached by the federation's structural work in the span (approved final reports)
    planmal: list = field(default_factory=list)  # (year, [Planmal])
    bokslut: list = field(default_factory=list)  # rar BudgetYear per year of the span

    @property
    def insatser_inom(self):
        return sum(r.inom_perioden for r in self.insatser)

    @property
    def insatser_fran_start(self):
        return sum(r.fran_periodens_start for r in self.insatser)

    @property
    def esf_inom(self):
        return sum(r.inom_perioden for r in self.esf)

    @property
    def esf_fran_start(self):
        return sum(r.fran_periodens_start for r in self.esf)

    @property
    def insats_ids(self):
        return [r.pk for r in self.insatser]

    @property
    def individ_ids(self):
        return [r.pk for r in self.insatser if r.individ]

    @property
    def esf_ids(self):
        return [r.pk for r in self.esf]

    @property
    def medel_aterbetalning(self):
        """The mean of the years' payback times (the seed's "mean over the years")."""
        months = [m for *_, m in self.aterbetalning_per_ar if m is not None]
        return round(sum(months) / len(months), 1) if months else None

    @property
    def andelar(self):
        """(insats, share) for the insatser with someone ended in the span: the shares chart."""
        return [(r.namn, r.andel) for r in self.insatser if r.andel is not None]


def contributions_per_year(organisation, first, last, years_with_total=None) -> list:
    """(year, the member's contribution or None when the year cannot be split yet) for each year of the span.

    `years_with_total`: the years that have a total contribution, when the caller has read them already; a year
    without one is None without asking the database again."""
    per_year = []
    for year in range(first, last + 1):
        if years_with_total is not None and year not in years_with_total:
            per_year.append((year, None))
            continue
        try:
            rows = rar_selectors.contributions_for_year(year).rows
        except DomainError:
            per_year.append((year, None))
            continue
        per_year.append((year, sum(r.belopp for r in rows if r.organisation.pk == organisation.pk)))
    return per_year


def _budget_and_contribution_years(last) -> tuple[set, set]:
    """(years up to `last` with budget lines or a total contribution, years with a total contribution) in one query."""
    rows = Budgetpost.objects.filter(ar__lte=last).values_list("ar", Value("b")).union(
        Medlemsbidrag.objects.filter(ar__lte=last).values_list("ar", Value("m")))
    budget, contribution = set(), set()
    for year, kind in rows.order_by():
        budget.add(year)
        if kind == "m":
            contribution.add(year)
    return budget, contribution


INSATS_COLUMNS = ("agare", "namn", "period_start", "period_slut", "syfte", "inriktning", "kompetenshojande")
FINAL = {"implementerad": "Implementerad i ordinarie verksamhet", "avvecklad": "Avvecklad", "avbruten": "Avbruten i förtid"}


def _insatser(report, organisation, first, last, amounts):
    co_applicant = Insats.parter.through.objects.filter(organisation=organisation).values("insats_id")
    approved = Q(slutrapport__status=Slutrapport.Status.GODKAND)  # the final report (one per insats), once approved
    insatser = list(
        Insats.objects.filter(Q(agare=organisation) | Q(pk__in=co_applicant))
        .filter(period_start__year__lte=last, period_slut__year__gte=first)
        .select_related("agare").only("agare__namn", *INSATS_COLUMNS)
        .annotate(final=Case(When(approved, then=F("slutrapport__pk"))),
                  final_reached=Case(When(approved, then=F("slutrapport__deltagare_totalt"))),
                  final_outcome=Case(When(approved, then=F("slutrapport__utfall"))),
                  final_taken_over_by=Case(When(approved, then=F("slutrapport__overtagen_av"))))
        .order_by("period_start", "namn")
    )
    ids = [i.pk for i in insatser]
    individual = {i.pk for i in insatser if i.inriktning == Inriktning.INDIVID and not i.kompetenshojande}
    # Money per insats and year from the span's first year on (one query): inside the span, from its start, and
    # what the individual insatser had for each year of the span (payback per year).
    money, invested = {}, {}
    for insats_id, year, amount in (Beviljat.objects.filter(insats__in=ids, ar__gte=first).values_list("insats", "ar")
                                    .annotate(s=Sum("belopp")).order_by()):
        m = money.setdefault(insats_id, {"inom": 0, "fran": 0})
        m["fran"] += amount
        if year <= last:
            m["inom"] += amount
            if insats_id in individual:
                invested[year] = invested.get(year, 0) + amount
    # The participants' figures per insats, those to work or studies grouped by insats, exit year, support and age
    # band (the savings per insats, in total and per exit year are all valued from these groups), and support
    # before and after: one query, one pass over the participants.
    facts = selectors.participant_facts(ids, first, last)
    people = facts.per_insats
    work_by_insats = {}
    for g in facts.work_by_insats:
        work_by_insats.setdefault(g["insats"], []).append(g)
    saved = {insats_id: yearly_saving(rows, amounts) for insats_id, rows in work_by_insats.items()}
    for insats in insatser:
        m, p, final = money.get(insats.pk, {}), people.get(insats.pk, {}), insats.final is not None
        is_individual = insats.pk in individual
        inom = m.get("inom") or 0
        report.insatser.append(Row(
            pk=insats.pk, agare_id=insats.agare_id, namn=insats.namn, roll="Insatsägare" if insats.agare_id == organisation.pk else "Medsökande",
            agare=str(insats.agare), period=f"{insats.period_start:%Y}–{insats.period_slut:%Y}", syfte=insats.syfte,
            inom_perioden=inom, fran_periodens_start=m.get("fran") or 0, inriktning=insats.get_inriktning_display(),
            individ=is_individual, inskrivna=p.get("inskrivna", 0), avslutade=p.get("avslutade", 0),
            arbete_studier=p.get("arbete_studier", 0),
            aterbetalning=payback_months(inom, saved.get(insats.pk)) if is_individual else None,
            nadda=insats.final_reached if final and not is_individual else None,
            slutrapport=(FINAL.get(insats.final_outcome, "") + (f": {insats.final_taken_over_by}" if insats.final_taken_over_by else ""))
            if final else ""))
    report.besparing = valuate(facts.work_groups, amounts)
    report.stod = facts.stod
    individual_rows = [g for g in facts.work_by_insats if g["insats"] in individual]
    for year in range(first, last + 1):
        yearly = yearly_saving([g for g in individual_rows if g["exit_year"] == year], amounts)
        report.aterbetalning_per_ar.append((year, invested.get(year, 0), yearly, payback_months(invested.get(year, 0), yearly)))


def _esf(report, organisation, first, last, amounts):
    involved = Q(agare=organisation) | Q(parter=organisation)
    projects = list(EsfProjekt.objects.filter(involved).filter(period_start__year__lte=last).filter(
        Q(forlangd_till__year__gte=first) | Q(forlangd_till__isnull=True, period_slut__year__gte=first))
        .select_related("agare").distinct().order_by("period_start", "namn"))
    pids = [p.pk for p in projects]
    esf_money = {row["projekt"]: row for row in EsfPengar.objects.filter(projekt__in=pids).values("projekt").annotate(
        inom=Sum("esf_medel", filter=Q(ar__gte=first, ar__lte=last)), fran=Sum("esf_medel", filter=Q(ar__gte=first)))}
    result_rows = list(EsfResultat.objects.filter(projekt__in=pids, ar__gte=first, ar__lte=last))
    results, texts = {}, {}
    for row in sorted(result_rows, key=lambda row: row.ar):
        if row.utfall:
            texts.setdefault(row.projekt_id, []).append(f"{row.ar}: {row.utfall}")
        r = results.setdefault(row.projekt_id, [0, 0, 0])
        r[0] += row.inskrivna_kvinnor + row.inskrivna_man
        r[1] += row.avslutade_kvinnor + row.avslutade_man
        r[2] += row.arbete_studier_kvinnor + row.arbete_studier_man
    for projekt in projects:
        m, r = esf_money.get(projekt.pk, {}), results.get(projekt.pk, [0, 0, 0])
        report.esf.append(Row(
            pk=projekt.pk, namn=projekt.namn, roll="Projektägare" if projekt.agare_id == organisation.pk else "Medsökande",
            agare=projekt.agare_visning, period=f"{projekt.period_start:%Y}–{projekt.slutar:%Y}", syfte=projekt.syfte,
            inom_perioden=m.get("inom") or 0, fran_periodens_start=m.get("fran") or 0,
            inskrivna=r[0], avslutade=r[1], arbete_studier=r[2], utfallstext=" ".join(texts.get(projekt.pk, []))))
    report.esf_besparing = esf_savings(result_rows, amounts)


def member_report(organisation, first: int, last: int) -> MemberReport:
    if first > last:
        raise DomainError("Periodens första år ska vara före dess sista.")
    budget_years, contribution_years = _budget_and_contribution_years(last)
    per_year = contributions_per_year(organisation, first, last, contribution_years)
    report = MemberReport(organisation, first, last, sum(v or 0 for _, v in per_year), per_year)
    amounts = StandardAmounts()
    _insatser(report, organisation, first, last, amounts)
    _esf(report, organisation, first, last, amounts)
    report.nadda = trace.reached(first, last)
    goals = {}
    for goal in Planmal.objects.filter(ar__gte=first, ar__lte=last):
        goals.setdefault(goal.ar, []).append(goal)
    report.planmal = [(year, goals.get(year, [])) for year in range(first, last + 1)]
    chain = sorted(budget_years)  # every year up to the span's last: the equity carries over from the first
    report.bokslut = [year for year in rar_selectors.budget_years(chain) if year.ar >= first] if chain else []
    return report
