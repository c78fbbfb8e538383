"""WCAG 2.1 A and AA checks with axe-core (vendored from the npm registry) on every main page, per role, at a laptop
width (1024 px) with the app's Content Security Policy enforced.

axe is served from the app's own origin by Playwright (a routed URL), so `script-src 'self'` admits it and nothing
is bypassed. Every page is also checked for CSP violations (Chromium reports each refused inline style or script on
the console) and for English framework defaults. Also: one h1 per page, lang="sv", and a deliberately broken label
is caught (so the check can fail).
"""

import json
from pathlib import Path

import pytest

from esf.models import EsfProjekt
from insatser.models import Ansokan, Avtal, Insats, Lagesrapport
from rar.models import Arende, Organisation, Sammantrade
from tests.test_swedish import english_defaults_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

AXE = (Path(__file__).parent / "vendor" / "axe.min.js").read_text()
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


AXE_PATH = "/__tests__/axe.min.js"  # answered by Playwright, never by the app


def open_context(browser, live_server, width=1024):
    """A browser context with the CSP on: axe comes from the live server's origin; CSP violations are collected."""
    context = browser.new_context(locale="sv-SE", viewport={"width": width, "height": 900})
    context.route(f"{live_server.url}{AXE_PATH}", lambda route: route.fulfill(body=AXE, content_type="application/javascript"))
    return context


def watch_csp(page):
    """The CSP violations Chromium reports on this page's console, as a list that grows while the page runs."""
    found = []
    page.on("console", lambda msg: found.append(msg.text) if "Content Security Policy" in msg.text else None)
    return found


@pytest.fixture
def axe_page(browser, live_server, demo, shot):
    """A logged-in page, CSP enforced; `page.csp_violations` lists what the policy refused."""
    from tests.e2e.conftest import PASSWORD

    contexts = []

    def open_as(username, width=1024):
        context = open_context(browser, live_server, width)
        contexts.append(context)
        page = context.new_page()
        page.csp_violations = watch_csp(page)
        page.goto(f"{live_server.url}/logga-in/")
        page.get_by_label("Användarnamn").fill(username)
        page.get_by_label("Lösenord").fill(PASSWORD)
        page.get_by_role("button", name="Logga in").click()
        page.wait_for_url(f"{live_server.url}/")
        return page

    yield open_as
    for context in contexts:
        context.close()


def axe_violations(page):
    page.add_script_tag(url=AXE_PATH)
    # resultTypes: every violation in full; passes and incomplete checks are cut to one node each (axe's own speed-up)
    result = page.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
        WCAG_TAGS,
    )
    return [
        f"{v['id']} ({v['impact']}): {v['help']} – " + "; ".join(n["target"][0] for n in v["nodes"][:3])
        for v in result["violations"]
    ]


def check(page, url, name, shot):
    response = page.goto(url)
    assert response.status == 200, (url, response.status)
    assert page.locator("html").get_attribute("lang") == "sv"
    assert page.locator("h1").count() == 1, f"{url}: {page.locator('h1').count()} h1"
    violations = axe_violations(page)
    violations += [f"engelska: {found}" for found in english_defaults_in(page.content())]
    violations += [f"CSP: {message}" for message in getattr(page, "csp_violations", [])]
    if hasattr(page, "csp_violations"):
        page.csp_violations.clear()
    shot(name, page)
    return violations


