"""The notice board's archive (rar/lists.py): earlier notices as a public list, sorted by a click on a header,
filtered by body and year, 25 a page, exported as the table's rows."""

import datetime

import pytest
from django.test import Client
from django.utils import timezone

from rar.models import Organ, Paragraf, Sammantrade
from tests.lists import assert_export_has_the_tables_rows, count_queries, read_csv, read_table

D = datetime.date
WEEKS_3 = datetime.timedelta(weeks=3)


def archived(organ, day, paragraphs=(1, 2), plats="Förbundets kansli"):
    """A meeting held on `day` whose notice went up two days later and came down three weeks after that."""
    meeting = Sammantrade.objects.create(
        organ=organ, datum=day, tid_fran=datetime.time(13), status=Sammantrade.Status.ANSLAGET, forvaringsplats=plats,
        justerat_tid=timezone.make_aware(datetime.datetime.combine(day + datetime.timedelta(days=1), datetime.time(23, 30))),
        anslag_uppsatt=day + datetime.timedelta(days=2), anslag_nedtas=day + datetime.timedelta(days=2) + WEEKS_3)
    Paragraf.objects.bulk_create([Paragraf(sammantrade=meeting, organ=organ, ar=day.year, nummer=n, ordning=n, typ="information",
                                           rubrik=f"Punkt {n}") for n in paragraphs])
    return meeting


@pytest.fixture
def three(db):
    styrelse = Organ.objects.create(namn="Förbundsstyrelsen", typ=Organ.Typ.STYRELSE)
    au = Organ.objects.create(namn="Arbetsutskottet", typ=Organ.Typ.ARBETSUTSKOTT)
    return (archived(styrelse, D(2024, 3, 4), paragraphs=(11, 12, 13)), archived(au, D(2024, 9, 2), paragraphs=(5,)),
            archived(styrelse, D(2025, 2, 10), paragraphs=(1, 2), plats="Flens kommunhus"))


def test_the_archive_lists_the_public_columns_of_each_notice(three):
    html = Client().get("/anslagstavla/arkiv/").content.decode()
    table = read_table(html)
    assert table.headers == ["Organ", "Sammanträdesdatum", "Paragrafer", "Protokollet justerat", "Anslaget", "Nedtaget",
                             "Protokollet förvaras", "Protokoll"]
    assert table.rows[-1] == ["Förbundsstyrelsen", "2024-03-04", "§§ 11–13", "2024-03-05", "2024-03-06", "2024-03-27",
                              "Förbundets kansli", "Protokollet som PDF"]
    assert table.rows[1][2] == "§ 5" and f'href="/anslagstavla/{three[0].pk}/protokoll/"' in html


def test_the_latest_notice_comes_first_and_a_header_sorts_both_ways(three):
    client = Client()
    first = read_table(client.get("/anslagstavla/arkiv/").content.decode())
    assert first.column("Sammanträdesdatum") == ["2025-02-10", "2024-09-02", "2024-03-04"] and first.sort == {"Anslaget": "descending"}
    ascending = read_table(client.get("/anslagstavla/arkiv/" + first.links["Organ"]).content.decode())
    assert ascending.column("Organ") == ["Arbetsutskottet", "Förbundsstyrelsen", "Förbundsstyrelsen"]
    assert ascending.sort == {"Organ": "ascending"}
    descending = read_table(client.get("/anslagstavla/arkiv/" + ascending.links["Organ"]).content.decode())
    assert descending.column("Organ") == ["Förbundsstyrelsen", "Förbundsstyrelsen", "Arbetsutskottet"]
    assert descending.column("Sammanträdesdatum")[:2] == ["2025-02-10", "2024-03-04"]  # ties: the later one first
    assert descending.sort == {"Organ": "descending"}


def test_the_archive_filters_by_body_and_year_of_the_meeting(three):
    styrelse = Organ.objects.get(namn="Förbundsstyrelsen")

    def dates(**params):
        return read_table(Client().get("/anslagstavla/arkiv/", params).content.decode()).column("Sammanträdesdatum")

    assert dates(organ=styrelse.pk) == ["2025-02-10", "2024-03-04"]
    assert dates(ar=2024) == ["2024-09-02", "2024-03-04"]
    assert dates(organ=styrelse.pk, ar=2025) == ["2025-02-10"]
    assert dates(organ="999999") == ["2025-02-10", "2024-09-02", "2024-03-04"]  # not a body: an error, no filter


def test_the_csv_export_holds_the_tables_rows(three):
    client = Client()
    params = {"ar": 2024, "ordning": "datum"}
    table = read_table(client.get("/anslagstavla/arkiv/", params).content.decode())
    export = read_csv(client.get("/anslagstavla/arkiv/", {**params, "export": "csv"}))
    assert export[0] == table.headers[:-1]  # the link to the PDF is the table's only
    assert_export_has_the_tables_rows(table, export)


def test_a_notice_still_on_the_board_is_not_in_the_archive(three):
    organ = Organ.objects.get(namn="Arbetsutskottet")
    archived(organ, timezone.localdate() - datetime.timedelta(days=3))
    assert read_table(Client().get("/anslagstavla/arkiv/").content.decode()).count == 3


def test_the_archive_has_25_notices_a_page(db):
    organ = Organ.objects.create(namn="Förbundsstyrelsen", typ=Organ.Typ.STYRELSE)
    for n in range(27):
        archived(organ, D(2020, 1, 6) + datetime.timedelta(weeks=n), paragraphs=(n + 1,))
    client = Client()
    html = client.get("/anslagstavla/arkiv/").content.decode()
    table = read_table(html)
    assert table.count == 27 and len(table.rows) == 25 and 'aria-label="Sida 2"' in html
    assert read_table(client.get("/anslagstavla/arkiv/", {"sida": 2}).content.decode()).column("Paragrafer") == ["§ 2", "§ 1"]


def test_the_archive_costs_the_same_queries_for_few_and_many_notices(db):
    organ = Organ.objects.create(namn="Förbundsstyrelsen", typ=Organ.Typ.STYRELSE)
    archived(organ, D(2019, 1, 7), paragraphs=(1, 2))
    few = count_queries(Client(), "/anslagstavla/arkiv/")
    for n in range(1, 40):
        archived(organ, D(2019, 1, 7) + datetime.timedelta(weeks=n), paragraphs=(3 * n, 3 * n + 1, 3 * n + 2))
    assert count_queries(Client(), "/anslagstavla/arkiv/") == few
