"""One way to list. A list page is a selector's queryset of plain rows (`.values()`), a django-filter FilterSet
and one column specification (`ListSpec`) that draws the HTML table and writes the CSV/Excel export, so the
export holds exactly the table's rows for the same filter and order.

The view parses and renders: `listing = lists.run(request, SPEC, rows)`, then `listing.export()` when
`?export=csv|xlsx` was asked for, otherwise `lists.render(request, template, listing, context)`, which answers
an htmx request with the table fragment only (filters and sort links update the table in place; without
JavaScript the same links and the plain GET form load the whole page, and the URL is always shareable).

- Sorting is server side: `?ordning=<column>` or `?ordning=-<column>`, drawn as links in the header with
  `aria-sort`; an unknown column falls back to the list's default order, and the primary key breaks ties, so
  the order of rows never changes between two loads of the same page.
- 25 rows a page (`?sida=N`), with page links; a page past the end shows the last page.
- A cell's text is computed in Python from its row (choices looked up in a dict, URLs filled into a pattern
  reversed once): the template has no include, no reverse and no `get_*_display` per row.
- The rendered table fragment is cached per data version (see `rar.dataversion`), the user's view of the data
  and the query string, so an unchanged list is drawn once; every write to the tables bumps the version.
"""

import datetime
from dataclasses import dataclass
from typing import Any, Callable

import django_filters
from django import forms
from django.core.paginator import Paginator
from django.core.exceptions import FieldError
from django.db import models
from django.db.models import F, Func, QuerySet, Value
from django.db.models.functions import Lower
from django.shortcuts import render as django_render
from django.template.loader import render_to_string
from django.urls import reverse
from django.forms.utils import flatatt
from django.utils.functional import cached_property
from django.utils.html import conditional_escape, format_html, format_html_join
from django.utils.http import urlencode
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from rar.exports import export_response
from rar.forms_base import Form
from rar.params import error_text
from rar.templatetags.rar_format import group_thousands, kronor

PAGE_SIZE = 25
SORT = "ordning"
PAGE = "sida"
EXPORT = "export"
RESULTS_ID = "lista"
_PLACEHOLDER = "987654321"


class RowLink:
    """A row's URL without a reverse() per row: the URL is reversed once with a placeholder, then filled in."""

    def __init__(self, name: str, key: str = "pk"):
        self.name, self.key, self._pattern = name, key, None

    def __call__(self, row: dict) -> str:
        if self._pattern is None:
            self._pattern = reverse(self.name, args=[_PLACEHOLDER])
        return self._pattern.replace(_PLACEHOLDER, str(row[self.key]))


def choice_label(choices) -> Callable[[Any], str]:
    labels = {value: str(label) for value, label in choices}
    return lambda value: labels.get(value, value or "")


def choice_column(key, label, choices, **kwargs) -> "Column":
    """A column of a choices field: exported and drawn as the choice's label (sorted by the stored value)."""
    label_of = choice_label(choices)
    return Column(key, label, value=lambda row: label_of(row[key]), **kwargs)


def yes_no(value) -> str:
    return str(_("Ja")) if value else str(_("Nej"))


def plain(value) -> str:
    if value is None or value == "":
        return "–"
    if isinstance(value, bool):
        return yes_no(value)
    if isinstance(value, (datetime.datetime,)):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return ", ".join(str(v) for v in value if v) or "–"
    if isinstance(value, int):
        return group_thousands(value)
    return str(value)


def money(value) -> str:
    return kronor(value)


@dataclass(frozen=True)
class Column:
    """One column: its header, how a row gives its value (the export's cell) and its text (the table's cell).

    key:      the row's key (a field or annotation in the selector's `.values()`), also the sort parameter
    order:    the ORM expressions it sorts by; () means the column does not sort; None means (key,)
    value:    row → the value exported (default row[key]); a list is joined with ", " in the export
    text:     value → the table's text (default `plain`; `money` for kronor)
    link:     row → URL of the cell's link
    badge:    value → Bootstrap badge class; the text is drawn as a badge
    note:     row → a short mark after the text (e.g. "Försenad"), in the table only
    num:      right-aligned figures
    in_table: False for a column only the export has (a breakdown the table leaves out)
    in_export: False for a column only the table has (a link), or, with in_table False too, a sort order
              alone (a search's relevance)
    """

    key: str
    label: str
    order: tuple | None = None
    value: Callable[[dict], Any] | None = None
    text: Callable[[Any], str] = plain
    link: Callable[[dict], str] | None = None
    badge: Callable[[Any], str] | None = None
    note: Callable[[dict], str] | None = None
    num: bool = False
    in_table: bool = True
    note_badge: str = "text-bg-danger"
    in_export: bool = True
    nowrap: bool = False  # kept on one line (a period "2025-01-01 – 2026-12-31"); a date value always is

    @property
    def sort_fields(self) -> tuple:
        return (self.key,) if self.order is None else self.order

    def value_of(self, row: dict):
        return self.value(row) if self.value else row[self.key]


