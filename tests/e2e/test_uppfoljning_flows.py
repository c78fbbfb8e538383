"""Follow-up in a real browser: the member report and its PDF; a participant CSV with one bad row."""

import pytest
from playwright.sync_api import expect

from insatser.models import Insats
from tests.pdf import pdf_text
from uppfoljning.models import Deltagare

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_staff_open_the_region_report_and_download_its_pdf(demo, login, live_server, shot, tmp_path):
    page = login("kansli")
    page.get_by_role("button", name="Uppföljning").click()
    page.get_by_role("link", name="Medlemsrapport").click()
    page.locator("#id_organisation").select_option(label="Region Sörmland")
    page.get_by_label("Från år").fill("2019")
    page.get_by_label("Till år").fill("2021")
    page.get_by_role("button", name="Filtrera").click()
    expect(page.get_by_text("12,0 mnkr").first).to_be_visible()
    shot("medlemsrapport")
    with page.expect_download() as download:
        page.get_by_role("link", name="Ladda ned som PDF").click()
    path = tmp_path / "rapport.pdf"
    download.value.save_as(path)
    text = pdf_text(path.read_bytes())
    assert "Region Sörmland" in text and "12,0 mnkr" in text and "26,4 mnkr" in text


def test_an_owner_imports_a_csv_with_one_bad_row_and_sees_the_row_numbered_error(demo, login, live_server, shot, tmp_path):
    insats = Insats.objects.get(namn="Vägen vidare")
    bad = tmp_path / "deltagare.csv"
    bad.write_text(
        "referens;kon;aldersband;inskriven;avslutad;forsorjning_start;forsorjning_slut;utfall;plan_efter\n"
        "N-1;kvinna;20-24;2025-02;;aktivitetsersattning;;;\n"
        "N-2;man;20-24;2025-13;;aktivitetsersattning;;;\n", encoding="utf-8")
    page = login("agare")
    page.goto(f"{live_server.url}{insats.get_absolute_url()}")
    page.get_by_role("link", name="Deltagare och resultat").click()
    page.get_by_label("CSV-fil med deltagare").set_input_files(str(bad))
    page.get_by_role("button", name="Importera").click()
    expect(page.get_by_text("Rad 3: inskrivningsmånad ska anges som ÅÅÅÅ-MM, inte ”2025-13”")).to_be_visible()
    shot("deltagare-importfel")
    assert not Deltagare.objects.filter(insats=insats).exists()

    good = tmp_path / "ratt.csv"
    good.write_text(bad.read_text(encoding="utf-8").replace("2025-13", "2025-03"), encoding="utf-8")
    page.get_by_label("CSV-fil med deltagare").set_input_files(str(good))
    page.get_by_role("button", name="Importera").click()
    expect(page.get_by_text("Importen är klar: 2 nya och 0 uppdaterade deltagare.")).to_be_visible()
    assert Deltagare.objects.filter(insats=insats).count() == 2
