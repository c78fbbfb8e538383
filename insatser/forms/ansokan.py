"""Forms for applications (every field optional: a draft saves whatever is typed; the service checks the rules at submit) and the lists of applications and insatser."""

from django import forms
from django.utils.translation import gettext_lazy as _

from insatser.models import Ansokan, Mal, PrioriteradGrupp
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