def cell_html(text, *, url=None, badge=None, note=None, note_badge="", num=False, nowrap=False) -> str:
    """One table cell, escaped, written in Python: a template loop over 25 rows of cells cost several milliseconds.
    `nowrap`: a date or a period, which a narrow column would otherwise break at its hyphens."""
    inner = format_html('<span class="badge {}">{}</span>', badge, text) if badge else conditional_escape(text)
    if url:
        inner = format_html('<a href="{}">{}</a>', url, inner)
    if note:
        inner = format_html('{} <span class="badge {} list-note">{}</span>', inner, note_badge, note)
    classes = " ".join(name for name, on in (("num", num), ("text-nowrap", nowrap)) if on)
    return format_html('<td class="{}">{}</td>', classes, inner) if classes else format_html("<td>{}</td>", inner)


@dataclass(frozen=True)
class ListSpec:
    """A list: its name (the export's file name and the cache's key), caption, columns and default order."""

    name: str
    caption: str
    columns: tuple[Column, ...]
    default_order: str
    empty: str
    filterset: type | None = None
    export: bool = True
    noun: tuple[str, str] = ("rad", "rader")
    summary: Callable | None = None  # rows → a sentence after the count (e.g. the sum of the amounts)
    # The rows' model, for a list whose rows are passed as a function (built only when the table is drawn):
    # the FilterSet is given `model.objects.none()` until then.
    model: type | None = None

    def column(self, key):
        return next((c for c in self.columns if c.key == key), None)

    @property
    def table_columns(self):
        return tuple(c for c in self.columns if c.in_table)

    @property
    def export_columns(self):
        return tuple(c for c in self.columns if c.in_export)


class FilterSet(django_filters.FilterSet):
    """The apps' FilterSet: its form is the apps' Form (no personnummer, one-line text) and is drawn with
    Bootstrap classes by `partials/list_filters.html`, without crispy's per-field template cost."""

    class Meta:
        form = Form

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.form.fields.values():
            widget = field.widget
            css = "form-select" if widget.input_type == "select" else "form-control"
            widget.attrs["class"] = (widget.attrs.get("class", "") + " " + css).strip()


def _field_html(bound) -> str:
    """A filter's input or select, written directly (Django's widget templates cost more than the whole table)."""
    widget = bound.field.widget
    attrs = {**widget.attrs, "id": bound.auto_id, "name": bound.html_name}
    if bound.errors:
        attrs.update({"aria-invalid": "true", "aria-describedby": f"{bound.auto_id}-fel"})
    value = bound.value()
    if isinstance(widget, forms.Select):
        chosen = "" if value is None else str(value)
        options = format_html_join("", '<option value="{}"{}>{}</option>', (
            (str(v), mark_safe(" selected") if str(v) == chosen else "", label)
            for v, label in bound.field.choices))
        return format_html("<select{}>{}</select>", flatatt(attrs), options)
    attrs["type"] = widget.input_type
    if value not in (None, ""):
        attrs["value"] = str(value)
    return format_html("<input{}>", flatatt(attrs))


# The database sorts bytes (C.UTF-8: no Swedish locale and no ICU where it runs): "Zeta" before "apelsin", "Ä" before
# "Å". Free text is sorted by a key that ignores case and puts å, ä, ö after z in that order (é as e, ü as y).
_SWEDISH_FROM, _SWEDISH_TO = "åäöæøéèêëüáàâ", "{|}|}eeeeyaaa"


def swedish_order(name: str):
    return Func(Lower(F(name)), Value(_SWEDISH_FROM), Value(_SWEDISH_TO), function="translate",
                output_field=models.TextField())


def is_free_text(queryset, name: str) -> bool:
    """Whether a sort key is text a person wrote (a name, a title), not a code with choices or a number."""
    try:
        field = queryset.query.resolve_ref(name).output_field
    except (FieldError, AttributeError):
        return False
    return isinstance(field, (models.CharField, models.TextField)) and not getattr(field, "choices", None)


