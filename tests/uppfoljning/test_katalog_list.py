"""The public catalogue's two lists (rar/lists.py): published insatser and published ESF projects under one search
form, each sorted by a click on its headers and paged on its own, exported as its table's rows."""

import datetime

import pytest
from django.test import Client

from esf import services as esf_services
from insatser.models import Insats
from tests.insatser.test_views import make_insatser
from tests.lists import assert_export_has_the_tables_rows, count_queries, read_csv, read_table
from tests.uppfoljning.test_katalog import grant, published, submitted_report  # noqa: F401 (fixture)

D = datetime.date


@pytest.fixture
def catalogue(published, owner_a, owner_b, staff, af, org_a):  # noqa: F811
    """Three published insatser (one of org B, from 2019), one unpublished, and two published ESF projects."""
    grant(owner_b, staff, af, "Ungdomsspåret", "Coachning för varje ungdom som står utanför.",
          years=((2025, 900_000), (2026, 900_000)))
    grant(owner_a, staff, af, "Coachning för vuxna", "Arbetsträning.", years=((2019, 100_000),))
    grant(owner_a, staff, af, "Hemlig insats", "Inte klar för offentligheten.", publish=False)
    for namn, start, syfte in (("KLARA", D(2021, 1, 1), "Unga till arbete."), ("Likes", D(2018, 1, 1), "Jämställdhet.")):
        projekt = esf_services.projekt_create(user=staff, namn=namn, roll="medfinansiar", agare=org_a, parter=[af], syfte=syfte,
                                              period_start=start, period_slut=start.replace(year=start.year + 2))
        esf_services.projekt_publish(projekt=projekt, user=staff, publicerad=True)
    return published


def html_of(client=None, **params):
    return (client or Client()).get("/katalog/", params).content.decode()


def test_the_insatser_list_shows_public_columns_only(catalogue):
    html = html_of()
    table = read_table(html)
    assert table.headers == ["Insats", "Syfte", "Insatsägare", "Parter", "Period", "Status", "Beviljat (kr)", "Resultat"]
    assert "Hemlig insats" not in html and catalogue.arende.diarienummer not in html
    row = {r[0]: r for r in table.rows}["Unga på väg"]
    assert row[2:] == ["Nyköpings kommun", "Arbetsförmedlingen", "2025-01-01 – 2026-12-31", "Pågående", "750 000 kr", "–"]
    esf = read_table(html, "lista-esf")
    assert esf.headers == ["Projekt", "Syfte", "Projektägare", "Förbundets roll", "Period", "Status", "Budget (kr)"]
    assert esf.column("Projekt") == ["KLARA", "Likes"]  # the latest start first


def test_without_a_search_the_latest_start_comes_first(catalogue):
    table = read_table(html_of())
    assert table.column("Insats") == ["Ungdomsspåret", "Unga på väg", "Coachning för vuxna"] and table.sort == {}


def test_a_search_puts_the_best_match_first_and_finds_swedish_word_forms(catalogue):
    # in the name of the one begun in 2019, in the purpose of the one of 2025: the name weighs more
    assert read_table(html_of(q="coachning")).column("Insats") == ["Coachning för vuxna", "Ungdomsspåret"]
    assert set(read_table(html_of(q="ungdomar")).column("Insats")) == {"Unga på väg", "Ungdomsspåret"}  # ungdom
    assert read_table(html_of(q="unga"), "lista-esf").column("Projekt") == ["KLARA"]


def test_a_click_on_a_header_sorts_that_list_ascending_then_descending(catalogue):
    client = Client()
    first = read_table(html_of(client))
    ascending = read_table(client.get("/katalog/" + first.links["Insats"]).content.decode())
    assert ascending.column("Insats") == ["Coachning för vuxna", "Unga på väg", "Ungdomsspåret"]
    assert ascending.sort == {"Insats": "ascending"}
    descending = read_table(client.get("/katalog/" + ascending.links["Insats"]).content.decode())
    assert descending.column("Insats") == ["Ungdomsspåret", "Unga på väg", "Coachning för vuxna"]
    assert descending.sort == {"Insats": "descending"}
    by_money = read_table(html_of(client, ordning="-beviljat_summa"))
    assert by_money.column("Insats") == ["Ungdomsspåret", "Unga på väg", "Coachning för vuxna"]


def test_each_list_keeps_its_own_order(catalogue):
    html = html_of(ordning="namn", **{"esf-ordning": "-namn"})
    assert read_table(html).column("Insats")[0] == "Coachning för vuxna"
    esf = read_table(html, "lista-esf")
    assert esf.column("Projekt") == ["Likes", "KLARA"] and esf.sort == {"Projekt": "descending"}
    assert esf.links["Projekt"] == "?ordning=namn&esf-ordning=namn"  # the other list's order stays
    insatser = read_table(html)
    assert insatser.links["Insats"] == "?esf-ordning=-namn&ordning=-namn"


def test_the_filters_narrow_the_insatser_and_hide_the_esf_projects_where_they_do_not_apply(catalogue):
    assert read_table(html_of(ar=2019)).column("Insats") == ["Coachning för vuxna"]
    assert read_table(html_of(ar=2019), "lista-esf").column("Projekt") == ["Likes"]  # 2018–2020
    html = html_of(status="pagaende")
    assert 'id="lista"' in html and 'id="lista-esf"' not in html  # ESF projects have no insats status
    assert 'id="lista"' not in html_of(typ="esf") and 'id="lista-esf"' not in html_of(typ="insatser")
    assert "Ingen publicerad insats matchar ”pensionärer”." in html_of(q="pensionärer")


