

from insatser.models import Insats
from tests.pdf import pdf_text
from uppfoljning.annual import annual_report, result_sheet
from uppfoljning.finsam import finsam_figures


def test_the_annual_follow_up_2021_reproduces_the_seed(demo_data):
    r = annual_report(2021)
    assert (r.rar.inskrivna, r.rar.avslutade, r.rar.arbete_studier, r.rar.andel, r.rar.kvar) == (263, 156, 60, 38, 113)
    assert (r.rar_besparing.ar_1, r.rar_besparing.ar_5, r.rar_besparing.ar_10) == (8_520_000, 42_600_000, 85_200_000)
    assert (r.esf.inskrivna, r.esf.avslutade, r.esf.arbete_studier, r.esf.andel) == (246, 179, 63, 35)
    assert (r.esf_besparing.ar_1, r.esf_besparing.ar_5, r.esf_besparing.ar_10) == (8_946_000, 44_730_000, 89_460_000)  # 8,9 / 44,7 / 89,5 mnkr
    assert [m.status for m in r.planmal] == ["uppnatt", "uppnatt", "uppnatt", "delvis"]


def test_the_annual_follow_up_pdf_holds_the_savings_tables(client_for, staff, demo_data):
    text = pdf_text(client_for(staff).get("/uppfoljning/arsuppfoljning/", {"ar": 2021, "format": "pdf"}).content)
    for expected in ["8,5 mnkr", "42,6 mnkr", "85,2 mnkr", "8,9 mnkr", "44,7 mnkr", "89,5 mnkr", "38 %", "35 %",
                     "Besparing fortsatt heltidsarbete"]:
        assert expected in text, expected


def test_the_support_chart_has_a_text_alternative_and_a_table(client_for, staff, demo_data):
    html = client_for(staff).get("/uppfoljning/arsuppfoljning/", {"ar": 2021}).content.decode()
    assert 'role="img"' in html and "<title id=\"stod-titel\">" in html
    assert "Försörjning vid inskrivning och vid avslut" in html and "procentenheter" in html


def test_a_result_sheet_per_insats(client_for, owner_a, staff, demo_data):
    slussen = Insats.objects.get(namn="SLUSSEN")
    sheet = result_sheet(slussen)
    year_2021 = dict(sheet["per_ar"])[2021]
    assert (year_2021.inskrivna, year_2021.avslutade, year_2021.arbete_studier) == (22, 16, 6)
    assert sheet["investerat"] == 4_047_000
    assert "Resultatblad: SLUSSEN" in pdf_text(client_for(staff).get(f"/uppfoljning/insatser/{slussen.pk}/resultatblad/",
                                                                     {"format": "pdf"}).content)


def test_the_finsam_figures_as_page_and_csv(client_for, staff, demo_data):
    figures = finsam_figures(2021)
    rows = {row[0]: row for row in figures["rader"]}
    assert rows["SLUSSEN"][1] == "Individinriktad" and rows["SLUSSEN"][2] == 1_349_000
    assert rows["SLUSSEN"][5] + rows["SLUSSEN"][6] == 22
    csv = client_for(staff).get("/uppfoljning/finsam/", {"ar": 2021, "format": "csv"}).content.decode("utf-8-sig")
    assert "Insats;Inriktning;Budget (kr)" in csv and "SLUSSEN;Individinriktad;1349000" in csv
    html = client_for(staff).get("/uppfoljning/finsam/", {"ar": 2021}).content.decode().replace("\u00a0", " ").replace("\u202f", " ")
    assert "2 900 000 kr (rekommenderat högst 2 600 000 kr; <strong>över rekommendationen</strong>)" in html


def test_owners_do_not_see_the_federation_wide_reports(client_for, owner_a, demo_data):
    assert client_for(owner_a).get("/uppfoljning/arsuppfoljning/").status_code == 404
    assert client_for(owner_a).get("/uppfoljning/finsam/").status_code == 404


def test_the_chart_bars_have_svg_numbers_not_swedish_decimal_commas(client_for, staff, demo_data):
    import re

    html = client_for(staff).get("/uppfoljning/arsuppfoljning/", {"ar": 2021}).content.decode()
    widths = re.findall(r'<rect x="290" y="\d+" width="([^"]+)"', html)
    assert widths and all(re.fullmatch(r"\d+(\.\d)?", w) for w in widths), widths
    assert any(float(w) > 0 for w in widths)
