"""A large, realistic, deterministic data set for benchmarks (`manage.py generera_skala`), with bulk inserts.

The federation's members (as in the demo), then per year: applications in every state, insatser with
grants per year, parties, status reports and paid invoices, participant rows, board meetings with
numbered paragraphs, and ESF projects with money and results per year. Same seed, same data.
"""

import datetime
import random
import sys
import time

from django.utils import timezone
from django.contrib.auth import get_user_model
from django.db import transaction
from insatser.models import Inriktning

BATCH = 5000


class Progress:
    """A one-line progress bar on stderr (the figures the benchmark prints go to stdout)."""

    def __init__(self, total, out=sys.stderr, width=30):
        self.total, self.done, self.out, self.width, self.start = max(total, 1), 0, out, width, time.monotonic()

    def step(self, n=1, label=""):
        self.done += n
        filled = int(self.width * min(self.done, self.total) / self.total)
        self.out.write(f"\r[{'#' * filled}{' ' * (self.width - filled)}] {100 * self.done // self.total:3d} % {label:<24}")
        self.out.flush()

    def finish(self):
        self.out.write("\n")


def generate(*, insatser: int, deltagare: int, ar: int, seed: int = 1, out=sys.stderr) -> dict:
    from esf.models import EsfPengar, EsfProjekt, EsfResultat
    from insatser.models import Ansokan, Beviljat, Insats, Lagesrapport, Rekvisition
    from rar import demo
    from rar.models import Arende, Diarieserie, Organ, Organisation, Paragraf, Sammantrade
    from uppfoljning.kategorier import Aldersband, Forsorjning, Kon, Utfall
    from uppfoljning.models import Deltagare, reference_hash

    rng = random.Random(seed)
    started = time.monotonic()
    last_year = timezone.localdate().year
    years = list(range(last_year - ar + 1, last_year + 1))
    steps = 8
    progress = Progress(steps, out)
    with transaction.atomic():
        demo._members()
        orgs = list(Organisation.objects.order_by("pk"))
        kommuner = [o for o in orgs if o.typ == "kommun"]
        user = get_user_model().objects.get_or_create(username="skala", defaults={"first_name": "Skala", "last_name": "Data"})[0]
        organ = Organ.objects.get_or_create(namn="Förbundsstyrelsen", defaults={"typ": Organ.Typ.STYRELSE})[0]
        counters = {y: (Diarieserie.objects.filter(ar=y).values_list("senaste", flat=True).first() or 0) for y in years}
        progress.step(label="medlemmar")

        def new_arende(year, titel, typ, org):
            counters[year] += 1
            return Arende(ar=year, lopnummer=counters[year], diarienummer=f"SKALA {year}/{counters[year]}", titel=titel,
                          typ=typ, registrerad=datetime.date(year, rng.randint(1, 12), rng.randint(1, 28)),
                          organisation=org, registrerad_av=user)

        # Applications: most granted (those become insatser), the rest spread over every other state.
        other_states = [s for s in Ansokan.Status.values if s != Ansokan.Status.BEVILJAD]
        n_applications = insatser + insatser // 4
        specs = []
        for i in range(n_applications):
            year = years[i * len(years) // n_applications]
            owner = rng.choice(orgs)
            granted = i % 5 != 4
            length = rng.randint(1, 4)
            start = datetime.date(year, 1, 1)
            end = datetime.date(min(year + length - 1, last_year + 2), 12, 31)
            specs.append((year, owner, granted, start, end, f"Insats {i + 1:05d} {rng.choice(NAMES)}"))
        arenden = Arende.objects.bulk_create([new_arende(y, t, "ansokan", o) for y, o, _, _, _, t in specs], batch_size=BATCH)
        applications = Ansokan.objects.bulk_create([
            Ansokan(arende=a, titel=t, agare=o, kontaktperson=user, status=Ansokan.Status.BEVILJAD if g else rng.choice(other_states),
                    inriktning=Inriktning.INDIVID if rng.random() < 0.8 else "struktur", syfte=rng.choice(PURPOSES),
                    malgrupp=rng.choice(TARGETS), period_start=s, period_slut=e, lansovergripande=rng.random() < 0.6,
                    beviljat_belopp=0 if g else None, prioriterade_grupper=[rng.choice(["unga_vuxna", "samordnat_stod"])])
            for a, (y, o, g, s, e, t) in zip(arenden, specs)], batch_size=BATCH)
        progress.step(label="ansökningar")

        granted_apps = [(a, spec) for a, spec in zip(applications, specs) if spec[2]]
        insats_rows = Insats.objects.bulk_create([
            Insats(arende=a.arende, ansokan=a, namn=a.titel, agare=a.agare, inriktning=a.inriktning,
                   lansovergripande=a.lansovergripande, lansdelar=[] if a.lansovergripande else [rng.choice(["vastra", "norra", "ostra"])],
                   langsiktig=rng.random() < 0.7, syfte=a.syfte, period_start=s, period_slut=e,
                   status="pagaende" if e.year >= last_year else rng.choice(["avslutad", "implementerad", "avbruten"]),
                   publicerad=rng.random() < 0.8)
            for a, (y, o, g, s, e, t) in granted_apps], batch_size=BATCH)
        through = Insats.parter.through
        through.objects.bulk_create([
            through(insats_id=i.pk, organisation_id=p.pk) for i in insats_rows
            for p in rng.sample([o for o in orgs if o.pk != i.agare_id], 2)], batch_size=BATCH)
        grants, reports, invoices = [], [], []
        for insats in insats_rows:
            for year in range(insats.period_start.year, insats.period_slut.year + 1):
                amount = rng.randrange(200_000, 1_500_000, 1000)
                grants.append(Beviljat(insats=insats, ansokan_id=insats.ansokan_id, ar=year, belopp=amount))
                for half in (1, 2):
                    s = datetime.date(year, 1 if half == 1 else 7, 1)
                    e = datetime.date(year, 6, 30) if half == 1 else datetime.date(year, 12, 31)
                    done = e < timezone.localdate()
                    reports.append(Lagesrapport(insats=insats, period_start=s, period_slut=e, forfaller=e + datetime.timedelta(days=30),
                                                status="godkand" if done else "ej_inlamnad",
                                                inskrivna=rng.randint(5, 15) if done else None, avslutade=rng.randint(4, 10) if done else None,
                                                till_arbete_studier=rng.randint(0, 4) if done else None, kostnader=amount // 2 if done else None))
                    if done:
                        paid = e + datetime.timedelta(days=40)
                        invoices.append(Rekvisition(insats=insats, nummer=len(invoices) + 1, ar=year, period_start=s, period_slut=e,
                                                    personal=amount // 2 - 1000, ovrigt=1000, belopp=amount // 2, status="betald",
                                                    inskickad=datetime.datetime.combine(e, datetime.time(9), tzinfo=datetime.UTC),
                                                    inskickad_av=user, beslutad_av=user, betald_datum=paid))
        Beviljat.objects.bulk_create(grants, batch_size=BATCH)
        Lagesrapport.objects.bulk_create(reports, batch_size=BATCH)
        Rekvisition.objects.bulk_create(invoices, batch_size=BATCH)
        Ansokan.objects.filter(pk__in=[a.pk for a, _ in granted_apps]).update(beviljat_belopp=1)
        progress.step(label="insatser och pengar")

        individual = [i for i in insats_rows if i.inriktning == Inriktning.INDIVID] or insats_rows
        rows = []
        created = 0
        for n in range(deltagare):
            insats = individual[n % len(individual)]
            start = datetime.date(rng.randint(insats.period_start.year, min(insats.period_slut.year, last_year)), rng.randint(1, 12), 1)
            ended = rng.random() < 0.7 and start.year < last_year
            end = datetime.date(min(start.year + rng.randint(0, 1), last_year), rng.randint(1, 12), 1) if ended else None
            if end is not None and end < start:
                end = start
            rows.append(Deltagare(
                insats=insats, referens_hash=reference_hash(insats.pk, f"S-{n}"), kon=rng.choice(Kon.values),
                aldersband=rng.choice(Aldersband.values), inskriven=start, avslutad=end,
                forsorjning_start=rng.choice(Forsorjning.values),
                forsorjning_slut=rng.choice(Forsorjning.values) if end else "",
                utfall=rng.choice(Utfall.values) if end else "", plan_efter=(rng.random() < 0.8) if end else None))
            if len(rows) == BATCH:
                Deltagare.objects.bulk_create(rows)
                created += len(rows)
                rows = []
        Deltagare.objects.bulk_create(rows)
        created += len(rows)
        progress.step(label="deltagare")

        meetings = []
        for year in years:
            for month in (2, 4, 6, 9, 10, 12):
                meetings.append(Sammantrade(organ=organ, datum=datetime.date(year, month, 10), tid_fran=datetime.time(9),
                                            plats="Flen", status="anslaget" if year < last_year else "planerat"))
        Sammantrade.objects.bulk_create(meetings, batch_size=BATCH)
        paragraphs, numbers = [], {}
        cases = list(zip(applications, specs))
        for meeting in meetings:
            numbers.setdefault(meeting.datum.year, 1000)
            for order in range(1, 11):
                numbers[meeting.datum.year] += 1
                case = cases[rng.randrange(len(cases))][0] if order > 3 else None
                paragraphs.append(Paragraf(sammantrade=meeting, organ=organ, ar=meeting.datum.year, nummer=numbers[meeting.datum.year],
                                           ordning=order, typ="beslut" if case else "standard",
                                           rubrik=case.titel if case else "Mötets öppnande", arende=case.arende if case else None,
                                           beslut="Styrelsen beslutar enligt förslaget." if case else ""))
        Paragraf.objects.bulk_create(paragraphs, batch_size=BATCH)
        progress.step(label="sammanträden")

        projects = []
        for year in years:
            for k in range(2):
                owner = rng.choice(kommuner)
                a = new_arende(year, f"ESF {year}-{k + 1}", "esf", owner)
                a.save()
                projects.append(EsfProjekt(arende=a, namn=f"ESF-projekt {year}-{k + 1}", roll=rng.choice(["medfinansiar", "stodjer"]),
                                           agare=owner, status="avslutad" if year + 2 < last_year else "genomforande",
                                           syfte=rng.choice(PURPOSES), period_start=datetime.date(year, 1, 1),
                                           period_slut=datetime.date(year + 2, 12, 31), publicerad=True))
        EsfProjekt.objects.bulk_create(projects)
        EsfPengar.objects.bulk_create([EsfPengar(projekt=p, ar=y, esf_medel=rng.randrange(500_000, 3_000_000, 1000),
                                                 forbundets_medfinansiering=rng.randrange(100_000, 600_000, 1000))
                                       for p in projects for y in range(p.period_start.year, p.period_slut.year + 1)])
        results = []
        for p in projects:
            for y in range(p.period_start.year, min(p.period_slut.year, last_year) + 1):
                women, men = rng.randint(0, 20), rng.randint(0, 20)
                results.append(EsfResultat(projekt=p, ar=y, inskrivna_kvinnor=women + rng.randint(0, 10),
                                           inskrivna_man=men + rng.randint(0, 10), avslutade_kvinnor=women, avslutade_man=men,
                                           arbete_studier_kvinnor=rng.randint(0, women), arbete_studier_man=rng.randint(0, men)))
        EsfResultat.objects.bulk_create(results)
        progress.step(label="ESF")
        for year, last in counters.items():
            Diarieserie.objects.update_or_create(ar=year, defaults={"senaste": last})
        progress.step(label="diarieserier")
    from django.db import connection

    with connection.cursor() as cursor:
        # As autovacuum leaves a table some while after a bulk load: statistics for the planner, and the visibility
        # map that lets an index answer a count alone. VACUUM cannot run inside a transaction (a test's).
        cursor.execute("ANALYZE" if connection.in_atomic_block else "VACUUM ANALYZE")
    progress.step(label="klart")
    progress.finish()
    return {"insatser": len(insats_rows), "ansokningar": len(applications), "deltagare": created, "ar": ar,
            "sammantraden": len(meetings), "paragrafer": len(paragraphs), "esf": len(projects),
            "sekunder": round(time.monotonic() - started, 1)}


NAMES = ["Vägen vidare", "Steget före", "Unga framåt", "Nya spår", "Arbetsträning", "Hälsa och arbete", "Tillsammans",
         "Jobbspåret", "Samverkansteamet", "Nästa steg"]
PURPOSES = ["Fler unga vuxna närmar sig arbete eller studier genom samordnat stöd.",
            "Personer med psykisk ohälsa får arbetsträning och coachning.",
            "Samverkan mellan kommun, region och Försäkringskassan kring långa sjukfall.",
            "Ungdomar utan sysselsättning får stöd mot arbete."]
TARGETS = ["Unga vuxna 18–29 år med aktivitetsersättning", "Personer med försörjningsstöd", "Sjukskrivna med psykisk ohälsa"]
