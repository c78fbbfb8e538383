"""Money in a real browser: the demo owner invoices, the director approves and the economist pays (four eyes),
and both pages show the new figures."""


import pytest
from django.utils import timezone
from playwright.sync_api import expect

from insatser.models import Insats

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_owner_invoices_staff_approve_and_pay_and_the_insats_and_budget_pages_show_it(demo, login, live_server, shot):
    year = timezone.localdate().year
    insats = Insats.objects.get(namn="Vägen vidare")
    page = login("agare")
    page.goto(f"{live_server.url}{insats.get_absolute_url()}")
    page.get_by_role("link", name="Ny rekvisition").click()
    page.get_by_label("Period från").fill(f"{year}-01-01")
    page.get_by_label("Period till").fill(f"{year}-06-30")
    page.get_by_label("Personalkostnader (kr)").fill("237000")
    page.get_by_label("Lokaler (kr)").fill("30000")
    page.get_by_role("button", name="Skicka in rekvisitionen").click()
    expect(page.get_by_text("Rekvisition 3 är inskickad.")).to_be_visible()
    shot("rekvisition-inskickad")

    page = login("kansli")
    page.goto(f"{live_server.url}/rekvisitioner/")
    page.get_by_role("link", name="Nr 3").click()
    page.get_by_role("button", name="Godkänn rekvisitionen").click()
    expect(page.get_by_text("Rekvisitionen är godkänd.")).to_be_visible()
    page.get_by_role("button", name="Markera som betald").click()
    expect(page.get_by_text("en annan handläggare än Karin Kanslisson ska markera den som betald")).to_be_visible()

    page = login("ekonom")
    page.goto(f"{live_server.url}/rekvisitioner/")
    page.get_by_role("link", name="Nr 3").click()
    page.get_by_role("button", name="Markera som betald").click()
    expect(page.get_by_text("Rekvisitionen är markerad som betald.")).to_be_visible()

    page.goto(f"{live_server.url}{insats.get_absolute_url()}")
    row = page.locator("tr", has=page.get_by_role("rowheader", name=str(year)))
    expect(row).to_contain_text("267\u202f000")
    shot("insats-ekonomi")
    page.goto(f"{live_server.url}/budget/?ar={year}")
    row = page.get_by_role("row").filter(has=page.get_by_role("rowheader", name="Beviljade insatser", exact=True))
    expect(row.locator("td").nth(1)).to_have_text("267")  # the plan's first year: budget, then outcome (paid)
    shot("budget")
