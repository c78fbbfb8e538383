import io

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
