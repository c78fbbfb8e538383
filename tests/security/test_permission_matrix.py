"""Every URL pattern of the project × every role, with the expected answer, on objects of organisation A.

A = Nyköpings kommun (demo owner "agare"), B = Eskilstuna kommun ("agare2"). Answers are checked with GET;
POST-only endpoints answer 405 once logged in (their object rules are tested with their flows). A URL
pattern without an entry here fails the test, so every new page must state who may see it.
"""

import pytest
from django.apps import apps
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import URLResolver, get_resolver, reverse

from esf.models import EsfProjekt, Utlysning
from insatser.models import Ansokan, Avtal, Insats
from rar.models import Handelse, Notis, Organisation, Sammantrade
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
    "handling_share": ("handling", POST_ONLY),  # owner and staff (tested in test_handlingar_delning)
    "organisation_list": ("", LOGGED_IN),
    "organisation_detail": ("org_a", LOGGED_IN),
    "medlemsbidrag": ("", "302 302 302 302 302 302 302"),
    "medlemsbidrag_ar": ("ar", LOGGED_IN),
    "budget": ("", LOGGED_IN),
    "budget_poster": ("ar", STAFF_ONLY),
    "befolkning": ("ar", STAFF_ONLY),
    "befolkning_import": ("", STAFF_ONLY),
    "att_gora": ("", LOGGED_IN),
    "notiser": ("", LOGGED_IN),
    "sok": ("", LOGGED_IN),
    "notis_oppna": ("notis", "302 404 404 404 404 404 302"),  # one's own notice only (kansli's here): marked read, followed
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
    "sammantrade_ics": ("meeting", LOGGED_IN),  # whoever sees the meeting
    "forhinder_anmal": ("meeting", POST_ONLY),
    "forhinder_aterkalla": ("meeting", POST_ONLY),
    "kommentar_skriv": ("meeting", POST_ONLY),
    "kommentar_svara": ("kommentar", POST_ONLY),
    "paragraf_utkast": ("paragraf", STAFF_ONLY),
    "insatser:ansokan_list": ("", LOGGED_IN),
    "insatser:ansokan_create": ("", "302 200 200 403 403 403 200"),
    "insatser:ansokan_detail": ("draft", "302 200 404 404 404 404 200"),  # drafts: only the owner and staff
    "insatser:ansokan_edit": ("draft", "302 200 404 404 404 404 200"),
    "insatser:ansokan_autosave": ("draft", POST_ONLY),
    "insatser:ansokan_confirm": ("draft", "302 200 404 404 404 404 200"),  # a draft: its owner, or staff for them
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
    "publik:katalog_esf": ("esf", PUBLIC),  # KLARA is published in the demo: everyone, also without login
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
    "esf:projekt_publish": ("esf", POST_ONLY),
    "esf:utlysning_list": ("", READERS),
    "esf:utlysning_create": ("", STAFF_ONLY),
    "esf:utlysning_edit": ("utlysning", STAFF_ONLY),
    "uppfoljning:deltagare": ("insats", "302 200 404 404 404 404 200"),  # participant rows: owner and staff only
    "uppfoljning:medlemsrapport": ("", LOGGED_IN),
    "uppfoljning:arsuppfoljning": ("", READERS),
    "uppfoljning:finsam": ("", READERS),
    "uppfoljning:resultatblad": ("insats", OWN_A_READ_ALL),
    "uppfoljning:schablonbelopp": ("", STAFF_ONLY),
    # The lists behind the figures need their filter (a bare address is a 400); who sees which rows: test_trace.py.
    "uppfoljning:underlag": ("underlag", "302 400 400 400 400 400 400"),
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
def world(demo_data):
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
        "kommentar": {"pk": 1},  # POST only: answers 405 before the comment is looked up
        "draft": {"pk": draft.pk}, "draft_step": {"pk": draft.pk, "step": "skicka"}, "insats": {"pk": insats.pk},
        "avtal": {"pk": avtal.pk}, "avtal_agare": {"pk": avtal.pk, "part": "agare"},
        "rapport": {"pk": insats.lagesrapporter.order_by("forfaller").first().pk},
        "esf": {"pk": klara.pk}, "esf_step": {"pk": klara.pk, "step": "skicka"},
        "utlysning": {"pk": Utlysning.objects.first().pk},
        "rekvisition": {"pk": insats.rekvisitioner.first().pk},
        "insats_publicerad": {"pk": Insats.objects.get(namn="Unga på väg").pk}, "underlag": {"kind": "deltagare"},
        "rekvisition_godkann": {"pk": insats.rekvisitioner.first().pk, "action": "godkann"},
        "notis": {"pk": Notis.objects.create(mottagare=get_user_model().objects.get(username="kansli"),
                                             handelse=Handelse.KALLELSE, rubrik="Kallelse", url="/").pk},
    }


