"""Property-based tests: random and hostile input to the forms and imports never gives a 500 or a partial write.

Hypothesis draws very long strings, control characters, HTML/JS, negative and huge numbers, impossible
dates and malformed files. Every answer must be a page (200/302/400), and a refused submission must
leave the database as it was.
"""

import datetime
import os

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from insatser import services
from insatser.models import Ansokan, Insats, Rekvisition
from rar.case_handlers import Beslutsutfall
from rar.models import Arende, Handling, Paragraf
from tests.factories import application_ready_for_board, complete_application
from uppfoljning.models import Deltagare

FUZZ = settings(max_examples=int(os.environ.get("FUZZ_EXAMPLES", 25)), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                       HealthCheck.too_slow])
OK = {200, 302, 400}

HOSTILE = st.one_of(
    st.text(max_size=60),
    st.text(alphabet=st.characters(min_codepoint=0, max_codepoint=31), max_size=20),  # control characters
    st.sampled_from(["<script>alert(1)</script>", "\"><img src=x onerror=alert(1)>", "'; DROP TABLE rar_arende; --",
                     "=HYPERLINK(\"http://x\")", "\u202e\u200b", "ä" * 5000, "x" * 100_000, "", " ", "\x00"]),
)
NUMBER = st.one_of(st.integers(min_value=-(10**20), max_value=10**20).map(str), st.sampled_from(
    ["-1", "0", "1e9", "1,5", "12 000", "NaN", "∞", "9" * 40, "0x10", ""]), HOSTILE)
DATE = st.one_of(st.dates(min_value=datetime.date(1, 1, 1), max_value=datetime.date(9999, 12, 31)).map(str),
                 st.sampled_from(["2025-02-30", "2025-13-01", "31/12/2025", "0000-00-00", "2025-1-1", ""]), HOSTILE)


def clean(value):
    # The test client cannot send NUL in form data it encodes itself (nor can a browser); everything else goes.
    return value.replace("\x00", "\ufffd") if isinstance(value, str) else value


def file_name(value):
    """A hostile upload name a browser can send: the last path part (the multipart parser keeps only that), and
    something rather than nothing, since Django's test file refuses to be built without a name."""
    name = clean(value).replace("\\", "/").rsplit("/", 1)[-1]
    return name if name.strip(" .") else "x"


@pytest.fixture
def draft(owner_a, af):
    return complete_application(owner_a, af, titel="Fuzz")


@FUZZ
@given(titel=HOSTILE, syfte=HOSTILE, deltagare=NUMBER, start=DATE, ar=NUMBER, belopp=NUMBER)
def test_the_application_form_survives_any_input(client_for, owner_a, draft, titel, syfte, deltagare, start, ar, belopp):
    client = client_for(owner_a)
    before = Ansokan.objects.get(pk=draft.pk)
    data = {
        "version": before.version, "titel": titel, "syfte": syfte, "planerade_deltagare": deltagare,
        "period_start": start, "period_slut": "2028-12-31", "inriktning": "individ",
        "mal-TOTAL_FORMS": "1", "mal-INITIAL_FORMS": "0", "mal-0-beskrivning": syfte,
        "budget-TOTAL_FORMS": "1", "budget-INITIAL_FORMS": "0", "budget-0-ar": ar, "budget-0-belopp": belopp,
        "action": "spara",
    }
    response = client.post(f"/ansokningar/{draft.pk}/redigera/", {k: clean(v) for k, v in data.items()})
    assert response.status_code in OK
    after = Ansokan.objects.get(pk=draft.pk)
    if response.status_code != 302:
        assert (after.version, after.titel, after.syfte) == (before.version, before.titel, before.syfte)


@pytest.fixture
def insats(owner_a, staff, af):
    ansokan = application_ready_for_board(owner_a, staff, af, years=((2025, 500_000), (2026, 500_000)))
    services.ansokan_decide(ansokan=ansokan, utfall=Beslutsutfall.FULL, belopp=None, beslutstext="", user=staff,
                            beslutsdatum=datetime.date(2024, 12, 1))
    return Insats.objects.get(ansokan=ansokan)


