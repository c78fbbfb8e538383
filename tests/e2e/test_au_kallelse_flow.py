"""The working committee recommends, the board is called, a member reports förhinder and the substitute is
called, the board decides, the adjuster comments and the secretary changes the draft, the protocol is signed,
the notice appears on the public anslagstavla, and the owner opens the extract from the insats page: in a real
browser with the CSP enforced, at 1280 px."""

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from insatser.models import Ansokan, Insats
from rar.models import Narvaro, Sammantrade
from tests.e2e.test_accessibility import axe_page, axe_violations  # noqa: F401 (axe_page is a fixture)
from tests.pdf import pdf_text

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

CASE = "Hälsa först"
PROPOSAL = "Arbetsutskottet föreslår att styrelsen beviljar full finansiering, 1 500 000 kr."


def plan_meeting(page, organ, day, start):
    page.get_by_role("link", name="Sammanträden", exact=True).click()
    page.get_by_role("link", name="Nytt sammanträde").click()
    page.get_by_label("Organ").select_option(label=organ)
    page.get_by_label("Datum").fill(day)
    page.get_by_label("Från kl").fill(start)
    page.get_by_label("Plats").fill("Katrineholm, förbundets kansli")
    page.get_by_role("button", name="Planera sammanträdet").click()
    expect(page.get_by_text("Sammanträdet är planerat")).to_be_visible()


def present(page, names, chair, adjuster):
    page.get_by_role("link", name="Närvaro", exact=True).click()
    for name in names:
        page.get_by_label(f"{name} närvarande").check()
    page.get_by_role("button", name="Spara närvaro").click()
    expect(page.get_by_text("Närvaron är sparad.")).to_be_visible()
    page.get_by_role("link", name="Sekreterare, ordförande och justerare").click()
    page.get_by_label("Sekreterare").select_option(label="Karin Kanslisson")
    page.get_by_label("Ordförande").select_option(label=chair)
    page.get_by_label(adjuster).check()
    page.get_by_role("button", name="Spara").click()
    page.get_by_role("button", name="Markera som genomfört").click()
    expect(page.get_by_text("Sammanträdet är genomfört")).to_be_visible()


def decide(page, number, text, **choice):
    page.get_by_role("link", name=f"Protokollför § {number}", exact=True).click()
    for label, value in choice.items():
        page.get_by_label(label.replace("_", " ")).select_option(value)
    page.locator("#id_beslut").fill(text)
    page.get_by_role("button", name="Registrera beslut").click()
    expect(page.get_by_text(f"Beslutet i § {number} är registrerat.")).to_be_visible()


def decide_standard_items(page, meeting):
    for paragraph in meeting.paragrafer.filter(typ="standard").order_by("ordning"):
        decide(page, paragraph.nummer, f"{paragraph.rubrik}: antecknades.")


def no_wcag_violations(axe_page, username, url):
    """The page as the user sees it passes axe-core's WCAG 2.1 A/AA rules (in a context that lets axe in)."""
    checked = axe_page(username)
    checked.goto(url)
    assert axe_violations(checked) == []


