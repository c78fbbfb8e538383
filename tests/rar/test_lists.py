"""Every list drawn by rar/lists.py: sorting by a header (both ways, aria-sort), filtering, the export holding the
table's rows, paging, the htmx fragment, hostile parameters, and the fragment cache showing a write at once."""

import csv
import datetime
import io
import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from insatser import services
from insatser.models import Insats
from rar import dataversion
from rar.models import Arende, Handelse, Notis, Organisation
from rar.moten.models import Organ, Sammantrade
from tests.factories import granted_insats
from tests.insatser.test_views import make_insatser

TBODY = re.compile(r'<table class="table table-striped align-middle list-table">.*?<tbody[^>]*>(.*?)</tbody>', re.S)
NOTE = re.compile(r'<span class="badge [^"]* list-note">.*?</span>', re.S)
TAG = re.compile(r"<[^>]+>")


def table_rows(html: str) -> list[list[str]]:
    body = TBODY.search(html).group(1)
    rows = []
    for tr in re.findall(r"<tr>(.*?)</tr>", body, re.S):
        cells = [" ".join(TAG.sub("", NOTE.sub("", td)).split()) for td in re.findall(r"<td[^>]*>(.*?)</td>", tr, re.S)]
        if len(cells) > 1:
            rows.append(cells)
    return rows


def csv_rows(response) -> tuple[list[str], list[list[str]]]:
    reader = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    return reader[0], reader[1:]


def header_cells(html: str) -> list[str]:
    thead = re.search(r"<thead><tr>(.*?)</tr></thead>", html, re.S).group(1)
    return re.findall(r"<th[^>]*>.*?</th>", thead, re.S)


# -- what each list is given to show ------------------------------------------------------------------------


def _insatser(staff, owner_a, org_a, af):
    make_insatser(3, org_a, af, staff)  # "Insats 1" … "Insats 3"


def _arenden(staff, owner_a, org_a, af):
    for n, titel in enumerate(("Bidrag till Alfa", "Bidrag till Beta", "Remiss om Gamma"), start=1):
        Arende.objects.create(ar=2019, lopnummer=n, diarienummer=f"RAR 2019/{n}", titel=titel, organisation=org_a,
                              registrerad_av=staff)


def _rekvisitioner(staff, owner_a, org_a, af):
    insats = granted_insats(owner_a, staff, af, years=((2025, 500_000), (2026, 500_000)), beslutsdatum=datetime.date(2024, 12, 1))
    for month, cost in ((1, 10_000), (4, 30_000), (7, 20_000)):
        services.rekvisition_submit(insats=insats, user=owner_a, period_start=datetime.date(2025, month, 1),
                                    period_slut=datetime.date(2025, month + 2, 28), kostnader={"personal": cost})


def _sammantraden(staff, owner_a, org_a, af):
    organ = Organ.objects.create(namn="Förbundsstyrelsen", typ=Organ.Typ.STYRELSE)
    for day in (datetime.date(2026, 2, 1), datetime.date(2026, 5, 1), datetime.date(2025, 9, 1)):
        Sammantrade.objects.create(organ=organ, datum=day, tid_fran=datetime.time(9), plats=f"Rum {day:%m}")


def _notiser(staff, owner_a, org_a, af):
    for rubrik in ("Kallelse till mötet", "Ansökan inkommen", "Rekvisition inkommen"):
        Notis.objects.create(mottagare=staff, handelse=Handelse.KALLELSE, rubrik=rubrik)


# url, builder, a sortable column key and the column (index) it is drawn in, a filter and the rows it keeps
LISTS = {
    "/insatser/": (_insatser, "namn", 1, {"q": "Insats 2"}, 1),
    "/ansokningar/": (_insatser, "titel", 1, {"q": "Insats 3"}, 1),
    "/diarium/": (_arenden, "titel", 1, {"q": "Bidrag"}, 2),
    "/rekvisitioner/": (_rekvisitioner, "belopp", 8, {"ar": "2026"}, 0),
    "/sammantraden/": (_sammantraden, "datum", 0, {"ar": "2026"}, 2),
    "/notiser/": (_notiser, "rubrik", 0, {"q": ""}, 3),
}


@pytest.fixture(params=list(LISTS))
def listed(request, staff, owner_a, org_a, af, client_for):
    build, key, column, filters, kept = LISTS[request.param]
    build(staff, owner_a, org_a, af)
    return request.param, client_for(staff), key, column, filters, kept


def _sort_value(text):
    digits = text.removesuffix(" kr").replace(" ", "")
    return int(digits) if digits.isdigit() else text


