"""Forms for agreements, phases and the steering group."""

from django import forms
from django.utils.translation import gettext_lazy as _

from rar.forms_base import Form
from insatser.forms.ansokan import MAX_KRONOR


class AvtalVillkorForm(Form):
    rapportintervall_manader = forms.IntegerField(label=_("Lägesrapport var … månad"), min_value=1, max_value=12)
    villkor = forms.CharField(label=_("Villkor"), widget=forms.Textarea(attrs={"rows": 5}), max_length=10000)


class FasForm(Form):
    belopp = forms.IntegerField(label=_("Belopp (kr)"), min_value=1, max_value=MAX_KRONOR)
    mal = forms.CharField(label=_("Mål för fasen"), widget=forms.Textarea(attrs={"rows": 3}), max_length=5000)


class StyrgruppForm(Form):
    styrgrupp = forms.CharField(
        label=_("Styrgrupp"), required=False, widget=forms.Textarea(attrs={"rows": 5}), max_length=5000,
        help_text=_("En person per rad: namn, organisation, roll."),
    )
