"""Demo insatser: those of seed 001 (Region Sörmland's follow-up) and the five grants of 2020-09-18 (seed 002),
plus a few current cases so every step of the workflow can be tried.

Owners, parties, periods and amounts follow the seeds where they say them. Where they are silent
(owners of some insatser, exact periods, the split of money over the years) the values are invented and
marked "antaget" in the comments. Historical cases go through the same services as live ones (create,
save, submit, prepare, decide); only their end status and paper-agreement signatures are set as
imported facts. Idempotent: an application that already exists (by name) is left alone.
"""

import datetime

from django.utils import timezone
from django.contrib.auth import get_user_model

from insatser import services
from insatser.models import Ansokan, Avtal, Beviljat, Inriktning, Insats
from rar import roles
from rar.case_handlers import Beslutsutfall
from rar.models import Organisation
from rar.money import split_exact

D = datetime.date
FK, AF, REGION = "Försäkringskassan", "Arbetsförmedlingen", "Region Sörmland"

# name, owner, parties, kind, long/county-wide, länsdelar, start, end, money {year: kr} or (total, years),
# decision date, decision text, end status, purpose
HISTORICAL = [
    dict(namn="TUNA", agare="Katrineholms kommun", parter=[REGION, FK, AF], inriktning=Inriktning.INDIVID, langsiktig=True,
         lansovergripande=False, lansdelar=["vastra"], start=D(2009, 1, 1), slut=D(2019, 12, 31),
         # seed: 23,8 mnkr 2009–2019 of which 1,5 mnkr for 2019; 22,3 mnkr spread over 2009–2018 (antaget)
         pengar={**dict(zip(range(2009, 2019), split_exact(22_300_000, [1] * 10))), 2019: 1_500_000},
         beslut=D(2008, 11, 14), status=Insats.Status.AVSLUTAD,
         syfte="Arbetsförberedande rehabilitering för personer med dokumenterad psykisk ohälsa: kartläggning, coaching och arbetsträning.",
         utfall="Totalt 1 190 deltagare; 20 % av de avslutade gick vidare till studier eller arbete."),
    dict(namn="Drivhuset", agare="Oxelösunds kommun", parter=[REGION, AF], inriktning=Inriktning.INDIVID, langsiktig=False,
         lansovergripande=False, lansdelar=["ostra"], start=D(2017, 1, 1), slut=D(2020, 12, 31),
         # seed: 2,2 mnkr 2017–2020, of which 1,4 mnkr 2019–2020
         pengar={2017: 400_000, 2018: 400_000, 2019: 700_000, 2020: 700_000},
         beslut=D(2016, 11, 18), status=Insats.Status.IMPLEMENTERAD,
         syfte="Genom samverkan stödja ungdomar i Oxelösund att bli självförsörjande, med stöd på en plats."),
    dict(namn="VIVA (Vinka In VuxnA)", agare="Vingåkers kommun", parter=[REGION, "Katrineholms kommun"], inriktning="struktur",
         langsiktig=False, lansovergripande=False, lansdelar=["vastra"], start=D(2019, 1, 1), slut=D(2019, 12, 31),
         pengar={2019: 950_000}, beslut=D(2018, 12, 7), status=Insats.Status.AVSLUTAD,
         syfte="Utreda möjligheterna att slå ihop projekten Vinka IN och TUNA västra."),
    dict(namn="Jämställd vård i egen regi", agare="Eskilstuna kommun", parter=[REGION], inriktning="struktur",
         langsiktig=False, lansovergripande=False, lansdelar=["norra"], start=D(2020, 10, 1), slut=D(2021, 12, 31),
         pengar={2020: 100_000, 2021: 400_000}, beslut=D(2020, 9, 18), status=Insats.Status.AVSLUTAD,
         beslutstext="Full finansiering beviljas, 500 000 kr.",
         syfte="Identifiera behov hos kvinnor med beroendeproblematik och utveckla arbetssätt i vård och stöd."),
    dict(namn="SIKTA (Samordnad Insats Koordinering Träning Arbete)", agare=REGION,
         parter=["Katrineholms kommun", "Vingåkers kommun", "Flens kommun", AF, FK], inriktning=Inriktning.INDIVID,
         langsiktig=True, lansovergripande=False, lansdelar=["vastra"], start=D(2020, 1, 1), slut=D(2022, 12, 31),
         pengar={2020: 980_000, 2021: 980_000, 2022: 980_000}, beslut=D(2019, 12, 13), status=Insats.Status.AVSLUTAD,
         syfte="Arbetsförberedande rehabilitering för personer 18–65 år med försörjningsstöd, sjukpenning eller aktivitetsersättning."),
    dict(namn="Nyttiga affärer 2.0", agare=REGION, parter=["Nyköpings kommun", AF], inriktning=Inriktning.INDIVID,
         langsiktig=True, lansovergripande=True, lansdelar=[], start=D(2020, 1, 1), slut=D(2022, 12, 31),
         pengar={2020: 666_667, 2021: 666_667, 2022: 666_666}, beslut=D(2019, 12, 13), status=Insats.Status.AVSLUTAD,
         syfte="Sysselsättning för personer långt från arbetsmarknaden och fler livskraftiga sociala företag i Sörmland."),
    dict(namn="Långa sjukfall", agare=REGION, parter=[FK], inriktning=Inriktning.INDIVID, langsiktig=True, lansovergripande=True,
         lansdelar=[], start=D(2020, 5, 1), slut=D(2022, 12, 31),
         pengar={2020: 1_600_000, 2021: 1_600_000, 2022: 1_600_000}, beslut=D(2020, 3, 20), status=Insats.Status.IMPLEMENTERAD,
         syfte="Fördjupad samverkan mellan rehabkoordinatorer och Försäkringskassan kring långa sjukfall i psykiatrin och på vårdcentraler."),
    dict(namn="Steget före", agare=REGION, parter=[FK], inriktning=Inriktning.INDIVID, langsiktig=False, lansovergripande=True,
         lansdelar=[], start=D(2021, 1, 1), slut=D(2022, 12, 31),
         pengar={2021: 790_815, 2022: 790_815}, beslut=D(2020, 9, 18), status=Insats.Status.AVSLUTAD,
         beslutstext="Full finansiering beviljas, 1 581 630 kr.",
         syfte="KBT-baserad kurs (ALMA) för unga vuxna med högfungerande autism som står långt från arbetsmarknaden."),
    dict(namn="SLUSSEN", agare="Nyköpings kommun", parter=[AF, REGION], inriktning=Inriktning.INDIVID, langsiktig=True,
         lansovergripande=False, lansdelar=["ostra"], start=D(2021, 1, 1), slut=D(2023, 12, 31),
         pengar={2021: 1_349_000, 2022: 1_349_000, 2023: 1_349_000}, beslut=D(2020, 9, 18), status=Insats.Status.AVSLUTAD,
         beslutstext="Full finansiering beviljas, 4 047 000 kr.",
         syfte="Stöd till personer som läst sfi utan att nå målen att närma sig arbetsmarknaden och egen försörjning."),
    dict(namn="NUVAS", agare="Nyköpings kommun", parter=[AF], inriktning=Inriktning.INDIVID, langsiktig=False,
         lansovergripande=False, lansdelar=["ostra"], start=D(2021, 1, 1), slut=D(2022, 12, 31),
         pengar={2021: 882_000, 2022: 882_000}, beslut=D(2020, 9, 18), status=Insats.Status.AVSLUTAD,
         beslutstext="Full finansiering beviljas, 1 764 000 kr.",
         syfte="Samordnat stöd för unga vuxna i Nyköping (syfte antaget för demonstration)."),
    dict(namn="Rätt Insats 2.0", agare="Eskilstuna kommun", parter=[AF], inriktning=Inriktning.INDIVID, langsiktig=False,
         lansovergripande=False, lansdelar=["norra"], start=D(2020, 10, 1), slut=D(2022, 9, 30),
         pengar={2020: 250_000, 2021: 1_000_000, 2022: 750_000}, beslut=D(2020, 9, 18), status=Insats.Status.AVBRUTEN,
         beslutstext="Full finansiering beviljas, 2 000 000 kr.",
         syfte="Rätt insats för personer i behov av samordnat stöd i Eskilstuna (syfte antaget för demonstration)."),
    dict(namn="Unga på väg", agare="Eskilstuna kommun", parter=[REGION, AF], inriktning=Inriktning.INDIVID, langsiktig=True,
         lansovergripande=False, lansdelar=["norra"], start=D(2021, 1, 1), slut=D(2024, 12, 31),
         pengar={2021: 962_500, 2022: 962_500, 2023: 962_500, 2024: 962_500}, beslut=D(2020, 12, 11),
         status=Insats.Status.IMPLEMENTERAD,
         syfte="Få kontakt med unga i Eskilstuna i utanförskap och stödja dem vidare mot arbete eller studier."),
]

