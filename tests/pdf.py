import io

from pypdf import PdfReader


def pdf_text(content: bytes) -> str:
    """All text of a PDF, whitespace normalised (no-break and narrow no-break spaces as plain spaces)."""
    reader = PdfReader(io.BytesIO(content))
    text = "\n".join(page.extract_text() or "" for page in reader.pages)
    return " ".join(text.replace("\u00a0", " ").replace("\u202f", " ").split())
