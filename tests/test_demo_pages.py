"""The demo data as a new user meets it: every main page opens for every demo role, with no server error."""

from io import StringIO

import pytest
from django.contrib.auth import get_user_model

from insatser.models import Ansokan, Avtal, Insats, Lagesrapport
from rar import demo
from rar.models import Arende, Organisation


@pytest.fixture
def demo_data(db):
    demo.load(StringIO())


def urls():
    insats = Insats.objects.get(namn="Vägen vidare")
    ansokan = Ansokan.objects.get(titel="Steg in i arbetslivet")
    return [
        "/", "/diarium/", f"/diarium/{insats.arende_id}/", "/medlemmar/",
        f"/medlemmar/{Organisation.objects.get(namn='Nyköpings kommun').pk}/", "/medlemsbidrag/2021/", "/budget/",
        "/ansokningar/", f"/ansokningar/{ansokan.pk}/", f"/ansokningar/{insats.ansokan_id}/", "/insatser/",
        f"/insatser/{insats.pk}/", f"/lagesrapporter/{insats.lagesrapporter.order_by('forfaller').first().pk}/",
        f"/avtal/{Avtal.objects.get(ansokan=insats.ansokan).pk}/pdf/",
    ]


@pytest.mark.parametrize("username", ["kansli", "styrelse", "agare", "agare2", "utvarderare", "lasare"])
def test_every_main_page_opens_for_every_demo_role(client, demo_data, username):
    client.force_login(get_user_model().objects.get(username=username))
    for url in urls():
        response = client.get(url)
        assert response.status_code in (200, 404), (url, response.status_code)
    assert client.get("/insatser/").status_code == 200


def test_demo_holds_the_seed_insatser_and_the_five_grants_of_2020_09_18(demo_data):
    granted = dict(
        Ansokan.objects.filter(beslutsdatum="2020-09-18").values_list("titel", "beviljat_belopp")
    )
    assert granted == {
        "Jämställd vård i egen regi": 500_000, "NUVAS": 1_764_000, "SLUSSEN": 4_047_000, "Steget före": 1_581_630,
        "Rätt Insats 2.0": 2_000_000,
    }
    assert sum(granted.values()) == 9_892_630
    assert Insats.objects.count() == 13
    assert Arende.objects.filter(typ="ansokan").count() == 16  # 12 from the seeds, Vägen vidare, 3 current


def test_demo_has_reports_in_different_states(demo_data):
    states = set(Lagesrapport.objects.values_list("status", flat=True))
    assert {"godkand", "ej_inlamnad"} <= states


def test_demo_tuna_counts_1_5_mnkr_for_2019(demo_data):
    tuna = Insats.objects.get(namn="TUNA")
    assert tuna.beviljat.get(ar=2019).belopp == 1_500_000
    assert sum(tuna.beviljat.values_list("belopp", flat=True)) == 23_800_000
