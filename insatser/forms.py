"""Forms for applications and reports. Every field is optional here: a draft saves whatever is typed,
and the rules for a complete application are checked by the service at submit."""

from django import forms
from django.utils.translation import gettext_lazy as _

from insatser.models import Ansokan, Inriktning, Lagesrapport, Mal, MalRapport, PrioriteradGrupp, Slutrapport
from rar.forms_base import Form, ModelForm
from rar.models import Lansdel, Organisation

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
MAX_KRONOR = 10_000_000_000


class AnsokanForm(ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput)
    parter = forms.ModelMultipleChoiceField(
        label=_("Medsökande parter"),
        queryset=Organisation.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Minst en organisation utöver insatsägaren."),
    )
    prioriterade_grupper = forms.MultipleChoiceField(
        label=_("Prioriterade målgrupper i verksamhetsplanen"),
        choices=PrioriteradGrupp.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    lansdelar = forms.MultipleChoiceField(
        label=_("Länsdelar"), choices=Lansdel.choices, required=False, widget=forms.CheckboxSelectMultiple,
        help_text=_("Om insatsen inte är länsövergripande."),
    )

    KOMPETENS_FIELDS = ["version", "titel", "parter", "syfte", "malgrupp", "antal_platser", "period_start", "period_slut"]

    class Meta:
        model = Ansokan
        fields = [
            "version", "titel", "parter", "inriktning", "karaktar", "malgrupp", "prioriterade_grupper", "bakgrund",
            "syfte", "metod", "implementering", "lansovergripande", "lansdelar", "langsiktig", "period_start",
            "period_slut", "planerade_deltagare", "deltagaruppfoljning", "utvarderingsplan", "antal_platser",
        ]
        widgets = {
            "period_start": DATE,
            "period_slut": DATE,
            "inriktning": forms.RadioSelect,
            "karaktar": forms.RadioSelect,
            **{name: forms.Textarea(attrs={"rows": 4}) for name in
               ["malgrupp", "bakgrund", "syfte", "metod", "implementering", "deltagaruppfoljning", "utvarderingsplan"]},
        }
        labels = {"malgrupp": _("Målgrupp")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.required = False
        self.fields["version"].required = True
        self.fields["parter"].queryset = Organisation.objects.exclude(pk=self.instance.agare_id).order_by("typ", "namn")
        self.fields["inriktning"].choices = [c for c in self.fields["inriktning"].choices if c[0]]
        self.fields["karaktar"].choices = [c for c in self.fields["karaktar"].choices if c[0]]
        self.fields["planerade_deltagare"].widget.attrs["min"] = 0
        self.fields["antal_platser"].widget.attrs["min"] = 0
        if self.instance.is_kompetens:
            self.fields["malgrupp"].label = _("Vilka utbildningen vänder sig till")
            for name in list(self.fields):
                if name not in self.KOMPETENS_FIELDS:
                    del self.fields[name]
        else:
            del self.fields["antal_platser"]

    def clean_titel(self):
        return (self.cleaned_data.get("titel") or "").strip()

    def clean(self):
        data = super().clean()
        start, end = data.get("period_start"), data.get("period_slut")
        if start and end and end < start:
            self.add_error("period_slut", _("Periodens slut får inte vara före dess start."))
        return data


class MalForm(Form):
    typ = forms.ChoiceField(label=_("Typ av mål"), choices=[("", "–")] + Mal.Typ.choices, required=False)
    beskrivning = forms.CharField(label=_("Mål"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    indikator = forms.CharField(label=_("Indikator"), required=False, max_length=300)
    malvarde = forms.CharField(label=_("Målvärde"), required=False, max_length=120)


class BudgetRadForm(Form):
    ar = forms.IntegerField(label=_("År"), required=False, min_value=2000, max_value=2100)
    belopp = forms.IntegerField(label=_("Belopp (kr)"), required=False, min_value=0, max_value=MAX_KRONOR)

    def clean(self):
        data = super().clean()
        ar, belopp = data.get("ar"), data.get("belopp")
        if (ar is None) != (belopp is None) and not self.errors:
            raise forms.ValidationError(_("Ange både år och belopp, eller lämna raden tom."))
        return data


class BaseBudgetFormSet(forms.BaseFormSet):
    def clean(self):
        years = [f.cleaned_data.get("ar") for f in self.forms if f.cleaned_data.get("ar") is not None]
        duplicates = sorted({year for year in years if years.count(year) > 1})
        if duplicates:
            raise forms.ValidationError(_("Varje år får bara stå en gång i budgeten: %(ar)s.") % {"ar": ", ".join(map(str, duplicates))})


MalFormSet = forms.formset_factory(MalForm, extra=2, max_num=30, validate_max=True)
BudgetFormSet = forms.formset_factory(BudgetRadForm, formset=BaseBudgetFormSet, extra=2, max_num=15, validate_max=True)


class NyAnsokanForm(Form):
    titel = forms.CharField(label=_("Insatsens namn"), max_length=200)
    typ = forms.ChoiceField(
        label=_("Typ av ansökan"),
        choices=[(Ansokan.Typ.NY, Ansokan.Typ.NY.label), (Ansokan.Typ.KOMPETENS, Ansokan.Typ.KOMPETENS.label)],
        widget=forms.RadioSelect,
        initial=Ansokan.Typ.NY,
    )
    agare = forms.ModelChoiceField(label=_("Insatsägare"), queryset=Organisation.objects.order_by("typ", "namn"), required=False)

    def __init__(self, *args, staff=False, **kwargs):
        super().__init__(*args, **kwargs)
        if not staff:
            del self.fields["agare"]
        else:
            self.fields["agare"].required = True


class KommentarForm(Form):
    kommentar = forms.CharField(label=_("Kommentar"), widget=forms.Textarea(attrs={"rows": 3}), required=False, max_length=5000)


class AvtalVillkorForm(Form):
    rapportintervall_manader = forms.IntegerField(label=_("Lägesrapport var … månad"), min_value=1, max_value=12)
    villkor = forms.CharField(label=_("Villkor"), widget=forms.Textarea(attrs={"rows": 5}), max_length=10000)


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


class InsatsFilterForm(Form):
    q = forms.CharField(label=_("Sök"), required=False, max_length=100)
    status = forms.ChoiceField(label=_("Status"), required=False)
    agare = forms.ModelChoiceField(label=_("Insatsägare"), queryset=Organisation.objects.order_by("namn"), required=False)
    inriktning = forms.ChoiceField(label=_("Inriktning"), required=False, choices=[("", _("Alla"))] + Inriktning.choices)
    ar = forms.IntegerField(label=_("År"), required=False, min_value=2000, max_value=2100)
    lansdel = forms.ChoiceField(label=_("Länsdel"), required=False, choices=[("", _("Alla"))] + Lansdel.choices)

    def __init__(self, *args, status_choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [("", _("Alla"))] + list(status_choices)


class FasForm(Form):
    belopp = forms.IntegerField(label=_("Belopp (kr)"), min_value=1, max_value=MAX_KRONOR)
    mal = forms.CharField(label=_("Mål för fasen"), widget=forms.Textarea(attrs={"rows": 3}), max_length=5000)


class StyrgruppForm(Form):
    styrgrupp = forms.CharField(
        label=_("Styrgrupp"), required=False, widget=forms.Textarea(attrs={"rows": 5}), max_length=5000,
        help_text=_("En person per rad: namn, organisation, roll."),
    )


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


class RekvisitionFilterForm(Form):
    ar = forms.IntegerField(label=_("År"), required=False, min_value=2000, max_value=2100)
    status = forms.ChoiceField(label=_("Status"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from insatser.models import Rekvisition

        self.fields["status"].choices = [("", _("Alla"))] + list(Rekvisition.Status.choices)
