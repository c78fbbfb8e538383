"""Reading PDFs back in tests: their text, and where each line stands on which page (tests/test_pdf_layout.py)."""

import io
import re
from dataclasses import dataclass

from pypdf import PdfReader


def pdf_text(content: bytes) -> str:
    """All text of a PDF, whitespace normalised (no-break and narrow no-break spaces as plain spaces)."""
    reader = PdfReader(io.BytesIO(content))
    text = "\n".join(page.extract_text() or "" for page in reader.pages)
    return " ".join(text.replace("\u00a0", " ").replace("\u202f", " ").split())


def pdf_pages(content: bytes) -> list[str]:
    """The text of each page, whitespace normalised."""
    reader = PdfReader(io.BytesIO(content))
    return [" ".join((page.extract_text() or "").replace("\u00a0", " ").replace("\u202f", " ").split()) for page in reader.pages]


def pdf_text_sizes(content: bytes) -> list[tuple[str, float]]:
    """(text, size in points as printed) for every piece of text: the font size scaled by the text and graphics
    matrices, so text in a scaled-down SVG chart shows its real printed size."""
    reader = PdfReader(io.BytesIO(content))
    found = []

    def visit(text, cm, tm, font_dict, font_size):
        if text.strip():
            scale_tm = (tm[2] ** 2 + tm[3] ** 2) ** 0.5
            scale_cm = (cm[2] ** 2 + cm[3] ** 2) ** 0.5
            found.append((text.strip(), round(font_size * scale_tm * scale_cm, 2)))

    for page in reader.pages:
        page.extract_text(visitor_text=visit)
    return found


@dataclass(frozen=True)
class Line:
    """A printed line, or the part of one that a table cell holds, as pypdf's text visitor reports it."""

    page: int  # 0-based
    top: float  # the baseline's distance from the top of the page, in points
    left: float  # where the text starts, in points from the left edge of the page
    text: str  # as printed: no-break (U+00A0) and narrow no-break (U+202F) spaces kept
    size: float  # the largest printed font size on it, in points
    bold: bool  # all of it is set in a bold face

    @property
    def compact(self) -> str:
        return compact(self.text)


def compact(text: str) -> str:
    """Text without whitespace of any kind. pypdf guesses the spaces between the pieces of a line, so printed text
    and the HTML it came from are compared without them; nor with soft hyphens (U+00AD in the HTML) and the hyphen
    (U+2010) WeasyPrint prints where it breaks a word at one."""
    return "".join(text.split()).replace("\u00ad", "").replace("\u2010", "")


def pdf_lines(content: bytes) -> list[Line]:
    """Every line of every page, in the order the PDF draws them.

    WeasyPrint draws in document order: a table row cell by cell, each cell's lines one after the other, so a cell
    that wraps gives lines that go down and then back up to the next cell. (List markers are drawn after the rest
    of their page.) pypdf calls the visitor once per run of text; a run ends at a line break or where the font or
    the position changes, and runs that follow each other on one baseline are one line here."""
    reader = PdfReader(io.BytesIO(content))
    lines: list[Line] = []
    for number, page in enumerate(reader.pages):
        height = float(page.mediabox.height)
        parts: list[tuple[float, float, str, float, bool]] = []  # (top, left, text, size, bold) of the line so far
        state = {"ended": True}

        def flush(number=number, parts=parts):
            text = "".join(part[2] for part in parts).strip()
            if text:
                lines.append(Line(number, round(parts[0][0], 2), round(parts[0][1], 2), text,
                                  max(part[3] for part in parts), all(part[4] for part in parts if part[2].strip())))
            parts.clear()

        def visit(text, cm, tm, font_dict, font_size, height=height, parts=parts, state=state, flush=flush):
            if not text:
                return
            # text space → page: the text matrix, then the graphics matrix (WeasyPrint flips y and scales px → pt)
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            top = height - (tm[4] * cm[1] + tm[5] * cm[3] + cm[5])
            size = round(font_size * (tm[2] ** 2 + tm[3] ** 2) ** 0.5 * (cm[2] ** 2 + cm[3] ** 2) ** 0.5, 2)
            bold = "bold" in str((font_dict or {}).get("/BaseFont", "")).lower()
            if not state["ended"] and parts and abs(parts[0][0] - top) > 1:
                flush()
            for i, piece in enumerate(text.split("\n")):
                if i:  # a line break inside one run: pypdf gives no position for what follows, so estimate it
                    flush()
                    top += size * 1.2
                if piece:
                    parts.append((top, x, piece, size, bold))
            state["ended"] = text.endswith("\n")
            if state["ended"]:
                flush()

        page.extract_text(visitor_text=visit)
        flush()
    return lines


PAGE_NUMBER = re.compile(r"Sida \d+ av \d+")


