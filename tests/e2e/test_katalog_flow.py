"""The public catalogue as a visitor meets it after `make run`; staff see the due table."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_a_visitor_without_login_finds_unga_pa_vag_and_sees_owner_and_amount(demo, page, live_server, shot):
    page.goto(f"{live_server.url}/")
    page.get_by_role("navigation", name="Huvudmeny").get_by_role("link", name="Insatskatalog").click()
    page.get_by_role("textbox", name="Sök").fill("unga")
    page.get_by_role("button", name="Filtrera").click()
    row = page.get_by_role("row").filter(has=page.get_by_role("link", name="Unga på väg"))
    expect(row).to_contain_text("Eskilstuna kommun")
    expect(row).to_contain_text("3\u202f850\u202f000\u00a0kr")
    expect(page).to_have_url(re.compile(r"/katalog/\?q=unga&"))  # the search is the address: it can be shared
    shot("katalog-sok-unga")
    page.get_by_role("link", name="Insats", exact=True).click()  # sort by name: only the table is drawn again
    expect(page.get_by_role("columnheader", name="Insats", exact=True)).to_have_attribute("aria-sort", "ascending")
    expect(page).to_have_url(re.compile(r"/katalog/\?q=unga&.*ordning=namn"))
    page.get_by_role("textbox", name="Sök").fill("unga på väg")  # filtering keeps the order
    expect(page).to_have_url(re.compile(r"/katalog/\?q=unga(\+|%20)p%C3%A5(\+|%20)v%C3%A4g&.*ordning=namn"))
    row.get_by_role("link", name="Unga på väg").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Unga på väg")


def test_staff_see_the_due_table(demo, login, live_server, shot):
    page = login("kansli")
    page.get_by_role("link", name="Att göra").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Att göra")
    expect(page.get_by_role("cell", name="Granska rekvisition")).to_be_visible()
    shot("att-gora-kansli")
