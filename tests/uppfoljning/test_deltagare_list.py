"""An insats's participant list (rar/lists.py): categories and months only, sorted by a click on a header,
filtered, 25 rows a page, exported as the table's rows to those who may see them, and every look logged."""

import datetime
import re

import pytest
from django.test import Client

from rar import dataversion
from tests.lists import assert_export_has_the_tables_rows, count_queries, read_csv, read_table
from tests.uppfoljning.test_deltagare import add, insats  # noqa: F401 (fixture)
from uppfoljning.models import Deltagare, DeltagarVisning

D = datetime.date


def url(of):
    return f"/uppfoljning/insatser/{of.pk}/deltagare/"


@pytest.fixture
def four(insats):  # noqa: F811
    """Four participants: two still enrolled (2021, 2022), two ended (to work, to further rehabilitation)."""
    add(insats, "A", kon="kvinna", band="20-24", start=D(2021, 3, 1))
    add(insats, "B", kon="man", band="25-29", start=D(2021, 1, 1), end=D(2022, 6, 1), utfall="arbete")
    add(insats, "C", kon="kvinna", band="16-19", start=D(2022, 2, 1))
    add(insats, "D", kon="man", band="30-34", start=D(2021, 9, 1), end=D(2021, 12, 1), utfall="fortsatt_rehab")
    Deltagare.objects.filter(insats=insats, inskriven=D(2021, 9, 1)).update(plan_efter=True)
    return insats


def test_the_table_shows_categories_and_months_and_no_reference(client_for, owner_a, four):
    html = client_for(owner_a).get(url(four)).content.decode()
    table = read_table(html)
    assert table.headers == ["Kön", "Åldersgrupp", "Inskriven", "Avslutad", "Försörjning vid start", "Försörjning vid avslut",
                             "Utfall", "Plan"]
    assert table.rows[0] == ["Man", "25–29", "2021-01", "2022-06", "Försörjningsstöd", "Ingen offentlig försörjning",
                             "Förvärvsarbete", "–"]
    assert table.count == 4 and table.column("Plan") == ["–", "–", "Ja", "–"]
    for row in Deltagare.objects.filter(insats=four):
        assert row.referens_hash not in html


def test_the_default_order_is_the_enrolment_month_first_to_last(client_for, owner_a, four):
    table = read_table(client_for(owner_a).get(url(four)).content.decode())
    assert table.column("Inskriven") == ["2021-01", "2021-03", "2021-09", "2022-02"]
    assert table.sort == {"Inskriven": "ascending"}


def test_a_click_on_a_header_sorts_by_it_ascending_then_descending(client_for, owner_a, four):
    client = client_for(owner_a)
    first = read_table(client.get(url(four)).content.decode())
    ascending = read_table(client.get(url(four) + first.links["Avslutad"]).content.decode())
    assert ascending.column("Avslutad") == ["2021-12", "2022-06", "–", "–"]  # the still enrolled last
    assert ascending.sort == {"Avslutad": "ascending"}
    descending = read_table(client.get(url(four) + ascending.links["Avslutad"]).content.decode())
    assert descending.column("Avslutad") == ["2022-06", "2021-12", "–", "–"]
    assert descending.sort == {"Avslutad": "descending"}
    back = read_table(client.get(url(four) + first.links["Inskriven"]).content.decode())
    assert back.column("Inskriven") == ["2022-02", "2021-09", "2021-03", "2021-01"] and back.sort == {"Inskriven": "descending"}


def test_the_participants_filter_by_gender_state_outcome_and_year_enrolled(client_for, owner_a, four):
    client = client_for(owner_a)

    def months(**params):
        return read_table(client.get(url(four), params).content.decode()).column("Inskriven")

    assert months(kon="kvinna") == ["2021-03", "2022-02"]
    assert months(lage="inskriven") == ["2021-03", "2022-02"]
    assert months(lage="avslutad") == ["2021-01", "2021-09"]
    assert months(utfall="arbete") == ["2021-01"]
    assert months(ar=2021) == ["2021-01", "2021-03", "2021-09"]
    assert months(aldersband="16-19", ar=2022) == ["2022-02"]
    assert months(ar="tjugo") == ["2021-01", "2021-03", "2021-09", "2022-02"]  # an error, no filter


def test_the_csv_export_holds_the_tables_rows_and_no_reference(client_for, owner_a, four):
    client = client_for(owner_a)
    params = {"kon": "man", "ordning": "-inskriven"}
    table = read_table(client.get(url(four), params).content.decode())
    response = client.get(url(four), {**params, "export": "csv"})
    assert response["Content-Disposition"].startswith(f'attachment; filename="deltagare-insats-{four.pk}-')
    export = read_csv(response)
    assert export[0] == table.headers  # every column, and no other: no reference, no hash
    assert export[1] == [["Man", "30–34", "2021-09", "2021-12", "Försörjningsstöd", "Ingen offentlig försörjning",
                          "Fortsatt rehabilitering/annan insats", "Ja"],
                         ["Man", "25–29", "2021-01", "2022-06", "Försörjningsstöd", "Ingen offentlig försörjning",
                          "Förvärvsarbete", ""]]
    assert_export_has_the_tables_rows(table, export)
    hashes = set(Deltagare.objects.filter(insats=four).values_list("referens_hash", flat=True))
    assert not hashes & {cell for row in export[1] for cell in row}


@pytest.mark.parametrize("persona, status", [("owner_a", 200), ("staff", 200), ("owner_b", 404), ("board_member", 404),
                                             ("evaluator", 404), ("reader", 404)])
