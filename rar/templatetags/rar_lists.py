"""`{% list_filters label="Filtrera …" %}`: the page's list's filter form (rar.lists.Listing.filters_html, cached)."""

from django import template
from django.utils.safestring import mark_safe

register = template.Library()


@register.simple_tag(takes_context=True)
def list_filters(context, label="Filtrera", results_id=""):
    return mark_safe(context["listing"].filters_html(str(label), results_id))  # rendered by our own template