def body_lines(content: bytes) -> list[Line]:
    """The lines of the document itself: pdf_lines without the page numbers in the bottom margin ("Sida 1 av 3")."""
    return [line for line in pdf_lines(content) if not PAGE_NUMBER.fullmatch(line.text)]


def visual_lines(lines: list[Line]) -> list[str]:
    """The text of each line as a reader sees it: the pieces on one baseline of a page, left to right, whatever
    order they were drawn in (a list's numbers come after its items)."""
    rows: dict[tuple[int, int], list[Line]] = {}
    for line in lines:
        rows.setdefault((line.page, round(line.top)), []).append(line)
    return [" ".join(piece.text for piece in sorted(row, key=lambda piece: piece.left)) for _, row in sorted(rows.items())]


def find_run(lines: list[Line], text: str, start: int = 0) -> tuple[int, int] | None:
    """(i, j) of the first lines[i:j], from lines[start] on, that print `text` (compared without whitespace) and
    nothing else: where a heading or a table row of the HTML was printed. None if no run of lines prints it whole,
    as when a row is split by a page break (the page number and the repeated header come between its parts)."""
    wanted = compact(text)
    if not wanted:
        return None
    for i in range(start, len(lines)):
        so_far = ""
        for j in range(i, len(lines)):
            so_far += lines[j].compact
            if so_far == wanted:
                return i, j + 1
            if not wanted.startswith(so_far):
                break
    return None


def printed_lines(lines: list[Line]) -> int:
    """How many lines high a run of lines is: its baselines, those less than 2 pt apart counted as one (the cells of
    a table row share their first baseline)."""
    count, last = 0, None
    for page, top in sorted((line.page, line.top) for line in lines):
        if last is None or page != last[0] or top - last[1] > 2:
            count += 1
        last = (page, top)
    return count


HTML = "{http://www.w3.org/1999/xhtml}"
HEADINGS = {f"{HTML}h{level}" for level in range(1, 7)}


@dataclass
class Table:
    caption: str  # "" when it has none that is printed
    head: list[str]  # the text of each row of its <thead>
    rows: list[str]  # the text of each row of its <tbody> and <tfoot>, in order
    figures: list[bool]  # for each of those rows: it has a cell of figures (class "num")
    sections: list[str]  # the text of each row, head or body, whose one cell spans the table (a heading for rows)


@dataclass
class Outline:
    """What the HTML that a PDF was made from prints, in document order: its headings (h1–h6, table captions and
    table headers), its tables, and its text as it stands in the source, one string per text node."""

    headings: list[str]
    tables: list[Table]
    texts: list[str]


def _printed(element) -> bool:
    """Not a <title> of an SVG (a tooltip), a <style>, or visually hidden (display: none in the PDFs' style)."""
    if not isinstance(element.tag, str):  # a comment
        return False
    tag = element.tag
    return (tag not in (f"{HTML}style", f"{HTML}script") and not tag.endswith("}title")
            and "visually-hidden" not in (element.get("class") or "").split())


def _text_nodes(element):
    """The printed text inside an element, one string per text node (an element's tail is its parent's)."""
    if element.text:
        yield element.text
    for child in element:
        if _printed(child):
            yield from _text_nodes(child)
        if child.tail:
            yield child.tail


def _text(element) -> str:
    return " ".join("".join(_text_nodes(element)).split())


def _classes(element) -> list[str]:
    return (element.get("class") or "").split()


def html_outline(html: str) -> Outline:
    import tinyhtml5  # WeasyPrint's own HTML parser: the PDF was laid out from this very tree

    body = tinyhtml5.parse(html).find(f"{HTML}body")
    headings, tables = [], []

    def walk(element):
        for child in element:
            if not _printed(child):
                continue
            if child.tag in HEADINGS:
                headings.append(_text(child))
            elif child.tag == f"{HTML}table":
                tables.append(table(child))
            else:
                walk(child)

    def table(element) -> Table:
        found = Table(caption="", head=[], rows=[], figures=[], sections=[])
        for part in element:
            if part.tag == f"{HTML}caption" and _printed(part):
                found.caption = _text(part)
                headings.append(found.caption)
            for row in part.findall(f"{HTML}tr"):
                cells = [cell for cell in row if cell.tag in (f"{HTML}td", f"{HTML}th")]
                if len(cells) == 1 and int(cells[0].get("colspan") or 1) > 1:
                    found.sections.append(_text(row))
                if part.tag == f"{HTML}thead":
                    found.head.append(_text(row))
                    headings.append(found.head[-1])
                elif part.tag in (f"{HTML}tbody", f"{HTML}tfoot"):
                    found.rows.append(_text(row))
                    found.figures.append(any(cell.tag == f"{HTML}td" and "num" in _classes(cell) for cell in cells))
        return found

    walk(body)
    return Outline(headings=headings, tables=tables, texts=list(_text_nodes(body)))