def test_au_recommends_the_board_is_called_a_substitute_steps_in_and_the_owner_opens_the_extract(
        demo, login, live_server, shot, tmp_path, axe_page):
    today = timezone.localdate().isoformat()
    ansokan = Ansokan.objects.get(titel=CASE)

    # Staff take the case to the working committee, which recommends it at its meeting.
    page = login("kansli")
    page.goto(f"{live_server.url}{ansokan.get_absolute_url()}")
    page.get_by_role("button", name="Påbörja beredning").click()
    page.get_by_role("button", name="Lämna till arbetsutskottet").click()
    expect(page.get_by_text("Ärendet är hos arbetsutskottet.")).to_be_visible()
    plan_meeting(page, "Arbetsutskottet", today, "08:00")
    expect(page.get_by_text("Ärenden hos arbetsutskottet")).to_be_visible()
    page.get_by_label(CASE).check()
    page.get_by_role("button", name="Lägg till som beslutspunkter").click()
    page.get_by_role("button", name="Skicka kallelse").click()
    present(page, ["Sven Styrelius", "Gunnel Justesson", "Maria Sundberg"], "Sven Styrelius", "Gunnel Justesson")
    committee = Sammantrade.objects.get(organ__typ="au", datum=today)
    au_paragraph = committee.paragrafer.get(arende=ansokan.arende)
    decide(page, au_paragraph.nummer, PROPOSAL, Arbetsutskottets_rekommendation_till_styrelsen="tillstyrks")
    ansokan.refresh_from_db()
    assert ansokan.status == Ansokan.Status.KLAR_FOR_STYRELSEN and ansokan.au_motivering == PROPOSAL

    # The board's meeting takes the case with the AU's proposal, and the notice goes out.
    plan_meeting(page, "Förbundsstyrelsen", today, "18:00")
    page.get_by_label(CASE).check()
    page.get_by_role("button", name="Lägg till som beslutspunkter").click()
    expect(page.get_by_text("Arbetsutskottets förslag")).to_be_visible()
    expect(page.locator(f'a[href="/sammantraden/{committee.pk}/#paragraf-{au_paragraph.pk}"]')).to_be_visible()
    page.get_by_role("button", name="Skicka kallelse").click()
    meeting = Sammantrade.objects.get(organ__typ="styrelse", datum=today)
    shot("au-styrelse-kallat")

    page = login("styrelse")
    page.goto(f"{live_server.url}/notiser/")
    notice = page.get_by_role("link", name=f"Kallelse: Förbundsstyrelsen {today}")
    expect(notice).to_be_visible()
    notice.click()
    expect(page.get_by_role("link", name="Lägg in i kalendern (.ics)")).to_be_visible()

    # Eskilstuna's member cannot come: Eskilstuna's substitute is called and prepared to serve.
    no_wcag_violations(axe_page, "maria.sundberg", f"{live_server.url}{meeting.get_absolute_url()}")
    page = login("maria.sundberg")
    page.goto(f"{live_server.url}{meeting.get_absolute_url()}")
    page.get_by_role("button", name="Anmäl förhinder").click()
    expect(page.get_by_text("Ditt förhinder är anmält. Din ersättare Gustav Lind är kallad.")).to_be_visible()
    page = login("gustav.lind")
    page.goto(f"{live_server.url}/notiser/")
    expect(page.get_by_role("link", name=re.compile("Du kallas som ersättare"))).to_be_visible()

    # The meeting: attendance as prepared plus those who came, decisions, sent for justering.
    page = login("kansli")
    page.goto(f"{live_server.url}{meeting.get_absolute_url()}")
    page.get_by_role("link", name="Närvaro", exact=True).click()
    expect(page.get_by_label("Gustav Lind närvarande")).to_be_checked()
    expect(page.get_by_label("Maria Sundberg närvarande")).not_to_be_checked()
    page.get_by_role("link", name="Avbryt").click()
    present(page, ["Sven Styrelius", "Gunnel Justesson", "Mats Kvist", "Ulla Tranberg", "David Lönn", "Rolf Skog",
                   "Sara Almqvist"], "Sven Styrelius", "Gunnel Justesson")
    substitute = Narvaro.objects.get(sammantrade=meeting, person__username="gustav.lind")
    assert substitute.narvarande and substitute.tjanstgor_for.username == "maria.sundberg"
    decide_standard_items(page, meeting)
    case_paragraph = meeting.paragrafer.get(arende=ansokan.arende)
    decide(page, case_paragraph.nummer, "Full finansiering beviljas, 1 500 000 kr.", Finansieringsbeslut="full")
    page.get_by_role("button", name="Skicka protokollet för justering").click()
    expect(page.get_by_text("Protokollet är skickat för justering.")).to_be_visible()

    # The adjuster comments on a §; the secretary changes it.
    opening = meeting.paragrafer.get(rubrik="Mötets öppnande")
    page = login("justerare")
    page.goto(f"{live_server.url}{meeting.get_absolute_url()}")
    page.get_by_label("Paragraf").select_option(label=f"§ {opening.nummer} Mötets öppnande")
    page.get_by_role("textbox", name="Synpunkt").fill("Mötet öppnades kl 18.05, inte 18.00.")
    page.get_by_role("button", name="Skicka synpunkten").click()
    expect(page.get_by_text(f"Din synpunkt på § {opening.nummer} är skickad")).to_be_visible()

    page = login("kansli")
    page.goto(f"{live_server.url}{meeting.get_absolute_url()}")
    comment = page.get_by_role("article", name=f"Synpunkt på § {opening.nummer}")
    comment.get_by_role("link", name=f"Ändra § {opening.nummer} i utkastet").click()
    page.get_by_label("Beslut", exact=True).fill("Ordföranden förklarade mötet öppnat kl 18.05.")
    page.get_by_label("Vad som ändrats").fill("Tiden rättad.")
    page.get_by_role("button", name="Spara ändringen").click()
    expect(page.get_by_text(f"§ {opening.nummer} är ändrad i protokollsutkastet.", exact=True)).to_be_visible()
    expect(page.get_by_text("Mötet öppnades kl 18.05, inte 18.00.")).to_be_visible()
    expect(comment).to_contain_text("Svar från Karin Kanslisson")
    expect(comment).to_contain_text("Tiden rättad.")
    shot("protokollsutkast-synpunkter")
    no_wcag_violations(axe_page, "kansli", f"{live_server.url}{meeting.get_absolute_url()}")
    no_wcag_violations(axe_page, "justerare", f"{live_server.url}{meeting.get_absolute_url()}")

    # Chair and adjuster sign (the current signing route); the owner follows the link on the insats page.
    for adjuster in ["styrelse", "justerare"]:
        page = login(adjuster)
        page.goto(f"{live_server.url}{meeting.get_absolute_url()}")
        page.get_by_role("button", name="Justera protokollet").click()
    expect(page.get_by_text("Protokollet är justerat.")).to_be_visible()

    # Staff post the notice (today's date is filled in); a visitor without login finds it on the anslagstavla.
    page = login("kansli")
    page.goto(f"{live_server.url}{meeting.get_absolute_url()}")
    page.get_by_role("button", name="Sätt upp anslag").click()
    expect(page.get_by_text("Anslaget uppsatt")).to_be_visible()
    page.context.clear_cookies()
    page.goto(f"{live_server.url}/anslagstavla/")
    notice = page.locator("main")
    expect(notice).to_contain_text(f"{meeting.organ}")
    expect(notice).to_contain_text(f"{meeting.datum:%Y-%m-%d}")
    expect(notice.get_by_role("link", name="Protokollet som PDF").first).to_be_visible()
    shot("anslagstavla")

    insats = Insats.objects.get(ansokan=ansokan)
    page = login("agare2")
    page.goto(f"{live_server.url}{insats.get_absolute_url()}")
    with page.expect_download() as download:
        page.get_by_role("link", name=f"Protokollsutdrag § {case_paragraph.nummer} (PDF)").click()
    path = tmp_path / "utdrag.pdf"
    download.value.save_as(path)
    text = pdf_text(path.read_bytes())
    assert "PROTOKOLLSUTDRAG" in text and f"§ {case_paragraph.nummer} {CASE}" in text
    assert f"Arbetsutskottets förslag (Arbetsutskottet {today} § {au_paragraph.nummer}): {PROPOSAL}" in text
    assert "Utdraget överensstämmer med det justerade protokollet." in text
