"""The main insatser flows in a real browser, as a new user meets them after `make run`."""

import re

import pytest
from playwright.sync_api import expect

from insatser.models import Ansokan, Lagesrapport

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_owner_writes_saves_fixes_an_error_and_submits_an_application(demo, login, live_server, shot):
    page = login("agare")
    page.get_by_role("link", name="Ny ansökan").first.click()
    page.get_by_label("Insatsens namn").fill("Jobbspåret")
    page.get_by_role("button", name="Skapa utkast").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Jobbspåret")

    # A first save with only some fields: a draft, no complaints.
    page.get_by_label("Syfte").fill("Fler unga vuxna med aktivitetsersättning når arbete eller studier.")
    page.get_by_role("button", name="Spara utkast").click()
    expect(page.get_by_text("Utkastet är sparat.")).to_be_visible()

    # Submitting too early keeps everything and lists what is missing.
    page.get_by_role("button", name="Spara och skicka in").click()
    expect(page.get_by_text("Det här saknas innan ansökan kan skickas in")).to_be_visible()
    expect(page.get_by_role("link", name=re.compile("En ansökan ska ha minst två parter"))).to_be_visible()
    expect(page.get_by_label("Syfte")).to_have_value(re.compile("Fler unga vuxna"))
    shot("ansokan-felsammanfattning")

    # Fix it: fill in the rest and submit.
    page.get_by_label("Arbetsförmedlingen").check()
    page.get_by_label("Individinriktad").check()
    page.get_by_label("Operativ").check()
    page.get_by_label("Målgrupp").fill("Unga vuxna 18–29 år med aktivitetsersättning.")
    page.get_by_label(re.compile("Unga vuxna med psykisk")).check()
    page.get_by_label("Bakgrund och behov").fill("Många saknar samordnat stöd.")
    page.locator("#id_mal-0-typ").select_option("kvantitativt")
    page.locator("#id_mal-0-beskrivning").fill("Deltagare till arbete eller studier")
    page.locator("#id_mal-0-indikator").fill("Andel av avslutade")
    page.locator("#id_mal-0-malvarde").fill("40 %")
    page.get_by_label("Metod").fill("Gemensamt team.")
    page.get_by_label("Implementering").fill("Socialnämnden beslutar om övertagande.")
    page.get_by_label("Planerat antal deltagare").fill("30")
    page.get_by_label("Uppföljning av deltagare").fill("Steg-för-steg-modellen.")
    page.get_by_label("Utvärderingsplan").fill("FoUiS utvärderar.")
    page.get_by_label("Länsövergripande").check()
    page.get_by_label("Period från").fill("2027-01-01")
    page.get_by_label("Period till").fill("2028-12-31")
    page.locator("#id_budget-0-ar").fill("2027")
    page.locator("#id_budget-0-belopp").fill("500000")
    page.locator("#id_budget-1-ar").fill("2028")
    page.locator("#id_budget-1-belopp").fill("500000")
    page.get_by_role("button", name="Spara och skicka in").click()
    # One more look before it is sent: nothing is submitted until the owner confirms.
    expect(page.get_by_role("heading", level=1)).to_have_text("Skicka in ansökan: Jobbspåret")
    assert Ansokan.objects.get(titel="Jobbspåret").status == Ansokan.Status.UTKAST
    page.get_by_role("button", name="Skicka in ansökan").click()
    expect(page.get_by_text("Ansökan är inskickad till förbundets kansli.")).to_be_visible()
    shot("ansokan-inskickad")
    assert Ansokan.objects.get(titel="Jobbspåret").status == Ansokan.Status.INSKICKAD


def test_staff_prepare_a_submitted_application_and_hand_it_to_the_working_committee(demo, login, live_server, shot):
    """The working committee's recommendation is a § at its meeting (tests/e2e/test_au_kallelse_flow.py)."""
    ansokan = Ansokan.objects.get(titel="Hälsa först")
    page = login("kansli")
    page.get_by_role("link", name="Hälsa först").first.click()
    page.get_by_role("button", name="Påbörja beredning").click()
    expect(page.get_by_text("Ansökan är nu: under beredning.")).to_be_visible()
    page.get_by_role("button", name="Lämna till arbetsutskottet").click()
    expect(page.get_by_text("Ansökan är nu: hos arbetsutskottet.")).to_be_visible()
    expect(page.get_by_label("Tillstyrks")).to_have_count(0)  # nobody types the AU's recommendation here
    shot("ansokan-hos-arbetsutskottet")
    ansokan.refresh_from_db()
    assert ansokan.status == Ansokan.Status.HOS_AU


def test_owner_files_a_status_report(demo, login, live_server, shot):
    rapport = Lagesrapport.objects.filter(insats__namn="Vägen vidare", status="ej_inlamnad").order_by("forfaller").first()
    page = login("agare")
    page.goto(f"{live_server.url}/lagesrapporter/{rapport.pk}/")
    page.get_by_label("Status").select_option("enligt_plan")
    page.get_by_label("Utfall hittills").fill("3 av 6")
    page.get_by_label("Nya deltagare inskrivna under perioden").fill("9")
    page.get_by_label("Deltagare avslutade under perioden").fill("6")
    page.get_by_label("Av de avslutade: till arbete eller studier").fill("3")
    page.get_by_label("Kostnader under perioden (kr)").fill("420000")
    page.get_by_role("button", name="Spara och lämna in").click()
    expect(page.get_by_text("Lägesrapporten är inlämnad.")).to_be_visible()
    shot("insats-efter-lagesrapport")
    rapport.refresh_from_db()
    assert rapport.status == Lagesrapport.Status.INLAMNAD and rapport.kostnader == 420_000
