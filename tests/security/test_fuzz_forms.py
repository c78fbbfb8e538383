"""Every form class of the apps, fed hostile input on the page that uses it: never a 500, and a refused submission
writes nothing.

The forms are found by `tests.forms_catalogue` (a new form without an entry in PAGES fails the first test). For
each, the page is fetched as the persona who uses it; the form (and every other form on the page, so that the
rest of the submission is what the page itself holds) comes from the page's context. Hypothesis then replaces
any of the form's fields with hostile text, numbers, dates, choices or files, and submits. Few examples each
keep the run short; tests/security/test_fuzz.py goes deeper on the forms that matter most.
"""

import datetime
import os
from collections import Counter
from dataclasses import dataclass, field

import pytest
from django import forms
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.forms.formsets import BaseFormSet
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from insatser import services
from insatser.models import Avtal, Lagesrapport
from rar.moten import kommentarer
from rar.moten import services as moten
from rar.moten.models import Sammantrade
from tests.factories import application_ready_for_board, complete_application, granted_insats
from tests.forms_catalogue import app_form_classes
from tests.rar.moten.bodies import board, bodies, hold, plan  # noqa: F401 (fixtures)
from tests.security.test_fuzz import DATE, HOSTILE, NUMBER, clean, file_name

FEW = settings(max_examples=int(os.environ.get("FUZZ_EXAMPLES", 6)), deadline=None, suppress_health_check=list(HealthCheck))
OK = {200, 302, 400, 409}  # 409: a save based on an older version (after an accepted one), refused
D = datetime.date
# Written on every look at a participant list (the law asks for the log), not by the form.
NOT_A_WRITE = {"uppfoljning.deltagarvisning", "uppfoljning.historicaldeltagarvisning"}


@dataclass
class Page:
    persona: str
    page: str  # URL template filled from the fixtures: the page that shows the form (GET)
    post: str = ""  # where the form is sent, if not the page itself; "" for a query-string form: see method
    method: str = "post"
    needs: tuple = ()
    kwargs: dict = field(default_factory=dict)  # to build the form when the page does not show it