def main_pages(role):
    insats = Insats.objects.get(namn="Vägen vidare")
    meeting = Sammantrade.objects.get(datum="2020-09-18")
    ready = Ansokan.objects.get(titel="Steg in i arbetslivet")
    draft = Ansokan.objects.get(titel="Arbetsträning i samverkan")
    # the report still to be handed in is the owner's and staff's; the others read a submitted one
    open_report = role in ("kansli", "agare")
    report = (insats.lagesrapporter.filter(status="ej_inlamnad") if open_report else
              Lagesrapport.objects.exclude(status="ej_inlamnad")).order_by("forfaller").first()
    common = {
        "start": "/", "ansokningar": "/ansokningar/", "insatser": "/insatser/", "insats": f"/insatser/{insats.pk}/",
        "diarium": "/diarium/", "arende": f"/diarium/{insats.arende_id}/", "medlemmar": "/medlemmar/",
        "medlem": f"/medlemmar/{Organisation.objects.get(namn='Nyköpings kommun').pk}/", "medlemsbidrag": "/medlemsbidrag/2021/",
        "budget": "/budget/", "sammantraden": "/sammantraden/", "sammantrade": f"/sammantraden/{meeting.pk}/",
        "protokoll": f"/sammantraden/{meeting.pk}/protokoll/", "lagesrapport": f"/lagesrapporter/{report.pk}/",
        "losenord": "/losenord/", "medlemsrapport": f"/uppfoljning/medlemsrapport/?organisation={Organisation.objects.get(namn='Nyköpings kommun').pk}&fran=2019&till=2021",
        "esf": "/esf/", "esf-projekt": f"/esf/{EsfProjekt.objects.get(namn='KLARA').pk}/",
        "att-gora": "/att-gora/", "notiser": "/notiser/", "notisval": "/notiser/installningar/",
        "rekvisitioner": "/rekvisitioner/", "katalog": "/katalog/?q=unga", "sok": "/sok/?q=unga",
        "insatser-sorterade": "/insatser/?ordning=-beviljat_totalt&sida=1",
        "katalog-insats": f"/katalog/insatser/{Insats.objects.get(namn='Unga på väg').pk}/",
        "statistik": "/statistik/?fran=2019&till=2023",
        "anslagstavla": "/anslagstavla/", "anslagstavla-arkiv": "/anslagstavla/arkiv/",
    }
    if role in ("kansli", "agare"):
        common["rekvisition"] = f"/rekvisitioner/{insats.rekvisitioner.order_by('nummer').last().pk}/"
        common["ny-rekvisition"] = f"/insatser/{insats.pk}/rekvisitioner/ny/"
    common["resultatblad"] = f"/uppfoljning/insatser/{Insats.objects.get(namn='SLUSSEN').pk}/resultatblad/"
    if role != "agare":
        common["utlysningar"] = "/esf/utlysningar/"
        common["arsuppfoljning"] = "/uppfoljning/arsuppfoljning/?ar=2021"
        common["finsam"] = "/uppfoljning/finsam/?ar=2021"
    if role == "kansli":
        common.update({
            "ansokan": f"/ansokningar/{ready.pk}/", "ny-ansokan": "/ansokningar/ny/", "nytt-arende": "/diarium/nytt/",
            "nytt-sammantrade": "/sammantraden/nytt/", "narvaro": f"/sammantraden/{meeting.pk}/narvaro/",
            "beslut": f"/paragrafer/{meeting.paragrafer.get(nummer=21).pk}/beslut/",
            "beslutslista": f"/sammantraden/{meeting.pk}/beslutslista/", "slutrapport-saknas": f"/insatser/{insats.pk}/styrgrupp/",
            "avtalsvillkor": f"/avtal/{Avtal.objects.filter(insats__namn='SLUSSEN').first().pk}/villkor/",
            "fas": f"/insatser/{insats.pk}/faser/ny/", "deltagare": f"/uppfoljning/insatser/{Insats.objects.get(namn='SLUSSEN').pk}/deltagare/", "ny-utlysning": "/esf/utlysningar/ny/", "nytt-esf": "/esf/nytt/",
            "esf-resultat": f"/esf/{EsfProjekt.objects.get(namn='KLARA').pk}/resultat/",
            "arsavslut": f"/insatser/{insats.pk}/arsavslut/",
            "schablonbelopp": "/uppfoljning/schablonbelopp/?ar=2021", "budgetposter": "/budget/2021/poster/",
            "befolkning": "/medlemsbidrag/2021/befolkning/", "befolkning-import": "/medlemsbidrag/befolkning/import/",
            "underlag-deltagare": f"/uppfoljning/underlag/deltagare/?insats={Insats.objects.get(namn='SLUSSEN').pk}&fran=2021&matt=avslutade",
        })
    if role != "agare":
        common["underlag-medel"] = "/uppfoljning/underlag/medel/?urval=individ&fran=2021"
    if role == "agare":
        common.update({"ansokan-form": f"/ansokningar/{draft.pk}/redigera/", "ny-ansokan": "/ansokningar/ny/",
                       "handling": f"/diarium/{insats.arende_id}/handlingar/ny/"})
    return common