def test_only_those_who_see_the_participants_export_them(request, client_for, four, persona, status):
    response = client_for(request.getfixturevalue(persona)).get(url(four), {"export": "xlsx"})
    assert response.status_code == status
    if status == 200:
        assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert Client().get(url(four), {"export": "csv"}).status_code == 302  # to the login


def test_every_look_is_logged_the_page_a_table_update_and_an_export(client_for, owner_a, four):
    client = client_for(owner_a)
    client.get(url(four))
    client.get(url(four), {"kon": "man"}, HTTP_HX_REQUEST="true")
    client.get(url(four), {"export": "csv"})
    assert DeltagarVisning.objects.filter(insats=four, anvandare=owner_a).count() == 3


def test_an_htmx_request_gets_the_table_alone(client_for, owner_a, four):
    html = client_for(owner_a).get(url(four), {"lage": "avslutad"}, HTTP_HX_REQUEST="true").content.decode()
    assert html.lstrip().startswith('<div id="lista"') and "Importera CSV" not in html
    assert read_table(html).column("Inskriven") == ["2021-01", "2021-09"]


def test_the_filter_form_and_the_participant_form_have_fields_of_their_own(client_for, owner_a, four):
    html = client_for(owner_a).get(url(four)).content.decode()
    assert 'id="id_urval_kon"' in html and 'id="id_kon"' in html and html.count('id="id_kon"') == 1


def test_the_list_shows_25_participants_a_page_and_the_figures_count_them_all(client_for, owner_a, insats):  # noqa: F811
    for n in range(27):
        add(insats, f"P{n}", start=D(2021, 1 + n % 12, 1))
    client = client_for(owner_a)
    html = client.get(url(insats)).content.decode()
    table = read_table(html)
    assert table.count == 27 and len(table.rows) == 25 and 'aria-label="Sida 2"' in html
    assert "<td>27</td>" in html.split('id="siffror-rubrik"')[1].split("</table>")[0]  # enrolled in the period: all
    assert len(read_table(client.get(url(insats), {"sida": 2}).content.decode()).rows) == 2


def test_a_refused_import_still_shows_the_list(client_for, owner_a, four):
    from tests.uppfoljning.test_deltagare import csv_file

    response = client_for(owner_a).post(url(four), {"fil": csv_file("X;kvinna;99-99;2021-01;;saknas;;;")})
    assert response.status_code == 400 and read_table(response.content.decode()).count == 4


def test_the_page_costs_the_same_queries_for_few_and_many_participants(client_for, owner_a, insats):  # noqa: F811
    client = client_for(owner_a)
    add(insats, "first")
    few = count_queries(client, url(insats), {"kon": "kvinna"})
    for n in range(40):
        add(insats, f"P{n}")
    assert count_queries(client, url(insats), {"kon": "kvinna"}) == few


@pytest.mark.django_db(transaction=True)
def test_a_look_at_the_participants_leaves_the_data_version_and_so_every_cached_list(client_for, owner_a, four):
    client = client_for(owner_a)
    client.get(url(four))
    before = dataversion.current()
    client.get(url(four))
    client.get(url(four), {"export": "csv"})
    assert DeltagarVisning.objects.count() == 3 and dataversion.current() == before
    Deltagare.objects.filter(insats=four).update(plan_efter=False)
    assert dataversion.current() == before + 1  # a participant's change does raise it


@pytest.mark.django_db(transaction=True)
def test_the_cached_figures_and_filter_form_follow_a_committed_write_and_keep_what_was_typed(settings, client_for, owner_a,
                                                                                              four):
    settings.LIST_FRAGMENT_CACHE = True
    client = client_for(owner_a)

    def figures():
        html = client.get(url(four)).content.decode()
        section = html[html.index('id="siffror-rubrik"'):html.index("</section>")]
        return re.findall(r"<td>([^<]*)</td>", section)

    assert figures()[:3] == ["4", "2", "1"]  # enrolled, ended, to work or studies (2021–2022)
    assert figures()[:3] == ["4", "2", "1"]  # the same, from the cache
    Deltagare.objects.filter(insats=four, utfall="fortsatt_rehab").update(utfall="studier")  # committed, outside a page
    assert figures()[:3] == ["4", "2", "2"]
    for _ in range(2):  # drawn, then from the cache: the typed (wrong) month stays, with its message
        response = client.get(url(four), {"ar": "tjugo"})
        html = response.content.decode()
        assert response.status_code == 400 and 'value="tjugo"' in html and "Filtret används inte" in html


@pytest.mark.django_db(transaction=True)
def test_a_look_outside_a_transaction_is_logged_in_one_statement_that_commits_without_waiting_for_the_disk(owner_a, four):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from uppfoljning import services

    with CaptureQueriesContext(connection) as queries:
        services.deltagare_visning_log(insats=four, user=owner_a)
    assert len(queries) == 1 and "set_config('synchronous_commit', 'off', true)" in queries[0]["sql"]
    assert DeltagarVisning.objects.filter(insats=four, anvandare=owner_a).count() == 1
    with connection.cursor() as cursor:  # the setting was the statement's own transaction's, not the session's
        cursor.execute("SHOW synchronous_commit")
        assert cursor.fetchone()[0] == "on"


def test_inside_a_callers_transaction_a_look_is_logged_with_an_ordinary_commit(owner_a, four):
    from django.db import connection

    from uppfoljning import services

    services.deltagare_visning_log(insats=four, user=owner_a)
    with connection.cursor() as cursor:
        cursor.execute("SHOW synchronous_commit")
        assert cursor.fetchone()[0] == "on"
    assert DeltagarVisning.objects.filter(insats=four, anvandare=owner_a).count() == 1