GOAL = {"typ": "kvantitativt", "beskrivning": "Deltagare går vidare till arbete eller studier",
        "indikator": "Andel av avslutade deltagare", "malvarde": "30 %"}


def _user(username):
    return get_user_model().objects.filter(username=username).first()


def _orgs(names):
    return list(Organisation.objects.filter(namn__in=names))


def _fields(spec):
    return {
        "inriktning": spec["inriktning"], "karaktar": "operativ", "malgrupp": spec["syfte"],
        "prioriterade_grupper": ["samordnat_stod"], "bakgrund": "Se ansökan i diariet.", "syfte": spec["syfte"],
        "metod": "Enligt ansökan.", "implementering": "Enligt ansökan.", "lansovergripande": spec["lansovergripande"],
        "lansdelar": spec["lansdelar"], "langsiktig": spec["langsiktig"], "period_start": spec["start"],
        "period_slut": spec["slut"], "planerade_deltagare": 30 if spec["inriktning"] == Inriktning.INDIVID else None,
        "deltagaruppfoljning": "Steg-för-steg-modell vid start och avslut." if spec["inriktning"] == Inriktning.INDIVID else "",
        "utvarderingsplan": "Utvärderas av FoUiS.",
    }


def _prepare(spec, staff, registrerad, *, recommend=True):
    """Create an application as staff on behalf of the owner and take it to the working committee; with
    recommend=False it stays there for the committee's demo meeting (rar.moten.demo) to recommend."""
    owner = Organisation.objects.get(namn=spec["agare"])
    ansokan = services.ansokan_create(user=staff, titel=spec["namn"], agare=owner, registrerad=registrerad)
    ansokan = services.ansokan_save(
        ansokan=ansokan, user=staff, version=ansokan.version, fields=_fields(spec), parter=_orgs(spec["parter"]),
        mal=[GOAL], budget=sorted(spec["pengar"].items()),
    )
    ansokan = services.ansokan_submit(ansokan=ansokan, user=staff)
    ansokan = services.ansokan_start_review(ansokan=ansokan, user=staff)
    ansokan = services.ansokan_send_to_au(ansokan=ansokan, user=staff)
    if not recommend:
        return ansokan
    return services.ansokan_au_recommend(
        ansokan=ansokan, user=staff, rekommendation="tillstyrks", motivering="Arbetsutskottet tillstyrker ansökan."
    )


