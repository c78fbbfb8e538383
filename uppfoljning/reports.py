"""The member report (seed 001's form) for any member and span of years, from the data, in bounded queries."""

from dataclasses import dataclass, field

from django.db.models import Count, Q, Sum

from esf.models import EsfPengar, EsfProjekt, EsfResultat
from insatser.models import Beviljat, Insats
from rar import selectors as rar_selectors
from rar.errors import DomainError
from uppfoljning import selectors
from uppfoljning.kategorier import TILL_ARBETE_STUDIER
from uppfoljning.models import Deltagare


@dataclass
class Row:
    namn: str
    roll: str
    agare: str
    period: str
    syfte: str
    inom_perioden: int  # money for the years inside the span
    fran_periodens_start: int  # money for the span's first year onwards (the seed's way of counting)
    inriktning: str = ""
    inskrivna: int = 0
    avslutade: int = 0
    arbete_studier: int = 0

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


def _contributions(organisation, first, last):
    per_year = []
    for year in range(first, last + 1):
        try:
            rows = rar_selectors.contributions_for_year(year).rows
        except DomainError:
            per_year.append((year, None))
            continue
        per_year.append((year, sum(r.belopp for r in rows if r.organisation.pk == organisation.pk)))
    return per_year


def member_report(organisation, first: int, last: int) -> MemberReport:
    if first > last:
        raise DomainError("Periodens första år ska vara före dess sista.")
    per_year = _contributions(organisation, first, last)
    report = MemberReport(organisation, first, last, sum(v or 0 for _, v in per_year), per_year)

    involved = Q(agare=organisation) | Q(parter=organisation)
    insatser = list(
        Insats.objects.filter(involved).filter(period_start__year__lte=last, period_slut__year__gte=first)
        .select_related("agare").distinct().order_by("period_start", "namn")
    )
    ids = [i.pk for i in insatser]
    money = {row["insats"]: row for row in Beviljat.objects.filter(insats__in=ids).values("insats").annotate(
        inom=Sum("belopp", filter=Q(ar__gte=first, ar__lte=last)), fran=Sum("belopp", filter=Q(ar__gte=first)))}
    start, end = f"{first}-01-01", f"{last}-12-01"
    people = {row["insats"]: row for row in Deltagare.objects.filter(insats__in=ids).values("insats").annotate(
        inskrivna=Count("pk", filter=Q(inskriven__gte=start, inskriven__lte=end)),
        avslutade=Count("pk", filter=Q(avslutad__gte=start, avslutad__lte=end)),
        arbete=Count("pk", filter=Q(avslutad__gte=start, avslutad__lte=end, utfall__in=TILL_ARBETE_STUDIER)))}
    for insats in insatser:
        m, p = money.get(insats.pk, {}), people.get(insats.pk, {})
        report.insatser.append(Row(
            namn=insats.namn, roll="Insatsägare" if insats.agare_id == organisation.pk else "Medsökande",
            agare=str(insats.agare), period=f"{insats.period_start:%Y}–{insats.period_slut:%Y}", syfte=insats.syfte,
            inom_perioden=m.get("inom") or 0, fran_periodens_start=m.get("fran") or 0,
            inriktning=insats.get_inriktning_display(), inskrivna=p.get("inskrivna", 0), avslutade=p.get("avslutade", 0),
            arbete_studier=p.get("arbete", 0)))

    projects = list(EsfProjekt.objects.filter(involved).filter(period_start__year__lte=last).filter(
        Q(forlangd_till__year__gte=first) | Q(forlangd_till__isnull=True, period_slut__year__gte=first))
        .select_related("agare").distinct().order_by("period_start", "namn"))
    pids = [p.pk for p in projects]
    esf_money = {row["projekt"]: row for row in EsfPengar.objects.filter(projekt__in=pids).values("projekt").annotate(
        inom=Sum("esf_medel", filter=Q(ar__gte=first, ar__lte=last)), fran=Sum("esf_medel", filter=Q(ar__gte=first)))}
    results = {row["projekt"]: row for row in EsfResultat.objects.filter(projekt__in=pids, ar__gte=first, ar__lte=last)
               .values("projekt").annotate(ik=Sum("inskrivna_kvinnor"), im=Sum("inskrivna_man"), ak=Sum("avslutade_kvinnor"),
                                           am=Sum("avslutade_man"), sk=Sum("arbete_studier_kvinnor"), sm=Sum("arbete_studier_man"))}
    for projekt in projects:
        m, r = esf_money.get(projekt.pk, {}), results.get(projekt.pk, {})
        report.esf.append(Row(
            namn=projekt.namn, roll="Projektägare" if projekt.agare_id == organisation.pk else "Medsökande",
            agare=projekt.agare_visning, period=f"{projekt.period_start:%Y}–{projekt.slutar:%Y}", syfte=projekt.syfte,
            inom_perioden=m.get("inom") or 0, fran_periodens_start=m.get("fran") or 0,
            inskrivna=(r.get("ik") or 0) + (r.get("im") or 0), avslutade=(r.get("ak") or 0) + (r.get("am") or 0),
            arbete_studier=(r.get("sk") or 0) + (r.get("sm") or 0)))
    return report


