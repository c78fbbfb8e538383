"""Demo bodies, mandates, the working committee's meeting of 2020-09-04 and the board meeting of 2020-09-18 in
Flen (seed 002), §§ 11–24.

People's names are invented (the organisations are real). The meeting goes through the same services as
a live one: planned, agenda built (the five funding cases taken from those ready for the board), notice,
attendance, decisions (which grant the applications through rar.case_handlers), sent for justering, and
anslag. The justering by the chair and the adjuster is registered as made on paper in 2020 (imported facts,
rar.moten.signing.protokoll_importera_justering), so the same rules and locks hold as for a live meeting.
"""

import datetime

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from rar import case_handlers, roles
from rar.models import Arende, Handelse, Notis, Organ, Organisation, Sammantrade, Uppdrag
from rar.moten import services as moten
from rar.moten.signing import at, protokoll_importera_justering

D = datetime.date
TERM_START = D(2019, 4, 1)

BODIES = [
    ("Förbundsstyrelsen", Organ.Typ.STYRELSE, ""),
    ("Arbetsutskottet", Organ.Typ.ARBETSUTSKOTT, ""),
    ("Beredningsgruppen", Organ.Typ.BEREDNINGSGRUPP, ""),
    ("LSG Norra länsdelen", Organ.Typ.LSG, "norra"),
    ("LSG Västra länsdelen", Organ.Typ.LSG, "vastra"),
    ("LSG Östra länsdelen", Organ.Typ.LSG, "ostra"),
]

# Organisation: (ordinary member, substitute) – invented names. The demo logins "styrelse" (chair) and
# "justerare" (1:e vice ordförande) are the ordinary members of Region Sörmland and Gnesta kommun.
BOARD = {
    "Region Sörmland": ("styrelse", ("Mikael", "Strand")),
    "Eskilstuna kommun": (("Maria", "Sundberg"), ("Gustav", "Lind")),
    "Gnesta kommun": ("justerare", ("Ingela", "Falk")),
    "Arbetsförmedlingen": (("Mats", "Kvist"), ("Nora", "Hedlund")),
    "Katrineholms kommun": (("Ulla", "Tranberg"), ("Bertil", "Ahl")),
    "Flens kommun": (("David", "Lönn"), ("Jenny", "Norberg")),
    "Vingåkers kommun": (("Rolf", "Skog"), ("Anneli", "Borg")),
    "Nyköpings kommun": (("Sara", "Almqvist"), ("Marko", "Gustavsson")),
    "Trosa kommun": (("Helena", "Kock"), ("Anders", "Lund")),
    "Oxelösunds kommun": (("Linnea", "Fors"), ("Patrik", "Ren")),
    "Strängnäs kommun": (("Majvor", "Mattsson"), ("Mikael", "Lager")),
    "Försäkringskassan": (("Gun", "Berg"), ("Amira", "Yasin")),
}
# Seed 002: these ordinary members were absent, the FK substitute served (via link); these substitutes came.
ABSENT_ORDINARY = {"Försäkringskassan"}
PRESENT_SUBSTITUTES = {"Region Sörmland", "Nyköpings kommun", "Strängnäs kommun", "Flens kommun", "Oxelösunds kommun",
                       "Försäkringskassan"}

