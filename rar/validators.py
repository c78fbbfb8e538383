"""Checks on uploaded case documents: type by extension *and* content, and size."""

from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

ZIP = b"PK\x03\x04"
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

# extension -> (content type served, magic prefixes accepted; None means plain text)
ALLOWED_TYPES = {
    ".pdf": ("application/pdf", (b"%PDF-",)),
    ".docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", (ZIP,)),
    ".xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", (ZIP,)),
    ".pptx": ("application/vnd.openxmlformats-officedocument.presentationml.presentation", (ZIP,)),
    ".odt": ("application/vnd.oasis.opendocument.text", (ZIP,)),
    ".ods": ("application/vnd.oasis.opendocument.spreadsheet", (ZIP,)),
    ".doc": ("application/msword", (OLE,)),
    ".xls": ("application/vnd.ms-excel", (OLE,)),
    ".png": ("image/png", (b"\x89PNG\r\n\x1a\n",)),
    ".jpg": ("image/jpeg", (b"\xff\xd8\xff",)),
    ".jpeg": ("image/jpeg", (b"\xff\xd8\xff",)),
    ".txt": ("text/plain; charset=utf-8", None),
    ".csv": ("text/csv; charset=utf-8", None),
}


def allowed_extensions_text() -> str:
    return ", ".join(sorted(ext.lstrip(".") for ext in ALLOWED_TYPES))


def validate_handling_file(upload) -> str:
    """Raise ValidationError with a Swedish message, or return the content type to store."""
    suffix = PurePath(upload.name or "").suffix.lower()
    if suffix not in ALLOWED_TYPES:
        raise ValidationError(
            _("Filtypen ”%(typ)s” är inte tillåten. Tillåtna filtyper: %(tillatna)s.")
            % {"typ": suffix.lstrip(".") or _("okänd"), "tillatna": allowed_extensions_text()},
            code="file_type",
        )
    limit = settings.HANDLING_MAX_BYTES
    if upload.size > limit:
        raise ValidationError(
            _("Filen är för stor (%(storlek)s). Största tillåtna storlek är %(grans)s.")
            % {"storlek": filesizeformat(upload.size), "grans": filesizeformat(limit)},
            code="file_size",
        )
    if upload.size == 0:
        raise ValidationError(_("Filen är tom."), code="file_empty")
    content_type, magics = ALLOWED_TYPES[suffix]
    upload.seek(0)
    head = upload.read(8192)
    upload.seek(0)
    if magics is None:
        if b"\x00" in head:
            raise ValidationError(
                _("Filen ser inte ut att vara en textfil trots filändelsen ”%(typ)s”.") % {"typ": suffix.lstrip(".")},
                code="file_content",
            )
    elif not any(head.startswith(m) for m in magics):
        raise ValidationError(
            _("Filens innehåll stämmer inte med filändelsen ”%(typ)s”.") % {"typ": suffix.lstrip(".")},
            code="file_content",
        )
    return content_type
