"""Swedish number formats: 1 764 000 kr, 38 %, 8,5 mnkr.

Amounts in kronor never wrap: the thousands are grouped with a narrow no-break space (U+202F, the thin space
Swedish typography asks for) and the unit follows after a no-break space.
"""

import re
from decimal import ROUND_HALF_UP, Decimal

from django import template

register = template.Library()
NBSP = "\u00a0"
NNBSP = "\u202f"  # narrow no-break space: the thousands separator in kronor


def group_thousands(value: int, separator: str = NBSP) -> str:
    sign = "−" if value < 0 else ""
    return sign + f"{abs(int(value)):,}".replace(",", separator)


@register.filter
def heltal(value):
    """An integer with Swedish thousands grouping, e.g. 16 000 000."""
    if value is None or value == "":
        return "–"
    return group_thousands(int(value))


@register.filter
def kronor(value):
    if value is None or value == "":
        return "–"
    return f"{group_thousands(int(value), NNBSP)}{NBSP}kr"


AMOUNT_IN_TEXT = re.compile(r"(?<![\d,.])(\d{1,3}(?:[ \u00a0\u202f]\d{3})+)[ \u00a0](kr|kronor|tkr|mnkr)\b")


@register.filter(is_safe=True)
def belopp_hela(text):
    """Free text with amounts typed as "1 764 000 kr": the amounts get no-break spaces, so a line never splits one."""
    if not text:
        return text
    return AMOUNT_IN_TEXT.sub(lambda m: re.sub(r"[ \u00a0]", NNBSP, m.group(1)) + NBSP + m.group(2), str(text))


def thousands(value: int) -> int:
    """Kronor in whole thousands, rounded half up: the one rounding of every tkr figure, in tables and charts."""
    return int((Decimal(int(value)) / 1000).quantize(Decimal(1), rounding=ROUND_HALF_UP))


@register.filter
def tkr(value):
    """Kronor shown in thousands (tkr), rounded half up, as in the budget tables."""
    if value is None or value == "":
        return "–"
    return group_thousands(thousands(value))


@register.filter
def procent(value, decimals=0):
    if value is None or value == "":
        return "–"
    quantum = Decimal(1).scaleb(-int(decimals))
    number = Decimal(str(value)).quantize(quantum, rounding=ROUND_HALF_UP)
    return f"{str(number).replace('.', ',')}{NBSP}%"


@register.filter
def mnkr(value):
    """Kronor in millions with one decimal, Swedish style: 8 520 000 → "8,5 mnkr"."""
    if value is None or value == "":
        return "–"
    millions = (Decimal(int(value)) / 1_000_000).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    return f"{str(millions).replace('.', ',')}{NBSP}mnkr"


@register.simple_tag(takes_context=True)
def engangsnyckel(context):
    """A hidden one-time key for a create form; a re-rendered form keeps the key it was posted with."""
    import uuid

    from django.utils.html import format_html

    from rar.once import FIELD

    request = context.get("request")
    posted = request.POST.get(FIELD, "") if request is not None and request.method == "POST" else ""
    try:
        key = str(uuid.UUID(posted))
    except ValueError:
        key = str(uuid.uuid4())
    return format_html('<input type="hidden" name="{}" value="{}">', FIELD, key)


@register.filter
def get_item(mapping, key):
    """mapping[key] in a template, or None (for tables keyed by year)."""
    return (mapping or {}).get(key)


@register.filter
def andel_langa(stats, year):
    return stats.andel_langa(year)


@register.filter
def andel_arbete(stats, year):
    return stats.andel_arbete(year)


@register.filter
def esf_andel(stats, year):
    return stats.esf_andel(year)
