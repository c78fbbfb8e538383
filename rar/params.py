"""Parameters of a request (query string, or POST fields outside a page's form) read by small forms.

A view never calls int() on request data itself: it passes the data to `parse(SomeForm, request.GET)` and gets
cleaned values, or a 400 page that says in Swedish which parameter was wrong (`rar.errors.BadParameter`).
Nothing falls back silently to a default.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from rar.errors import BadParameter
from rar.forms_base import Form

YEARS = {"min_value": 2000, "max_value": 2100}


def parse(form_class, data, **kwargs) -> dict:
    form = form_class(data, **kwargs)
    if not form.is_valid():
        raise BadParameter(error_text(form))
    return form.cleaned_data


def error_text(form) -> str:
    """'Label: message' per error, in the form's field order (for a page that has nowhere to show field errors)."""
    parts = []
    for name, errors in form.errors.items():
        label = form.fields[name].label if name in form.fields else None
        parts.extend(f"{label}: {error}" if label else str(error) for error in errors)
    return " ".join(parts)


class YearForm(Form):
    """`?ar=` on the yearly reports: a year from 2000 to 2100, or none for the page's default."""

    ar = forms.IntegerField(label=_("År"), required=False, **YEARS)
    format = forms.ChoiceField(label=_("Format"), required=False, choices=[("", "HTML"), ("pdf", "PDF"), ("csv", "CSV")])


class BudgetParamsForm(Form):
    """`?ar=&export=` on the budget page: one of the budget's years (none: all), and the export format."""

    ar = forms.IntegerField(label=_("År"), required=False, **YEARS)
    export = forms.ChoiceField(label=_("Format"), required=False,
                               choices=[("", "HTML"), ("csv", "CSV"), ("xlsx", "Excel"), ("pdf", "PDF")])

    def __init__(self, *args, years, **kwargs):
        super().__init__(*args, **kwargs)
        self.years = years

    def clean_ar(self):
        year = self.cleaned_data["ar"]
        if year is not None and year not in self.years:
            raise forms.ValidationError(_("Budgeten har inget år %(ar)s.") % {"ar": year}, code="unknown_year")
        return year


class ReplyParamsForm(Form):
    """`kommentar=` when staff change a § of the draft in answer to a comment on it."""

    kommentar = forms.IntegerField(label=_("Synpunkt"), required=False, min_value=1)