INFO_ITEMS = [
    ("Information från förbundsordförande",
     "Insatsen Rätt Insats 2.0 har brister i mål och syfte och insatsen är svår att utvärdera. Förbundschefen ska ha "
     "täta avstämningar med insatsens projektledare och finansieringen kan komma att avbrytas om projektets mål och "
     "syfte inte blir tydligare."),
    ("Information från NNS",
     "NNS årsmöte skulle ha hållits den 24 mars men ställdes in på grund av coronapandemin. Årsmötet genomförs "
     "digitalt den 29 oktober. Samordningsförbundet har medverkat i en kampanj på världsdagen för suicidprevention; "
     "bland annat uppmärksammades ESF-projektet LIKES."),
    ("Redovisning utvärdering av samordningsförbundet RAR 2014–2019",
     "Utvärderarna lämnade rekommendationer: tydliga och uppföljningsbara mål för insatser, processtöd till LSG, "
     "samverkansavtal med LSG, en tydlig rutin för ansökningar, systematisk uppföljning, en mall för slutredovisning "
     "och en projektprocess i faser där finansiering beviljas stegvis. RAR:s insatser har en längre återbetalningstid "
     "(33 månader) än rikssnittet (12 månader). Den samhällsekonomiska utvärderingen bifogas."),
    ("Nya hemsidan", "Den nya hemsidan presenterades med tillgänglighetsanpassning, ny logotyp och sökfunktion för "
                     "förbundets insatser. En ny hantering av ansökningar med en ny mall visades."),
    ("Ekonomisk uppföljning", "Förbundets ekonom kommenterade utsänd ekonomisk uppföljning per den 31 augusti."),
]

FUNDING = [  # application title as in the insatser demo, decision text (seed 002 §§ 19–23)
    ("Jämställd vård i egen regi", "Full finansiering beviljas, 500 000 kr."),
    ("NUVAS", "Full finansiering beviljas, 1 764 000 kr."),
    ("SLUSSEN", "Full finansiering beviljas, 4 047 000 kr."),
    ("Steget före", "Full finansiering beviljas, 1 581 630 kr."),
    ("Rätt Insats 2.0", "Full finansiering beviljas, 2 000 000 kr."),
]


def _person(spec, org, role_group):
    User = get_user_model()
    if isinstance(spec, str):
        return User.objects.get(username=spec)
    first, last = spec
    username = f"{first}.{last}".lower().replace("å", "a").replace("ä", "a").replace("ö", "o")
    user, created = User.objects.get_or_create(username=username, defaults={
        "first_name": first, "last_name": last, "organisation": org, "email": ""})
    if created:
        user.set_unusable_password()  # a board member without a login in the demo
        user.save(update_fields=["password"])
        user.groups.add(role_group)
    return user


def bodies_and_mandates():
    organs = {}
    for namn, typ, lansdel in BODIES:
        organs[typ if typ != Organ.Typ.LSG else namn], _ = Organ.objects.get_or_create(
            namn=namn, defaults={"typ": typ, "lansdel": lansdel})
    styrelse = organs[Organ.Typ.STYRELSE]
    board_group = Group.objects.get_or_create(name=roles.STYRELSE)[0]
    people = {}
    for org_name, (ordinary, substitute) in BOARD.items():
        org = Organisation.objects.get(namn=org_name)
        member = _person(ordinary, org, board_group)
        deputy = _person(substitute, org, board_group)
        people[org_name] = (member, deputy)
        presidium = {"Region Sörmland": Uppdrag.Presidium.ORDFORANDE, "Gnesta kommun": Uppdrag.Presidium.VICE_1}.get(org_name, "")
        Uppdrag.objects.get_or_create(person=member, organ=styrelse, fran=TERM_START,
                                      defaults={"organisation": org, "roll": Uppdrag.Roll.LEDAMOT, "presidium": presidium})
        Uppdrag.objects.get_or_create(person=deputy, organ=styrelse, fran=TERM_START,
                                      defaults={"organisation": org, "roll": Uppdrag.Roll.ERSATTARE})
    au = organs[Organ.Typ.ARBETSUTSKOTT]
    for org_name, presidium in (("Region Sörmland", Uppdrag.Presidium.ORDFORANDE), ("Gnesta kommun", Uppdrag.Presidium.VICE_1),
                                ("Eskilstuna kommun", "")):
        Uppdrag.objects.get_or_create(person=people[org_name][0], organ=au, fran=TERM_START,
                                      defaults={"organisation": Organisation.objects.get(namn=org_name),
                                                "roll": Uppdrag.Roll.LEDAMOT, "presidium": presidium})
    return styrelse, people


