"""Figures that link to the list they were computed from: `{% spar value "deltagare" insats=ids fran=2021 matt="avslutade" %}`.

The link carries the figure (data-varde) and what in the list equals it (data-jamfor: antal, summa, andel), so a
test can follow every link of a report and compare. Without the right to see the list (`visa=False`) the figure
stands as plain text."""

from django.utils import timezone
from django import template
from django.utils.html import conditional_escape, format_html

from uppfoljning import trace

register = template.Library()


@register.simple_tag
def spar(value, kind, *, visa=True, visas=None, jamfor="antal", **params):
    text = value if visas is None else visas
    if text is None:
        text = "–"
    if not visa or value is None or any(param == [] for param in params.values()):
        return conditional_escape(text)
    return format_html('<a class="spar" href="{}" data-varde="{}" data-jamfor="{}" title="Visa underlaget">{}</a>',
                       trace.url(kind, **params), value, jamfor, text)


@register.filter
def manader(deltagare):
    """Whole months in the insats: from the enrolment month to the exit month (or to this month), both counted."""

    end = deltagare.avslutad or timezone.localdate().replace(day=1)
    return (end.year - deltagare.inskriven.year) * 12 + end.month - deltagare.inskriven.month + 1
