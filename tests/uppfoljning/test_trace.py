"""Every figure traceable: each linked figure of the member report, the annual follow-up and the result sheet leads
to a list whose count, sum or share is the figure; access follows the rows."""

import html as html_lib
import re

import pytest
from django.contrib.auth import get_user_model

from insatser.models import Insats
from rar.models import Organisation
from uppfoljning.models import DeltagarVisning

LINK = re.compile(r'<a class="spar" href="([^"]+)" data-varde="([^"]*)" data-jamfor="(\w+)"')
SUMMARY = re.compile(r'<p id="underlag-summa"([^>]*)>')


@pytest.fixture
def kansli(demo_data, client):
    client.force_login(get_user_model().objects.get(username="kansli"))
    return client


def links(page: str):
    return [(html_lib.unescape(href), value, measure) for href, value, measure in LINK.findall(page)]


def follow_every_link(client, page: str) -> int:
    found = links(page)
    wrong = []
    for href, value, measure in found:
        response = client.get(href)
        assert response.status_code == 200, href
        attributes = dict(re.findall(r'data-(\w+)="([^"]*)"', SUMMARY.search(response.content.decode()).group(1)))
        key = {"antal": "antal", "summa": "summa", "andel": "andel", "projekt": "projekt"}[measure]
        if attributes[key] != value:
            wrong.append(f"{href}: the figure is {value}, the list's {key} is {attributes[key]}")
    assert wrong == []
    return len(found)


def test_every_figure_of_the_annual_follow_up_leads_to_a_list_that_gives_it(kansli):
    page = kansli.get("/uppfoljning/arsuppfoljning/", {"ar": 2021}).content.decode()
    assert follow_every_link(kansli, page) >= 40
    assert '>263</a>' in page and '>156</a>' in page and '>60</a>' in page


def test_every_figure_of_the_result_sheet_leads_to_a_list_that_gives_it(kansli):
    slussen = Insats.objects.get(namn="SLUSSEN")
    page = kansli.get(f"/uppfoljning/insatser/{slussen.pk}/resultatblad/").content.decode()
    assert follow_every_link(kansli, page) >= 20


def test_every_figure_of_the_member_report_leads_to_a_list_that_gives_it(kansli):
    region = Organisation.objects.get(namn="Region Sörmland")
    page = kansli.get("/uppfoljning/medlemsrapport/", {"organisation": region.pk, "fran": 2019, "till": 2021}).content.decode()
    count = follow_every_link(kansli, page)
    assert count >= 40
    figures = {value for _, value, _ in links(page)}
    assert {"12000000", "23568630", "26400000"} <= figures  # the seed's 12 / 23,45 / 26,4 mnkr, each with its list


def test_the_participant_list_shows_anonymous_rows_and_is_logged(kansli):
    slussen = Insats.objects.get(namn="SLUSSEN")
    before = DeltagarVisning.objects.filter(insats=slussen).count()
    response = kansli.get("/uppfoljning/underlag/deltagare/", {"insats": slussen.pk, "fran": 2021, "matt": "avslutade"})
    text = response.content.decode()
    assert 'data-antal="16"' in text and 'data-arbete="6"' in text and "Referens (hash)" in text and "Månader" in text
    assert DeltagarVisning.objects.filter(insats=slussen).count() == before + 1


def test_a_board_member_sees_the_money_lists_but_not_participant_rows(demo_data, client):
    client.force_login(get_user_model().objects.get(username="styrelse"))
    page = client.get("/uppfoljning/arsuppfoljning/", {"ar": 2021}).content.decode()
    kinds = {re.search(r"/underlag/(\w+)/", href).group(1) for href, _, _ in links(page)}
    assert "deltagare" not in kinds and "medel" in kinds
    follow_every_link(client, page)
    assert client.get("/uppfoljning/underlag/deltagare/", {"urval": "individ", "fran": 2021}).status_code == 404


def test_an_owner_traces_their_own_participants_only(demo_data, client):
    client.force_login(get_user_model().objects.get(username="agare"))  # Nyköpings kommun owns SLUSSEN
    slussen, unga = Insats.objects.get(namn="SLUSSEN"), Insats.objects.get(namn="Unga på väg")  # Unga: Eskilstuna
    page = client.get(f"/uppfoljning/insatser/{slussen.pk}/resultatblad/").content.decode()
    assert "/underlag/deltagare/" in page
    follow_every_link(client, page)
    assert client.get("/uppfoljning/underlag/deltagare/", {"insats": unga.pk, "fran": 2021}).status_code == 404
    both = client.get("/uppfoljning/underlag/deltagare/", {"insats": [slussen.pk, unga.pk], "fran": 2021})
    assert both.status_code == 404  # never a partial list whose count would differ from the figure


def test_a_garbled_list_request_is_a_400(kansli):
    assert kansli.get("/uppfoljning/underlag/deltagare/", {"insats": "x", "fran": 2021}).status_code == 400
    assert kansli.get("/uppfoljning/underlag/medel/", {"fran": "abc"}).status_code == 400
    assert kansli.get("/uppfoljning/underlag/okand/", {"fran": 2021}).status_code == 404
