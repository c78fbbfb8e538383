"""Demo ESF calls and projects from seed 001: #KlarFramtid, Hälsofrämjande etablering, Likes and KLARA.

Amounts follow the seed; their split over the years, the sub-projects' names and the split of the 2021
results between Likes and KLARA (together 246 enrolled, 179 ended, 63 to work or studies) and the mean ages of
those to work or studies (for the saving until retirement) are invented.
"""

import datetime

from django.utils import timezone
from django.contrib.auth import get_user_model

from esf import services
from esf.models import EsfProjekt, Utlysning
from rar import roles
from rar.models import Organisation
from rar.money import split_exact

D = datetime.date
R, E, AF, FK = "Region Sörmland", "Eskilstuna kommun", "Arbetsförmedlingen", "Försäkringskassan"

PROJECTS = [
    dict(namn="#KlarFramtid", roll="medfinansiar", agare=R, parter=[E, "Nyköpings kommun", "Katrineholms kommun", AF],
         start=D(2019, 1, 1), slut=D(2022, 12, 31), esf={2019: 4_000_000, 2020: 6_500_000, 2021: 6_500_000, 2022: 6_300_000},
         forbund=200_000, status="avslutad",
         syfte="Unga 15–24 år som varken arbetar eller studerar ska närma sig arbete eller studier.",
         delprojekt=[("KlarFramtid Eskilstuna", E), ("KlarFramtid Nyköping", "Nyköpings kommun"),
                     ("KlarFramtid Katrineholm", "Katrineholms kommun"), ("KlarFramtid Region", R),
                     ("KlarFramtid Arbetsförmedlingen", AF)]),
    dict(namn="Hälsofrämjande etablering", roll="stodjer", agare_extern="Nationellt projekt (annan projektägare)",
         parter=[E, R, AF], start=D(2018, 1, 1), slut=D(2020, 12, 31), forlangd_till=D(2021, 3, 31),
         esf={2018: 800_000, 2019: 1_550_000, 2020: 1_550_000}, forbund=0, status="avslutad",
         syfte="Uppmärksamma ohälsa bland utrikesfödda i etableringsfasen och stärka samverkan.",
         delprojekt=[("Delprojekt Sörmland (förbundet projektägare)", None)]),
    dict(namn="Likes", roll="agare", parter=[E, AF, FK], start=D(2019, 9, 1), slut=D(2022, 8, 31),
         esf={2019: 1_200_000, 2020: 3_600_000, 2021: 3_600_000, 2022: 2_400_000}, forbund=300_000, status="avslutad",
         syfte="Stöd till unga med psykisk ohälsa att komma vidare mot arbete eller studier.",
         resultat={"inskrivna_kvinnor": 71, "inskrivna_man": 63, "avslutade_kvinnor": 52, "avslutade_man": 47,
                   "arbete_studier_kvinnor": 18, "arbete_studier_man": 16, "medelalder_arbete_studier": 24,
                   "utfall": "Deltagare i hela länet; samverkan med vårdcentraler utvecklad."}),
    dict(namn="KLARA", roll="agare", parter=["Nyköpings kommun", "Katrineholms kommun", AF], start=D(2020, 1, 1),
         slut=D(2022, 12, 31), esf={2020: 2_500_000, 2021: 2_500_000, 2022: 2_500_000}, forbund=250_000, status="avslutad",
         syfte="Arbetslivsinriktad rehabilitering för personer långt från arbetsmarknaden.",
         resultat={"inskrivna_kvinnor": 60, "inskrivna_man": 52, "avslutade_kvinnor": 42, "avslutade_man": 38,
                   "arbete_studier_kvinnor": 15, "arbete_studier_man": 14, "medelalder_arbete_studier": 35,
                   "utfall": "Arbetsträning hos privata och offentliga arbetsgivare."}),
]

STEPS_TO = {"avslutad": ["skicka", "bevilja", "starta", "avsluta_fas", "avsluta"], "genomforande": ["skicka", "bevilja", "starta"]}


def _org(name):
    return Organisation.objects.get(namn=name) if name else None


def load(stdout):
    staff = get_user_model().objects.filter(groups__name=roles.KANSLI).order_by("pk").first()
    if staff is None:
        return
    today = timezone.localdate()
    call, _ = Utlysning.objects.get_or_create(
        program="esfplus2021", nummer="2026/00123",
        defaults={"titel": "Förstärkt stöd till unga som står långt från arbetsmarknaden", "omrade": "Programområde B",
                  "oppnar": today - datetime.timedelta(days=30), "stanger": today + datetime.timedelta(days=25),
                  "bevakning": "planeras", "anteckningar": "Informationsmöte med medlemmarna planeras."})
    created = 0
    for spec in PROJECTS:
        if EsfProjekt.objects.filter(namn=spec["namn"]).exists():
            continue
        projekt = services.projekt_create(
            user=staff, namn=spec["namn"], roll=spec["roll"], agare=_org(spec.get("agare")),
            agare_extern=spec.get("agare_extern", ""), parter=[_org(n) for n in spec["parter"]], syfte=spec["syfte"],
            period_start=spec["start"], period_slut=spec["slut"])
        for step in STEPS_TO[spec["status"]]:
            if step == "avsluta_fas" and spec.get("forlangd_till"):
                projekt = services.projekt_forlang(projekt=projekt, user=staff, till=spec["forlangd_till"])
            projekt = services.STEP_FUNCTIONS[step](projekt=projekt, user=staff)
        support = split_exact(spec["forbund"], [1] * len(spec["esf"])) if spec["forbund"] else [0] * len(spec["esf"])
        for (year, esf), forbund in zip(sorted(spec["esf"].items()), support):
            services.pengar_save(projekt=projekt, user=staff, ar=year, esf_medel=esf, forbundets_medfinansiering=forbund)
        budgets = split_exact(sum(spec["esf"].values()), [1] * len(spec.get("delprojekt", []))) if spec.get("delprojekt") else []
        for (name, owner), budget in zip(spec.get("delprojekt", []), budgets):
            services.delprojekt_add(projekt=projekt, user=staff, namn=name, agare=_org(owner), budget=budget)
        if "resultat" in spec:
            services.resultat_save(projekt=projekt, user=staff, ar=2021, **spec["resultat"])
        created += 1
    # The documented projects are public record: they stand in the public catalogue (insatskatalog).
    for projekt in EsfProjekt.objects.filter(namn__in=[spec["namn"] for spec in PROJECTS], publicerad=False):
        services.projekt_publish(projekt=projekt, user=staff, publicerad=True)
    stdout.write(f"ESF-projekt från källdokumenten: {created} nya; utlysning {call.nummer} bevakas.")
