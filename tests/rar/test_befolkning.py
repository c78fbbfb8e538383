"""Population aged 16–64 and the budget lines are entered on staff pages; population also comes from SCB's CSV."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from rar.models import Befolkning, Budgetpost, Medlemsbidrag, Organisation
from rar.scb import parse_population
from tests.factories import OrganisationFactory

AGES = range(0, 101)


def wide_csv(rows_per_region, years=(2025, 2026)):
    """SCB's export with years as columns: title, blank line, header, one row per region and one-year age."""
    lines = ['"Folkmängden efter region, ålder och år"', "", '"region","ålder",' + ",".join(f'"{y}"' for y in years)]
    for region, per_age in rows_per_region.items():
        for age in AGES:
            label = "100+ år" if age == 100 else f"{age} år"
            if age in per_age:
                lines.append(f'"{region}","{label}",' + ",".join(str(per_age[age] + i) for i, _ in enumerate(years)))
    lines.append('"04 Södermanlands län","totalt ålder",' + ",".join("300000" for _ in years))
    return "\n".join(lines).encode("cp1252")


@pytest.fixture
def members(db):
    OrganisationFactory(namn="Försäkringskassan", typ="stat", lansdel="", betalar_statens_andel=True)
    OrganisationFactory(namn="Region Sörmland", typ="region", lansdel="")
    nykoping = OrganisationFactory(namn="Nyköpings kommun", typ="kommun", lansdel="ostra", kommunkod="0480")
    eskilstuna = OrganisationFactory(namn="Eskilstuna kommun", typ="kommun", lansdel="norra")  # no code: matched by name
    return nykoping, eskilstuna


def test_the_parser_sums_ages_16_to_64_per_municipality_and_year():
    data = wide_csv({"0480 Nyköping": {age: 600 for age in AGES}})
    found = {(r.kod, r.ar): r.antal for r in parse_population(data)}
    # 49 one-year ages of 600 (2025) and of 601 (2026); ages 0–15 and 65+ are left out, as is the county.
    assert found == {("0480", 2025): 49 * 600, ("0480", 2026): 49 * 601}


def test_a_long_file_with_a_year_column_is_read_too():
    lines = ["region;ålder;år;Folkmängd"] + [f"0480 Nyköping;{age} år;2025;{100 + age}" for age in AGES]
    found = parse_population("\n".join(lines).encode("utf-8"))
    assert [(r.kod, r.ar, r.antal) for r in found] == [("0480", 2025, sum(100 + age for age in range(16, 65)))]


def test_an_scb_file_is_previewed_and_saved_only_when_confirmed(members, client_for, staff):
    nykoping, eskilstuna = members
    data = wide_csv({"0480 Nyköping": {age: 600 for age in AGES}, "0484 Eskilstuna": {age: 1000 for age in AGES},
                     "0486 Strängnäs": {age: 400 for age in AGES}})
    client = client_for(staff)
    preview = client.post("/medlemsbidrag/befolkning/import/", {"fil": SimpleUploadedFile("scb.csv", data), "kalla": "SCB 2026"})
    html = preview.content.decode().replace("\u00a0", " ")
    assert preview.status_code == 200 and "Förhandsgranskning" in html
    assert "29 400" in html and "49 000" in html and "Ignoreras (ingen medlemskommun): 0486 Strängnäs 2025" in html
    assert not Befolkning.objects.exists()
    token = html.split('name="rader" value="')[1].split('"')[0]
    response = client.post("/medlemsbidrag/befolkning/import/", {"rader": token, "bekrafta": "1"})
    assert response.status_code == 302
    saved = {(b.organisation.namn, b.ar): b.antal_16_64 for b in Befolkning.objects.select_related("organisation")}
    assert saved == {("Nyköpings kommun", 2025): 29_400, ("Nyköpings kommun", 2026): 29_449,
                     ("Eskilstuna kommun", 2025): 49_000, ("Eskilstuna kommun", 2026): 49_049}
    assert Befolkning.objects.first().history.first().history_user == staff


