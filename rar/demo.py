"""Demo data for the federation itself. Idempotent: every row is matched on its natural key.

Later apps add their own steps to `STEPS` in their AppConfig.ready() (the order of INSTALLED_APPS),
so `manage.py demodata` grows with the product without `rar` importing the apps above it.
"""

import datetime

from django.utils import timezone
from django.contrib.auth.models import Group
from django.db import transaction

from rar import roles
from rar.models import Befolkning, Budgetpost, Medlemsbidrag, Organisation, User

STEPS = []  # (order, callable(stdout)) run after the core step, lowest order first

# The members of Samordningsförbundet RAR i Sörmland. Länsdelar: one LSG per part of the county.
MEMBERS = [
    ("Försäkringskassan", "stat", "", True),
    ("Arbetsförmedlingen", "stat", "", False),
    ("Region Sörmland", "region", "", False),
    ("Eskilstuna kommun", "kommun", "norra", False),
    ("Strängnäs kommun", "kommun", "norra", False),
    ("Katrineholms kommun", "kommun", "vastra", False),
    ("Flens kommun", "kommun", "vastra", False),
    ("Vingåkers kommun", "kommun", "vastra", False),
    ("Nyköpings kommun", "kommun", "ostra", False),
    ("Oxelösunds kommun", "kommun", "ostra", False),
    ("Trosa kommun", "kommun", "ostra", False),
    ("Gnesta kommun", "kommun", "ostra", False),
]

# SCB's municipality codes (matched when population is imported from SCB's statistical database).
KOMMUNKOD = {"Eskilstuna kommun": "0484", "Strängnäs kommun": "0486", "Katrineholms kommun": "0483", "Flens kommun": "0482",
             "Vingåkers kommun": "0428", "Nyköpings kommun": "0480", "Oxelösunds kommun": "0481", "Trosa kommun": "0488",
             "Gnesta kommun": "0461"}

# Population aged 16–64 (approximate, rounded; for demonstration — replace with SCB's figures).
POPULATION_2021 = {
    "Eskilstuna kommun": 64_200,
    "Strängnäs kommun": 21_800,
    "Katrineholms kommun": 20_100,
    "Flens kommun": 9_300,
    "Vingåkers kommun": 5_100,
    "Nyköpings kommun": 33_400,
    "Oxelösunds kommun": 6_800,
    "Trosa kommun": 8_200,
    "Gnesta kommun": 6_400,
}
POPULATION_SOURCE = "Ungefärlig siffra för demonstration (ej SCB)"
# Small yearly drift so that each year has its own figures.
POPULATION_GROWTH = {2019: -0.010, 2020: -0.005, 2021: 0.0, 2022: 0.004, 2023: 0.008}

# Verksamhetsplan 2021 (seed 003): 16 000 tkr in member contributions per year, and the other lines.
CONTRIBUTION_TOTAL = 16_000_000
CONTRIBUTION_YEARS = range(2019, 2024)
BUDGET_LINES = [
    # (slag, namn, {year: tkr}, ordning, kommentar); the two insats lines form the frame for insatser
    ("intakt", "ESF-medel", {2021: 2_700, 2022: 2_500, 2023: 2_500}, 10, ""),
    ("kostnad", "Kansli", {2021: 3_000, 2022: 3_000, 2023: 3_000}, 10, ""),
    ("kostnad", "Samverkanskostnader", {2021: 300, 2022: 300, 2023: 300}, 20, ""),
    ("kostnad", "Stöd ESF-projekt", {2021: 3_700, 2022: 3_500, 2023: 3_500}, 30, ""),
    ("kostnad", "Beviljade insatser", {2021: 13_500, 2022: 6_000, 2023: 0}, 40, "Enligt planen; räknas senare fram ur besluten"),
    ("kostnad", "Medel tillgängligt nya insatser", {2021: 1_350, 2022: 5_250, 2023: 11_250}, 50, ""),
    (
        "kostnad",
        "Ej specificerat i planens tabell",
        {2021: 450, 2022: 450, 2023: 450},
        60,
        "Planens summarad (22 300 / 18 500 / 18 500 tkr) är 450 tkr högre än raderna; skillnaden redovisas här",
    ),
]

INSATSRAM_LINES = {"Beviljade insatser", "Medel tillgängligt nya insatser"}
# Outcome 2021 for the lines the accounts give (assumed for the demo; the seed gives the result, −2,7 mnkr, and the
# closing equity, 2,9 mnkr). 2021 is before the system, so the frame's outcome comes from the accounts, not from the
# invoices registered here: 18 700 − (2 850 + 210 + 3 700 + 0 + 14 640) = −2 700 tkr, and 5 600 − 2 700 = 2 900.
OUTCOME_2021 = {"ESF-medel": 2_700, "Kansli": 2_850, "Samverkanskostnader": 210, "Stöd ESF-projekt": 3_700,
                "Ej specificerat i planens tabell": 0, "Beviljade insatser": 14_640}