@pytest.fixture
def clients(world):
    users = {u.username: u for u in get_user_model().objects.filter(username__in=ROLES)}
    clients = {}
    for role in ROLES:
        client = Client()
        if role != "anonym":
            client.force_login(users[role])
        clients[role] = client
    return clients


def test_every_url_answers_every_role_as_the_matrix_says(world, clients):
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


# --- The admin: every registered model × every role, on one object's change and delete pages -------------
# Only staff users reach the admin: every other role, and anonymous, is sent to the admin's login. For Kansli
# (is_staff, with the Kansli group's model permissions, as in the demo) the answer says what the admin allows
# on that object (rules in rar/admin_locks.py):
#   edit  change page with a save button, delete page offered
#   keep  change page with a save button, never deleted (403)
#   read  change page shown read-only (no save button), never deleted (403): final records, process rows
#   none  no access (403 on both): not Kansli's business
# Each entry names the object: a filter on the model (the first match by pk). A newly registered model
# without an entry fails the test.
ADMIN_MATRIX = {
    "rar.organisation": ({}, "edit"),
    "rar.befolkning": ({}, "edit"),
    "rar.user": ({"username": "styrelse"}, "keep"),  # contact details only; flags, roles, passwords: superusers
    "auth.group": ({"name": "Styrelse"}, "none"),
    "rar.medlemsbidrag": ({}, "edit"),
    "rar.budgetpost": ({}, "edit"),
    "rar.diarieserie": ({}, "read"),
    "rar.arende": ({"status": "oppet"}, "keep"),
    "rar.handling": ({}, "keep"),  # deleting a document deletes nothing
    "rar.egetkapital": ({"utgaende__isnull": False}, "read"),  # the year is closed in the accounts
    "insatser.ansokan": ({"status": "beviljad"}, "read"),
    "insatser.insats": ({"status": "avslutad"}, "read"),
    "insatser.avtal": ({"agare_signerad_tid__isnull": False}, "read"),
    "insatser.lagesrapport": ({"status": "godkand"}, "read"),
    "insatser.fas": ({"slappt_tid__isnull": False}, "read"),
    "insatser.slutrapport": ({"status": "godkand"}, "read"),
    "insatser.rekvisition": ({"status": "betald"}, "read"),
    "insatser.overforing": ({}, "read"),
    "esf.utlysning": ({}, "edit"),
    "esf.esfprojekt": ({"status": "avslutad"}, "read"),
    # Meetings (rar/moten/admin.py, on rar.admin_locks): the demo's 2020 protocols are posted, so locked.
    "rar.organ": ({}, "edit"),
    "rar.uppdrag": ({}, "edit"),
    "rar.sammantrade": ({"status": "anslaget"}, "read"),
    "rar.paragraf": ({"sammantrade__status": "anslaget"}, "read"),
    "rar.justeringsignatur": ({}, "read"),  # signatures, förhinder, comments and notices change only in the app
    "rar.paragrafsignatur": ({}, "read"),
    "rar.forhinder": ({}, "read"),
    "rar.protokollkommentar": ({}, "read"),
    "rar.beslutsbesked": ({}, "read"),
    # Third-party admins: login throttling and the task queue are for superusers.
    "axes.accessattempt": ({}, "none"),
    "axes.accesslog": ({}, "none"),
    "axes.accessfailurelog": ({}, "none"),
    "django_tasks_database.dbtaskresult": ({}, "none"),
}
KANSLI_ADMIN = {"edit": (200, True, 200), "keep": (200, True, 403), "read": (200, False, 403), "none": (403, False, 403)}