class Listing:
    """One request's list: the filter form, the sorted and filtered rows, and the page of cells to draw.

    `prefix` names the sort, page and export parameters of a second list on the same page (`esf-ordning`,
    `esf-sida`, `esf-export`) and its table's id (`lista-esf`); the filters are the page's, shared."""

    def __init__(self, request, spec: ListSpec, rows, filter_kwargs=None, prefix: str = ""):
        self.request, self.spec, self.empty = request, spec, spec.empty
        self.sort_name, self.page_name, self.export_name = (prefix + name for name in (SORT, PAGE, EXPORT))
        self.results_id = f"{RESULTS_ID}-{prefix.strip('-')}" if prefix else RESULTS_ID
        params = request.GET
        # `rows` is a queryset, or a function returning one: then it is built (its annotations and subqueries
        # resolved, a few milliseconds for the catalogue) only when the table is drawn or exported, never for a
        # table the fragment cache already holds.
        self._build = None if isinstance(rows, QuerySet) else rows
        base = rows if self._build is None else spec.model._default_manager.none()
        self.filterset = spec.filterset(params or None, queryset=base, request=request, **(filter_kwargs or {})) \
            if spec.filterset else None
        self._base = base
        self.form = self.filterset.form if self.filterset else None
        # A filter that does not parse is left out, and said in Swedish above the table (400, nothing hidden).
        self.invalid = bool(self.form is not None and self.form.is_bound and not self.form.is_valid())
        self.error_text = error_text(self.form) if self.invalid else ""
        wanted = params.get(self.sort_name, "")
        key = wanted.lstrip("-")
        column = spec.column(key)
        if column is None or not column.sort_fields:
            wanted, key = spec.default_order, spec.default_order.lstrip("-")
            column = spec.column(key)
        self.sort_key, self.descending = key, wanted.startswith("-")
        self.sort_param = "" if wanted == spec.default_order else wanted
        self._sort_fields = column.sort_fields
        base = params.copy()
        for name in (self.sort_name, self.page_name, self.export_name):
            base.pop(name, None)
        self.base_query = base.urlencode()

    @cached_property
    def rows(self):
        """The filtered rows in the asked-for order (a queryset, not yet run)."""
        source = self._build() if self._build is not None else self._base
        if self.filterset is not None:
            self.filterset.queryset = source
            source = self.filterset.qs
        ordering = []
        for name in self._sort_fields:
            expression = swedish_order(name) if is_free_text(source, name) else F(name)
            ordering.append(expression.desc(nulls_last=True) if self.descending else expression.asc(nulls_last=True))
        return source.order_by(*ordering, "-pk" if self.descending else "pk")

    @property
    def filter_fields(self):
        """The filter form's visible fields as (bound field, its HTML) for partials/list_filters.html."""
        if self.form is None:
            return []
        return [{"field": bound, "html": _field_html(bound), "hidden": bound.is_hidden} for bound in self.form]

    # -- URLs -------------------------------------------------------------------------------------------------
    def _url(self, **extra) -> str:
        query = "&".join(part for part in (self.base_query, urlencode({k: v for k, v in extra.items() if v})) if part)
        return f"?{query}" if query else "?"

    def page_url(self, number) -> str:
        return self._url(**{self.sort_name: self.sort_param, self.page_name: number if number != 1 else ""})

    def export_url(self, fmt) -> str:
        return self._url(**{self.sort_name: self.sort_param, self.export_name: fmt})

    @property
    def export_url_csv(self) -> str:
        return self.export_url("csv")

    @property
    def export_url_xlsx(self) -> str:
        return self.export_url("xlsx")

    def headers(self):
        for column in self.spec.table_columns:
            active = column.key == self.sort_key
            header = {"label": column.label, "num": column.num, "sort": None, "aria": "", "arrow": ""}
            if column.sort_fields:
                descending = not self.descending if active else False
                target = ("-" if descending else "") + column.key
                header["sort"] = self._url(**{self.sort_name: "" if target == self.spec.default_order else target})
                if active:
                    header["aria"] = "descending" if self.descending else "ascending"
                    header["arrow"] = "▼" if self.descending else "▲"
            yield header

    # -- rows ---------------------------------------------------------------------------------------------------
    def row_html(self, row: dict) -> str:
        """One row of the table: `<tr>` and its cells."""
        cells = []
        for column in self.spec.table_columns:
            value = column.value_of(row)
            cells.append(cell_html(column.text(value), url=column.link(row) if column.link else None,
                                   badge=column.badge(value) if column.badge else None,
                                   note=column.note(row) if column.note else None, note_badge=column.note_badge,
                                   num=column.num, nowrap=column.nowrap or isinstance(value, datetime.date)))
        return mark_safe("<tr>" + "".join(cells) + "</tr>")

    def page(self):
        page = Paginator(self.rows, PAGE_SIZE).get_page(self.request.GET.get(self.page_name))
        page.row_html = [self.row_html(row) for row in page.object_list]
        elided = page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1)
        page.links = [{"ellipsis": True} if n == page.paginator.ELLIPSIS else
                      {"number": n, "url": self.page_url(n), "current": n == page.number} for n in elided]
        page.previous_url = self.page_url(page.previous_page_number()) if page.has_previous() else None
        page.next_url = self.page_url(page.next_page_number()) if page.has_next() else None
        return page

    def export(self):
        fmt = self.request.GET.get(self.export_name)
        if fmt not in ("csv", "xlsx") or not self.spec.export:
            return None
        columns = self.spec.export_columns
        rows = ([_export_value(c.value_of(row)) for c in columns] for row in self.rows.iterator(chunk_size=2000))
        return export_response(fmt=fmt, filename=self.spec.name, headers=[str(c.label) for c in columns], rows=rows)

    # -- the table fragment and the filter form, cached on the data's version ----------------------------------
    def _cached(self, kind: str, render, *extra: str) -> str:
        """`render()`, or what it gave before for the same list, data version, address, language and `extra`."""
        from rar import dataversion

        return dataversion.cached(f"lista-{kind}", (self.spec.name, self.request.get_full_path(),
                                                    getattr(self.request, "LANGUAGE_CODE", ""), *extra), render)

    def results_html(self, scope: str = "") -> str:
        return self._cached("tabell", self._render_results, scope)

    def _render_results(self) -> str:
        page = self.page()
        return render_to_string("partials/list_results.html", {
            "listing": self, "spec": self.spec, "page": page, "headers": list(self.headers()),
            "count": page.paginator.count, "results_id": self.results_id, "empty": self.empty,
            "summary": self.spec.summary(self.rows) if self.spec.summary else "", "error_text": self.error_text,
        }, request=None)

    def filters_html(self, label: str, results_id: str = "") -> str:
        """The filter form (partials/list_filters.html), which depends only on the address and, for a choice of
        organisations or bodies, on the data: drawing its inputs cost a few milliseconds a request."""
        def render():
            return render_to_string("partials/list_filters.html", {
                "listing": self, "label": label, "results_id": results_id or self.results_id, "path": self.request.path,
            }, request=None)

        return self._cached("filter", render, label, results_id)


