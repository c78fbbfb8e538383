"""The `?ar=` of the follow-up pages, read by one small form: a bad year is a form error and a 400, never a
silent fallback to another year."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from rar.forms_base import Form

YEAR_MESSAGE = _("Ange ett år mellan 2000 och 2100, t.ex. 2021.")


class YearForm(Form):
    ar = forms.IntegerField(label=_("År"), required=False, min_value=2000, max_value=2100, error_messages={
        "invalid": YEAR_MESSAGE, "min_value": YEAR_MESSAGE, "max_value": YEAR_MESSAGE})


def chosen_year(params, default=None):
    """(form, year): the year asked for, else `default` (last year); year is None when the form has an error."""
    form = YearForm(params)
    if not form.is_valid():
        return form, None
    return form, form.cleaned_data["ar"] or default or timezone.localdate().year - 1