PAGES = {
    # rar
    "ArendeForm": Page("staff", "/diarium/nytt/"),
    "HandlingForm": Page("owner_a", "/diarium/{draft.arende_id}/", "/diarium/{draft.arende_id}/handlingar/ny/", needs=("draft",)),
    "NotisvalForm": Page("owner_a", "/notiser/installningar/"),
    "YearForm": Page("staff", "/uppfoljning/finsam/", method="get"),
    "BudgetParamsForm": Page("staff", "/budget/", method="get", kwargs={"years": [2026]}),
    # meetings
    "SammantradeForm": Page("staff", "/sammantraden/nytt/", needs=("meeting",)),
    "PunktForm": Page("staff", "/sammantraden/{meeting.pk}/punkt/ny/", needs=("meeting",)),
    "AgendaVersionForm": Page("staff", "/sammantraden/{meeting.pk}/", "/paragrafer/{item.pk}/dagordning/upp/", needs=("meeting", "item")),
    "ArendenForm": Page("staff", "/sammantraden/{meeting.pk}/", "/sammantraden/{meeting.pk}/arenden/", needs=("meeting", "ready")),
    "NarvaroForm": Page("staff", "/sammantraden/{meeting.pk}/narvaro/", needs=("meeting",)),
    "FunktionarerForm": Page("staff", "/sammantraden/{meeting.pk}/funktionarer/", needs=("meeting",)),
    "BeslutForm": Page("staff", "/paragrafer/{held.pk}/beslut/", needs=("held",)),
    "AuBeslutForm": Page("staff", "/paragrafer/{au_held.pk}/beslut/", needs=("au_held",)),
    "JusteraForm": Page("board_member", "/sammantraden/{justering.pk}/", "/sammantraden/{justering.pk}/steg/justera/",
                        needs=("justering",)),
    "rar.moten.forms_kommentarer.KommentarForm": Page("board_member", "/sammantraden/{justering.pk}/",
                                                      "/sammantraden/{justering.pk}/synpunkter/", needs=("justering",)),
    "SvarForm": Page("staff", "/sammantraden/{justering.pk}/", "/synpunkter/{comment.pk}/svar/", needs=("comment",)),
    "UtkastForm": Page("staff", "/paragrafer/{held.pk}/utkast/", needs=("justering",)),
    "ReplyParamsForm": Page("staff", "/paragrafer/{held.pk}/utkast/", method="get", needs=("justering",)),
    "AnslagForm": Page("staff", "/sammantraden/{held.sammantrade_id}/", "/sammantraden/{held.sammantrade_id}/steg/ansla/", needs=("held",)),
    # insatser
    "NyAnsokanForm": Page("owner_a", "/ansokningar/ny/"),
    "AnsokanForm": Page("owner_a", "/ansokningar/{draft.pk}/redigera/", needs=("draft",)),
    "MalForm": Page("owner_a", "/ansokningar/{draft.pk}/redigera/", needs=("draft",)),
    "BudgetRadForm": Page("owner_a", "/ansokningar/{draft.pk}/redigera/", needs=("draft",)),
    "insatser.forms.ansokan.KommentarForm": Page("staff", "/ansokningar/{in_review.pk}/", "/ansokningar/{in_review.pk}/steg/komplettering/",
                                         needs=("in_review",)),
    "AvtalVillkorForm": Page("staff", "/avtal/{avtal.pk}/villkor/", needs=("avtal",)),
    "LagesrapportForm": Page("owner_a", "/lagesrapporter/{report.pk}/", needs=("report",)),
    "MalRapportForm": Page("owner_a", "/lagesrapporter/{report.pk}/", needs=("report",)),
    "GranskaForm": Page("staff", "/lagesrapporter/{report.pk}/", "/lagesrapporter/{report.pk}/granska/", needs=("report",)),
    "FasForm": Page("staff", "/insatser/{signed.pk}/faser/ny/", needs=("signed",)),
    "StyrgruppForm": Page("owner_a", "/insatser/{signed.pk}/styrgrupp/", needs=("signed",)),
    "SlutrapportForm": Page("owner_a", "/insatser/{final.insats_id}/slutrapport/", needs=("final",)),
    "SlutMalForm": Page("owner_a", "/insatser/{final.insats_id}/slutrapport/", needs=("final",)),
    "RekvisitionForm": Page("owner_a", "/insatser/{signed.pk}/rekvisitioner/ny/", needs=("signed",)),
    "AvslagForm": Page("staff", "/rekvisitioner/{invoice.pk}/", "/rekvisitioner/{invoice.pk}/avsla/", needs=("invoice",)),
    "BetalningForm": Page("staff", "/rekvisitioner/{invoice.pk}/", "/rekvisitioner/{invoice.pk}/betala/", needs=("invoice",)),
    "ArsavslutForm": Page("staff", "/insatser/{signed.pk}/arsavslut/", needs=("signed",)),
    # esf
    "UtlysningForm": Page("staff", "/esf/utlysningar/ny/"),
    "ProjektForm": Page("staff", "/esf/nytt/"),
    "ProjektParamsForm": Page("staff", "/esf/nytt/", method="get"),
    "DelprojektForm": Page("staff", "/esf/{esf.pk}/delprojekt/", needs=("esf",)),
    "PengarForm": Page("staff", "/esf/{esf.pk}/pengar/", needs=("esf",)),
    "ResultatForm": Page("staff", "/esf/{esf.pk}/resultat/", needs=("esf",)),
    "ForlangForm": Page("staff", "/esf/{esf.pk}/forlangning/", needs=("esf",)),
    # uppfoljning
    "ImportForm": Page("owner_a", "/uppfoljning/insatser/{signed.pk}/deltagare/", needs=("signed",)),
    "DeltagareForm": Page("owner_a", "/uppfoljning/insatser/{signed.pk}/deltagare/", needs=("signed",)),
    "MedlemsrapportForm": Page("staff", "/uppfoljning/medlemsrapport/", method="get"),
    "StatistikForm": Page("anonymous", "/statistik/", method="get"),
    "UnderlagForm": Page("staff", "/uppfoljning/underlag/medel/?insats={signed.pk}&fran=2026", method="get", needs=("signed",)),
    "SchablonForm": Page("staff", "/uppfoljning/schablonbelopp/"),
    "BudgetpostForm": Page("staff", "/budget/2026/poster/"),
    "MedlemsbidragForm": Page("staff", "/budget/2026/poster/"),
    "BefolkningForm": Page("staff", "/medlemsbidrag/2026/befolkning/", needs=("org_a",)),
    "ScbImportForm": Page("staff", "/medlemsbidrag/befolkning/import/"),
}


