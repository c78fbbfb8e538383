"""Locks by every route: a § adjusted at once, a protocol adjusted and posted, a funding decision executed, a
protocol the chair has signed. For each: the pages, the admin's change and delete forms, the services and a
raw ORM statement (refused by the PostgreSQL triggers). The database is unchanged each time."""

import datetime
import re
from html.parser import HTMLParser

import pytest
from django.db import IntegrityError, connection, transaction
from django.db.models import F

from rar.errors import DomainError
from rar.models import JusteringSignatur, Narvaro, Paragraf, Sammantrade, Yrkande
from rar.moten import services as moten
from rar.moten.models import ParagrafSignatur
from tests.rar.moten.conftest import LOCKS, build_lock, days_ago, snapshot

REFUSED = re.compile(r"kan inte ändras|är låst|kan inte registreras|kan inte justeras|kan inte flyttas")


def _other_members(board):
    return board.members[2], board.members[3]


# --- The pages (and their htmx posts) ----------------------------------------------------------------


def _page_posts(meeting, item, board, staff):
    rolf, helena = _other_members(board)
    return {
        "flytta_ned": (f"/paragrafer/{item.pk}/dagordning/ned/", {"version": meeting.version}),
        "flytta_upp": (f"/paragrafer/{item.pk}/dagordning/upp/", {"version": meeting.version}),
        "ta_bort": (f"/paragrafer/{item.pk}/dagordning/ta-bort/", {"version": meeting.version}),
        "beslut": (f"/paragrafer/{item.pk}/beslut/", {"beslut": "Ändrat beslut i efterhand.", "utfall": "avslag"}),
        "narvaro": (f"/sammantraden/{meeting.pk}/narvaro/", {"ovriga_narvarande": "Ekonom"}),  # every box unticked: all absent
        "funktionarer": (f"/sammantraden/{meeting.pk}/funktionarer/",
                         {"sekreterare": staff.pk, "ordforande": rolf.pk, "justerare": [helena.pk]}),
    }


@pytest.mark.parametrize("route", ["flytta_ned", "flytta_upp", "ta_bort", "beslut", "narvaro", "funktionarer"])
def test_a_locked_record_cannot_be_changed_through_the_pages(locked, route, staff, board, client_for):
    kind, meeting, item = locked
    before = snapshot(meeting)
    url, data = _page_posts(meeting, item, board, staff)[route]
    client = client_for(staff)
    htmx = {"HTTP_HX_REQUEST": "true"} if route.startswith("flytta") else {}
    response = client.post(url, data, follow=True, **htmx)
    html = response.content.decode()
    assert REFUSED.search(html), (kind, route, response.status_code)
    assert snapshot(meeting) == before
    assert client.get(f"/paragrafer/{item.pk}/utdrag/").status_code == 200


def test_the_meeting_page_offers_no_change_to_a_locked_paragraph(locked, staff, client_for):
    kind, meeting, item = locked
    html = client_for(staff).get(f"/sammantraden/{meeting.pk}/").content.decode()
    for action in ("dagordning/upp", "dagordning/ned", "dagordning/ta-bort", "beslut/"):
        assert f"/paragrafer/{item.pk}/{action}" not in html, (kind, action)
    decision_page = client_for(staff).get(f"/paragrafer/{item.pk}/beslut/").content.decode()
    assert "kan inte ändras" in decision_page and "Registrera beslut</button>" not in decision_page


# --- The admin ---------------------------------------------------------------------------------------


class _FormData(HTMLParser):
    """What a browser would post from the admin's change form, as it is on the page."""

    def __init__(self):
        super().__init__()
        self.data, self._select, self._textarea, self.submit = {}, None, None, False

    def _add(self, name, value):
        self.data.setdefault(name, []).append(value)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "input" and a.get("name"):
            kind = a.get("type", "text")
            if kind == "submit":
                self.submit = True
            elif kind in ("checkbox", "radio"):
                if "checked" in a:
                    self._add(a["name"], a.get("value", "on"))
            elif kind != "file":
                self._add(a["name"], a.get("value", ""))
        elif tag == "select":
            self._select = a.get("name")
        elif tag == "option" and self._select and "selected" in a:
            self._add(self._select, a.get("value", ""))
        elif tag == "textarea":
            self._textarea = a.get("name")
            self._add(self._textarea, "")

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data):
        if self._textarea:
            self.data[self._textarea][-1] += data.lstrip("\n") if not self.data[self._textarea][-1] else data


def _admin_form(client, url):
    parser = _FormData()
    parser.feed(client.get(url).content.decode())
    return parser


ADMIN_CHANGES = {
    "paragraf": ("paragraf", lambda m, p: p.pk, {"beslut": "Ändrat beslut.", "text": "Ändrad text.", "rubrik": "Ny rubrik"}),
    "sammantrade": ("sammantrade", lambda m, p: m.pk, {"datum": "2020-01-01", "plats": "Någon annanstans"}),
}