def _historical(spec, staff):
    ansokan = _prepare(spec, staff, registrerad=spec["beslut"] - datetime.timedelta(days=45))
    total = sum(spec["pengar"].values())
    text = spec.get("beslutstext") or f"Full finansiering beviljas, {total:,} kr.".replace(",", " ")
    ansokan = services.ansokan_decide(
        ansokan=ansokan, utfall=Beslutsutfall.FULL, belopp=None, beslutstext=text, user=staff, beslutsdatum=spec["beslut"]
    )
    _finish(Insats.objects.get(ansokan=ansokan), spec, staff)


def _finish(insats, spec, staff):
    # Imported facts: the paper agreement was signed at the decision, and the insats has since ended.
    signed = datetime.datetime.combine(spec["beslut"], datetime.time(12), tzinfo=datetime.UTC)
    avtal = Avtal.objects.get(ansokan=insats.ansokan)
    avtal.agare_signerad_av = avtal.forbund_signerad_av = "Enligt undertecknat pappersavtal"
    avtal.agare_signerad_tid = avtal.forbund_signerad_tid = signed
    avtal._history_user = staff
    avtal.save()
    insats.status = spec["status"]
    insats._history_user = staff
    insats.save(update_fields=["status"])


def _current(stdout, staff):
    """Live cases for trying the workflow: a running insats with reports, and applications in several states."""
    agare, agare2 = _user("agare"), _user("agare2")
    if agare is None or agare2 is None:
        return
    today = timezone.localdate()
    year = today.year
    if not Ansokan.objects.filter(titel="Vägen vidare").exists():
        spec = dict(namn="Vägen vidare", agare="Nyköpings kommun", parter=[AF, REGION], inriktning=Inriktning.INDIVID,
                    langsiktig=True, lansovergripande=True, lansdelar=[], start=D(year - 1, 1, 1), slut=D(year + 1, 12, 31),
                    pengar={year - 1: 900_000, year: 900_000, year + 1: 900_000},
                    syfte="Samordnat stöd till unga vuxna med aktivitetsersättning mot arbete eller studier.")
        ansokan = services.ansokan_create(user=agare, titel=spec["namn"], registrerad=D(year - 2, 10, 1))
        fields = _fields(spec) | {"prioriterade_grupper": ["unga_vuxna"]}
        ansokan = services.ansokan_save(ansokan=ansokan, user=agare, version=ansokan.version, fields=fields,
                                        parter=_orgs(spec["parter"]), mal=[GOAL], budget=sorted(spec["pengar"].items()))
        ansokan = services.ansokan_submit(ansokan=ansokan, user=agare)
        ansokan = services.ansokan_start_review(ansokan=ansokan, user=staff)
        ansokan = services.ansokan_send_to_au(ansokan=ansokan, user=staff)
        ansokan = services.ansokan_au_recommend(ansokan=ansokan, user=staff, rekommendation="tillstyrks",
                                                motivering="Väl förankrad hos parterna.")
        ansokan = services.ansokan_decide(ansokan=ansokan, utfall=Beslutsutfall.FULL, belopp=None,
                                          beslutstext="Full finansiering beviljas, 2 700 000 kr.", user=staff,
                                          beslutsdatum=D(year - 2, 12, 9))
        avtal = Avtal.objects.get(ansokan=ansokan)
        services.avtal_sign(avtal=avtal, user=agare, part="agare")
        services.avtal_sign(avtal=avtal, user=staff, part="forbund")
        first = avtal.insats.lagesrapporter.order_by("period_start").first()
        goal = services.report_goals(avtal.insats).first()
        first = services.lagesrapport_save(
            rapport=first, user=agare, version=first.version,
            fields={"inskrivna": 18, "avslutade": 4, "till_arbete_studier": 2, "kostnader": 410_000,
                    "risker": "Rekryteringen tog längre tid än planerat.", "implementering": "Dialog med socialnämnden påbörjad."},
            malrapporter={goal.pk: {"status": "delvis", "varde": "2 av 4", "kommentar": "För tidigt att bedöma."}},
        )
        first = services.lagesrapport_submit(rapport=first, user=agare)
        services.lagesrapport_review(rapport=first, user=staff, godkann=True)
        stdout.write("  Vägen vidare: pågående insats med signerat avtal och lägesrapporter.")

    drafts = [
        ("Arbetsträning i samverkan", agare, Ansokan.Status.UTKAST),
        ("Hälsa först", agare2, Ansokan.Status.INSKICKAD),
        ("Steg in i arbetslivet", agare2, Ansokan.Status.KLAR_FOR_STYRELSEN),
    ]
    for titel, owner, target in drafts:
        if Ansokan.objects.filter(titel=titel).exists():
            continue
        spec = dict(namn=titel, inriktning=Inriktning.INDIVID, langsiktig=target != Ansokan.Status.INSKICKAD, lansovergripande=True,
                    lansdelar=[], start=D(year + 1, 1, 1), slut=D(year + 2, 12, 31),
                    syfte="Fler deltagare med psykisk ohälsa närmar sig arbete genom samordnat stöd.")
        ansokan = services.ansokan_create(user=owner, titel=titel)
        ansokan = services.ansokan_save(
            ansokan=ansokan, user=owner, version=ansokan.version, fields=_fields(spec),
            parter=_orgs([AF, REGION]), mal=[GOAL], budget=[(year + 1, 750_000), (year + 2, 750_000)],
        )
        if target == Ansokan.Status.UTKAST:
            continue
        ansokan = services.ansokan_submit(ansokan=ansokan, user=owner)
        if target == Ansokan.Status.KLAR_FOR_STYRELSEN:
            ansokan = services.ansokan_start_review(ansokan=ansokan, user=staff)
            ansokan = services.ansokan_send_to_au(ansokan=ansokan, user=staff)
            services.ansokan_au_recommend(ansokan=ansokan, user=staff, rekommendation="tillstyrks",
                                          motivering="Tydliga mål och plan för implementering.")


