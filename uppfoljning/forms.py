from django import forms
from django.utils.translation import gettext_lazy as _

from rar.forms_base import Form
from uppfoljning.kategorier import Aldersband, Forsorjning, Kon, Utfall

MONTH = forms.DateInput(attrs={"type": "month"}, format="%Y-%m")


class ImportForm(Form):
    fil = forms.FileField(label=_("CSV-fil med deltagare"), help_text=_(
        "Kolumner: referens;kon;aldersband;inskriven;avslutad;forsorjning_start;forsorjning_slut;utfall;plan_efter. "
        "Månader som ÅÅÅÅ-MM, från 2000 och inom insatsens period. Referensen är er egen och sparas bara "
        "krypterad (hashad); använd aldrig personnummer."))


class DeltagareForm(Form):
    referens = forms.CharField(label=_("Er egen referens"), max_length=100,
                               help_text=_("Sparas bara som hash; använd inte namn eller personnummer."))
    kon = forms.ChoiceField(label=_("Kön"), choices=Kon.choices)
    aldersband = forms.ChoiceField(label=_("Åldersgrupp"), choices=Aldersband.choices)
    inskriven = forms.CharField(label=_("Inskriven (ÅÅÅÅ-MM)"), max_length=7, widget=MONTH)
    avslutad = forms.CharField(label=_("Avslutad (ÅÅÅÅ-MM)"), max_length=7, required=False, widget=MONTH)
    forsorjning_start = forms.ChoiceField(label=_("Försörjning vid inskrivning"), choices=Forsorjning.choices)
    forsorjning_slut = forms.ChoiceField(label=_("Försörjning vid avslut"), choices=[("", "–")] + Forsorjning.choices, required=False)
    utfall = forms.ChoiceField(label=_("Utfall vid avslut"), choices=[("", "–")] + Utfall.choices, required=False)
    plan_efter = forms.ChoiceField(label=_("Plan efter insatsen"), choices=[("", "–"), ("ja", _("Ja")), ("nej", _("Nej"))], required=False)


class MedlemsrapportForm(Form):
    from rar.models import Organisation as _Organisation

    organisation = forms.ModelChoiceField(label=_("Medlem"), queryset=_Organisation.objects.order_by("typ", "namn"))
    fran = forms.IntegerField(label=_("Från år"), min_value=2000, max_value=2100)
    till = forms.IntegerField(label=_("Till år"), min_value=2000, max_value=2100)

    def clean(self):
        data = super().clean()
        if data.get("fran") and data.get("till") and data["fran"] > data["till"]:
            self.add_error("till", _("Sista året ska vara samma som eller efter det första."))
        return data