DEMO_PASSWORD = "demo-rar-2026"
DEMO_USERS = [
    # (username, first, last, role, organisation, titel, is_staff)
    ("kansli", "Karin", "Kanslisson", roles.KANSLI, None, "Förbundschef (demo)", True),
    ("ekonom", "Erik", "Ekonomsson", roles.KANSLI, None, "Ekonom (demo)", True),  # the second pair of eyes on money
    ("styrelse", "Sven", "Styrelius", roles.STYRELSE, "Region Sörmland", "Ordförande i styrelsen (demo)", False),
    ("justerare", "Gunnel", "Justesson", roles.STYRELSE, "Gnesta kommun", "1:e vice ordförande (demo)", False),
    ("agare", "Anna", "Ägarsson", roles.INSATSAGARE, "Nyköpings kommun", "Enhetschef (demo)", False),
    ("agare2", "Bo", "Bengtsson", roles.INSATSAGARE, "Eskilstuna kommun", "Verksamhetschef (demo)", False),
    ("utvarderare", "Ulla", "Utvärdén", roles.UTVARDERARE, "Region Sörmland", "Utvärderare FoUiS (demo)", False),
    ("lasare", "Lars", "Läsarsson", roles.LASARE, None, "Revisor (demo)", False),
]


def upsert(model, defaults=None, **lookup):
    """get_or_create, then save only the fields that differ: a second run writes nothing (no history rows)."""
    defaults = defaults or {}
    obj, created = model.objects.get_or_create(**lookup, defaults=defaults)
    if not created:
        changed = [name for name, value in defaults.items() if getattr(obj, name) != value]
        if changed:
            for name in changed:
                setattr(obj, name, defaults[name])
            obj.save(update_fields=changed)
    return obj


def _members():
    orgs = {}
    for namn, typ, lansdel, pays_state in MEMBERS:
        org = upsert(
            Organisation,
            namn=namn,
            defaults={
                "typ": typ,
                "lansdel": lansdel,
                "betalar_statens_andel": pays_state,
                "aktiv_fran": datetime.date(2005, 1, 1),
                "kommunkod": KOMMUNKOD.get(namn, ""),
            },
        )
        orgs[namn] = org
    for year, growth in POPULATION_GROWTH.items():
        for namn, base in POPULATION_2021.items():
            upsert(
                Befolkning,
                organisation=orgs[namn],
                ar=year,
                defaults={"antal_16_64": round(base * (1 + growth)), "kalla": POPULATION_SOURCE},
            )
    return orgs


ASSUMED = "Antagen siffra för demonstration (som planens 2022)"


def _planning_years():
    """Years around today that the seed's plan (2021–2023) does not cover; the demo mirrors 2022 for them."""
    today = timezone.localdate().year
    return list(range(max(CONTRIBUTION_YEARS) + 1, today + 3))


def _money():
    for year in _planning_years():
        upsert(Medlemsbidrag, ar=year, defaults={"totalt": CONTRIBUTION_TOTAL, "beslut": ASSUMED})
        for slag, namn, per_year, ordning, _comment in BUDGET_LINES:
            upsert(
                Budgetpost, ar=year, slag=slag, namn=namn,
                defaults={"belopp": per_year[2022] * 1000, "ordning": ordning, "kommentar": ASSUMED,
                          "insatsram": namn in INSATSRAM_LINES},
            )
    for year in CONTRIBUTION_YEARS:
        upsert(
            Medlemsbidrag, ar=year, defaults={"totalt": CONTRIBUTION_TOTAL, "beslut": "Verksamhetsplan och budget"}
        )
    for slag, namn, per_year, ordning, kommentar in BUDGET_LINES:
        for year, tkr in per_year.items():
            upsert(
                Budgetpost,
                ar=year, slag=slag, namn=namn,
                defaults={
                    "belopp": tkr * 1000,
                    "ordning": ordning,
                    "kommentar": kommentar,
                    "insatsram": namn in INSATSRAM_LINES,
                    "utfall": OUTCOME_2021[namn] * 1000 if year == 2021 and namn in OUTCOME_2021 else None,
                },
            )


def _equity():
    from rar.models import EgetKapital

    upsert(EgetKapital, ar=2021, defaults={
        "ingaende": 5_600_000, "utgaende": 2_900_000, "rekommenderat_tak": 2_600_000,
        "kalla": "Årsbokslut 2021: resultat −2,7 mnkr, utgående eget kapital ca 2,9 mnkr (ingående alltså 5,6 mnkr); "
                 "Nationella rådets rekommendation 2,6 mnkr"})


def _users(orgs, stdout):
    created = []
    for username, first, last, role, org_name, titel, is_staff in DEMO_USERS:
        user = upsert(
            User,
            username=username,
            defaults={
                "first_name": first,
                "last_name": last,
                "titel": titel,
                "is_staff": is_staff,
                "email": f"{username}@example.se",
                "organisation": orgs.get(org_name),
            },
        )
        if not user.password:  # new user: give the demo password once, never overwrite a changed one
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
        user.groups.set([Group.objects.get_or_create(name=role)[0]])
        created.append((username, role, org_name or "–"))
    stdout.write("Demoinloggningar (lösenord för alla: %s):" % DEMO_PASSWORD)
    for username, role, org_name in created:
        stdout.write(f"  {username:<12} {role:<12} {org_name}")


def load(stdout):
    from rar.notiser import no_email

    # The demo's workflow steps notify staff and owners: in the app, but no e-mail is queued for the worker.
    with no_email():
        _load(stdout)


def _load(stdout):
    with transaction.atomic():
        orgs = _members()
        _money()
        _equity()
        roles.grant_kansli_admin_permissions()
        _users(orgs, stdout)
    for _, step in sorted(STEPS, key=lambda item: item[0]):
        with transaction.atomic():
            step(stdout)


def register_step(order, func):
    if (order, func) not in STEPS:
        STEPS.append((order, func))