@FUZZ
@given(start=DATE, end=DATE, personal=NUMBER, ovrigt=NUMBER, text=HOSTILE)
def test_the_invoice_form_survives_any_input_and_never_writes_a_refused_invoice(client_for, owner_a, insats, start, end,
                                                                               personal, ovrigt, text):
    before = Rekvisition.objects.count()
    response = client_for(owner_a).post(f"/insatser/{insats.pk}/rekvisitioner/ny/", {k: clean(v) for k, v in {
        "period_start": start, "period_slut": end, "personal": personal, "lokaler": "0", "resor": "0", "ovrigt": ovrigt,
        "beskrivning": text}.items()})
    assert response.status_code in OK
    assert Rekvisition.objects.count() == before + (1 if response.status_code == 302 else 0)


@FUZZ
@given(content=st.one_of(st.binary(max_size=2000), st.text(max_size=2000).map(lambda t: t.encode("utf-8")),
                         st.sampled_from([b"", b"\xff\xfe\x00\x00", b"referens;kon\n" + b";" * 5000,
                                          "referens;kon;aldersband;inskriven\nA;kvinna;20-24;2025-99\n".encode(),
                                          b"=cmd|' /C calc'!A0;kvinna\n"])),
       name=st.sampled_from(["deltagare.csv", "x.exe", "../../etc/passwd", "a" * 300 + ".csv", ".csv"]))
def test_the_participant_import_refuses_any_malformed_file_whole(client_for, owner_a, insats, content, name):
    before = Deltagare.objects.count()
    response = client_for(owner_a).post(f"/uppfoljning/insatser/{insats.pk}/deltagare/",
                                        {"fil": SimpleUploadedFile(name, content, content_type="text/csv")})
    assert response.status_code in OK
    if response.status_code != 302:
        assert Deltagare.objects.count() == before


@FUZZ
@given(content=st.binary(max_size=3000), name=st.one_of(HOSTILE, st.sampled_from(["a.pdf", "b.docx", "c.PDF.exe", "d"])),
       titel=HOSTILE)
def test_document_upload_refuses_what_it_cannot_verify(client_for, owner_a, draft, content, name, titel):
    before = Handling.objects.count()
    response = client_for(owner_a).post(f"/diarium/{draft.arende_id}/handlingar/ny/", {
        "titel": clean(titel), "fil": SimpleUploadedFile(file_name(name), content)})
    assert response.status_code in OK
    if response.status_code != 302:
        assert Handling.objects.count() == before


@FUZZ
@given(query=st.dictionaries(st.sampled_from(["q", "status", "ar", "agare", "fran", "till", "page", "organisation",
                                               "typ", "export", "inriktning"]), HOSTILE, max_size=4))
def test_list_filters_answer_any_query_string(client_for, staff, query):
    client = client_for(staff)
    for url in ("/diarium/", "/ansokningar/", "/insatser/", "/rekvisitioner/", "/budget/", "/uppfoljning/medlemsrapport/"):
        response = client.get(url, {k: clean(v) for k, v in query.items()})
        assert response.status_code in OK, (url, query)


@FUZZ
@given(titel=HOSTILE, typ=st.one_of(HOSTILE, st.sampled_from(["ovrigt", "ansokan"])), datum=DATE)
def test_case_registration_survives_any_input(client_for, staff, titel, typ, datum):
    before = Arende.objects.count()
    response = client_for(staff).post("/diarium/nytt/", {"titel": clean(titel), "typ": clean(typ), "registrerad": clean(datum)})
    assert response.status_code in OK
    assert Arende.objects.count() == before + (1 if response.status_code == 302 else 0)


@FUZZ
@given(rubrik=HOSTILE, text=HOSTILE, typ=st.one_of(HOSTILE, st.just("beslut")), version=NUMBER)
def test_the_agenda_form_survives_any_input(client_for, staff, rubrik, text, typ, version):
    from rar.models import Organ
    from rar.moten import services as moten

    organ, _ = Organ.objects.get_or_create(namn="Förbundsstyrelsen", defaults={"typ": Organ.Typ.STYRELSE})
    meeting = moten.sammantrade_create(user=staff, organ=organ, datum=datetime.date(2027, 2, 5),
                                       tid_fran=datetime.time(13), plats="Flen") if not organ.sammantraden.exists() else organ.sammantraden.first()
    before = Paragraf.objects.count()
    response = client_for(staff).post(f"/sammantraden/{meeting.pk}/punkt/ny/", {k: clean(v) for k, v in {
        "rubrik": rubrik, "text": text, "typ": typ, "version": version}.items()})
    assert response.status_code in OK
    assert Paragraf.objects.count() == before + (1 if response.status_code == 302 else 0)
