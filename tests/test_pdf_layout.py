"""Every PDF the system prints, rendered from the demo data through its URL, laid out without defects: no amount
broken across lines, no heading left as the last line of a page, no table row split by a page break, a table's
header repeated where it continues on a new page (and nothing else repeated), no column header wrapping word by
word nor a name squeezed beside its figures, and the decision list numbering its agenda once.

The checks read the PDF back with pypdf's text visitor (tests/pdf.py: pdf_lines gives each printed line with its
page and baseline) and compare it with the HTML the PDF was laid out from, captured as rar.pdf renders it: the
headings and table rows to look for come from that HTML, so no test repeats a template's wording or the demo's
figures. Each document is fetched once, from the demo data (loaded once per run)."""

import datetime
import re
from dataclasses import dataclass
from functools import cached_property
from itertools import pairwise
from unittest import mock

import pytest
from django.contrib.auth import get_user_model
from django.db import transaction
from django.template.loader import render_to_string
from django.test import Client, override_settings

from insatser.models import Avtal, Insats
from rar.models import Organisation, Sammantrade
from tests.demo_database import TEST_SETTINGS
from tests.pdf import (
    Line,
    Outline,
    body_lines,
    compact,
    find_run,
    html_outline,
    printed_lines,
    visual_lines,
)

pytestmark = pytest.mark.django_db


def document_urls() -> dict[str, str]:
    """The documents and where the app serves them, for the demo data."""
    meeting = Sammantrade.objects.get(organ__typ="styrelse", datum=datetime.date(2020, 9, 18))
    decision = meeting.paragrafer.filter(arende__isnull=False).order_by("nummer").first()
    vagen_vidare = Insats.objects.get(namn="Vägen vidare")
    region = Organisation.objects.get(namn="Region Sörmland")
    return {
        "beslutslista": f"/sammantraden/{meeting.pk}/beslutslista/?format=pdf",
        "protokoll": f"/sammantraden/{meeting.pk}/protokoll/?format=pdf",
        "utdrag": f"/paragrafer/{decision.pk}/utdrag/",
        "anslagsbevis": f"/sammantraden/{meeting.pk}/anslagsbevis/",
        "avtal": f"/avtal/{Avtal.objects.get(ansokan=vagen_vidare.ansokan).pk}/pdf/",
        "medlemsrapport": f"/uppfoljning/medlemsrapport/?organisation={region.pk}&fran=2019&till=2021&format=pdf",
        "medlemsrapport 2019–2024": f"/uppfoljning/medlemsrapport/?organisation={region.pk}&fran=2019&till=2024&format=pdf",
        "arsuppfoljning": "/uppfoljning/arsuppfoljning/?ar=2021&format=pdf",
        "resultatblad": f"/uppfoljning/insatser/{Insats.objects.get(namn='SLUSSEN').pk}/resultatblad/?format=pdf",
        "budget": "/budget/?export=pdf",
        "budget 2019–2021": "/budget/?ar=2019&export=pdf",
        "finsam": "/uppfoljning/finsam/?ar=2021&format=pdf",
    }


DOCUMENTS = ["beslutslista", "protokoll", "utdrag", "anslagsbevis", "avtal", "medlemsrapport", "medlemsrapport 2019–2024",
             "arsuppfoljning", "resultatblad", "budget", "budget 2019–2021", "finsam"]


@dataclass(repr=False)
class Printed:
    url: str
    status: int
    content_type: str
    pdf: bytes
    html: str  # what rar.pdf gave WeasyPrint

    def __repr__(self):
        return f"<PDF of {self.url}>"

    @cached_property
    def lines(self) -> list[Line]:
        return body_lines(self.pdf)

    @cached_property
    def outline(self) -> Outline:
        return html_outline(self.html)


