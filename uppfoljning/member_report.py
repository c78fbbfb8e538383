"""The member report (seed 001's form) for any member and span of years, from the data, in bounded queries."""

from dataclasses import dataclass, field

from django.db.models import Q, Sum

from esf.models import EsfPengar, EsfProjekt, EsfResultat
from insatser.models import Beviljat, Insats
from rar import selectors as rar_selectors
from rar.errors import DomainError
from uppfoljning import selectors
from uppfoljning.models import Deltagare
from uppfoljning.savings import savings


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
    besparing: object = None  # savings.Savings of the participants in the member's insatser, ended in the span

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


def contributions_per_year(organisation, first, last) -> list:
    """(year, the member's contribution or None when the year cannot be split yet) for each year of the span."""
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
    per_year = contributions_per_year(organisation, first, last)
    report = MemberReport(organisation, first, last, sum(v or 0 for _, v in per_year), per_year)

    involved = Q(agare=organisation) | Q(parter=organisation)
    insatser = list(
        Insats.objects.filter(involved).filter(period_start__year__lte=last, period_slut__year__gte=first)
        .select_related("agare").distinct().order_by("period_start", "namn")
    )
    ids = [i.pk for i in insatser]
    money = {row["insats"]: row for row in Beviljat.objects.filter(insats__in=ids).values("insats").annotate(
        inom=Sum("belopp", filter=Q(ar__gte=first, ar__lte=last)), fran=Sum("belopp", filter=Q(ar__gte=first)))}
    people = selectors.per_insats(Deltagare.objects.filter(insats__in=ids), first, last)
    for insats in insatser:
        m, p = money.get(insats.pk, {}), people.get(insats.pk, {})
        report.insatser.append(Row(
            namn=insats.namn, roll="Insatsägare" if insats.agare_id == organisation.pk else "Medsökande",
            agare=str(insats.agare), period=f"{insats.period_start:%Y}–{insats.period_slut:%Y}", syfte=insats.syfte,
            inom_perioden=m.get("inom") or 0, fran_periodens_start=m.get("fran") or 0,
            inriktning=insats.get_inriktning_display(), inskrivna=p.get("inskrivna", 0), avslutade=p.get("avslutade", 0),
            arbete_studier=p.get("arbete_studier", 0)))

    report.besparing = savings(Deltagare.objects.filter(insats__in=ids), first, last)

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
