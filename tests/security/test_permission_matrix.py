"""Every URL pattern of the project × every role, with the expected answer, on objects of organisation A.

A = Nyköpings kommun (demo owner "agare"), B = Eskilstuna kommun ("agare2"). Answers are checked with GET;
POST-only endpoints answer 405 once logged in (their object rules are tested with their flows). A URL
pattern without an entry here fails the test, so every new page must state who may see it.
"""

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import URLResolver, get_resolver, reverse

from esf.models import EsfProjekt, Utlysning
from insatser.models import Ansokan, Avtal, Insats
from rar import demo
from rar.models import Organisation, Sammantrade
from rar.services import handling_add

ROLES = ["anonym", "agare", "agare2", "styrelse", "utvarderare", "lasare", "kansli"]

# Expected status per role, in the order of ROLES.
LOGGED_IN = "302 200 200 200 200 200 200"
STAFF_ONLY = "302 403 403 403 403 403 200"
POST_ONLY = "302 405 405 405 405 405 405"
OWN_A_READ_ALL = "302 200 404 200 200 200 200"  # A's object: A, readers and staff see it; B does not
READERS = "302 404 404 200 200 200 200"
PUBLIC = "200 200 200 200 200 200 200"

MATRIX = {
    "start": ("", LOGGED_IN),
    "login": ("", "200 302 302 302 302 302 302"),
    "logout": ("", "405 405 405 405 405 405 405"),
    "password_change": ("", LOGGED_IN),
    "password_change_done": ("", LOGGED_IN),
    "arende_list": ("", LOGGED_IN),
    "arende_create": ("", STAFF_ONLY),
    "arende_detail": ("arende", OWN_A_READ_ALL),
    "arende_status": ("arende_avsluta", POST_ONLY),
    "handling_upload": ("arende", "302 200 404 403 403 403 200"),
    "handling_download": ("handling", OWN_A_READ_ALL),
    "organisation_list": ("", LOGGED_IN),
    "organisation_detail": ("org_a", LOGGED_IN),
    "medlemsbidrag": ("", "302 302 302 302 302 302 302"),
    "medlemsbidrag_ar": ("ar", LOGGED_IN),
    "budget": ("", LOGGED_IN),
    "att_gora": ("", LOGGED_IN),
    "notiser": ("", LOGGED_IN),
    "notisval": ("", LOGGED_IN),
    "sammantrade_list": ("", LOGGED_IN),
    "sammantrade_create": ("", STAFF_ONLY),
    "sammantrade_detail": ("meeting", LOGGED_IN),  # adjusted and posted: public to every role
    "punkt_create": ("meeting", STAFF_ONLY),
    "cases_add": ("meeting", POST_ONLY),
    "narvaro_edit": ("meeting", STAFF_ONLY),
    "funktionarer_edit": ("meeting", STAFF_ONLY),
    "sammantrade_step": ("meeting_step", POST_ONLY),
    "beslutslista": ("meeting", "302 404 404 200 404 404 200"),  # the body's members and staff
    "protokoll": ("meeting", LOGGED_IN),
    "anslagsbevis": ("meeting", LOGGED_IN),
    "paragraf_beslut": ("paragraf", STAFF_ONLY),
    "paragraf_omedelbar": ("paragraf", POST_ONLY),
    "utdrag": ("paragraf", LOGGED_IN),
    "paragraf_agenda": ("paragraf_upp", POST_ONLY),
    "insatser:ansokan_list": ("", LOGGED_IN),
    "insatser:ansokan_create": ("", "302 200 200 403 403 403 200"),
    "insatser:ansokan_detail": ("draft", "302 200 404 404 404 404 200"),  # drafts: only the owner and staff
    "insatser:ansokan_edit": ("draft", "302 200 404 404 404 404 200"),
    "insatser:ansokan_step": ("draft_step", POST_ONLY),
    "insatser:insats_list": ("", LOGGED_IN),
    "insatser:insats_detail": ("insats", OWN_A_READ_ALL),
    "insatser:forlangning_create": ("insats", "302 404 404 404 404 404 404"),  # POST only, GET is not found
    "insatser:fas_create": ("insats", "302 403 404 403 403 403 200"),
    "insatser:fas_confirm": ("insats", POST_ONLY),
    "insatser:styrgrupp_edit": ("insats", "302 200 404 403 403 403 200"),
    "insatser:slutrapport": ("insats", "302 404 404 404 404 404 404"),  # none started yet: nothing to show
    "insatser:slutrapport_review": ("insats", POST_ONLY),
    "insatser:avtal_sign": ("avtal_agare", POST_ONLY),
    "insatser:avtal_terms": ("avtal", "302 403 404 403 403 403 200"),
    "insatser:avtal_pdf": ("avtal", OWN_A_READ_ALL),
    "insatser:rekvisition_create": ("insats", "302 200 404 403 403 403 200"),
    "insatser:arsavslut": ("insats", "302 403 404 403 403 403 200"),
    "insatser:insats_publish": ("insats", POST_ONLY),
    "publik:katalog": ("", PUBLIC),
    "publik:katalog_insats": ("insats_publicerad", PUBLIC),  # published: everyone, also without login
    "publik:katalog_esf": ("esf", "404 404 404 404 404 404 404"),  # KLARA is not published in the demo
    "publik:statistik": ("", PUBLIC),
    "anslagstavla": ("", PUBLIC),  # the notice board: no login
    "anslagstavla_arkiv": ("", PUBLIC),
    "anslagstavla_protokoll": ("meeting", PUBLIC),  # posted in 2020: the public protocol stays readable
    "paragraf_sekretess": ("paragraf", POST_ONLY),
    "insatser:rekvisition_list": ("", LOGGED_IN),  # each sees the invoices they may (tested in test_ekonomi)
    "insatser:rekvisition_detail": ("rekvisition", "302 200 404 200 404 200 200"),  # owner, board, reader, staff
    "insatser:rekvisition_action": ("rekvisition_godkann", POST_ONLY),
    "insatser:lagesrapport": ("rapport", OWN_A_READ_ALL),
    "insatser:lagesrapport_review": ("rapport", POST_ONLY),
    "esf:projekt_list": ("", LOGGED_IN),
    "esf:projekt_create": ("", STAFF_ONLY),
    "esf:projekt_detail": ("esf", OWN_A_READ_ALL),  # A is a partner of KLARA
    "esf:projekt_step": ("esf_step", POST_ONLY),
    "esf:delprojekt_create": ("esf", "302 403 404 403 403 403 200"),
    "esf:pengar_edit": ("esf", "302 403 404 403 403 403 200"),  # the federation owns KLARA: staff report
    "esf:resultat_edit": ("esf", "302 403 404 403 403 403 200"),
    "esf:projekt_forlang": ("esf", "302 403 404 403 403 403 200"),
    "esf:utlysning_list": ("", READERS),
    "esf:utlysning_create": ("", STAFF_ONLY),
    "esf:utlysning_edit": ("utlysning", STAFF_ONLY),
    "uppfoljning:deltagare": ("insats", "302 200 404 404 404 404 200"),  # participant rows: owner and staff only
    "uppfoljning:medlemsrapport": ("", LOGGED_IN),
    "uppfoljning:arsuppfoljning": ("", READERS),
    "uppfoljning:finsam": ("", READERS),
    "uppfoljning:resultatblad": ("insats", OWN_A_READ_ALL),
}


