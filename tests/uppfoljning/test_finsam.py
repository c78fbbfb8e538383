"""Uppföljning Finsam: the outcome comes from approved reports only, spread over the calendar years by months."""

import datetime

import pytest

from insatser.models import Lagesrapport, Slutrapport
from tests.factories import granted_insats
from tests.pdf import pdf_text
from uppfoljning.finsam import finsam_figures, months_per_year
from uppfoljning.models import Deltagare

D = datetime.date


@pytest.fixture
def insats(owner_a, staff, af):
    return granted_insats(owner_a, staff, af, years=((2021, 600_000), (2022, 600_000)))


def report(insats, start, end, kostnader, status=Lagesrapport.Status.GODKAND):
    return Lagesrapport.objects.create(insats=insats, period_start=start, period_slut=end, forfaller=end, status=status,
                                       kostnader=kostnader, inskrivna=0, avslutade=0, till_arbete_studier=0)


def outcome(insats, year):
    return next(row for row in finsam_figures(year)["rader"] if row[0] == insats.namn)[3]


def test_months_are_counted_per_calendar_year():
    assert months_per_year(D(2021, 7, 1), D(2022, 6, 30)) == {2021: 6, 2022: 6}
    assert months_per_year(D(2021, 10, 1), D(2023, 1, 31)) == {2021: 3, 2022: 12, 2023: 1}


def test_a_draft_status_report_does_not_count_in_the_outcome(insats):
    report(insats, D(2021, 1, 1), D(2021, 6, 30), 100_000)
    report(insats, D(2021, 7, 1), D(2021, 12, 31), 99_999_999, status=Lagesrapport.Status.EJ_INLAMNAD)
    report(insats, D(2021, 3, 1), D(2021, 3, 31), 88_888_888, status=Lagesrapport.Status.INLAMNAD)
    assert outcome(insats, 2021) == 100_000


def test_a_report_period_crossing_a_year_end_is_split_by_its_months(insats):
    # 1 October 2021 – 31 March 2022: three months in each year, so 300 000 kr is 150 000 kr per year.
    report(insats, D(2021, 10, 1), D(2022, 3, 31), 300_000)
    assert (outcome(insats, 2021), outcome(insats, 2022)) == (150_000, 150_000)


def test_an_uneven_split_keeps_every_krona(insats):
    # 1 November 2021 – 31 January 2022: 2 months in 2021 and 1 in 2022 of 100 000 kr → 66 667 + 33 333.
    report(insats, D(2021, 11, 1), D(2022, 1, 31), 100_000)
    assert (outcome(insats, 2021), outcome(insats, 2022)) == (66_667, 33_333)


def test_an_approved_final_report_adds_what_the_status_reports_did_not_cover(insats):
    # Status reports cover 2021 (400 000 kr); the final report's total is 1 000 000 kr for 2021–2022, so the
    # 600 000 kr not yet reported fall on the months the status reports did not cover: all of 2022.
    report(insats, D(2021, 1, 1), D(2021, 12, 31), 400_000)
    Slutrapport.objects.create(insats=insats, status=Slutrapport.Status.GODKAND, total_kostnad=1_000_000)
    assert (outcome(insats, 2021), outcome(insats, 2022)) == (400_000, 600_000)


def test_a_final_report_not_yet_approved_adds_nothing(insats):
    report(insats, D(2021, 1, 1), D(2021, 12, 31), 400_000)
    Slutrapport.objects.create(insats=insats, status=Slutrapport.Status.INLAMNAD, total_kostnad=1_000_000)
    assert outcome(insats, 2022) is None


def test_participants_are_those_enrolled_in_the_year_and_the_active_ones_stand_beside_them(insats):
    rows = [(D(2020, 5, 1), None), (D(2021, 2, 1), D(2021, 6, 1)), (D(2021, 3, 1), None), (D(2020, 1, 1), D(2020, 12, 1))]
    for number, (start, end) in enumerate(rows):
        Deltagare.objects.create(insats=insats, referens_hash=f"h{number}", kon="kvinna", aldersband="20-24", inskriven=start,
                                 avslutad=end, forsorjning_start="ingen", utfall="arbete" if end else "")
    row = next(row for row in finsam_figures(2021)["rader"] if row[0] == insats.namn)
    enrolled = row[5] + row[6]
    active = row[7] + row[8]
    assert (enrolled, active) == (2, 3)


def test_the_page_states_the_participant_definition_and_renders_as_pdf(client_for, staff, insats):
    report(insats, D(2021, 10, 1), D(2022, 3, 31), 300_000)
    html = client_for(staff).get("/uppfoljning/finsam/", {"ar": 2021}).content.decode()
    assert "inskrivna under året" in html and "Aktiva under året" in html
    assert 'href="?ar=2021&amp;format=pdf"' in html
    response = client_for(staff).get("/uppfoljning/finsam/", {"ar": 2021, "format": "pdf"})
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    assert "Uppföljning Finsam 2021" in text and "150 000" in text and "Aktiva under året" in text


@pytest.mark.parametrize("url", ["/uppfoljning/finsam/", "/uppfoljning/arsuppfoljning/"])
@pytest.mark.parametrize("value", ["1900", "abc", "2101"])
def test_a_bad_year_is_a_form_error_not_another_year(client_for, staff, url, value):
    response = client_for(staff).get(url, {"ar": value})
    html = response.content.decode()
    assert response.status_code == 400 and "År:" in html
    assert "Ladda ned som PDF" not in html
