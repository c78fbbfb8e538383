"""The demo data as a new user meets it: every main page answers every demo role as the access rules say."""

from django.contrib.auth import get_user_model
from django.urls import reverse

from esf.models import EsfProjekt
from insatser.models import Ansokan, Avtal, Insats, Lagesrapport
from rar.models import Arende, Organisation, Sammantrade


# A = Nyköpings kommun (the demo owner "agare"), B = Eskilstuna kommun ("agare2"). An owner gets 404 for what
# another organisation owns (an object it may not know about), 403 for a page it may know but not use.
ROLES = ("kansli", "styrelse", "agare", "agare2", "utvarderare", "lasare")
EXPECTED = {
    # page (url name, and whose object):   kansli styrelse agare agare2 utvärderare läsare
    "start":                               (200, 200, 200, 200, 200, 200),
    "att_gora":                            (200, 200, 200, 200, 200, 200),
    "notiser":                             (200, 200, 200, 200, 200, 200),
    "arende_list":                         (200, 200, 200, 200, 200, 200),
    "arende_detail A":                     (200, 200, 200, 404, 200, 200),
    "organisation_list":                   (200, 200, 200, 200, 200, 200),
    "organisation_detail A":               (200, 200, 200, 200, 200, 200),  # members are public; cases filtered
    "medlemsbidrag_ar":                    (200, 200, 200, 200, 200, 200),
    "budget":                              (200, 200, 200, 200, 200, 200),
    "insatser:ansokan_list":               (200, 200, 200, 200, 200, 200),
    "insatser:ansokan_detail A":           (200, 200, 200, 404, 200, 200),  # Vägen vidare, decided
    "insatser:ansokan_detail B":           (200, 200, 404, 200, 200, 200),  # Steg in i arbetslivet, submitted
    "insatser:insats_list":                (200, 200, 200, 200, 200, 200),
    "insatser:insats_detail A":            (200, 200, 200, 404, 200, 200),
    "insatser:lagesrapport A":             (200, 200, 200, 404, 200, 200),
    "insatser:avtal_pdf A":                (200, 200, 200, 404, 200, 200),
    "insatser:rekvisition_list":           (200, 200, 200, 200, 200, 200),  # each sees the invoices it may
    "insatser:rekvisition_detail A":       (200, 200, 200, 404, 404, 200),  # money: not the evaluators'
    "esf:projekt_list":                    (200, 200, 200, 200, 200, 200),
    "esf:projekt_detail A":                (200, 200, 200, 404, 200, 200),  # KLARA, A is a partner
    "sammantrade_list":                    (200, 200, 200, 200, 200, 200),
    "sammantrade_detail":                  (200, 200, 200, 200, 200, 200),  # adjusted: open to every role
    "beslutslista":                        (200, 200, 404, 404, 404, 404),  # the board's members and staff
    "uppfoljning:medlemsrapport":          (200, 200, 200, 200, 200, 200),
    "uppfoljning:arsuppfoljning":          (200, 200, 404, 404, 200, 200),  # readers of the whole register
    "uppfoljning:finsam":                  (200, 200, 404, 404, 200, 200),
    "uppfoljning:schablonbelopp":          (200, 403, 403, 403, 403, 403),  # staff set the amounts
    "publik:katalog":                      (200, 200, 200, 200, 200, 200),
    "publik:statistik":                    (200, 200, 200, 200, 200, 200),
}


def page_urls():
    insats = Insats.objects.get(namn="Vägen vidare")
    meeting = Sammantrade.objects.get(datum="2020-09-18")
    objects = {
        "arende_detail A": insats.arende_id,
        "organisation_detail A": Organisation.objects.get(namn="Nyköpings kommun").pk,
        "insatser:ansokan_detail A": insats.ansokan_id,
        "insatser:ansokan_detail B": Ansokan.objects.get(titel="Steg in i arbetslivet").pk,
        "insatser:insats_detail A": insats.pk,
        "insatser:lagesrapport A": insats.lagesrapporter.order_by("forfaller").first().pk,
        "insatser:avtal_pdf A": Avtal.objects.get(ansokan=insats.ansokan).pk,
        "insatser:rekvisition_detail A": insats.rekvisitioner.order_by("pk").first().pk,
        "esf:projekt_detail A": EsfProjekt.objects.get(namn="KLARA").pk,
        "sammantrade_detail": meeting.pk,
        "beslutslista": meeting.pk,
    }
    urls = {}
    for page in EXPECTED:
        name = page.split()[0]
        if name == "medlemsbidrag_ar":
            urls[page] = reverse(name, kwargs={"ar": 2021})
        elif page in objects:
            urls[page] = reverse(name, kwargs={"pk": objects[page]})
        else:
            urls[page] = reverse(name)
    return urls


def test_every_main_page_answers_every_demo_role_as_the_access_rules_say(client, demo_data):
    urls = page_urls()
    answers = {page: [] for page in EXPECTED}
    for username in ROLES:
        client.force_login(get_user_model().objects.get(username=username))
        for page, url in urls.items():
            answers[page].append(client.get(url).status_code)
    assert {page: tuple(codes) for page, codes in answers.items()} == EXPECTED


def test_demo_holds_the_seed_insatser_and_the_five_grants_of_2020_09_18(demo_data):
    granted = dict(
        Ansokan.objects.filter(beslutsdatum="2020-09-18").values_list("titel", "beviljat_belopp")
    )
    assert granted == {
        "Jämställd vård i egen regi": 500_000, "NUVAS": 1_764_000, "SLUSSEN": 4_047_000, "Steget före": 1_581_630,
        "Rätt Insats 2.0": 2_000_000,
    }
    assert sum(granted.values()) == 9_892_630
    assert Insats.objects.count() == 13
    assert Arende.objects.filter(typ="ansokan").count() == 16  # 12 from the seeds, Vägen vidare, 3 current


def test_demo_has_reports_in_different_states(demo_data):
    states = set(Lagesrapport.objects.values_list("status", flat=True))
    assert {"godkand", "ej_inlamnad"} <= states


def test_demo_tuna_counts_1_5_mnkr_for_2019(demo_data):
    tuna = Insats.objects.get(namn="TUNA")
    assert tuna.beviljat.get(ar=2019).belopp == 1_500_000
    assert sum(tuna.beviljat.values_list("belopp", flat=True)) == 23_800_000
