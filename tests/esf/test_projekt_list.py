"""The ESF projects list (rar/lists.py): sorted by a click on a header, filtered by a plain form, 25 rows a page,
and an export that holds the table's rows."""

import datetime

import pytest

from esf import services
from tests.esf.test_esf import project
from tests.lists import assert_export_has_the_tables_rows, count_queries, read_csv, read_table

D = datetime.date


@pytest.fixture
def three(staff, org_a, org_b, af):
    """Three projects: one the federation owns, one of org A extended to 2024, one of org B, each with ESF money."""
    agd = project(staff, org_a, af, namn="Bergsprojektet", roll="agare", agare=None, period_start=D(2019, 1, 1),
                  period_slut=D(2020, 12, 31))
    unga = project(staff, org_a, af, namn="Unga i arbete", period_start=D(2021, 1, 1), period_slut=D(2022, 12, 31))
    unga = services.projekt_bevilja(projekt=services.projekt_skicka(projekt=unga, user=staff), user=staff)
    unga = services.projekt_forlang(projekt=unga, user=staff, till=D(2024, 6, 30))
    andra = project(staff, org_b, af, namn="Andra chansen", period_start=D(2023, 1, 1), period_slut=D(2025, 12, 31))
    for row, year, amount in ((agd, 2019, 300_000), (unga, 2021, 2_000_000), (andra, 2023, 1_000_000)):
        services.pengar_save(projekt=row, user=staff, ar=year, esf_medel=amount)
    return agd, unga, andra


def test_the_list_shows_owner_parties_extended_end_and_esf_money_per_project(client_for, staff, three):
    table = read_table(client_for(staff).get("/esf/").content.decode())
    assert table.headers == ["Diarienummer", "Projekt", "Förbundets roll", "Projektägare", "Parter", "Från", "Till",
                             "ESF-medel (kr)", "Status"]
    rows = {row[1]: row for row in table.rows}
    assert rows["Bergsprojektet"][3] == "Samordningsförbundet" and rows["Bergsprojektet"][2] == "Projektägare"
    assert rows["Unga i arbete"][3:8] == ["Nyköpings kommun", "Arbetsförmedlingen", "2021-01-01", "2024-06-30", "2 000 000 kr"]
    assert rows["Unga i arbete"][8] == "Beviljad" and rows["Andra chansen"][3] == "Eskilstuna kommun"


def test_the_default_order_is_the_latest_start_first(client_for, staff, three):
    table = read_table(client_for(staff).get("/esf/").content.decode())
    assert table.column("Projekt") == ["Andra chansen", "Unga i arbete", "Bergsprojektet"]
    assert table.sort == {"Från": "descending"}


def test_a_click_on_a_header_sorts_by_it_ascending_then_descending(client_for, staff, three):
    client = client_for(staff)
    first = read_table(client.get("/esf/").content.decode())
    assert first.links["Projektägare"] == "?ordning=agare_namn"
    ascending = read_table(client.get("/esf/" + first.links["Projektägare"]).content.decode())
    assert ascending.column("Projektägare") == ["Eskilstuna kommun", "Nyköpings kommun", "Samordningsförbundet"]
    assert ascending.sort == {"Projektägare": "ascending"}
    descending = read_table(client.get("/esf/" + ascending.links["Projektägare"]).content.decode())
    assert descending.column("Projektägare") == ["Samordningsförbundet", "Nyköpings kommun", "Eskilstuna kommun"]
    assert descending.sort == {"Projektägare": "descending"}
    by_money = read_table(client.get("/esf/", {"ordning": "-esf_totalt"}).content.decode())
    assert by_money.column("Projekt") == ["Unga i arbete", "Andra chansen", "Bergsprojektet"]


def test_an_unknown_sort_column_falls_back_to_the_default_order(client_for, staff, three):
    table = read_table(client_for(staff).get("/esf/", {"ordning": "referens_hash"}).content.decode())
    assert table.column("Projekt") == ["Andra chansen", "Unga i arbete", "Bergsprojektet"]