def test_a_tampered_preview_is_refused(members, client_for, staff):
    response = client_for(staff).post("/medlemsbidrag/befolkning/import/", {"rader": "forfalskat", "bekrafta": "1"})
    assert response.status_code == 302 and not Befolkning.objects.exists()


def test_a_file_missing_ages_between_16_and_64_cannot_be_saved(members, client_for, staff):
    data = wide_csv({"0480 Nyköping": {age: 600 for age in AGES if age != 40}})
    response = client_for(staff).post("/medlemsbidrag/befolkning/import/", {"fil": SimpleUploadedFile("scb.csv", data), "kalla": "SCB"})
    html = response.content.decode()
    assert response.status_code == 400 and "saknar 1 ålder (t.ex. 40 år)" in html and 'name="rader"' not in html


def test_a_file_that_is_not_from_scb_is_refused_with_a_message(members, client_for, staff):
    response = client_for(staff).post("/medlemsbidrag/befolkning/import/", {
        "fil": SimpleUploadedFile("x.csv", b"namn;belopp\nA;1\n"), "kalla": "SCB"})
    assert response.status_code == 400 and "ser inte ut som en export från SCB" in response.content.decode()


def test_a_file_in_neither_utf8_nor_windows_1252_is_refused_with_a_message(members, client_for, staff):
    response = client_for(staff).post("/medlemsbidrag/befolkning/import/", {
        "fil": SimpleUploadedFile("scb.csv", b"\x8d"), "kalla": "SCB"})
    assert response.status_code == 400 and "varken UTF-8 eller Windows-1252" in response.content.decode()
    assert not Befolkning.objects.exists()


def test_staff_enter_the_population_and_the_years_split_follows(members, client_for, staff):
    nykoping, eskilstuna = members
    Medlemsbidrag.objects.create(ar=2026, totalt=16_000_000)
    client = client_for(staff)
    missing = client.get("/medlemsbidrag/2026/").content.decode()
    assert "Befolkning 16–64 år saknas" in missing and 'href="/medlemsbidrag/2026/befolkning/"' in missing
    response = client.post("/medlemsbidrag/2026/befolkning/", {f"org_{nykoping.pk}": 30_000, f"org_{eskilstuna.pk}": 10_000,
                                                                "kalla": "SCB 2025-12-31"})
    assert response.status_code == 302
    html = client.get("/medlemsbidrag/2026/").content.decode().replace("\u00a0", " ").replace("\u202f", " ")
    assert "3 000 000 kr" in html and "1 000 000 kr" in html  # the municipalities' 4 000 000 kr split 3 : 1


def test_only_staff_enter_population_and_budget_lines(members, client_for, owner_a, board_member):
    nykoping, _ = members
    for user in (owner_a, board_member):
        client = client_for(user)
        assert client.post("/medlemsbidrag/2026/befolkning/", {f"org_{nykoping.pk}": 1, "kalla": "x"}).status_code == 403
        assert client.post("/budget/2026/poster/", {"action": "bidrag", "totalt": 1}).status_code == 403
    assert not Befolkning.objects.exists() and not Medlemsbidrag.objects.exists()


def test_staff_add_a_budget_line_and_the_years_contribution(db, client_for, staff):
    client = client_for(staff)
    assert client.post("/budget/2026/poster/", {"action": "bidrag", "totalt": 16_000_000, "beslut": "Budget 2026"}).status_code == 302
    response = client.post("/budget/2026/poster/", {"action": "post", "slag": "kostnad", "namn": "Kansli", "belopp": 3_000_000,
                                                    "ordning": 10, "kommentar": ""})
    assert response.status_code == 302
    assert Budgetpost.objects.get(ar=2026, namn="Kansli").history.first().history_user == staff
    duplicate = client.post("/budget/2026/poster/", {"action": "post", "slag": "kostnad", "namn": "Kansli", "belopp": 1, "ordning": 0})
    assert duplicate.status_code == 400 and "finns redan" in duplicate.content.decode()
    html = client.get("/budget/", {"ar": 2026}).content.decode().replace("\u00a0", " ")
    result = html.split('<th scope="row">Resultat</th>')[1].split("</tr>")[0]
    assert "13 000" in result
    assert Organisation.objects.count() == 0
