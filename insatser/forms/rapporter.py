"""Forms for status and final reports and their review."""

from django import forms
from django.utils.translation import gettext_lazy as _

from insatser.models import Lagesrapport, MalRapport, Slutrapport
from rar.forms_base import Form, ModelForm
from insatser.forms.ansokan import MAX_KRONOR


class ReportForm(ModelForm):
    """A report form: every field optional (a report is saved as it stands), counts and kronor never negative,
    and the number to work or studies never above the number ended (OUTCOME_FIELDS)."""

    version = forms.IntegerField(widget=forms.HiddenInput)
    OUTCOME_FIELDS = ("", "")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            field.required = name == "version"
            if isinstance(field, forms.IntegerField) and name != "version":
                field.min_value = 0
                field.max_value = MAX_KRONOR
                field.widget.attrs["min"] = 0

    def clean(self):
        data = super().clean()
        ended_field, outcome_field = self.OUTCOME_FIELDS
        ended, outcome = data.get(ended_field), data.get(outcome_field)
        if ended is not None and outcome is not None and outcome > ended:
            self.add_error(outcome_field, _("Antalet till arbete eller studier kan inte vara fler än de avslutade."))
        return data


class LagesrapportForm(ReportForm):
    OUTCOME_FIELDS = ("avslutade", "till_arbete_studier")

    class Meta:
        model = Lagesrapport
        fields = ["version", "inskrivna", "avslutade", "till_arbete_studier", "kostnader", "risker", "implementering"]
        widgets = {"risker": forms.Textarea(attrs={"rows": 3}), "implementering": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, individ=True, **kwargs):
        super().__init__(*args, **kwargs)
        if not individ:
            for name in ["inskrivna", "avslutade", "till_arbete_studier"]:
                del self.fields[name]


class MalRapportForm(Form):
    mal_id = forms.IntegerField(widget=forms.HiddenInput)
    status = forms.ChoiceField(label=_("Status"), choices=[("", "–")] + MalRapport.Status.choices, required=False)
    varde = forms.CharField(label=_("Utfall hittills"), required=False, max_length=120)
    kommentar = forms.CharField(label=_("Kommentar"), required=False, widget=forms.Textarea(attrs={"rows": 2}), max_length=5000)


MalRapportFormSet = forms.formset_factory(MalRapportForm, extra=0)


class GranskaForm(Form):
    beslut = forms.ChoiceField(label=_("Granskning"), choices=[("godkann", _("Godkänn")), ("komplettering", _("Begär komplettering"))], widget=forms.RadioSelect)
    kommentar = forms.CharField(label=_("Kommentar"), required=False, widget=forms.Textarea(attrs={"rows": 3}), max_length=5000)


class SlutrapportForm(ReportForm):
    OUTCOME_FIELDS = ("avslutade_totalt", "till_arbete_studier_totalt")

    class Meta:
        model = Slutrapport
        fields = ["version", "deltagare_totalt", "avslutade_totalt", "till_arbete_studier_totalt", "utfall", "overtagen_av",
                  "avvecklad_varfor", "lardomar", "total_kostnad", "utvardering"]
        widgets = {"avvecklad_varfor": forms.Textarea(attrs={"rows": 3}), "lardomar": forms.Textarea(attrs={"rows": 4}),
                   "utvardering": forms.Textarea(attrs={"rows": 4}), "utfall": forms.RadioSelect}

    def __init__(self, *args, kompetens=False, individ=True, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["utfall"].choices = [c for c in self.fields["utfall"].choices if c[0]]
        if kompetens:
            self.fields["deltagare_totalt"].label = _("Antal som deltog")
            for name in ["avslutade_totalt", "till_arbete_studier_totalt", "utfall", "overtagen_av", "avvecklad_varfor", "lardomar"]:
                del self.fields[name]
        else:
            del self.fields["utvardering"]
            if not individ:
                for name in ["deltagare_totalt", "avslutade_totalt", "till_arbete_studier_totalt"]:
                    del self.fields[name]


class SlutMalForm(Form):
    mal_id = forms.IntegerField(widget=forms.HiddenInput)
    uppfyllelse = forms.ChoiceField(label=_("Måluppfyllelse"), required=False,
                                    choices=[("", "–"), ("uppnatt", _("Uppnått")), ("delvis", _("Delvis uppnått")), ("ej", _("Ej uppnått"))])
    resultat = forms.CharField(label=_("Resultat"), required=False, widget=forms.Textarea(attrs={"rows": 2}), max_length=5000)


SlutMalFormSet = forms.formset_factory(SlutMalForm, extra=0)
