"""Checks on input: uploaded case documents (type by extension *and* content, and size), and personal identity
numbers in free text (refused everywhere)."""

import datetime
import re
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

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


# --- Personal identity numbers ---------------------------------------------------------------------------------
# A personnummer is YYMMDD-NNNC (or YYYYMMDD-NNNC): a birth date, a birth number and a Luhn check digit over the
# ten digits. A samordningsnummer adds 60 to the day. "+" replaces "-" from the year a person turns 100.
# Ten or twelve digits with or without a separator (hyphen, plus, dash or one space), not part of a longer run
# of digits.
PERSONNUMMER = re.compile(r"(?<!\d)(?P<sekel>1[89]|20)?(?P<ar>\d{2})(?P<manad>\d{2})(?P<dag>\d{2})"
                          r"(?P<sep>[-+\u2010\u2011\u2013 ]?)(?P<nummer>\d{3})(?P<kontroll>\d)(?!\d)")


def _luhn_check_digit(digits: str) -> int:
    total = 0
    for position, char in enumerate(digits):
        value = int(char) * (2 if position % 2 == 0 else 1)
        total += value - 9 if value > 9 else value
    return (10 - total % 10) % 10


def _is_birth_date(century: str | None, year: str, month: str, day: str) -> bool:
    day_number = int(day)
    if day_number > 60:  # samordningsnummer
        day_number -= 60
    centuries = [int(century)] if century else [18, 19, 20]  # ten digits: the date must exist in some century
    for hundred in centuries:
        try:
            datetime.date(hundred * 100 + int(year), int(month), day_number)
        except ValueError:
            continue
        return True
    return False


def find_personnummer(text) -> list[re.Match]:
    """Every personnummer or samordningsnummer in `text`.

    A real birth date written in the personnummer's own form (YYMMDD-NNNN, YYYYMMDD-NNNN or with "+") counts
    whatever its check digit: a mistyped personnummer is still one. Without that separator the ten digits must
    also carry a valid check digit, so order and invoice numbers that merely start with a date are let through.
    """
    if not isinstance(text, str) or not text:
        return []
    found = []
    for match in PERSONNUMMER.finditer(text):
        parts = match.groupdict()
        if not _is_birth_date(parts["sekel"], parts["ar"], parts["manad"], parts["dag"]):
            continue
        ten = parts["ar"] + parts["manad"] + parts["dag"] + parts["nummer"]
        written_as_personnummer = parts["sep"] in ("-", "+")
        if written_as_personnummer or _luhn_check_digit(ten) == int(parts["kontroll"]):
            found.append(match)
    return found


def contains_personnummer(text) -> bool:
    return bool(find_personnummer(text))


def mask_personnummer(match: re.Match) -> str:
    """The number with the day, birth number and check digit hidden: 19850101-1236 -> 198501**-****."""
    parts = match.groupdict()
    return f"{parts['sekel'] or ''}{parts['ar']}{parts['manad']}**{parts['sep']}****"


PERSONNUMMER_MESSAGE = _lazy("Personnummer och samordningsnummer får inte sparas i systemet. Ta bort numret.")


def validate_no_personnummer(value) -> None:
    """Form field validator: refuse text (or a list of texts) with a personnummer or samordningsnummer, without
    echoing it."""
    if any(contains_personnummer(text) for text in (value if isinstance(value, (list, tuple)) else [value])):
        raise ValidationError(PERSONNUMMER_MESSAGE, code="personnummer")