def fetch(client, url) -> Printed:
    """GET a PDF and keep the HTML that rar.pdf laid it out from."""
    html = []

    def render(*args, **kwargs):
        html.append(render_to_string(*args, **kwargs))
        return html[-1]

    with mock.patch("rar.pdf.render_to_string", side_effect=render):
        response = client.get(url)
    return Printed(url, response.status_code, response.get("Content-Type", ""), response.content, "".join(html))


@pytest.fixture(scope="module")
def demo_client(django_db_setup, django_db_blocker, demo_databases, tmp_path_factory):
    """The demo data (a pristine copy of the run's, tests/demo_database.py) for the module, in a transaction rolled
    back at its end, and a client logged in as the demo's kansli (staff see every document). The function-level
    fixtures of tests/conftest.py do not reach a module fixture, so the settings they set are set here too."""
    media = tmp_path_factory.mktemp("media")
    demo_databases.copy_media(media)
    with django_db_blocker.unblock():
        demo_databases.enter_work_copy(commits=False)
        try:
            with override_settings(MEDIA_ROOT=media, **TEST_SETTINGS), transaction.atomic():
                client = Client()
                client.force_login(get_user_model().objects.get(username="kansli"))
                yield client
                transaction.set_rollback(True)
        finally:
            demo_databases.leave_work_copy()


@pytest.fixture(scope="module")
def printed(demo_client) -> dict[str, Printed]:
    return {name: fetch(demo_client, url) for name, url in document_urls().items()}


@pytest.mark.parametrize("name", DOCUMENTS)
def test_every_document_is_served_as_a_pdf(printed, name):
    """Each document answers the demo's kansli with a PDF that has text to check."""
    document = printed[name]
    assert (document.status, document.content_type) == (200, "application/pdf"), document.url
    assert document.pdf.startswith(b"%PDF-") and document.lines


# The end of an amount's first part and the start of its rest: a digit group ("1 234", "8,5") closing one line and
# a group of three digits or the unit opening the next.
AMOUNT_HEAD = re.compile(r"(?<![\d,.])\d{1,3}(?:[ \u00a0\u202f]\d{3})*(?:,\d+)?$")
AMOUNT_TAIL = re.compile(r"^(?:\d{3}(?!\d)|(?:kr|kronor|tkr|mnkr)\b)")


@pytest.mark.parametrize("name", DOCUMENTS)
def test_no_amount_in_any_pdf_is_broken_across_lines(printed, name):
    """A broken amount is a line that ends in digits followed, as the PDF draws it, by a line that begins with
    three digits or with "kr", "tkr" or "mnkr": "1 764" / "000 kr", or "2 900" / "tkr". Lines are taken in drawing
    order, so the rest of an amount wrapped inside a table cell comes right after its first part even though the
    row's other cells stand beside it."""
    lines = printed[name].lines
    broken = [(first.text, then.text) for first, then in pairwise(lines)
              if AMOUNT_HEAD.search(first.text) and AMOUNT_TAIL.search(then.text)]
    assert broken == []


# An amount as the HTML has it: digits grouped by three ("1 764 000", "2 900"), and the unit if it follows.
GROUPED_AMOUNT = re.compile(r"(?<![\d,.])\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?:,\d+)?(?:[ \t\n\u00a0\u202f]*(?:kr|kronor|tkr|mnkr)\b)?")
PLAIN_SPACE = re.compile(r"[ \t\r\n]")


@pytest.mark.parametrize("name", DOCUMENTS)
def test_every_amount_in_any_pdf_is_held_together_by_no_break_spaces(printed, name):
    """An amount whose groups or unit are parted by a plain space breaks wherever a line happens to end ("1 764" /
    "000 kr"); with narrow no-break spaces between its groups and a no-break space before its unit it never does
    (rar_format: kronor, tkr, belopp_hela). Read from the HTML the PDF was laid out from, one text node at a time,
    so it holds whatever the width of the line the amount falls on."""
    loose = [match.group(0) for text in printed[name].outline.texts for match in GROUPED_AMOUNT.finditer(text)
             if PLAIN_SPACE.search(match.group(0))]
    assert loose == []