# --- Annual follow-up, result sheet per insats, and the figures for Uppföljning Finsam ------------------


def _individual(qs=None):
    qs = Deltagare.objects.all() if qs is None else qs
    return qs.filter(insats__inriktning="individ", insats__kompetenshojande=False)


def per_insats_figures(year_from: int, year_to: int, insats_ids=None) -> dict:
    """Enrolled / ended / to work or studies per insats in the span, in one grouped query."""
    start, end = f"{year_from}-01-01", f"{year_to}-12-01"
    qs = _individual()
    if insats_ids is not None:
        qs = qs.filter(insats__in=insats_ids)
    return {row["insats"]: row for row in qs.values("insats").annotate(
        inskrivna=Count("pk", filter=Q(inskriven__gte=start, inskriven__lte=end)),
        avslutade=Count("pk", filter=Q(avslutad__gte=start, avslutad__lte=end)),
        arbete=Count("pk", filter=Q(avslutad__gte=start, avslutad__lte=end, utfall__in=TILL_ARBETE_STUDIER)),
        kvinnor=Count("pk", filter=Q(inskriven__gte=start, inskriven__lte=end, kon="kvinna")),
        man=Count("pk", filter=Q(inskriven__gte=start, inskriven__lte=end, kon="man")))}


@dataclass
class AnnualReport:
    ar: int
    rar: selectors.Figures
    rar_besparing: selectors.Savings
    rar_investerat: int
    rar_aterbetalning: float | None
    stod: list
    esf: object
    esf_besparing: dict
    insatser: list
    strukturell_rackvidd: int
    planmal: list


def annual_report(year: int) -> AnnualReport:
    from esf import selectors as esf_selectors
    from esf.models import EsfProjekt
    from insatser.models import Slutrapport
    from uppfoljning.models import Planmal

    participants = _individual()
    rar = selectors.figures(participants, year, year)
    saving = selectors.savings(participants, year, year)
    active = Insats.objects.filter(inriktning="individ", kompetenshojande=False, period_start__year__lte=year,
                                   period_slut__year__gte=year).order_by("namn")
    invested = Beviljat.objects.filter(insats__in=active, ar=year).aggregate(s=Sum("belopp"))["s"] or 0
    figures = per_insats_figures(year, year, [i.pk for i in active])
    money = dict(Beviljat.objects.filter(insats__in=active, ar=year).values("insats").annotate(s=Sum("belopp"))
                 .values_list("insats", "s"))
    rows = []
    for insats in active:
        f = figures.get(insats.pk, {})
        rows.append({"namn": insats.namn, "agare": insats.agare_id, "inskrivna": f.get("inskrivna", 0),
                     "avslutade": f.get("avslutade", 0), "arbete": f.get("arbete", 0),
                     "andel": selectors.share(f.get("arbete", 0), f.get("avslutade", 0)), "beviljat": money.get(insats.pk, 0),
                     "aterbetalning": selectors.payback_months(money.get(insats.pk, 0), f.get("arbete", 0), saving.schablon)})
    esf_ids = EsfProjekt.objects.values_list("pk", flat=True)
    esf = esf_selectors.results(esf_ids, year, year)
    standard = saving.schablon
    esf_saving = {n: (esf.arbete_studier * standard * n if standard else None) for n in (1, 5, 10)}
    reach = Slutrapport.objects.filter(insats__kompetenshojande=True, status="godkand", inlamnad__year=year).aggregate(
        s=Sum("deltagare_totalt"))["s"] or 0
    return AnnualReport(
        ar=year, rar=rar, rar_besparing=saving, rar_investerat=invested,
        rar_aterbetalning=selectors.payback_months(invested, saving.personer, standard),
        stod=selectors.support_before_after(participants, year, year), esf=esf, esf_besparing=esf_saving,
        insatser=rows, strukturell_rackvidd=reach, planmal=list(Planmal.objects.filter(ar=year)))