@pytest.mark.parametrize("role", ["kansli", "agare", "styrelse", "utvarderare", "lasare"])
def test_main_pages_have_no_wcag_21_a_or_aa_violations(axe_page, live_server, shot, role):
    page = axe_page(role)
    problems = {}
    for name, url in main_pages(role).items():
        violations = check(page, f"{live_server.url}{url}", f"{role}-{name}", shot)
        if violations:
            problems[url] = violations
    assert problems == {}, json.dumps(problems, ensure_ascii=False, indent=1)


def test_the_login_page_has_no_violations(browser, live_server, demo, shot):
    context = open_context(browser, live_server)
    page = context.new_page()
    page.csp_violations = watch_csp(page)
    assert check(page, f"{live_server.url}/logga-in/", "login", shot) == []
    context.close()


@pytest.mark.parametrize("url", ["/anslagstavla/", "/anslagstavla/arkiv/"])
def test_the_public_notice_board_has_no_violations_without_login(browser, live_server, demo, shot, url):
    context = open_context(browser, live_server)
    page = context.new_page()
    page.csp_violations = watch_csp(page)
    assert check(page, f"{live_server.url}{url}", "publik" + url.rstrip("/").replace("/", "-"), shot) == []
    context.close()


def test_the_checker_catches_a_broken_label(axe_page, live_server):
    page = axe_page("agare")
    page.goto(f"{live_server.url}/ansokningar/ny/")
    page.evaluate("document.querySelector('label[for=id_titel]').remove()")
    violations = axe_violations(page)
    assert any(v.startswith("label ") for v in violations), violations


def test_form_errors_are_tied_to_their_fields(axe_page, live_server):
    page = axe_page("kansli")
    page.goto(f"{live_server.url}/diarium/nytt/")
    page.get_by_role("button", name="Registrera").click()
    field = page.locator("#id_titel")
    assert field.get_attribute("aria-invalid") == "true"
    described = field.get_attribute("aria-describedby") or ""
    assert any("Detta fält måste fyllas i." in page.locator(f"#{i}").inner_text() for i in described.split() if i)


def test_an_application_draft_can_be_created_with_the_keyboard_only(page, live_server, demo):
    from tests.e2e.conftest import PASSWORD

    page.goto(f"{live_server.url}/logga-in/")
    page.keyboard.press("Tab")  # skip link
    page.keyboard.press("Tab")  # brand link
    page.locator("#id_username").focus()
    page.keyboard.type("agare")
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(f"{live_server.url}/")
    page.goto(f"{live_server.url}/ansokningar/ny/")
    page.locator("#id_titel").focus()
    page.keyboard.type("Tangentbordsinsatsen")
    page.keyboard.press("Enter")
    page.wait_for_url("**/redigera/")
    assert Ansokan.objects.filter(titel="Tangentbordsinsatsen").exists()
    assert Arende.objects.filter(titel__endswith="Tangentbordsinsatsen").exists()


def test_the_csp_check_catches_an_inline_style(axe_page, live_server):
    page = axe_page("kansli")
    page.goto(f"{live_server.url}/")
    page.evaluate("document.body.insertAdjacentHTML('beforeend', '<p style=\"color: red\">x</p>')")
    page.wait_for_timeout(200)
    assert any("style" in message for message in page.csp_violations), page.csp_violations


@pytest.mark.parametrize("url", ["/statistik/?fran=2019&till=2023", "/uppfoljning/medlemsrapport/?organisation={region}&fran=2019&till=2021"])
def test_charts_draw_their_bars_under_the_csp(axe_page, live_server, url):
    page = axe_page("kansli", width=1280)
    page.goto(live_server.url + url.format(region=Organisation.objects.get(namn="Region Sörmland").pk))
    bars = page.locator("svg.chart rect")
    assert bars.count() > 0
    widths = [bars.nth(i).bounding_box()["width"] for i in range(bars.count())]
    assert any(w > 0 for w in widths) and all(w >= 0 for w in widths), widths
    assert page.csp_violations == []
