"""Every figure traceable, in a real browser with the CSP on at 1280 px: from a figure of the member report to the
anonymous participant rows it was counted from."""

import pytest
from playwright.sync_api import expect

from rar.models import Organisation

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_staff_follow_a_figure_of_the_member_report_to_the_rows_behind_it(demo, login, live_server, shot):
    page = login("kansli")
    violations = []
    page.on("console", lambda message: violations.append(message.text) if "Content Security Policy" in message.text else None)
    region = Organisation.objects.get(namn="Region Sörmland")
    page.goto(f"{live_server.url}/uppfoljning/medlemsrapport/?organisation={region.pk}&fran=2019&till=2021")
    charts = page.locator("svg.chart")
    expect(charts.first).to_be_visible()
    assert charts.count() == 2 and all(charts.nth(i).bounding_box()["width"] > 300 for i in range(2))
    shot("medlemsrapport-diagram")
    # SLUSSEN: 16 ended in 2019–2021; the figure is a link to those 16 rows.
    row = page.get_by_role("row").filter(has_text="SLUSSEN")
    link = row.locator("a.spar[href*='/underlag/deltagare/'][href*='matt=avslutade']").first
    assert link.inner_text() == "16" and link.get_attribute("data-varde") == "16"
    link.click()
    expect(page.get_by_role("heading", name="Deltagare bakom siffran")).to_be_visible()
    expect(page.locator("#underlag-summa")).to_have_attribute("data-antal", "16")
    assert page.locator("table tbody tr").count() == 16
    shot("underlag-deltagare")
    assert violations == []
