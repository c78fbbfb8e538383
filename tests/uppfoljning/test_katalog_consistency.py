"""The public catalogue and statistics: ESF projects are in them, labels not codes, and a chart shows the same
rounded figure as the table beside it."""

import re

from esf.models import EsfProjekt
from insatser.models import Insats


def test_the_documented_esf_projects_stand_in_the_public_catalogue(demo_data, client):
    klara = EsfProjekt.objects.get(namn="KLARA")
    response = client.get(f"/katalog/esf/{klara.pk}/")
    assert response.status_code == 200 and "KLARA" in response.content.decode()
    assert "KLARA" in client.get("/katalog/", {"typ": "esf"}).content.decode()


def test_staff_publish_and_unpublish_an_esf_project(demo_data, client_for, staff, owner_a):
    likes = EsfProjekt.objects.get(namn="Likes")
    assert client_for(owner_a).post(f"/esf/{likes.pk}/publicera/", {"publicerad": "0"}).status_code in (403, 404)
    assert EsfProjekt.objects.get(pk=likes.pk).publicerad
    client_for(staff).post(f"/esf/{likes.pk}/publicera/", {"publicerad": "0"})
    likes.refresh_from_db()
    assert not likes.publicerad and likes.history.first().history_user == staff
    assert client_for(staff).get(f"/katalog/esf/{likes.pk}/").status_code == 404


def test_the_catalogue_shows_the_lansdel_by_its_name_not_its_code(demo_data, client):
    unga = Insats.objects.get(namn="Unga på väg")
    html = client.get(f"/katalog/insatser/{unga.pk}/").content.decode()
    assert "Norra länsdelen" in html
    assert not re.search(r"Länsdel</dt><dd[^>]*>norra", html)


def test_chart_and_table_show_the_same_rounded_thousands(demo_data, client, owner_a, staff, af):
    from tests.factories import granted_insats

    granted_insats(owner_a, staff, af, years=((2030, 8_630_600),))  # 8 630,6 tkr: the table rounds it to 8 631
    html = client.get("/statistik/", {"fran": 2030, "till": 2030}).content.decode().replace("\u00a0", " ")
    assert "8 631 tkr" in html and "8630" not in html


def test_a_year_without_ended_participants_is_a_dash_in_the_chart_as_in_the_table(demo_data, client):
    html = client.get("/statistik/", {"fran": 2024, "till": 2024}).content.decode()
    chart = html.split('id="andel-titel"')[1].split("</svg>")[0]
    assert "0 %" not in chart.replace("\u00a0", " ") and "–" in chart


def test_esf_money_and_participants_stand_in_the_statistics(demo_data, client):
    html = client.get("/statistik/", {"fran": 2021, "till": 2021}).content.decode().replace("\u00a0", " ")
    assert "ESF-medel per år" in html and html.split("<title>")[1].split("</title>")[0].startswith("Statistik –")
    assert html.index("ESF-medel per år") > html.index("<h1>")  # in the page, after the other charts
    # #KlarFramtid 6 500 000 + Likes 3 600 000 + KLARA 2 500 000 = 12 600 tkr in 2021
    assert "12 600" in html
    # Likes and KLARA together: 246 enrolled, 179 ended, 63 to work or studies (35 %)
    esf_table = html.split("ESF-projektens deltagare")[1].split("</table>")[0]
    assert all(figure in esf_table for figure in ("246", "179", "63", "35 %"))
