"""The member report (the form of seed 001) for any member and span of years, from the data, in bounded queries:
the member's contribution, the insatser and ESF projects where it is owner or co-applicant with their money inside
the span and their outcome, savings per actor and payback, people reached by structural work, the plan's goals of
each year with their outcome, and the federation's result and equity."""

import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.db import connection
from django.db.models import Q, Sum
from django.utils import timezone

from esf.models import EsfPengar, EsfProjekt, EsfResultat
from insatser.models import Beviljat, Inriktning, Insats, Slutrapport
from rar import selectors as rar_selectors
from rar.errors import DomainError
from rar.models import Budgetpost, Medlemsbidrag, Organisation
from uppfoljning import selectors
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


# The report's queries are written out in SQL: each is a handful of rows found through an index, and building them
# through the ORM cost more than running them (about 0.7 ms of Python a query against 0.1 ms for the round trip).
# Everything but the member's insatser, in one query: the years up to the span's last with budget lines or a total
# contribution; the people reached by the federation's structural work (trace.reached: approved final reports handed
# in in the span, of structural insatser and training efforts); the plan's goals of the span; the standard amounts
# (savings.StandardAmounts); and the member's ESF projects (owner, or a party: the parties table's index on
# organisation) whose period, extended where it was, overlaps the span, with the owner's name.
_CONTEXT_SQL = f"""
SELECT ARRAY(SELECT DISTINCT ar FROM {Budgetpost._meta.db_table} WHERE ar <= %(last)s),
       ARRAY(SELECT DISTINCT ar FROM {Medlemsbidrag._meta.db_table} WHERE ar <= %(last)s),
       (SELECT COALESCE(SUM(s.deltagare_totalt), 0) FROM {Slutrapport._meta.db_table} s
        JOIN {Insats._meta.db_table} i ON i.id = s.insats_id
        WHERE s.status = %(approved)s AND s.inlamnad >= %(from)s AND s.inlamnad < %(until)s
          AND (i.inriktning <> %(individ)s OR i.kompetenshojande)),
       (SELECT json_agg(json_build_array(id, ar, mal, utfall, status, ordning) ORDER BY ar, ordning)
        FROM {Planmal._meta.db_table} WHERE ar >= %(first)s AND ar <= %(last)s),
       (SELECT json_agg(json_build_array(a.id, a.ar, a.kind, a.belopp, a.kalla))
        FROM ({StandardAmounts.SQL}) AS a (id, ar, kind, belopp, kalla)),
       (SELECT json_agg(json_build_array(p.id, p.namn, p.roll, p.agare_id, o.namn, p.agare_extern, p.syfte, p.period_start,
                                         p.period_slut, p.forlangd_till) ORDER BY p.period_start, p.namn)
        FROM {EsfProjekt._meta.db_table} p
        LEFT JOIN {Organisation._meta.db_table} o ON o.id = p.agare_id
        WHERE (p.agare_id = %(org)s OR p.id IN (SELECT esfprojekt_id FROM {EsfProjekt.parter.through._meta.db_table}
                                                WHERE organisation_id = %(org)s))
          AND p.period_start <= %(span_end)s
          AND (p.forlangd_till >= %(span_start)s OR (p.forlangd_till IS NULL AND p.period_slut >= %(span_start)s)))
"""
_PLANMAL_FIELDS = ("id", "ar", "mal", "utfall", "status", "ordning")


@dataclass
class _Context:
    budget_years: set
    contribution_years: set
    reached: int
    goals: dict  # year → [Planmal]
    amounts: StandardAmounts
    esf: list  # EsfProjekt, with their owner's name


def _date(text):
    return None if text is None else datetime.date.fromisoformat(text)


def _context(organisation, first, last) -> _Context:
    tz, county = timezone.get_current_timezone(), settings.FORBUND["lan"]
    with connection.cursor() as cursor:
        cursor.execute(_CONTEXT_SQL, {
            "org": organisation.pk, "first": first, "last": last, "lan": county, "approved": Slutrapport.Status.GODKAND,
            "individ": Inriktning.INDIVID, "span_start": datetime.date(first, 1, 1), "span_end": datetime.date(last, 12, 31),
            "from": datetime.datetime(first, 1, 1, tzinfo=tz), "until": datetime.datetime(last + 1, 1, 1, tzinfo=tz)})
        budget, contribution, reached, goal_rows, amount_rows, esf_rows = cursor.fetchone()
    goals = {}
    for row in goal_rows or ():
        goal = Planmal.from_db(connection.alias, _PLANMAL_FIELDS, row)
        goals.setdefault(goal.ar, []).append(goal)
    projects = []
    for pk, namn, roll, agare_id, agare, agare_extern, syfte, period_start, period_slut, forlangd_till in esf_rows or ():
        projekt = EsfProjekt(id=pk, namn=namn, roll=roll, agare_id=agare_id, agare_extern=agare_extern, syfte=syfte,
                             period_start=_date(period_start), period_slut=_date(period_slut),
                             forlangd_till=_date(forlangd_till))
        if agare_id is not None:
            projekt.agare = Organisation(id=agare_id, namn=agare)
        projects.append(projekt)
    return _Context(set(budget) | set(contribution), set(contribution), int(reached), goals,
                    StandardAmounts(county, amount_rows or ()), projects)