def test_every_list_sorts_by_a_click_on_a_header_both_ways(listed):
    url, client, key, column, _, _ = listed
    up = client.get(url, {"ordning": key}).content.decode()
    down = client.get(url, {"ordning": f"-{key}"}).content.decode()
    values_up = [_sort_value(row[column]) for row in table_rows(up)]
    values_down = [_sort_value(row[column]) for row in table_rows(down)]
    assert len(values_up) == 3 and values_up == sorted(values_up) and values_down == values_up[::-1]
    assert 'aria-sort="ascending"' in header_cells(up)[column] and 'aria-sort="descending"' in header_cells(down)[column]


def test_every_list_filters_its_rows(listed):
    url, client, _, _, filters, kept = listed
    assert len(table_rows(client.get(url).content.decode())) == 3
    assert len(table_rows(client.get(url, filters).content.decode())) == kept


def test_the_export_holds_the_rows_of_the_table_in_its_order(listed):
    url, client, key, column, filters, _ = listed
    for params in ({"ordning": f"-{key}"}, filters):
        table = table_rows(client.get(url, params).content.decode())
        headers, exported = csv_rows(client.get(url, {**params, "export": "csv"}))
        drawn = [re.sub(r"<[^>]+>|[▲▼]", "", h).strip() for h in header_cells(client.get(url, params).content.decode())]
        assert set(drawn) <= set(headers)
        at = headers.index(drawn[column])
        assert [_sort_value(r[column]) for r in table] == [
            _sort_value(r[at]) if not r[at].isdigit() else int(r[at]) for r in exported] or [
            r[column] for r in table] == [r[at] for r in exported]
        assert len(exported) == len(table)


def test_a_sort_the_list_does_not_have_falls_back_to_its_default_order(client_for, staff, org_a, af):
    make_insatser(3, org_a, af, staff)
    client = client_for(staff)
    assert table_rows(client.get("/insatser/", {"ordning": "-nonsense"}).content.decode()) == table_rows(
        client.get("/insatser/").content.decode())


def test_a_list_shows_25_rows_a_page_with_links_to_the_others(client_for, staff, org_a, af):
    make_insatser(30, org_a, af, staff)
    client = client_for(staff)
    first = client.get("/insatser/", {"ordning": "namn"}).content.decode()
    second = client.get("/insatser/", {"ordning": "namn", "sida": 2}).content.decode()
    assert len(table_rows(first)) == 25 and len(table_rows(second)) == 5
    assert 'href="?ordning=namn&amp;sida=2"' in first and 'aria-current="page"' in second
    assert not {r[0] for r in table_rows(first)} & {r[0] for r in table_rows(second)}


def test_an_htmx_request_gets_the_table_alone_and_a_plain_request_the_page(client_for, staff, org_a, af):
    make_insatser(2, org_a, af, staff)
    client = client_for(staff)
    fragment = client.get("/insatser/", {"q": "Insats 1"}, HTTP_HX_REQUEST="true")
    assert fragment.content.decode().lstrip().startswith('<div id="lista"') and "<html" not in fragment.content.decode()
    page = client.get("/insatser/", {"q": "Insats 1"}).content.decode()
    assert "<html" in page and 'hx-get="/insatser/"' in page and 'name="q"' in page and 'value="Insats 1"' in page
    assert fragment["Vary"].find("HX-Request") >= 0


def test_a_filter_that_does_not_parse_is_named_in_swedish_and_keeps_what_was_typed(client_for, staff, org_a, af):
    make_insatser(2, org_a, af, staff)
    response = client_for(staff).get("/insatser/", {"ar": "tjugo", "q": "Insats"})
    html = response.content.decode()
    assert response.status_code == 400 and "År: Fyll i ett tal." in html and 'value="tjugo"' in html
    assert len(table_rows(html)) == 2


@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
@given(ordning=st.text(max_size=30), sida=st.text(max_size=10), q=st.text(max_size=40), ar=st.text(max_size=8))
def test_hostile_list_parameters_never_give_a_server_error(staff, ordning, sida, q, ar):
    client = Client()
    client.force_login(staff)
    clean = {k: v.replace("\x00", "") for k, v in {"ordning": ordning, "sida": sida, "q": q, "ar": ar}.items()}
    for url in ("/insatser/", "/ansokningar/", "/diarium/", "/rekvisitioner/", "/sammantraden/", "/notiser/"):
        assert client.get(url, clean).status_code in (200, 400)


@pytest.mark.parametrize("url", ["/insatser/", "/ansokningar/", "/diarium/", "/sammantraden/", "/notiser/"])
def test_a_list_runs_the_same_queries_for_few_and_many_rows(client_for, staff, org_a, af, url):
    client = client_for(staff)
    make_insatser(3, org_a, af, staff)
    _arenden(staff, None, org_a, af)
    _notiser(staff, None, org_a, af)
    _sammantraden(staff, None, org_a, af)
    client.get("/")
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    make_insatser(60, org_a, af, staff)
    for n in range(40):
        Notis.objects.create(mottagare=staff, handelse=Handelse.KALLELSE, rubrik=f"Notis {n}")
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(many) == len(few) <= 12