def result_sheet(insats) -> dict:
    """One insats: figures per year of its period and in total, savings, payback and support before and after."""
    participants = Deltagare.objects.filter(insats=insats)
    first, last = insats.period_start.year, insats.period_slut.year
    per_year = [(year, selectors.figures(participants, year, year)) for year in range(first, last + 1)]
    total = selectors.figures(participants, first, last)
    saving = selectors.savings(participants, first, last)
    invested = Beviljat.objects.filter(insats=insats).aggregate(s=Sum("belopp"))["s"] or 0
    return {"insats": insats, "per_ar": per_year, "totalt": total, "besparing": saving, "investerat": invested,
            "aterbetalning": selectors.payback_months(invested, saving.personer, saving.schablon),
            "stod": selectors.support_before_after(participants, first, last)}


FINSAM_HEADERS = ["Insats", "Inriktning", "Budget (kr)", "Utfall (kr)", "Budgeterade deltagare", "Deltagare kvinnor",
                  "Deltagare män"]


def finsam_figures(year: int) -> dict:
    """The year's figures for Uppföljning Finsam (aggregates only, no individual data)."""
    from insatser.models import Lagesrapport, Slutrapport
    from rar.models import Budgetpost

    active = list(Insats.objects.filter(period_start__year__lte=year, period_slut__year__gte=year)
                  .select_related("ansokan").order_by("namn"))
    ids = [i.pk for i in active]
    budget = dict(Beviljat.objects.filter(insats__in=ids, ar=year).values("insats").annotate(s=Sum("belopp"))
                  .values_list("insats", "s"))
    outcome = dict(Lagesrapport.objects.filter(insats__in=ids, period_start__year=year).values("insats")
                   .annotate(s=Sum("kostnader")).values_list("insats", "s"))
    people = per_insats_figures(year, year, ids)
    rows = []
    for insats in active:
        p = people.get(insats.pk, {})
        rows.append([insats.namn, "Individinriktad" if insats.inriktning == "individ" else "Strukturövergripande",
                     budget.get(insats.pk, 0), outcome.get(insats.pk), insats.ansokan.planerade_deltagare,
                     p.get("kvinnor", 0), p.get("man", 0)])
    structural = Slutrapport.objects.filter(insats__in=[i.pk for i in active if i.inriktning != "individ" or i.kompetenshojande],
                                            status="godkand").aggregate(s=Sum("deltagare_totalt"))["s"] or 0
    from rar.models import EgetKapital

    admin = Budgetpost.objects.filter(ar=year, slag="kostnad", namn="Kansli").aggregate(s=Sum("belopp"))["s"]
    return {"ar": year, "rader": rows, "strukturella_deltagare": structural,
            "tilldelade_medel": sum(budget.values()), "administration": admin,
            "eget_kapital": EgetKapital.objects.filter(ar=year).first()}
