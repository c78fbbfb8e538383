"""The member report as complete as seed 001, for any member and span, readable in HTML and PDF."""

import datetime
import re

import pytest

from insatser import services
from rar.models import Organisation
from tests.factories import application_ready_for_board
from tests.pdf import pdf_pages, pdf_text, pdf_text_sizes
from uppfoljning.member_report import member_report


def report_page(client, name, first, last, fmt=None):
    params = {"organisation": Organisation.objects.get(namn=name).pk, "fran": first, "till": last}
    if fmt:
        params["format"] = fmt
    return client.get("/uppfoljning/medlemsrapport/", params)


def test_the_region_report_holds_every_part_of_the_seeds_report(demo_data, client_for, staff):
    html = report_page(client_for(staff), "Region Sörmland", 2019, 2021).content.decode().replace("\u00a0", " ")
    for part in ("Medlemsbidrag per år", "Insatsernas syfte och utfall", "Utfall 2019–2021: 22 deltagare skrevs in och 16 "
                 "avslutades, varav 6 (38 %) gick vidare till arbete eller studier", "Återbetalningstid 19,0 månader",
                 "15 personer nåddes enligt slutrapporten", "Besparing och återbetalningstid", "Medelvärde över åren",
                 "Mål 2019", "Mål 2020", "Mål 2021", "Strukturinriktat arbete", "Förbundets resultat och eget kapital",
                 "Andel av de avslutade som gick till arbete eller studier", "Försörjning före och efter"):
        assert part in html, part
    accounts = html.split("Förbundets resultat och eget kapital")[1]
    result = re.search(r"<tr><td>2021</td><td class=\"num\">(.*?)</td><td class=\"num\">(.*?)</td>", accounts)
    assert result.groups() == ("−2 700", "2 900")  # the annual accounts: result −2,7 mnkr, closing equity 2,9 mnkr


def test_the_report_reaches_the_seeds_totals_still(demo_data):
    report = member_report(Organisation.objects.get(namn="Region Sörmland"), 2019, 2021)
    assert (report.bidrag, len(report.insatser), report.insatser_fran_start, len(report.esf), report.esf_fran_start) == (
        12_000_000, 10, 23_568_630, 2, 26_400_000)
    assert report.nadda == 55  # VIVA 40 + Jämställd vård i egen regi 15, from their approved final reports
    assert [year for year, _ in report.planmal] == [2019, 2020, 2021] and all(goals for _, goals in report.planmal)


def test_the_esf_savings_have_a_row_until_retirement(demo_data, client_for, staff):
    report = member_report(Organisation.objects.get(namn="Eskilstuna kommun"), 2021, 2021)
    # Likes 2021: 34 persons to work or studies, mean age 24 → 34 × 142 000 × (66 − 24)
    assert report.esf_besparing.till_pension == 34 * 142_000 * 42
    html = report_page(client_for(staff), "Eskilstuna kommun", 2021, 2021).content.decode()
    esf_table = html.split("Besparing fortsatt heltidsarbete, ESF")[1].split("</table>")[0]
    assert "Till pension" in esf_table and "202,8" in esf_table


def test_a_member_with_nothing_in_the_span_gets_a_report_without_errors(demo_data, client_for, staff):
    response = report_page(client_for(staff), "Trosa kommun", 2030, 2031)
    assert response.status_code == 200 and "Inga insatser under perioden." in response.content.decode()


def test_the_charts_draw_with_their_values_printed_and_no_inline_style(demo_data, client_for, staff):
    html = report_page(client_for(staff), "Region Sörmland", 2019, 2021).content.decode()
    charts = re.findall(r"<svg class=\"chart\".*?</svg>", html, re.S)
    assert len(charts) == 2 and not any("style=" in chart for chart in charts)
    shares, support = charts
    assert len(re.findall(r"<rect ", shares)) == len(re.findall(r"\d+\xa0%</text>", shares)) == 4
    assert len(re.findall(r"<rect ", support)) - 2 == len(re.findall(r"\d+&#160;%</text>", support))  # 2 legend boxes


def test_every_printed_text_of_the_report_pdfs_is_at_least_8_pt(demo_data, client_for, staff):
    from insatser.models import Insats

    client = client_for(staff)
    slussen = Insats.objects.get(namn="SLUSSEN")
    pdfs = [report_page(client, "Region Sörmland", 2019, 2021, "pdf").content,
            client.get("/uppfoljning/arsuppfoljning/", {"ar": 2021, "format": "pdf"}).content,
            client.get(f"/uppfoljning/insatser/{slussen.pk}/resultatblad/", {"format": "pdf"}).content]
    for content in pdfs:
        small = [(text, size) for text, size in pdf_text_sizes(content) if size < 7.95]
        assert small == []
    # the chart's own labels and values are among the text measured
    sizes = dict(pdf_text_sizes(pdfs[0]))
    assert sizes["Vid inskrivning"] >= 8 and sizes["47 %"] >= 8


@pytest.fixture
def long_report(owner_a, staff, af):
    """Thirty insatser for Arbetsförmedlingen, each with its own amount: the insatser table spans pages."""
    for number in range(30):
        ansokan = application_ready_for_board(owner_a, staff, af, titel=f"Insats nummer {number:02d}",
                                              years=((2021, 100_000 + 1_111 * number),))
        services.ansokan_decide(ansokan=ansokan, utfall="full", belopp=None, beslutstext="", user=staff,
                                beslutsdatum=datetime.date(2020, 12, 1))
    return af


def test_no_row_of_the_member_report_pdf_splits_over_two_pages(long_report, client_for, staff):
    response = client_for(staff).get("/uppfoljning/medlemsrapport/", {"organisation": long_report.pk, "fran": 2021,
                                                                       "till": 2021, "format": "pdf"})
    pages = pdf_pages(response.content)
    assert len(pages) > 1
    for number in range(30):
        name, amount = f"Insats nummer {number:02d}", f"{100_000 + 1_111 * number:,} kr".replace(",", " ")
        table_pages = [i for i, page in enumerate(pages) if f"{name} (individinriktad)" in page]
        assert len(table_pages) == 1, name
        assert amount in pages[table_pages[0]], f"{name}: its amount is not on the same page"
    # the header repeats on each page of the table; the sum stands once, at the end
    with_rows = [page for page in pages if "(individinriktad)" in page]
    assert len(with_rows) > 1 and all("Inom perioden" in page for page in with_rows)
    assert pdf_text(response.content).count("Summa") == 2  # contributions and insatser (no ESF here): once each