@pytest.mark.parametrize("what", ["paragraf", "sammantrade"])
def test_the_admin_shows_a_locked_row_read_only_and_refuses_a_change(locked, what, admin_staff, client_for):
    kind, meeting, item = locked
    model, pk, changes = ADMIN_CHANGES[what]
    before = snapshot(meeting)
    client = client_for(admin_staff)
    url = f"/admin/rar/{model}/{pk(meeting, item)}/change/"
    form = _admin_form(client, url)
    assert not form.submit, (kind, what)  # no save button: the row is shown read-only
    data = {**{k: v if len(v) > 1 else v[0] for k, v in form.data.items()}, **changes, "_save": "Spara"}
    response = client.post(url, data)
    assert response.status_code == 403, (kind, what, response.status_code)
    assert snapshot(meeting) == before


@pytest.mark.parametrize("what", ["paragraf", "sammantrade"])
def test_the_admin_refuses_to_delete_a_locked_row(locked, what, admin_staff, client_for):
    kind, meeting, item = locked
    model, pk, _ = ADMIN_CHANGES[what]
    before = snapshot(meeting)
    response = client_for(admin_staff).post(f"/admin/rar/{model}/{pk(meeting, item)}/delete/", {"post": "yes"})
    assert response.status_code == 403, (kind, what, response.status_code)
    assert snapshot(meeting) == before


@pytest.mark.parametrize("what", ["paragraf", "sammantrade"])
def test_the_admin_refuses_to_revert_a_locked_row_to_an_earlier_version(locked, what, admin_staff, client_for):
    kind, meeting, item = locked
    model, pk, changes = ADMIN_CHANGES[what]
    obj = item if what == "paragraf" else meeting
    first = obj.history.order_by("history_date").first()
    before = snapshot(meeting)
    response = client_for(admin_staff).post(f"/admin/rar/{model}/{pk(meeting, item)}/history/{first.history_id}/", changes)
    assert response.status_code == 403, (kind, what, response.status_code)
    assert snapshot(meeting) == before


def _signature(meeting):
    return (JusteringSignatur.objects.filter(sammantrade=meeting).first()
            or ParagrafSignatur.objects.filter(paragraf__sammantrade=meeting).first())


@pytest.mark.parametrize("kind", ["omedelbart_justerad", "anslaget", "ordforande_har_signerat"])
def test_the_admin_refuses_to_change_or_delete_a_signature(kind, staff, board, owner_a, af, admin_staff, client_for):
    meeting, _ = build_lock(kind, staff=staff, board=board, owner_a=owner_a, af=af)
    signature = _signature(meeting)
    before = snapshot(meeting)
    client = client_for(admin_staff)
    base = f"/admin/rar/{signature._meta.model_name}/{signature.pk}"
    assert client.post(f"{base}/delete/", {"post": "yes"}).status_code == 403
    assert client.post(f"{base}/change/", {"tid_0": "2020-01-01", "tid_1": "10:00"}).status_code == 403
    assert snapshot(meeting) == before


def test_the_admin_offers_no_delete_box_for_attendance_of_a_locked_meeting(locked, admin_staff, client_for):
    kind, meeting, _ = locked
    html = client_for(admin_staff).get(f"/admin/rar/sammantrade/{meeting.pk}/change/").content.decode()
    assert "narvaro-0-DELETE" not in html and "paragrafer-0-DELETE" not in html, kind


# --- The services, as called from the shell -----------------------------------------------------------


def _service_calls(meeting, item, board, staff):
    rolf, helena = _other_members(board)
    return {
        "flytta": lambda: moten.agenda_move(paragraf=item, user=staff, steg=1),
        "ta_bort": lambda: moten.agenda_remove(paragraf=item, user=staff),
        "besluta": lambda: moten.paragraf_besluta(paragraf=item, user=staff, beslut="Ändrat beslut i efterhand."),
        "narvaro": lambda: moten.narvaro_save(sammantrade=meeting, user=staff, rows=[
            {"person_id": n.person_id, "narvarande": False} for n in Narvaro.objects.filter(sammantrade=meeting)]),
        "funktionarer": lambda: moten.sammantrade_set_officers(sammantrade=meeting, user=staff, sekreterare=staff,
                                                               ordforande=rolf, justerare=[helena]),
        "tidigare_mote": lambda: moten.sammantrade_create(user=staff, organ=meeting.organ, datum=meeting.datum,
                                                          tid_fran=datetime.time(9), plats="Flen"),
    }


