"""Lists in the browser, CSP enforced: a filter updates the table in place (htmx) and the address, a header
click sorts, the same works without JavaScript, and the top bar's search finds an insats by a word."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e import test_layout as layout
from tests.e2e.test_accessibility import watch_csp

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def logged_in(browser, live_server, username="kansli", width=1280, javascript=True):
    """A logged-in page (tests/e2e/test_layout.py) whose CSP violations are collected."""
    context, page = layout.logged_in(browser, live_server, username, width, java_script_enabled=javascript)
    page.csp_violations = watch_csp(page)
    return context, page


def test_typing_in_a_filter_updates_the_table_in_place_and_the_address(browser, live_server, demo):
    context, page = logged_in(browser, live_server)
    page.goto(f"{live_server.url}/insatser/")
    page.evaluate("window.__samma_sida = true")
    all_rows = page.locator("#lista tbody tr").count()
    page.get_by_role("textbox", name="Sök", exact=True).fill("Unga på väg")
    page.wait_for_url(re.compile(r"q=Unga"))
    expect(page.locator("#lista tbody tr")).to_have_count(1)
    assert all_rows > 1 and page.evaluate("window.__samma_sida") is True  # no page load: the table was swapped
    expect(page.locator("#lista")).to_contain_text("Unga på väg")
    page.reload()  # the address is shareable: the same filter after a reload
    expect(page.locator("#lista tbody tr")).to_have_count(1)
    assert page.csp_violations == []
    context.close()


def test_a_click_on_a_header_sorts_the_list_and_marks_the_column(browser, live_server, demo):
    context, page = logged_in(browser, live_server)
    page.goto(f"{live_server.url}/insatser/")
    page.get_by_role("link", name=re.compile("^Insats$")).click()
    page.wait_for_url(re.compile(r"ordning=namn"))
    header = page.get_by_role("columnheader", name="Insats", exact=True)
    expect(header).to_have_attribute("aria-sort", "ascending")
    names = page.locator("#lista tbody tr td:nth-child(2)").all_inner_texts()
    assert names == sorted(names, key=str.casefold) or len(names) > 1
    header.get_by_role("link").click()
    expect(header).to_have_attribute("aria-sort", "descending")
    assert page.csp_violations == []
    context.close()


def test_without_javascript_the_filter_form_and_the_headers_still_work(browser, live_server, demo):
    context, page = logged_in(browser, live_server, javascript=False)
    page.goto(f"{live_server.url}/insatser/")
    page.get_by_role("textbox", name="Sök", exact=True).fill("Unga på väg")
    page.get_by_role("button", name="Filtrera").click()
    page.wait_for_url(re.compile(r"q=Unga"))
    assert page.locator("#lista tbody tr").count() == 1
    page.get_by_role("link", name=re.compile("^Insatsägare")).click()
    page.wait_for_url(re.compile(r"ordning=agare_namn"))
    assert "q=Unga" in page.url
    context.close()


def test_the_top_bar_search_finds_an_insats_by_a_word(browser, live_server, demo):
    context, page = logged_in(browser, live_server, "kansli")
    search = page.get_by_label("Sök diarienummer, titlar och namn")
    search.fill("unga")
    search.press("Enter")
    page.wait_for_url(re.compile(r"/sok/\?q=unga"))
    expect(page.get_by_role("heading", name=re.compile("^Insatser"))).to_be_visible()
    expect(page.get_by_role("link", name="Unga på väg").first).to_be_visible()
    assert page.csp_violations == []
    context.close()
