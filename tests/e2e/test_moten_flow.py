"""The board meeting flow in a real browser, from a ready case to a downloaded, adjusted protocol."""


import pytest
from django.utils import timezone
from playwright.sync_api import expect

from insatser.models import Ansokan
from rar.models import Sammantrade
from tests.pdf import pdf_text

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_staff_hold_a_meeting_the_chair_adjusts_and_the_protocol_downloads(demo, login, live_server, shot, tmp_path):
    today = timezone.localdate()  # a meeting is held on or after its day, and adjusted within 14 days of it
    page = login("kansli")
    page.get_by_role("link", name="Sammanträden").click()
    page.get_by_role("link", name="Nytt sammanträde").click()
    page.get_by_label("Organ").select_option(label="Förbundsstyrelsen")
    page.get_by_label("Datum").fill(f"{today:%Y-%m-%d}")
    page.get_by_label("Från kl").fill("09:00")
    page.get_by_label("Plats").fill("Eskilstuna, Munktell")
    page.get_by_role("button", name="Planera sammanträdet").click()
    expect(page.get_by_text("Sammanträdet är planerat")).to_be_visible()

    page.get_by_label("Steg in i arbetslivet").check()
    page.get_by_role("button", name="Lägg till som beslutspunkter").click()
    expect(page.get_by_text("1 ärende lades till som beslutspunkt.")).to_be_visible()
    page.get_by_role("button", name="Skicka kallelse").click()
    shot("sammantrade-kallat")

    page.get_by_role("link", name="Närvaro").click()
    for name in ["Sven Styrelius", "Gunnel Justesson", "Maria Sundberg", "Mats Kvist", "Ulla Tranberg", "David Lönn",
                 "Rolf Skog", "Sara Almqvist"]:
        page.get_by_label(f"{name} närvarande").check()
    page.get_by_role("button", name="Spara närvaro").click()
    expect(page.get_by_text("Närvaron är sparad.")).to_be_visible()

    page.get_by_role("link", name="Sekreterare, ordförande och justerare").click()
    page.get_by_label("Sekreterare").select_option(label="Karin Kanslisson")
    page.get_by_label("Ordförande").select_option(label="Sven Styrelius")
    page.get_by_label("Gunnel Justesson").check()
    page.get_by_role("button", name="Spara").click()
    page.get_by_role("button", name="Markera som genomfört").click()
    expect(page.get_by_text("Sammanträdet är genomfört")).to_be_visible()

    page.get_by_role("link", name="Protokollför § 4").click()
    page.get_by_label("Finansieringsbeslut").select_option("full")
    page.locator("#id_beslut").fill("Full finansiering beviljas, 1 500 000 kr.")
    page.get_by_role("button", name="Registrera beslut").click()
    expect(page.get_by_text("Beslutet i § 4 är registrerat.")).to_be_visible()
    page.get_by_role("button", name="Skicka protokollet för justering").click()
    expect(page.get_by_text("Protokollet är skickat för justering.")).to_be_visible()
    assert Ansokan.objects.get(titel="Steg in i arbetslivet").status == Ansokan.Status.BEVILJAD

    meeting = Sammantrade.objects.get(datum=today)
    for adjuster in ["styrelse", "justerare"]:
        page = login(adjuster)
        page.goto(f"{live_server.url}/notiser/")  # the notice to sign leads to the meeting
        page.get_by_role("link", name=f"Protokoll att justera: Förbundsstyrelsen {today:%Y-%m-%d}").click()
        page.get_by_role("button", name="Justera protokollet").click()
    expect(page.get_by_text("Protokollet är justerat.")).to_be_visible()
    expect(page.get_by_text("inloggad som justerare")).to_be_visible()
    shot("sammantrade-justerat")

    page = login("lasare")
    page.goto(f"{live_server.url}/sammantraden/{meeting.pk}/protokoll/")
    with page.expect_download() as download:
        page.get_by_role("link", name="Ladda ned som PDF").click()
    path = tmp_path / "protokoll.pdf"
    download.value.save_as(path)
    text = pdf_text(path.read_bytes())
    assert "§ 4 Steg in i arbetslivet" in text and "1 500 000 kr" in text and "Justerat digitalt" in text