def _held_meeting(staff, styrelse, people, day, start, end, place, items, ready=()):
    meeting = moten.sammantrade_create(user=staff, organ=styrelse, datum=day, tid_fran=start, tid_till=end, plats=place)
    for rubrik, text in items:
        moten.agenda_add_item(sammantrade=meeting, user=staff, typ="information", rubrik=rubrik, text=text)
    if ready:
        moten.agenda_add_cases(sammantrade=meeting, user=staff, arenden=list(ready))
    moten.sammantrade_kalla(sammantrade=meeting, user=staff)
    rows = []
    for org_name, (member, deputy) in people.items():
        rows.append({"person_id": member.pk, "narvarande": org_name not in ABSENT_ORDINARY})
        if org_name in PRESENT_SUBSTITUTES:
            serves = member.pk if org_name in ABSENT_ORDINARY else None
            rows.append({"person_id": deputy.pk, "narvarande": True, "via_lank": org_name == "Försäkringskassan",
                         "tjanstgor_for_id": serves})
    moten.narvaro_save(sammantrade=meeting, user=staff, rows=rows,
                       ovriga_narvarande="Utvärderare 1, Tranquist Utvärdering (fingerat namn)\n"
                                         "Utvärderare 2, Payoff (fingerat namn)\nEkonom, förbundets kansli\n"
                                         "Processledare, förbundets kansli")
    chair, adjuster = people["Region Sörmland"][0], people["Gnesta kommun"][0]
    moten.sammantrade_set_officers(sammantrade=meeting, user=staff, sekreterare=staff, ordforande=chair, justerare=[adjuster])
    moten.sammantrade_genomfor(sammantrade=meeting, user=staff)
    return meeting, chair, adjuster


def _standard_decisions(meeting, staff, chair, adjuster):
    for paragraph in meeting.paragrafer.filter(typ="standard").order_by("ordning"):
        text = {
            "Mötets öppnande": f"Ordförande {chair.get_full_name()} hälsade alla välkomna och förklarade mötet öppnat.",
            "Dagordningens godkännande": "Dagordningen godkändes efter tillägg under övriga frågor.",
            "Val av protokolljusterare": f"{adjuster.get_full_name()} valdes att justera dagens protokoll.",
            "Avslutning": "Ordföranden tackade för visat intresse och avslutade sammanträdet.",
        }[paragraph.rubrik]
        paragraph.text = text
        paragraph._history_user = staff
        paragraph.save(update_fields=["text"])


def _adjust_and_post(meeting, staff, chair, adjuster, adjusted_on):
    moten.protokoll_skicka_for_justering(sammantrade=meeting, user=staff)
    # Imported facts: the protocol was adjusted on paper and posted in 2020 (the 2020 notices to sign were read then).
    when = at(adjusted_on)
    Notis.objects.filter(handelse=Handelse.PROTOKOLL_ATT_JUSTERA, url=meeting.get_absolute_url()).update(last=when)
    meeting = protokoll_importera_justering(sammantrade=meeting, user=staff, signerat={chair: when, adjuster: when})
    moten.protokoll_ansla(sammantrade=meeting, user=staff, uppsatt=adjusted_on + datetime.timedelta(days=1))


COMMITTEE_MEETING = D(2020, 9, 4)