FINAL = {"implementerad": "Implementerad i ordinarie verksamhet", "avvecklad": "Avvecklad", "avbruten": "Avbruten i förtid"}

# The member's insatser (owner, or co-applicant: the parties table's index on organisation) whose period overlaps
# the span, with the owner's name, the final report once approved, and their money per year from the span's first
# year on (a subquery per insats on the grants' index on insats).
_INSATSER_SQL = f"""
SELECT i.id, i.namn, i.agare_id, o.namn, i.inriktning, i.kompetenshojande, i.syfte, i.period_start, i.period_slut,
       s.id, s.deltagare_totalt, s.utfall, s.overtagen_av,
       ARRAY(SELECT ARRAY[b.ar::bigint, SUM(b.belopp)::bigint] FROM {Beviljat._meta.db_table} b
             WHERE b.insats_id = i.id AND b.ar >= %(first)s GROUP BY b.ar)
FROM {Insats._meta.db_table} i
JOIN {Organisation._meta.db_table} o ON o.id = i.agare_id
LEFT JOIN {Slutrapport._meta.db_table} s ON s.insats_id = i.id AND s.status = %(approved)s
WHERE (i.agare_id = %(org)s OR i.id IN (SELECT insats_id FROM {Insats.parter.through._meta.db_table} WHERE organisation_id = %(org)s))
  AND i.period_start <= %(span_end)s AND i.period_slut >= %(span_start)s
ORDER BY i.period_start, i.namn
"""
_INRIKTNING = dict(Inriktning.choices)


def _insatser(report, organisation, first, last, amounts):
    with connection.cursor() as cursor:
        cursor.execute(_INSATSER_SQL, {"org": organisation.pk, "first": first, "approved": Slutrapport.Status.GODKAND,
                                       "span_start": datetime.date(first, 1, 1), "span_end": datetime.date(last, 12, 31)})
        insatser = cursor.fetchall()
    ids = [row[0] for row in insatser]
    individual = {row[0] for row in insatser if row[4] == Inriktning.INDIVID and not row[5]}
    # Money per insats inside the span and from its start, and what the individual insatser had for each year of
    # the span (payback per year).
    money, invested = {}, {}
    for insats_id, *_, per_year in insatser:
        m = money[insats_id] = {"inom": 0, "fran": 0}
        for year, amount in per_year:
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
    for (pk, namn, agare_id, agare, inriktning, _, syfte, period_start, period_slut, final, final_reached, final_outcome,
         final_taken_over_by, _) in insatser:
        m, p = money[pk], people.get(pk, {})
        is_individual = pk in individual
        inom = m["inom"]
        report.insatser.append(Row(
            pk=pk, agare_id=agare_id, namn=namn, roll="Insatsägare" if agare_id == organisation.pk else "Medsökande",
            agare=agare, period=f"{period_start:%Y}–{period_slut:%Y}", syfte=syfte,
            inom_perioden=inom, fran_periodens_start=m["fran"], inriktning=str(_INRIKTNING.get(inriktning, inriktning)),
            individ=is_individual, inskrivna=p.get("inskrivna", 0), avslutade=p.get("avslutade", 0),
            arbete_studier=p.get("arbete_studier", 0),
            aterbetalning=payback_months(inom, saved.get(pk)) if is_individual else None,
            nadda=final_reached if final is not None and not is_individual else None,
            slutrapport=(FINAL.get(final_outcome, "") + (f": {final_taken_over_by}" if final_taken_over_by else ""))
            if final is not None else ""))
    report.besparing = valuate(facts.work_groups, amounts)
    report.stod = facts.stod
    individual_rows = [g for g in facts.work_by_insats if g["insats"] in individual]
    for year in range(first, last + 1):
        yearly = yearly_saving([g for g in individual_rows if g["exit_year"] == year], amounts)
        report.aterbetalning_per_ar.append((year, invested.get(year, 0), yearly, payback_months(invested.get(year, 0), yearly)))


def _esf(report, organisation, first, last, amounts, projects):
    pids = [p.pk for p in projects]
    esf_money = {row["projekt"]: row for row in EsfPengar.objects.filter(projekt__in=pids).values("projekt").annotate(
        inom=Sum("esf_medel", filter=Q(ar__gte=first, ar__lte=last)), fran=Sum("esf_medel", filter=Q(ar__gte=first)))} if pids else {}
    result_rows = list(EsfResultat.objects.filter(projekt__in=pids, ar__gte=first, ar__lte=last)) if pids else []
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
    context = _context(organisation, first, last)
    per_year = contributions_per_year(organisation, first, last, context.contribution_years)
    report = MemberReport(organisation, first, last, sum(v or 0 for _, v in per_year), per_year)
    _insatser(report, organisation, first, last, context.amounts)
    _esf(report, organisation, first, last, context.amounts, context.esf)
    report.nadda = context.reached
    report.planmal = [(year, context.goals.get(year, [])) for year in range(first, last + 1)]
    chain = sorted(context.budget_years)  # every year up to the span's last: the equity carries over from the first
    report.bokslut = [year for year in rar_selectors.budget_years(chain) if year.ar >= first] if chain else []
    return report