BOARD_MEETING = D(2020, 9, 18)  # decided by the demo meeting in rar (seed 002), not here


def _staff():
    return get_user_model().objects.filter(groups__name=roles.KANSLI).order_by("pk").first()


def load_before_meetings(stdout):
    """Historical insatser; those decided on 2020-09-18 are left with the working committee, whose meeting of
    2020-09-04 recommends them to the board's meeting (rar.moten.demo)."""
    staff = _staff()
    if staff is None:
        return
    created = 0
    for spec in HISTORICAL:
        if Ansokan.objects.filter(titel=spec["namn"]).exists():
            continue
        if spec["beslut"] == BOARD_MEETING:
            _prepare(spec, staff, registrerad=spec["beslut"] - datetime.timedelta(days=45), recommend=False)
        else:
            _historical(spec, staff)
        created += 1
    stdout.write(f"Insatser från källdokumenten: {created} nya, {len(HISTORICAL) - created} fanns redan.")


def load_after_meetings(stdout):
    """Finish the insatser the meeting granted (paper agreements, end status), then the current cases."""
    staff = _staff()
    if staff is None:
        return
    for spec in HISTORICAL:
        if spec["beslut"] == BOARD_MEETING:
            insats = Insats.objects.filter(ansokan__titel=spec["namn"], status=Insats.Status.PAGAENDE).first()
            if insats is not None and insats.period_slut < timezone.localdate():
                _finish(insats, spec, staff)
    _current(stdout, staff)
    # The documented insatser are public record: they stand in the public catalogue (insatskatalog).
    for insats in Insats.objects.filter(namn__in=[spec["namn"] for spec in HISTORICAL], publicerad=False):
        services.insats_publish(insats=insats, user=staff, publicerad=True)
    _invoices_2021(stdout, staff)
    _current_invoices(stdout, staff)
    _documents(stdout)