def form_classes() -> dict:
    """Every form class by its name, or by its module and name where two apps use the same name."""
    classes = app_form_classes()
    count = Counter(cls.__name__ for cls in classes)
    return {cls.__name__ if count[cls.__name__] == 1 else f"{cls.__module__}.{cls.__name__}": cls for cls in classes}


def test_every_form_class_has_a_page_to_fuzz():
    names = set(form_classes())
    assert names - set(PAGES) == set()
    assert set(PAGES) - names == set()


# --- the objects the pages are about ----------------------------------------------------------------------


@pytest.fixture
def draft(owner_a, af):
    return complete_application(owner_a, af, titel="Fuzz")


@pytest.fixture
def in_review(owner_a, staff, af):
    ansokan = services.ansokan_submit(ansokan=complete_application(owner_a, af, titel="Under beredning"), user=owner_a)
    return services.ansokan_start_review(ansokan=ansokan, user=staff)


@pytest.fixture
def at_au(in_review, staff):
    return services.ansokan_send_to_au(ansokan=in_review, user=staff)


@pytest.fixture
def ready(owner_a, staff, af):
    return application_ready_for_board(owner_a, staff, af, titel="Klar för styrelsen")


@pytest.fixture
def insats(owner_a, staff, af):
    return granted_insats(owner_a, staff, af, years=((2026, 500_000), (2027, 500_000)))


@pytest.fixture
def avtal(insats):
    return Avtal.objects.get(insats=insats)


@pytest.fixture
def signed(insats, avtal, owner_a, staff):
    services.avtal_sign(avtal=avtal, user=owner_a, part="agare")
    services.avtal_sign(avtal=avtal, user=staff, part="forbund")
    return insats


@pytest.fixture
def report(signed):
    return Lagesrapport.objects.filter(insats=signed).order_by("period_start").first()


@pytest.fixture
def final(signed, owner_a):
    return services.slutrapport_for(insats=signed, user=owner_a)


@pytest.fixture
def invoice(signed, owner_a):
    return services.rekvisition_submit(insats=signed, user=owner_a, period_start=D(2026, 1, 1), period_slut=D(2026, 3, 31),
                                       kostnader={"personal": 10_000})


@pytest.fixture
def meeting(staff, board):
    """A board meeting planned for today (the chair and Lena are its ordinary members)."""
    return plan(staff, board.styrelse, timezone.localdate())


@pytest.fixture
def item(meeting, staff):
    moten.agenda_add_item(sammantrade=meeting, user=staff, typ="information", rubrik="Information", text="",
                          version=meeting.version)
    return meeting.paragrafer.get(rubrik="Information")


@pytest.fixture
def held(meeting, ready, staff, board):
    """Today's board meeting held with a quorum, its funding § not yet decided."""
    moten.agenda_add_cases(sammantrade=meeting, user=staff, arenden=[ready.arende])
    hold(meeting, staff, board.chair, board.member_b)
    return meeting.paragrafer.get(typ="beslut")


@pytest.fixture
def au_held(at_au, staff, board):
    """A working committee meeting held today with the case handed to it, its § not yet decided."""
    meeting = hold(plan(staff, board.au, timezone.localdate(), cases=[at_au]), staff, board.chair, board.member_b)
    return meeting.paragrafer.get(typ="beslut")


@pytest.fixture
def justering(held, staff):
    """The held board meeting, every § decided and the protocol sent to the chair and Lena for justering."""
    moten.paragraf_besluta(paragraf=held, user=staff, beslut="Full finansiering beviljas.", utfall="full")
    moten.protokoll_skicka_for_justering(sammantrade=held.sammantrade, user=staff)
    return Sammantrade.objects.get(pk=held.sammantrade_id)


@pytest.fixture
def comment(justering, board):
    opening = justering.paragrafer.get(rubrik="Mötets öppnande")
    return kommentarer.kommentar_skriv(paragraf=opening, user=board.member_b, text="Ordföranden hette Sven, inte Sune.")


@pytest.fixture
def esf(staff, org_a, af):
    from esf import services as esf_services

    return esf_services.projekt_create(user=staff, namn="Unga i arbete", roll="medfinansiar", agare=org_a, parter=[af],
                                       period_start=D(2024, 1, 1), period_slut=D(2027, 12, 31))


# --- drawing input for a field ----------------------------------------------------------------------------


def _valid_choices(formfield):
    values = []
    for value, _label in getattr(formfield, "choices", []):
        if isinstance(value, (list, tuple)):
            continue
        values.append(str(getattr(value, "value", value)))
    return values