def test_a_garbled_filter_is_a_400_that_still_lists(catalogue):
    response = Client().get("/katalog/", {"ar": "nittonhundra"})
    assert response.status_code == 400 and read_table(response.content.decode()).count == 3


def test_the_csv_export_of_each_list_holds_its_tables_rows(catalogue):
    client = Client()
    params = {"q": "unga", "ordning": "-namn"}
    html = html_of(client, **params)
    insatser = read_csv(client.get("/katalog/", {**params, "export": "csv"}))
    assert "Syfte" in insatser[0] and "Diarienummer" not in insatser[0]
    assert_export_has_the_tables_rows(read_table(html), insatser, ignore=("Syfte",))  # the table shortens it
    esf = read_csv(client.get("/katalog/", {**params, "esf-export": "csv"}))
    assert esf[0][-3:] == ["Deltagare", "Avslutade", "Till arbete eller studier"]
    assert_export_has_the_tables_rows(read_table(html, "lista-esf"), esf, ignore=("Syfte",))


def published_insatser(count, owner_org, partner, user):
    make_insatser(count, owner_org, partner, user)
    Insats.objects.update(publicerad=True)


def test_each_list_has_25_rows_a_page_and_pages_on_its_own(org_a, af, staff):
    published_insatser(27, org_a, af, staff)
    client = Client()
    html = html_of(client, ordning="namn")
    first = read_table(html)
    assert first.count == 27 and len(first.rows) == 25 and 'href="?ordning=namn&amp;sida=2"' in html
    names = sorted(Insats.objects.values_list("namn", flat=True))
    assert first.column("Insats") == names[:25]
    assert read_table(html_of(client, ordning="namn", sida=2)).column("Insats") == names[25:]
    assert read_table(html_of(client, ordning="namn", sida=2, **{"esf-sida": 3})).count == 27  # the other list's page


def test_an_htmx_request_of_one_list_gets_that_table_and_of_the_form_both(catalogue):
    client = Client()
    one = client.get("/katalog/", {"esf-ordning": "namn"}, HTTP_HX_REQUEST="true", HTTP_HX_TARGET="lista-esf")
    assert one.content.decode().lstrip().startswith('<div id="lista-esf"') and "Vary" in one.headers
    assert "HX-Target" in one["Vary"]
    both = client.get("/katalog/", {"q": "coachning"}, HTTP_HX_REQUEST="true", HTTP_HX_TARGET="katalog").content.decode()
    assert both.lstrip().startswith("<div id=\"katalog\"") and "<h1>" not in both
    assert read_table(both).column("Insats") == ["Coachning för vuxna", "Ungdomsspåret"]
    assert read_table(both, "lista-esf").count == 0 and "Inget publicerat ESF-projekt matchar ”coachning”." in both


def test_the_catalogue_costs_the_same_queries_for_few_and_many_rows(org_a, af, staff):
    published_insatser(1, org_a, af, staff)
    few = count_queries(Client(), "/katalog/", {"q": "insats"})
    published_insatser(30, org_a, af, staff)
    assert count_queries(Client(), "/katalog/", {"q": "insats"}) == few


@pytest.mark.parametrize("params", [
    {"ordning": "-referens_hash"}, {"ordning": "x" * 300}, {"sida": "-1"}, {"sida": "999"}, {"esf-sida": "abc"},
    {"export": "pdf"}, {"esf-export": "csv", "typ": "insatser"}, {"typ": "allt"}, {"ar": "99999"}, {"q": "ö" * 300},
    {"q": "unga & | ! (("}, {"malgrupp": "okänd", "lansdel": "lan"},
])
def test_garbled_parameters_never_break_the_catalogue(catalogue, params):
    response = Client().get("/katalog/", params)
    assert response.status_code in (200, 400) and response["Content-Type"].startswith("text/html")


def test_an_approved_report_gives_the_row_its_outcome_in_the_table_and_the_export(published, owner_a, staff):  # noqa: F811
    from insatser import services

    rapport = submitted_report(published, owner_a, staff)
    assert read_table(html_of()).column("Resultat") == ["–"]  # submitted, not approved: not published
    services.lagesrapport_review(rapport=rapport, user=staff, godkann=True)
    assert read_table(html_of()).column("Resultat") == [
        "17 deltagare, 5 avslutade, varav 3 till arbete eller studier (lägesrapporter)"]
    headers, rows = read_csv(Client().get("/katalog/", {"export": "csv"}))
    assert rows[0][headers.index("Resultat enligt"):] == ["Lägesrapporter", "17", "5", "3"]


def test_the_purpose_column_shows_the_first_twenty_words_and_an_ellipsis():
    from uppfoljning.lists import KATALOG_INSATSER

    text = KATALOG_INSATSER.column("syfte").text
    assert text(" ".join(f"ord{n}" for n in range(25))) == " ".join(f"ord{n}" for n in range(20)) + "…"
    assert text("Stöd  till\nunga vuxna") == "Stöd till unga vuxna" and text("") == "–"


def test_each_call_for_the_catalogues_rows_gets_a_queryset_of_its_own(db):
    from uppfoljning import katalog

    narrowed = katalog.insats_rows().filter(pk=-1)
    assert katalog.insats_rows() is not narrowed
    assert "-1" not in str(katalog.insats_rows().query) and katalog.insats_rows().query is not katalog.insats_rows().query