def _export_value(value):
    if isinstance(value, bool):
        return yes_no(value)
    if isinstance(value, (list, tuple)):
        return ", ".join(str(v) for v in value if v)
    return value


def run(request, spec: ListSpec, rows, *, prefix: str = "", **filter_kwargs) -> Listing:
    return Listing(request, spec, rows, filter_kwargs, prefix=prefix)


def view_scope(user) -> str:
    """Whose view of the data a cached fragment is: all staff share one; anyone else has their own."""
    from rar import roles

    if not user.is_authenticated:
        return "publik"
    return "kansli" if roles.is_kansli(user) and not user.is_superuser else f"user:{user.pk}"


def render(request, template: str, listing: Listing, context: dict | None = None, scope: str | None = None):
    """The whole page, or, for an htmx request (not a history restore), only the table fragment."""
    html = listing.results_html(scope if scope is not None else view_scope(request.user))
    htmx = getattr(request, "htmx", None)
    if htmx and not htmx.history_restore_request:
        from django.http import HttpResponse

        response = HttpResponse(html, status=400 if listing.invalid else 200)
    else:
        response = django_render(request, template, {"listing": listing, "results": html, "form": listing.form,
                                                     **(context or {})}, status=400 if listing.invalid else 200)
    response.headers.setdefault("Vary", "HX-Request")
    return response


def render_many(request, template: str, fragment: str, listings, context: dict, scope: str | None = None):
    """A page of several lists under one filter form (`context["form"]`, whose htmx target is `fragment`'s
    wrapper). An htmx request from one list's sort or page links gets that list's table; one from the form gets
    `fragment`, every list's table in it (`lists`: pairs of a listing and its table); any other request the page."""
    from django.http import HttpResponse

    scope = scope if scope is not None else view_scope(request.user)
    htmx = getattr(request, "htmx", None)
    partial = bool(htmx) and not htmx.history_restore_request
    one = next((listing for listing in listings if partial and listing.results_id == htmx.target), None)
    if one is not None:
        response = HttpResponse(one.results_html(scope))
    else:
        response = django_render(request, fragment if partial else template, {
            "lists": [(listing, listing.results_html(scope)) for listing in listings], **context})
    response.headers.setdefault("Vary", "HX-Request, HX-Target")
    return response