def _committee_recommends(staff, au, people, titles):
    """The working committee's meeting of 2020-09-04 recommends the cases the board decides on 2020-09-18: each a
    decision § whose recommendation makes the case ready for the board (rar.moten.au)."""
    ready = set()
    for handler in set(case_handlers.handlers().values()):
        ready.update(handler.ready_for_committee())
    cases = [arende for title, _text in titles
             if (arende := Arende.objects.filter(pk__in=ready, titel__endswith=f": {title}").first()) is not None]
    if not cases:
        return None
    meeting = moten.sammantrade_create(user=staff, organ=au, datum=COMMITTEE_MEETING, tid_fran=datetime.time(9),
                                       tid_till=datetime.time(11), plats="Katrineholm, förbundets kansli")
    moten.agenda_add_cases(sammantrade=meeting, user=staff, arenden=cases)
    moten.sammantrade_kalla(sammantrade=meeting, user=staff)
    moten.narvaro_save(sammantrade=meeting, user=staff,
                       rows=[{"person_id": n.person_id, "narvarande": True} for n in meeting.narvaro.all()],
                       ovriga_narvarande="Förbundschef, förbundets kansli")
    chair, adjuster = people["Region Sörmland"][0], people["Gnesta kommun"][0]
    moten.sammantrade_set_officers(sammantrade=meeting, user=staff, sekreterare=staff, ordforande=chair, justerare=[adjuster])
    moten.sammantrade_genomfor(sammantrade=meeting, user=staff)
    _standard_decisions(meeting, staff, chair, adjuster)
    amounts = {title: text.removeprefix("Full finansiering beviljas, ") for title, text in titles}
    for paragraph in meeting.paragrafer.filter(typ="beslut").order_by("ordning"):
        moten.paragraf_besluta(
            paragraf=paragraph, user=staff, utfall=case_handlers.Rekommendation.TILLSTYRKS,
            beslut=f"Arbetsutskottet föreslår att styrelsen beviljar full finansiering, {amounts[paragraph.rubrik]}",
            expedieras_till="Förbundsstyrelsen\nAkten")
    _adjust_and_post(meeting, staff, chair, adjuster, D(2020, 9, 7))
    return meeting


def load(stdout):
    staff = get_user_model().objects.filter(groups__name=roles.KANSLI).order_by("pk").first()
    if staff is None:
        return
    styrelse, people = bodies_and_mandates()
    if Sammantrade.objects.filter(organ=styrelse, datum=D(2020, 9, 18)).exists():
        return
    _committee_recommends(staff, Organ.objects.get(typ=Organ.Typ.ARBETSUTSKOTT), people, FUNDING)
    # An earlier 2020 meeting carries §§ 1–10, so that 2020-09-18 starts at § 11 as in the seed.
    spring_items = [("Information från förbundschefen", "Lägesrapport om förbundets arbete under pandemin."),
                    ("Årsredovisning 2019", "Årsredovisningen för 2019 presenterades."),
                    ("Revisionsberättelse 2019", "Revisorerna tillstyrker ansvarsfrihet."),
                    ("Verksamhetsplan 2021, första utkast", "Förbundschefen presenterade ett första utkast."),
                    ("Information om ESF-utlysningar", "Aktuella utlysningar inom ESF presenterades."),
                    ("Övriga frågor", "Inga övriga frågor.")]
    spring, chair, adjuster = _held_meeting(staff, styrelse, people, D(2020, 5, 29), datetime.time(9), datetime.time(12),
                                            "Katrineholm, förbundets kansli", spring_items)
    _standard_decisions(spring, staff, chair, adjuster)
    _adjust_and_post(spring, staff, chair, adjuster, D(2020, 6, 5))

    handler_ready = set()
    for handler in set(case_handlers.handlers().values()):
        handler_ready.update(handler.ready_for_board())
    cases = []
    for title, _text in FUNDING:
        arende = Arende.objects.filter(pk__in=handler_ready, titel__endswith=f": {title}").first()
        if arende is not None:
            cases.append(arende)
    meeting, chair, adjuster = _held_meeting(staff, styrelse, people, D(2020, 9, 18), datetime.time(13), datetime.time(16),
                                             "Flen, Skjortan", INFO_ITEMS, ready=cases)
    _standard_decisions(meeting, staff, chair, adjuster)
    decisions = dict(FUNDING)
    for paragraph in meeting.paragrafer.filter(typ="beslut").select_related("arende").order_by("ordning"):
        moten.paragraf_besluta(paragraf=paragraph, user=staff, beslut=decisions[paragraph.rubrik], utfall="full",
                               forslag=paragraph.forslag, forslag_av=paragraph.forslag_av,  # the AU's, from its §
                               expedieras_till=f"{paragraph.arende.organisation}\nAkten")
    _adjust_and_post(meeting, staff, chair, adjuster, D(2020, 9, 25))
    stdout.write(f"Styrelsens sammanträde 2020-09-18 (§§ 11–24) med {len(cases)} finansieringsbeslut.")
