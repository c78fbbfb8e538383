"""Demo participants for 2021 that reproduce seed 001's figures for the individual RAR insatser:
263 registered during the year, 156 ended, 60 of them to work or studies (38 %), 113 still enrolled.

Per insats, the seed gives SIKTA (102 took part, 42 ended, 4 to work or studies), SLUSSEN (22, 16, 6),
Steget före (6) and Unga på väg (34); the rest is spread over Nyttiga affärer 2.0, NUVAS and Rätt Insats
2.0 (invented). Six of SIKTA's participants were enrolled in 2020 and ended in 2021. Gender, age band,
months and support are generated deterministically. Also the standard annual cost 142 000 kr (Sörmland 2021).
"""

import datetime
import itertools

from insatser.models import Insats
from rar import history
from uppfoljning.kategorier import AGE_BANDS, Forsorjning
from uppfoljning.models import Deltagare, Schablonbelopp, reference_hash

# insats: (enrolled in 2021, of them ended in 2021, to work or studies among all ended in 2021, enrolled 2020 ended 2021)
PLAN_2021 = {
    "SIKTA (Samordnad Insats Koordinering Träning Arbete)": (96, 36, 4, 6),
    "SLUSSEN": (22, 16, 6, 0),
    "Steget före": (6, 0, 0, 0),
    "Unga på väg": (34, 19, 10, 0),
    "Nyttiga affärer 2.0": (40, 30, 14, 0),
    "NUVAS": (35, 27, 15, 0),
    "Rätt Insats 2.0": (30, 22, 11, 0),
}
START_SUPPORT = [Forsorjning.FORSORJNINGSSTOD, Forsorjning.AKTIVITETSERSATTNING, Forsorjning.SJUKPENNING, Forsorjning.A_KASSA,
                 Forsorjning.AKTIVITETSSTOD]


def _rows(insats, enrolled, ended, to_work, earlier):
    bands = itertools.cycle(f"{low}-{high}" for low, high in AGE_BANDS[1:9])
    rows = []
    total_ended = ended + earlier
    for index in range(enrolled + earlier):
        earlier_cohort = index >= enrolled
        start = datetime.date(2020, 9, 1) if earlier_cohort else datetime.date(2021, 1 + index % 9, 1)
        is_ended = earlier_cohort or index < ended
        end = None
        if is_ended:
            end = datetime.date(2021, 3, 1) if earlier_cohort else datetime.date(2021, min(start.month + 3, 12), 1)
        ended_rank = (index - enrolled + ended) if earlier_cohort else index
        outcome = ""
        if is_ended:
            outcome = "arbete" if ended_rank < to_work and ended_rank % 3 != 2 else "studier" if ended_rank < to_work else (
                "fortsatt_rehab" if ended_rank % 2 else "arbetssokande")
        support = START_SUPPORT[index % len(START_SUPPORT)]
        rows.append(Deltagare(
            insats=insats, referens_hash=reference_hash(insats.pk, f"demo-{insats.pk}-{index}"),
            kon="kvinna" if index % 2 == 0 else "man", aldersband=next(bands), inskriven=start, avslutad=end,
            forsorjning_start=support,
            forsorjning_slut=(Forsorjning.INGEN if outcome in ("arbete", "studier") else support) if is_ended else "",
            utfall=outcome, plan_efter=True if is_ended else None,
        ))
    assert sum(1 for r in rows if r.avslutad) == total_ended
    return rows