def all_url_names():
    names = []

    def walk(patterns, namespace=""):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                if str(pattern.pattern).startswith("admin"):
                    continue  # Django's admin has its own permission system (tested below)
                walk(pattern.url_patterns, f"{pattern.namespace}:" if pattern.namespace else namespace)
            else:
                names.append(f"{namespace}{pattern.name}")
    walk(get_resolver().url_patterns)
    return names


def test_every_url_pattern_has_an_entry_in_the_matrix():
    assert sorted(set(all_url_names()) - set(MATRIX)) == []
    assert sorted(set(MATRIX) - set(all_url_names())) == []


@pytest.fixture
def world(db):
    demo.load(StringIO())
    staff = get_user_model().objects.get(username="kansli")
    insats = Insats.objects.get(namn="Vägen vidare")
    handling = handling_add(arende=insats.arende, titel="Budget", user=staff,
                            upload=SimpleUploadedFile("budget.pdf", b"%PDF-1.4\n%%EOF\n"))
    meeting = Sammantrade.objects.get(datum="2020-09-18")
    draft = Ansokan.objects.get(titel="Arbetsträning i samverkan")
    klara = EsfProjekt.objects.get(namn="KLARA")
    avtal = Avtal.objects.get(ansokan=insats.ansokan)
    return {
        "": {}, "arende": {"pk": insats.arende_id}, "arende_avsluta": {"pk": insats.arende_id, "action": "avsluta"},
        "handling": {"pk": handling.pk}, "org_a": {"pk": Organisation.objects.get(namn="Nyköpings kommun").pk},
        "ar": {"ar": 2021}, "meeting": {"pk": meeting.pk}, "meeting_step": {"pk": meeting.pk, "step": "kalla"},
        "paragraf": {"pk": meeting.paragrafer.get(nummer=21).pk},
        "paragraf_upp": {"pk": meeting.paragrafer.get(nummer=21).pk, "action": "upp"},
        "draft": {"pk": draft.pk}, "draft_step": {"pk": draft.pk, "step": "skicka"}, "insats": {"pk": insats.pk},
        "avtal": {"pk": avtal.pk}, "avtal_agare": {"pk": avtal.pk, "part": "agare"},
        "rapport": {"pk": insats.lagesrapporter.order_by("forfaller").first().pk},
        "esf": {"pk": klara.pk}, "esf_step": {"pk": klara.pk, "step": "skicka"},
        "utlysning": {"pk": Utlysning.objects.first().pk},
        "rekvisition": {"pk": insats.rekvisitioner.first().pk},
        "insats_publicerad": {"pk": Insats.objects.get(namn="Unga på väg").pk},
        "rekvisition_godkann": {"pk": insats.rekvisitioner.first().pk, "action": "godkann"},
    }


def test_every_url_answers_every_role_as_the_matrix_says(world):
    users = {u.username: u for u in get_user_model().objects.filter(username__in=ROLES)}
    clients = {}
    for role in ROLES:
        client = Client()
        if role != "anonym":
            client.force_login(users[role])
        clients[role] = client
    wrong = []
    for name, (kwargs_key, expected) in MATRIX.items():
        url = reverse(name, kwargs=world[kwargs_key])
        for role, status in zip(ROLES, expected.split()):
            response = clients[role].get(url)
            if response.status_code != int(status):
                wrong.append(f"{name} {url} as {role}: {response.status_code}, expected {status}")
            if response.status_code == 302 and role == "anonym" and name not in ("login",) and not name.startswith("publik:"):
                assert response["Location"].startswith("/logga-in/"), (name, response["Location"])
    assert wrong == [], "\n".join(wrong)


def test_the_admin_is_only_for_staff_users(world):
    admin_user = get_user_model().objects.get(username="kansli")
    owner = get_user_model().objects.get(username="agare")
    client = Client()
    assert client.get("/admin/").status_code == 302
    client.force_login(owner)
    assert client.get("/admin/").status_code == 302  # not is_staff: sent to the admin login
    client.force_login(admin_user)
    assert client.get("/admin/").status_code == 200