def test_every_app_table_carries_the_data_version_trigger(db):
    with connection.cursor() as cursor:
        tables = dataversion.app_tables(cursor)
        cursor.execute("SELECT DISTINCT c.relname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid WHERE t.tgname = %s",
                       [dataversion.TRIGGER])
        with_trigger = {name for (name,) in cursor.fetchall()}
    assert len(tables) > 40 and set(tables) <= with_trigger


def test_inside_a_transaction_that_has_written_the_cache_is_not_used(staff, org_a, af):
    assert dataversion.current() is None  # the fixtures above wrote in this test's transaction


@pytest.mark.django_db(transaction=True)
def test_a_committed_write_shows_at_once_in_a_cached_list(settings):
    from tests.factories import OrganisationFactory, UserFactory

    settings.LIST_FRAGMENT_CACHE = True
    staff = UserFactory(username="kansli", roles=["Kansli"])
    org = OrganisationFactory(namn="Nyköpings kommun")
    client = Client()
    client.force_login(staff)
    make_insatser(1, org, org, staff)
    client.get("/insatser/")
    version = dataversion.current()
    with CaptureQueriesContext(connection) as cached:
        assert "Insats 1" in client.get("/insatser/").content.decode()
    assert not any("insatser_insats" in q["sql"] for q in cached.captured_queries)  # drawn from the cache
    Insats.objects.filter(namn="Insats 1").update(namn="Insats ett")  # a bulk write, outside any page
    assert dataversion.current() > version
    html = client.get("/insatser/").content.decode()
    assert "Insats ett" in html and "Insats 1<" not in html


@pytest.mark.django_db(transaction=True)
def test_rows_given_as_a_function_are_built_only_for_a_table_the_cache_does_not_hold(settings):
    from django.test import RequestFactory
    from django.contrib.auth.models import AnonymousUser

    from rar import lists
    from uppfoljning import lists as uppfoljning_lists
    from uppfoljning.katalog import insats_rows

    settings.LIST_FRAGMENT_CACHE = True
    built = []

    def rows():
        built.append(1)
        return insats_rows()

    def table():
        request = RequestFactory().get("/katalog/", {"ordning": "namn"})
        request.user = AnonymousUser()
        return lists.run(request, uppfoljning_lists.KATALOG_INSATSER, rows).results_html("publik")

    first = table()
    assert built == [1] and "0 insatser" in first
    assert table() == first and built == [1]  # the second request's table came from the cache: nothing built


def test_a_cell_is_escaped_in_python_with_its_link_badge_and_note():
    from rar.lists import cell_html

    assert cell_html("<b>Ny</b>") == "<td>&lt;b&gt;Ny&lt;/b&gt;</td>"
    assert cell_html("12 000", num=True) == '<td class="num">12 000</td>'
    assert cell_html("2025-01-01", nowrap=True) == '<td class="text-nowrap">2025-01-01</td>'  # not broken at a hyphen
    assert (cell_html("Pågår", url="/insatser/1/?a=1&b=2", badge="text-bg-info", note="Försenad", note_badge="text-bg-danger")
            == '<td><a href="/insatser/1/?a=1&amp;b=2"><span class="badge text-bg-info">Pågår</span></a>'
               ' <span class="badge text-bg-danger list-note">Försenad</span></td>')


def test_free_text_sorts_in_swedish_order_whatever_the_case(db):
    from rar.lists import swedish_order
    from tests.factories import OrganisationFactory

    for name in ("Zeta", "apelsin", "Örnen", "Äpple", "Åtgärd", "Bbb", "övrigt", "Émile", "zebra"):
        OrganisationFactory(namn=name)
    names = list(Organisation.objects.order_by(swedish_order("namn"), "pk").values_list("namn", flat=True))
    assert names == ["apelsin", "Bbb", "Émile", "zebra", "Zeta", "Åtgärd", "Äpple", "Örnen", "övrigt"]


def test_only_free_text_gets_the_swedish_order_not_codes_or_numbers(db):
    from django.db.models import F

    from rar.lists import is_free_text

    rows = Arende.objects.annotate(org=F("organisation__namn")).values("titel", "status", "org", "lopnummer")
    assert is_free_text(rows, "titel") and is_free_text(rows, "org")
    assert not is_free_text(rows, "status") and not is_free_text(rows, "lopnummer") and not is_free_text(rows, "saknas")


def test_the_filter_form_leaves_checking_to_the_server_so_every_message_is_swedish(client_for, staff):
    html = client_for(staff).get("/insatser/").content.decode()
    form = re.search(r'<form method="get" id="filtrera"[^>]*>', html).group(0)
    assert " novalidate" in form  # a browser's own bubble ("Value must be…") is English and sends nothing