DEMO_DOCUMENTS = [  # (title, file name, shared with the parties)
    ("Projektplan Vägen vidare (för parterna)", "projektplan.pdf", True),
    ("Lönelista projektledare (intern)", "lonelista.pdf", False),
]


def _documents(stdout):
    """Vägen vidare's owner has one document shared with the parties (AF, the region) and one internal."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from rar import services as rar_services

    insats = Insats.objects.filter(namn="Vägen vidare").select_related("arende").first()
    agare = _user("agare")
    if insats is None or agare is None or insats.arende.handlingar.exists():
        return
    for titel, filnamn, delad in DEMO_DOCUMENTS:
        rar_services.handling_add(arende=insats.arende, titel=titel, user=agare, delad_med_parter=delad,
                                  upload=SimpleUploadedFile(filnamn, b"%PDF-1.4\n% demo\n%%EOF\n"))
    stdout.write(f"  Vägen vidare: {len(DEMO_DOCUMENTS)} handlingar (en delad med parterna, en intern).")


# Share of the 2021 grant each insats invoiced (Årsbokslut 2021: insatser invoiced almost 2 mnkr less than
# budgeted because several started late; the rest moved to 2022). Assumed per insats for the demo.
INVOICED_SHARE_2021 = {"SLUSSEN": 0.62, "Unga på väg": 0.70, "NUVAS": 0.80, "Rätt Insats 2.0": 0.85, "Steget före": 0.90}


def _invoices_2021(stdout, staff):
    """Imported history: each insats's 2021 invoices (two half-years, paid) and the year-end decisions."""
    from insatser.models import Overforing, Rekvisition

    if Rekvisition.objects.filter(ar=2021).exists():
        return
    tz = datetime.UTC
    count = 0
    ekonom = _user("ekonom") or staff  # four eyes: the economist registered and paid, the director approved
    for beviljat in Beviljat.objects.filter(ar=2021).select_related("insats").order_by("insats__namn"):
        insats = beviljat.insats
        share = INVOICED_SHARE_2021.get(insats.namn, 1.0)
        total = round(beviljat.belopp * share)
        halves = split_exact(total, [1, 1])
        for number, (start, end, amount) in enumerate(
                ((D(2021, 1, 1), D(2021, 6, 30), halves[0]), (D(2021, 7, 1), D(2021, 12, 31), halves[1])), start=1):
            personal, ovrigt = split_exact(amount, [4, 1])
            rekvisition = Rekvisition(
                insats=insats, nummer=number, ar=2021, period_start=max(start, insats.period_start), period_slut=end,
                personal=personal, ovrigt=ovrigt, belopp=amount, status=Rekvisition.Status.BETALD,
                inskickad=datetime.datetime.combine(end + datetime.timedelta(days=20), datetime.time(9), tzinfo=tz),
                inskickad_av=ekonom, beslutad=datetime.datetime.combine(end + datetime.timedelta(days=25), datetime.time(9), tzinfo=tz),
                beslutad_av=staff, betald_datum=end + datetime.timedelta(days=30), betald_av=ekonom,
                beskrivning="Inläst från tidigare ekonomisystem (demo).",
            )
            rekvisition._history_user = staff
            rekvisition.save()
            count += 1
        unspent = beviljat.belopp - total
        if unspent > 0:
            continues = insats.period_slut.year >= 2022
            transfer = Overforing(
                insats=insats, typ=Overforing.Typ.OVERFORD if continues else Overforing.Typ.ATERFORD, fran_ar=2021,
                till_ar=2022 if continues else None, belopp=unspent, beslutad_av=staff,
                beslutad=datetime.datetime(2022, 2, 10, 9, tzinfo=tz),
                motivering="Insatsen kom i gång senare än planerat (årsbokslut 2021)." if continues else "",
            )
            transfer._history_user = staff
            transfer.save()
    stdout.write(f"  Rekvisitioner 2021: {count} betalda, oförbrukade medel överförda till 2022.")