def headings_ending_a_page(document: Printed) -> list[tuple[int, str]]:
    """(page, heading) for each heading printed as the last line of its page, or begun on one page and ended on
    the next. Headings are what the HTML marks as one: h1–h6, a table's caption and its header row, each found in
    the PDF by its text, in document order (tests.pdf.find_run)."""
    lines, start, orphans = document.lines, 0, []
    for heading in document.outline.headings:
        run = find_run(lines, heading, start)
        assert run, f"heading not printed whole: {heading!r}"
        first, last = lines[run[0]], lines[run[1] - 1]
        start = run[1]
        if first.page != last.page or not any(line.page == last.page and line.top > last.top + 1 for line in lines):
            orphans.append((last.page + 1, heading))
    return orphans


@pytest.mark.parametrize("name", DOCUMENTS)
def test_no_heading_in_any_pdf_is_the_last_line_of_a_page(printed, name):
    """A heading stands with what it heads: were a page to end right after a heading, nothing of that page would be
    printed below it. Headings are known from the HTML by their tags rather than guessed from font size or weight,
    which would take bold table sums and strong lead-ins for headings and miss a caption set like body text."""
    assert headings_ending_a_page(printed[name]) == []


def located_rows(document: Printed):
    """Each table of the document with, for each of its rows, the lines that print it: (table, [(i, j), …]).
    None for a row printed nowhere whole."""
    lines, start = document.lines, 0
    for table in document.outline.tables:
        for head in table.head:
            run = find_run(lines, head, start)
            start = run[1] if run else start
        runs = []
        for row in table.rows:
            run = find_run(lines, row, start) if compact(row) else None
            runs.append(run)
            start = run[1] if run else start
        yield table, runs


@pytest.mark.parametrize("name", DOCUMENTS)
def test_no_table_row_in_any_pdf_splits_across_pages(printed, name):
    """Every row of every table (its cells' text, in order) is printed whole by consecutive lines of one page. A row
    split by a page break is found nowhere whole: the page number and the repeated header come between its
    parts."""
    document = printed[name]
    split = []
    for table, runs in located_rows(document):
        for row, run in zip(table.rows, runs):
            if compact(row) and (run is None or document.lines[run[0]].page != document.lines[run[1] - 1].page):
                split.append(row)
    assert split == []


# The documents whose demo data give a table that continues on a new page.
CONTINUED = ["avtal", "medlemsrapport 2019–2024", "budget", "budget 2019–2021"]


@pytest.mark.parametrize("name", CONTINUED)
def test_a_table_continued_on_a_new_page_repeats_its_header_there_and_nothing_else(printed, name):
    """Where a table's rows go on over a page break, the new page begins with the table's header rows (WeasyPrint
    repeats a <thead>), and right after them comes the next row: no other row (a section heading of the body such
    as the budget's "Intäkter") is repeated above it."""
    document = printed[name]
    lines, continued = document.lines, []
    for table, runs in located_rows(document):
        pages = [lines[run[0]].page for run in runs if run]
        for row, run, before in zip(table.rows[1:], runs[1:], runs):
            if run and before and lines[run[0]].page != lines[before[0]].page:
                above = "".join(line.compact for line in lines[:run[0]] if line.page == lines[run[0]].page)
                continued.append((row, above == "".join(compact(head) for head in table.head) and above != ""))
        assert pages == sorted(pages)
    assert continued, "no table of this document goes on over a page break"
    assert [row for row, repeated in continued if not repeated] == []


def test_the_budget_pdf_prints_each_section_of_the_table_once(printed):
    """The budget's section rows (Intäkter, Kostnader, …: a row whose one cell spans the table, a heading for the
    rows below) stand once each, where their section begins, even when the table spans pages: none is part of the
    header that WeasyPrint repeats on each page."""
    for name in ("budget", "budget 2019–2021"):
        document = printed[name]
        sections = [section for table in document.outline.tables for section in table.sections]
        assert sections, name
        printed_text = [line.text for line in document.lines]
        assert {section: printed_text.count(section) for section in sections} == {section: 1 for section in sections}


