"""PDFs a secretary would sign: amounts that never wrap, a signature block kept with the last paragraph that names
the paragraphs and the justering, ordinary members first, no empty sections, the extract in the form of seed 000,
and a notice certificate that names the paragraphs and who posted it."""

import datetime
import io

import pytest
from django.contrib.auth import get_user_model
from pypdf import PdfReader
from weasyprint import HTML

from rar.models import Organ, Sammantrade
from rar.moten import selectors
from rar.pdf import render_pdf
from rar.templatetags.rar_format import belopp_hela, kronor
from tests.pdf import pdf_text
from tests.rar.moten.justerat import adjust, body, decide_all, held


@pytest.fixture
def demo_meeting(demo_data):
    return Sammantrade.objects.get(datum=datetime.date(2020, 9, 18))


def protocol_pdf(client, meeting):
    return client.get(f"/sammantraden/{meeting.pk}/protokoll/", {"format": "pdf"}).content


def pages(content: bytes) -> list[str]:
    return [page.extract_text() or "" for page in PdfReader(io.BytesIO(content)).pages]


def test_kronor_group_with_narrow_no_break_spaces():
    assert kronor(9_892_630) == "9\u202f892\u202f630\u00a0kr"


def test_amounts_typed_in_a_decision_get_no_break_spaces():
    assert belopp_hela("Full finansiering beviljas, 1 764 000 kr för 2021.") == \
        "Full finansiering beviljas, 1\u202f764\u202f000\u00a0kr för 2021."
    assert belopp_hela("Under 2020 500 000 kr") == "Under 2020 500\u202f000\u00a0kr"


def lines_in_a_narrow_box(text):
    html = f'<div style="width: 2.6cm; font-family: \'DejaVu Sans\'; font-size: 10pt">Beviljat {text} totalt</div>'
    return [line.strip() for line in PdfReader(io.BytesIO(HTML(string=html).write_pdf())).pages[0].extract_text().splitlines()]


def test_an_amount_with_plain_spaces_wraps_and_one_from_kronor_does_not():
    assert not any("1 764 000 kr" in line for line in lines_in_a_narrow_box("1 764 000 kr"))  # the problem
    assert any("1\u202f764\u202f000\u00a0kr" in line for line in lines_in_a_narrow_box(kronor(1_764_000)))


def test_the_protocols_amounts_are_printed_with_no_break_spaces(client_for, staff, demo_meeting):
    raw = "\n".join(pages(protocol_pdf(client_for(staff), demo_meeting)))
    assert "Summa beviljade medel vid sammanträdet: 9\u202f892\u202f630\u00a0kr" in raw
    assert "Full finansiering beviljas, 1\u202f764\u202f000\u00a0kr." in raw


def test_the_signature_block_names_the_paragraphs_and_the_place_and_time_of_justering(client_for, staff, demo_meeting):
    text = pdf_text(protocol_pdf(client_for(staff), demo_meeting))
    assert "Paragrafer: §§ 11–24" in text
    assert "Justeringens plats och tid: digital justering i RAR Insats, 2020-09-25 kl" in text
    assert text.index("§ 24 Avslutning") < text.index("Paragrafer: §§ 11–24") < text.index("Vid protokollet")


def test_the_signature_block_is_never_parted_from_the_last_paragraph(staff, demo_meeting):
    """Push the page break through every position near the end: the last § and the signatures stay on one page."""
    context = {"meeting": demo_meeting, **selectors.protocol_data(demo_meeting)}
    filler = next(p for p in context["paragrafer"] if p.nummer == 18)
    original = filler.text
    for lines in range(0, 48, 3):
        filler.text = original + "\n" + "\n".join(f"Rad {n} i den ekonomiska uppföljningen." for n in range(lines))
        texts = pages(render_pdf("rar/moten/protokoll_pdf.html", context))
        last = next(i for i, page in enumerate(texts) if "§ 24 Avslutning" in page)
        signed = next(i for i, page in enumerate(texts) if "Vid protokollet" in page)
        assert last == signed, f"{lines} extra lines: § 24 on page {last + 1}, signatures on page {signed + 1}"


def test_ordinary_members_come_before_substitutes_among_the_absent(client_for, staff, demo_meeting):
    text = pdf_text(protocol_pdf(client_for(staff), demo_meeting))
    absent = text[text.index("Ej närvarande"):text.index("Övriga närvarande")]
    assert absent.index("Gun Berg, Försäkringskassan") < absent.index("Gustav Lind, Eskilstuna kommun")


def test_empty_sections_are_not_printed(client_for, staff, org_a, org_b):
    organ, chair, adjuster, substitute = body(Organ.Typ.STYRELSE, org_a, org_b, namn="Förbundsstyrelsen")
    meeting = held(staff, organ, chair, adjuster, substitute=substitute)  # everyone came, no one else
    decide_all(meeting, staff)
    adjust(meeting, staff, chair, adjuster)
    text = pdf_text(protocol_pdf(client_for(staff), meeting))
    assert "Ersättare" in text
    for empty in ["Ej närvarande", "Övriga närvarande", "Yrkanden", "Proposition", "Votering", "Reservation", " – "]:
        assert empty not in text, empty


def test_the_extract_shows_the_decision_the_case_and_the_case_number_once(client_for, staff, demo_meeting):
    paragraph = demo_meeting.paragrafer.select_related("arende").get(nummer=21)
    text = pdf_text(client_for(staff).get(f"/paragrafer/{paragraph.pk}/utdrag/").content)
    assert text.count("Diarienummer") == 1 and text.count(paragraph.arende.diarienummer) == 1
    assert text.index("Förbundsstyrelsens beslut Full finansiering beviljas, 4 047 000 kr.") < text.index("Ärendet") \
        < text.index("Beslutet expedieras till") < text.index("Utdragsbestyrkande")
    assert "Arbetsutskottets förslag" in text[text.index("Ärendet"):]  # the AU's § (demo 2020-09-04) as the proposal


def test_the_notice_certificate_names_the_paragraphs_and_is_signed_by_who_posted_it(client_for, staff, demo_meeting):
    text = pdf_text(client_for(staff).get(f"/sammantraden/{demo_meeting.pk}/anslagsbevis/").content)
    poster = get_user_model().objects.get(username="kansli")
    assert "Paragrafer §§ 11–24" in text
    assert f"Intygas {poster.get_full_name()}, {poster.titel}" in text
    assert "/anslagstavla/" in text
