"""The top bar fits a laptop: at 1 024, 1 280, 1 366, 1 440 and 1 920 px wide the page has no horizontal overflow
and every item of the menu stands on one line, for every role; below 992 px the menu is collapsed behind a button.
The CSP is on (no bypass)."""

import pytest

from tests.e2e.conftest import PASSWORD

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

WIDTHS = [1024, 1280, 1366, 1440, 1920]
ROLES = ["kansli", "styrelse", "agare", "utvarderare", "lasare"]

MEASURE = """() => {
  const items = [...document.querySelectorAll('#huvudmeny > ul > li')];
  const tops = items.map(li => li.getBoundingClientRect().top);
  const wrapped = [...document.querySelectorAll('#huvudmeny .nav-link')].filter(a => {
    const line = parseFloat(getComputedStyle(a).lineHeight) || 24;
    return a.getClientRects().length > 1 || a.getBoundingClientRect().height > 2 * line;
  }).map(a => a.textContent.trim());
  const offscreen = items.filter(li => li.getBoundingClientRect().right > window.innerWidth + 0.5)
                         .map(li => li.textContent.trim().split('\\n')[0]);
  return {overflow: document.documentElement.scrollWidth - window.innerWidth, rows_spread: Math.max(...tops) - Math.min(...tops), wrapped, offscreen,
          toggler: getComputedStyle(document.querySelector('.navbar-toggler')).display};
}"""


def logged_in(browser, live_server, username, width, **context_args):
    context = browser.new_context(locale="sv-SE", viewport={"width": width, "height": 800}, **context_args)
    page = context.new_page()
    page.goto(f"{live_server.url}/logga-in/")
    page.get_by_label("Användarnamn").fill(username)
    page.get_by_label("Lösenord").fill(PASSWORD)
    page.get_by_role("button", name="Logga in").click()
    page.wait_for_url(f"{live_server.url}/")
    return context, page


@pytest.mark.parametrize("role", ROLES)
def test_the_menu_fits_on_one_line_at_every_laptop_width(browser, live_server, demo, role):
    context, page = logged_in(browser, live_server, role, WIDTHS[0])
    found = {}
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 800})
        page.goto(f"{live_server.url}/")
        measured = page.evaluate(MEASURE)
        if measured["overflow"] > 0 or measured["rows_spread"] > 10 or measured["wrapped"] or measured["offscreen"] or \
                measured["toggler"] != "none":
            found[width] = measured
    context.close()
    assert found == {}


def test_below_992_px_the_menu_is_collapsed_behind_a_button(browser, live_server, demo):
    context, page = logged_in(browser, live_server, "kansli", 800)
    toggler = page.get_by_role("button", name="Visa eller dölj menyn")
    assert toggler.is_visible() and not page.get_by_role("link", name="Att göra").is_visible()
    toggler.click()
    page.get_by_role("link", name="Att göra").wait_for(state="visible")
    assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
    context.close()