def test_the_decision_list_numbers_its_agenda_items_once(printed):
    """The agenda items carry their § numbers; a list number in front of them ("1. § 11") would number them twice.
    WeasyPrint draws a list's numbers after its items, so the check reads the lines as a reader does, left to
    right along each baseline."""
    seen = visual_lines(printed["beslutslista"].lines)
    agenda = [line for line in seen if line.lstrip("0123456789. ").startswith("§")]
    assert agenda
    assert [line for line in agenda if not line.startswith("§")] == []


@pytest.mark.parametrize("name", DOCUMENTS)
def test_no_column_header_in_any_pdf_wraps_onto_more_than_two_lines(printed, name):
    """A header row of a table is printed at most two lines high (its cells share their first baseline): a header
    squeezed to the width of its figures wraps word by word ("Till / arbete / eller / studier")."""
    document = printed[name]
    lines, start, tall = document.lines, 0, []
    for table in document.outline.tables:
        for head in table.head:
            run = find_run(lines, head, start)
            assert run, f"header not printed whole: {head!r}"
            start = run[1]
            if printed_lines(lines[run[0]:run[1]]) > 2:
                tall.append(head)
    assert tall == []


@pytest.mark.parametrize("name", DOCUMENTS)
def test_no_row_of_figures_in_any_pdf_takes_more_than_four_lines(printed, name):
    """A row with figures (a cell of class "num") is printed at most four lines high: enough for a long insats name
    and its kind beside its figures; a name column squeezed by wide, unwrappable headers wraps word by word."""
    document = printed[name]
    tall = [row for table, runs in located_rows(document) for row, run, figures in zip(table.rows, runs, table.figures)
            if figures and run and printed_lines(document.lines[run[0]:run[1]]) > 4]
    assert tall == []


def test_a_result_sheets_table_heading_never_ends_a_page_however_long_the_purpose_above_it(demo_client):
    """The result sheet's first table comes after the insats's purpose, so the purpose's length decides where on
    the page the table falls. The purpose is lengthened two lines at a time across the end of the first page,
    until the table has moved to the second: the table's caption and header are never left as the last lines of
    the first page (caption { break-after: avoid } in the report style). Two lines are less than a caption, a
    header and one row, so one of the sheets puts the caption where an unguarded one would be left behind."""
    insats = Insats.objects.get(namn="SLUSSEN")
    url = f"/uppfoljning/insatser/{insats.pk}/resultatblad/?format=pdf"

    def sheet(words: int) -> Printed:
        Insats.objects.filter(pk=insats.pk).update(syfte=" ".join(["Samverkan"] * words))
        return fetch(demo_client, url)

    def caption_line(document: Printed) -> Line:
        return document.lines[find_run(document.lines, document.outline.tables[0].caption)[0]]

    # how far down one word of purpose moves the table, and how many words bring its caption to the page's end
    short, longer = caption_line(sheet(10)), caption_line(sheet(210))
    per_word = (longer.top - short.top) / 200
    line_height = 14  # 10 pt text, line-height 1.4 (rar/moten/_pdf_style.html)
    end_of_page = 841.89 - 2.2 / 2.54 * 72  # A4 less the bottom margin of 2.2 cm, in points
    at_the_end = 10 + round((end_of_page - short.top) / per_word)
    step = round(2 * line_height / per_word)
    pages, orphans = set(), []
    for words in range(at_the_end - 4 * step, at_the_end + step + 1, step):
        document = sheet(words)
        pages.add(caption_line(document).page)
        orphans += [(words, *orphan) for orphan in headings_ending_a_page(document)]
    assert pages == {0, 1}, "the purposes did not move the table across the end of the first page"
    assert orphans == []
