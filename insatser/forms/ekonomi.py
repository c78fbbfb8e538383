"""Forms for invoices, their decisions and the year-end transfer."""

from django import forms
from django.utils.translation import gettext_lazy as _

from rar.forms_base import Form
from insatser.forms.ansokan import MAX_KRONOR


class RekvisitionForm(Form):
    period_start = forms.DateField(label=_("Period från"), widget=forms.DateInput(attrs={"type": "date"}))
    period_slut = forms.DateField(label=_("Period till"), widget=forms.DateInput(attrs={"type": "date"}))
    fas = forms.ChoiceField(label=_("Fas"), required=False)
    personal = forms.IntegerField(label=_("Personalkostnader (kr)"), min_value=0, max_value=MAX_KRONOR, initial=0)
    lokaler = forms.IntegerField(label=_("Lokaler (kr)"), min_value=0, max_value=MAX_KRONOR, initial=0)
    resor = forms.IntegerField(label=_("Resor (kr)"), min_value=0, max_value=MAX_KRONOR, initial=0)
    ovrigt = forms.IntegerField(label=_("Material och övrigt (kr)"), min_value=0, max_value=MAX_KRONOR, initial=0)
    beskrivning = forms.CharField(label=_("Kommentar"), required=False, max_length=5000,
                                  widget=forms.Textarea(attrs={"rows": 3}))
    bilaga = forms.FileField(label=_("Underlag (PDF, Word, Excel eller bild)"), required=False)
    forskott_motivering = forms.CharField(
        label=_("Förskott från nästa år: motivering"), required=False, max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Bara kansliet: fyll i för att godkänna att det som överstiger årets återstående medel tas från nästa år."),
    )

    def __init__(self, *args, phases=(), staff=False, **kwargs):
        super().__init__(*args, **kwargs)
        if phases:
            self.fields["fas"].choices = [("", "—")] + [
                (str(p.pk), f"Fas {p.nummer}{'' if p.slappt else ' (inte släppt)'}") for p in phases]
            self.fields["fas"].required = True
        else:
            del self.fields["fas"]
        if not staff:
            del self.fields["forskott_motivering"]

    def clean(self):
        data = super().clean()
        if not self.errors and sum(data.get(name) or 0 for name in ("personal", "lokaler", "resor", "ovrigt")) <= 0:
            raise forms.ValidationError(_("Ange rekvisitionens kostnader: beloppet ska vara större än 0 kr."))
        return data


class AvslagForm(Form):
    motivering = forms.CharField(label=_("Skäl till avslag"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3}))


class BetalningForm(Form):
    betald_datum = forms.DateField(label=_("Betald"), widget=forms.DateInput(attrs={"type": "date"}))


class ArsavslutForm(Form):
    ar = forms.TypedChoiceField(label=_("År"), coerce=int)
    beslut = forms.ChoiceField(label=_("Beslut"), widget=forms.RadioSelect, choices=[
        ("overfor", _("Flytta det som återstår till nästa år")), ("aterfor", _("Återför det som återstår till förbundet"))])
    motivering = forms.CharField(label=_("Motivering"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, years=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["ar"].choices = [(y, str(y)) for y in years]