def hostile_for(formfield):
    if isinstance(formfield, forms.FileField):
        return st.builds(lambda name, content: SimpleUploadedFile(file_name(name), content),
                         st.one_of(HOSTILE, st.sampled_from(["a.pdf", "b.csv", "c.PDF.exe", "a" * 300 + ".pdf"])),
                         st.one_of(st.binary(max_size=500), st.sampled_from([b"%PDF-1.4 x", b"referens;kon\n"])))
    if isinstance(formfield, (forms.DateField, forms.DateTimeField)):
        base = DATE
    elif isinstance(formfield, (forms.IntegerField, forms.DecimalField, forms.FloatField)):
        base = NUMBER
    elif isinstance(formfield, forms.BooleanField):
        base = st.sampled_from(["on", "", "false", "0", "x" * 50])
    else:
        base = HOSTILE
    choices = _valid_choices(formfield)
    if isinstance(formfield, forms.MultipleChoiceField | forms.ModelMultipleChoiceField):
        return st.lists(st.one_of(st.sampled_from(choices), NUMBER) if choices else NUMBER, max_size=4)
    if choices:
        return st.one_of(st.sampled_from(choices), base)
    return base


# --- the page's own data, and what counts as a write ------------------------------------------------------


def _forms_in(response):
    found = []
    for context in response.context or []:
        for layer in context.dicts:
            for value in layer.values():
                if isinstance(value, BaseFormSet):
                    found.extend([value.management_form, *value.forms])
                elif isinstance(value, forms.BaseForm):
                    found.append(value)
    return list({id(f): f for f in found}.values())


def _serialise(value):
    if isinstance(value, (list, tuple)):
        return [str(getattr(v, "pk", v)) for v in value]
    if value is True:
        return "on"
    if value in (None, False):
        return None
    return str(getattr(value, "pk", value))


def page_data(page_forms) -> dict:
    data = {}
    for form in page_forms:
        for bound in form:
            if isinstance(bound.field, forms.FileField):
                continue
            value = _serialise(bound.value())
            if value is not None:
                data[bound.html_name] = value
    return data


def _tables():
    return sorted({model._meta.db_table for model in apps.get_models()
                   if model._meta.app_label in ("rar", "insatser", "esf", "uppfoljning")
                   and model._meta.label_lower not in NOT_A_WRITE and not model._meta.proxy})


def snapshot() -> dict:
    """Row counts of every table of the apps (history tables included), in one query."""
    from django.db import connection

    tables = _tables()
    with connection.cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(f'(SELECT count(*) FROM "{table}")' for table in tables))
        return dict(zip(tables, cursor.fetchone()))


def fill(template, request):
    values = {name: request.getfixturevalue(name) for name in template and _names(template)}
    return template.format(**values)


def _names(template):
    import string

    return {name.split(".")[0] for _, name, _, _ in string.Formatter().parse(template) if name}


@pytest.mark.parametrize("name", sorted(PAGES))
def test_every_form_survives_hostile_input_and_a_refusal_writes_nothing(name, request, client, db):
    spec = PAGES[name]
    cls = form_classes()[name]
    for needed in spec.needs:
        request.getfixturevalue(needed)
    if spec.persona != "anonymous":
        client.force_login(request.getfixturevalue(spec.persona))
    page_url = fill(spec.page, request)
    page = client.get(page_url)
    assert page.status_code == 200, (name, page_url, page.status_code)
    on_page = _forms_in(page)
    targets = [f for f in on_page if type(f) is cls]
    if not targets:  # sent from elsewhere on the page (an action) or read from the query string: build it
        targets = [cls(**spec.kwargs)]
        on_page = targets if spec.post else on_page
    target = targets[0]
    base = page_data(on_page) if spec.method == "post" else {}
    url = fill(spec.post, request) if spec.post else page_url

    @FEW
    @given(data=st.data())
    def submit(data):
        values = dict(base)
        for bound in target:
            if data.draw(st.booleans(), label=f"replace {bound.name}"):
                drawn = data.draw(hostile_for(bound.field), label=bound.html_name)
                values[bound.html_name] = [clean(v) for v in drawn] if isinstance(drawn, list) else clean(drawn)
        before = snapshot()
        if spec.method == "get":
            response = client.get(url, {k: v for k, v in values.items() if not hasattr(v, "read")})
        else:
            response = client.post(url, values)
        assert response.status_code in OK, (name, url, response.status_code)
        if response.status_code != 302:
            assert snapshot() == before, (name, "a refused submission wrote")

    submit()