def test_the_projects_filter_by_text_status_role_and_a_year_the_extension_reaches(client_for, staff, three):
    client = client_for(staff)

    def names(**params):
        return read_table(client.get("/esf/", params).content.decode()).column("Projekt")

    assert names(q="unga") == ["Unga i arbete"]
    assert names(status="beviljad") == ["Unga i arbete"]
    assert names(roll="agare") == ["Bergsprojektet"]
    assert names(ar=2024) == ["Andra chansen", "Unga i arbete"]  # ended 2022, extended to 2024
    assert names(ar=2020) == ["Bergsprojektet"]
    assert names(ar="inte ett år") == ["Andra chansen", "Unga i arbete", "Bergsprojektet"]  # an error, no filter


def test_the_csv_export_holds_the_tables_rows_for_the_same_filter_and_order(client_for, staff, three):
    client = client_for(staff)
    params = {"ar": 2022, "ordning": "namn"}
    table = read_table(client.get("/esf/", params).content.decode())
    export = read_csv(client.get("/esf/", {**params, "export": "csv"}))
    assert table.count == 1 and export[0][:3] == ["Diarienummer", "Projekt", "ESF-rådets diarienummer"]
    assert_export_has_the_tables_rows(table, export)
    everything = read_table(client.get("/esf/", {"ordning": "-slutar"}).content.decode())
    assert_export_has_the_tables_rows(everything, read_csv(client.get("/esf/", {"ordning": "-slutar", "export": "csv"})))


def test_an_owner_lists_and_exports_only_projects_of_their_organisation(client_for, owner_b, three):
    client = client_for(owner_b)
    table = read_table(client.get("/esf/").content.decode())
    assert table.column("Projekt") == ["Andra chansen"]
    assert [row[1] for row in read_csv(client.get("/esf/", {"export": "csv"}))[1]] == ["Andra chansen"]


def test_the_list_shows_25_projects_a_page_with_page_links(client_for, staff, org_a, af):
    for n in range(27):
        project(staff, org_a, af, namn=f"P{n:02}")
    client = client_for(staff)
    html = client.get("/esf/", {"ordning": "namn"}).content.decode()
    first = read_table(html)
    assert first.count == 27 and len(first.rows) == 25 and first.column("Projekt")[0] == "P00"
    assert 'href="?ordning=namn&amp;sida=2"' in html and 'aria-current="page"' in html
    second = read_table(client.get("/esf/", {"ordning": "namn", "sida": 2}).content.decode())
    assert second.column("Projekt") == ["P25", "P26"]


def test_an_htmx_request_gets_the_table_alone(client_for, staff, three):
    response = client_for(staff).get("/esf/", {"q": "unga"}, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="lista"') and "<h1>" not in html
    assert read_table(html).column("Projekt") == ["Unga i arbete"]


def test_the_page_costs_the_same_queries_for_few_and_many_projects(client_for, staff, org_a, af):
    client = client_for(staff)
    project(staff, org_a, af, namn="P0")
    few = count_queries(client, "/esf/", {"status": "ide"})
    for n in range(1, 30):
        project(staff, org_a, af, namn=f"P{n}")
    assert count_queries(client, "/esf/", {"status": "ide"}) == few


def test_filtering_keeps_the_order_the_table_has_and_starts_at_its_first_page(client_for, staff, three):
    html = client_for(staff).get("/esf/", {"ordning": "namn", "sida": 1, "q": "a"}).content.decode()
    form = html.split('<form method="get" id="filtrera"')[1].split(">")[0]
    assert 'hx-get="/esf/"' in form  # the form's fields alone, not the address's (a page, an order of before)
    table = html.split('id="lista"')[1]
    assert '<input type="hidden" form="filtrera" name="ordning" value="namn">' in table  # drawn again with the table
    assert 'name="sida"' not in html


def test_a_rows_link_opens_its_page_and_is_not_drawn_into_the_table(client_for, staff, three):
    html = client_for(staff).get("/esf/").content.decode()
    assert '<tbody hx-boost="false">' in html.split('id="lista"')[1]
