"""HTML → PDF with WeasyPrint. Templates name the DejaVu fonts (the only ones installed on the servers)."""

from django.conf import settings
from django.http import HttpResponse
from django.template.loader import render_to_string


def render_pdf(template_name: str, context: dict) -> bytes:
    from weasyprint import HTML

    # lank_bas: links in a PDF need the site's full address (on a page they stay relative). pdf: a body partial that
    # a page shares may print a shorter label where a column of an A4 page is narrow.
    html = render_to_string(template_name, {**context, "forbund": settings.FORBUND, "lank_bas": settings.SITE_URL.rstrip("/"),
                                            "pdf": True})
    return HTML(string=html, base_url=str(settings.BASE_DIR / "static")).write_pdf()


def pdf_response(template_name: str, context: dict, filename: str, inline: bool = False) -> HttpResponse:
    response = HttpResponse(render_pdf(template_name, context), content_type="application/pdf")
    disposition = "inline" if inline else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response