@pytest.mark.parametrize("call", ["flytta", "ta_bort", "besluta", "narvaro", "funktionarer", "tidigare_mote"])
def test_a_locked_record_cannot_be_changed_through_the_services(locked, call, staff, board):
    kind, meeting, item = locked
    before = snapshot(meeting)
    with pytest.raises(DomainError):
        _service_calls(meeting, item, board, staff)[call]()
    assert snapshot(meeting) == before
    assert Sammantrade.objects.filter(organ=meeting.organ).count() == 1  # the earlier meeting was not planned


# --- The database itself ----------------------------------------------------------------------------


def _raw_delete(table, pk):
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {table} WHERE id = %s", [pk])


def _statements(meeting, item, board):
    rolf, _ = _other_members(board)
    paragraf = Paragraf.objects.filter(pk=item.pk)
    sammantrade = Sammantrade.objects.filter(pk=meeting.pk)
    return {
        "paragraf_beslut": lambda: paragraf.update(beslut="Ändrat i databasen."),
        "paragraf_text": lambda: paragraf.update(text="Ändrat i databasen.", rubrik="Ny rubrik"),
        "paragraf_nummer": lambda: paragraf.update(nummer=F("nummer") + 100),
        "paragraf_ordning": lambda: paragraf.update(ordning=F("ordning") + 100),
        "paragraf_delete": lambda: _raw_delete("rar_paragraf", item.pk),
        "sammantrade_datum_plats": lambda: sammantrade.update(datum=meeting.datum - datetime.timedelta(days=1), plats="Annan"),
        "sammantrade_status_tillbaka": lambda: sammantrade.update(status=Sammantrade.Status.PLANERAT),
        "sammantrade_ordforande": lambda: sammantrade.update(ordforande=rolf),
        "sammantrade_delete": lambda: _raw_delete("rar_sammantrade", meeting.pk),
        "narvaro_update": lambda: Narvaro.objects.filter(sammantrade=meeting).update(narvarande=False),
        "narvaro_delete": lambda: Narvaro.objects.filter(sammantrade=meeting).delete(),
        "justerare_delete": lambda: Sammantrade.justerare.through.objects.filter(sammantrade=meeting).delete(),
        "javiga_insert": lambda: Paragraf.javiga.through.objects.create(paragraf_id=item.pk, user_id=rolf.pk),
        "yrkande_insert": lambda: Yrkande.objects.create(paragraf_id=item.pk, av="Rolf Skog", text="avslag"),
    }


@pytest.mark.parametrize("statement", [
    "paragraf_beslut", "paragraf_text", "paragraf_nummer", "paragraf_ordning", "paragraf_delete", "sammantrade_datum_plats",
    "sammantrade_status_tillbaka", "sammantrade_ordforande", "sammantrade_delete", "narvaro_update", "narvaro_delete",
    "justerare_delete", "javiga_insert", "yrkande_insert",
])
def test_the_database_refuses_a_raw_change_to_a_locked_record(locked, statement, board):
    kind, meeting, item = locked
    before = snapshot(meeting)
    with pytest.raises(IntegrityError, match="låst"), transaction.atomic():
        _statements(meeting, item, board)[statement]()
    assert snapshot(meeting) == before


@pytest.mark.parametrize("kind", ["omedelbart_justerad", "anslaget", "ordforande_har_signerat"])
def test_the_database_refuses_to_change_or_delete_a_signature(kind, staff, board, owner_a, af):
    meeting, _ = build_lock(kind, staff=staff, board=board, owner_a=owner_a, af=af)
    signature = _signature(meeting)
    before = snapshot(meeting)
    with pytest.raises(IntegrityError, match="låst"), transaction.atomic():
        type(signature).objects.filter(pk=signature.pk).update(tid=F("tid") - datetime.timedelta(days=30))
    with pytest.raises(IntegrityError, match="låst"), transaction.atomic():
        _raw_delete(signature._meta.db_table, signature.pk)
    assert snapshot(meeting) == before


def test_the_posting_step_still_writes_its_columns_after_the_lock(staff, board, owner_a, af):
    """The triggers leave exactly what the anslag step writes: status and the posting dates."""
    meeting, _ = build_lock("anslaget", staff=staff, board=board, owner_a=owner_a, af=af)
    assert meeting.status == Sammantrade.Status.ANSLAGET and meeting.anslag_uppsatt == days_ago(0)
    assert meeting.justerat_tid is not None


def test_an_unlocked_draft_can_still_be_changed_freely(staff, board):
    from tests.rar.moten.conftest import convene

    meeting, item = convene(staff, board)
    moten.agenda_move(paragraf=item, user=staff, steg=1)
    Paragraf.objects.filter(pk=item.pk).update(text="Ändrad text i utkastet.")
    moten.agenda_remove(paragraf=Paragraf.objects.get(pk=item.pk), user=staff)
    assert not Paragraf.objects.filter(pk=item.pk).exists()
    assert [p.nummer for p in meeting.paragrafer.order_by("ordning")] == [1, 2, 3, 4]