def _current_invoices(stdout, staff):
    """Vägen vidare: last year's first half-year is paid; its second half-year waits for staff.

    Four eyes: the director (kansli) approves, the economist (ekonom) marks it paid."""
    from insatser.models import Rekvisition

    insats = Insats.objects.filter(namn="Vägen vidare").first()
    agare = _user("agare")
    if insats is None or agare is None or insats.rekvisitioner.exists():
        return
    year = timezone.localdate().year
    paid = services.rekvisition_submit(insats=insats, user=agare, period_start=D(year - 1, 1, 1),
                                       period_slut=D(year - 1, 6, 30), kostnader={"personal": 320_000, "lokaler": 60_000},
                                       beskrivning="Projektledare och två coacher, lokalhyra.")
    paid = services.rekvisition_approve(rekvisition=paid, user=staff)
    services.rekvisition_pay(rekvisition=paid, user=_user("ekonom") or staff, betald_datum=timezone.localdate())
    services.rekvisition_submit(insats=insats, user=agare, period_start=D(year - 1, 7, 1), period_slut=D(year - 1, 12, 31),
                                kostnader={"personal": 340_000, "lokaler": 60_000, "resor": 8_000})
    stdout.write(f"  Vägen vidare: {Rekvisition.objects.filter(insats=insats).count()} rekvisitioner (en betald, en väntar).")