# Goals and outcomes from the verksamhetsplaner 2019–2021 (seed 001); the status is our reading of the outcome.
PLAN_GOALS = {
    2019: [
        ("Upprätthålla och utveckla befintlig samverkansnivå samt utveckla minst en ny insats finansierad av förbundet i respektive länsdel.",
         "En insats per länsdel initierades och finansierades.", "uppnatt"),
        ("Samordningsförbundet ska bidra till att minst 2 ansökningar till Europeiska socialfonden godkänns under 2019.",
         "Tre ansökningar beviljades under 2019.", "uppnatt"),
        ("Samordningsförbundet ska bidra till ett friskare Sörmland genom att antalet individer som är sjukskrivna minskar.",
         "Målet uppnåddes inte.", "ej"),
        ("Tillsammans med parterna utarbeta en överenskommelse om långsiktig finansiering av TUNA.",
         "Målet uppnåddes inte, TUNA avvecklades.", "ej"),
    ],
    2020: [
        ("En större utvärdering av RAR och förbundets insatser ska genomföras och förbundets uppdrag tydliggöras.",
         "En utvärdering genomfördes; ansökningsprocessen och rutinerna har utvecklats.", "uppnatt"),
        ("Förbundet ska upprätta en insatskatalog.", "Initiativ har tagits och en plan för införande har tagits fram.", "delvis"),
        ("Samordningsförbundet ska bidra till att minst två ansökningar till Europeiska socialfonden godkänns.",
         "Fem ansökningar beviljades.", "uppnatt"),
    ],
    2021: [
        ("Vidareutveckla samverkan mellan förbundet och lokala samverkansgrupper (LSG).",
         "Samverkan med länets tre LSG har tydliggjorts; förbundet leder sammanträdena.", "uppnatt"),
        ("Samtliga individer som deltagit i förbundets insatser eller ESF-projekt ska ha en plan efter avslutad insats.",
         "En slutdokumentation görs för samtliga deltagare.", "uppnatt"),
        ("Alla insatser rapporteras i SUS.", "Samtliga deltagare rapporteras i SUS enligt avtal.", "uppnatt"),
        ("Förbundets egna kapital överstiger inte Nationella rådets rekommendationer.",
         "Rekommendationen (högst 2,6 mnkr) är i princip uppfylld.", "delvis"),
    ],
}


# Approved final reports of the structural insatser: people reached. Jämställd vård i egen regi worked with about
# 15 women (seed 001); VIVA's figure is assumed for the demo. Imported facts (paper reports), hence created directly.
STRUCTURAL_REPORTS = {
    "Jämställd vård i egen regi": dict(deltagare_totalt=15, inlamnad=(2021, 12, 15), utfall="avvecklad",
                                       avvecklad_varfor="Nya arbetssätt kräver längre tid att utvärdera.",
                                       lardomar="Målgruppens behov är kartlagda; nya samverkansvägar identifierade."),
    "VIVA (Vinka In VuxnA)": dict(deltagare_totalt=40, inlamnad=(2020, 1, 31), utfall="avvecklad",
                                  avvecklad_varfor="Utredningen ledde till en ny ansökan.",
                                  lardomar="Projekten kan slås ihop till en gemensam insats."),
}


def _structural_reports():
    from insatser.models import Slutrapport

    for name, spec in STRUCTURAL_REPORTS.items():
        insats = Insats.objects.filter(namn=name).first()
        if insats is None or Slutrapport.objects.filter(insats=insats).exists():
            continue
        year, month, day = spec["inlamnad"]
        Slutrapport.objects.create(
            insats=insats, status=Slutrapport.Status.GODKAND, deltagare_totalt=spec["deltagare_totalt"],
            utfall=spec["utfall"], avvecklad_varfor=spec["avvecklad_varfor"], lardomar=spec["lardomar"],
            total_kostnad=sum(insats.beviljat.values_list("belopp", flat=True)),
            inlamnad=datetime.datetime(year, month, day, 12, tzinfo=datetime.UTC))


def load(stdout):
    from uppfoljning.models import Planmal

    _structural_reports()
    for year, goals in PLAN_GOALS.items():
        if Planmal.objects.filter(ar=year).exists():
            continue
        history.bulk_create(Planmal, [Planmal(ar=year, mal=m, utfall=u, status=st, ordning=i)
                                      for i, (m, u, st) in enumerate(goals)], user=None)  # imported: no acting person
    Schablonbelopp.objects.get_or_create(ar=2021, lan="Sörmland", defaults={
        "belopp": 142_000, "kalla": "Schablonbelopp för offentlig försörjning i Sörmland 2021 (uppföljningen av RAR, 2021)"})
    created = 0
    for name, (enrolled, ended, to_work, earlier) in PLAN_2021.items():
        insats = Insats.objects.filter(namn=name).first()
        if insats is None or Deltagare.objects.filter(insats=insats).exists():
            continue
        history.bulk_create(Deltagare, _rows(insats, enrolled, ended, to_work, earlier), user=None)
        created += 1
    stdout.write(f"Deltagare 2021 i {created} individinriktade insatser.")