@pytest.fixture
def admin_world(world):
    """Rows for the models the demo has none of: a released phase and an approved final report on an ended
    insats, login records and a queued task."""
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog
    from django.utils import timezone
    from django_tasks_db.models import DBTaskResult

    from insatser.models import Fas, Slutrapport

    ended = Insats.objects.filter(status=Insats.Status.AVSLUTAD).order_by("pk").first()
    Fas.objects.create(insats=ended, nummer=1, belopp=100_000, mal="Team på plats", slappt_tid=timezone.now())
    Slutrapport.objects.create(insats=ended, status=Slutrapport.Status.GODKAND)
    AccessAttempt.objects.create(username="x", ip_address="192.0.2.1", user_agent="t", failures_since_start=1)
    AccessLog.objects.create(username="x", ip_address="192.0.2.1", user_agent="t")
    AccessFailureLog.objects.create(username="x", ip_address="192.0.2.1", user_agent="t")
    DBTaskResult.objects.create(args_kwargs={"args": [], "kwargs": {}}, task_path="rar.notiser.send_daily_digest",
                                backend_name="default", run_after=timezone.now())
    _meeting_records()
    return world


def _meeting_records():
    """A förhinder, a comment on a draft, a decision notice and a § signature, where the demo has none."""
    from rar.models import Beslutsbesked, Forhinder, Paragraf, ParagrafSignatur, Protokollkommentar, Sammantrade

    meeting = Sammantrade.objects.order_by("pk").first()
    paragraph = Paragraf.objects.filter(sammantrade=meeting).order_by("pk").first()
    person = get_user_model().objects.get(username="styrelse")
    if not Forhinder.objects.exists():
        Forhinder.objects.create(sammantrade=meeting, person=person)
    if not Protokollkommentar.objects.exists():
        Protokollkommentar.objects.create(sammantrade=meeting, paragraf=paragraph, forfattare=person, text="Synpunkt")
    if not Beslutsbesked.objects.exists():
        Beslutsbesked.objects.create(paragraf=paragraph)
    if not ParagrafSignatur.objects.exists():
        ParagrafSignatur.objects.create(paragraf=paragraph, person=person, roll="ordforande")


def test_every_admin_model_has_an_entry_in_the_admin_matrix():
    assert sorted(model._meta.label_lower for model in admin.site._registry) == sorted(ADMIN_MATRIX)


def test_the_admin_change_and_delete_pages_answer_every_role_as_the_matrix_says(admin_world, clients):
    wrong = []
    for label, (lookup, answer) in ADMIN_MATRIX.items():
        model = apps.get_model(label)
        obj = model.objects.filter(**lookup).order_by("pk").first()
        assert obj is not None, f"no {label} matching {lookup} in the world"
        change, can_save, delete = KANSLI_ADMIN[answer]
        for view, kansli_status in (("change", change), ("delete", delete)):
            url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=[obj.pk])
            for role in ROLES:
                response = clients[role].get(url)
                if role != "kansli":
                    if response.status_code != 302 or not response["Location"].startswith("/admin/login/"):
                        wrong.append(f"{url} as {role}: {response.status_code}, expected the admin login")
                elif response.status_code != kansli_status:
                    wrong.append(f"{url} as kansli: {response.status_code}, expected {kansli_status} ({answer})")
                elif view == "change" and change == 200 and ('name="_save"' in response.content.decode()) != can_save:
                    wrong.append(f"{url} as kansli: {'a' if not can_save else 'no'} save button ({answer})")
    assert wrong == [], "\n".join(wrong)


def test_only_superusers_reach_a_users_password_form_in_the_admin(world, clients):
    chair = get_user_model().objects.get(username="styrelse")
    url = reverse("admin:auth_user_password_change", args=[chair.pk])
    expected = ["302"] * 6 + ["403"]  # anonymous and non-staff: the admin login; Kansli: refused
    assert [str(clients[role].get(url).status_code) for role in ROLES] == expected
