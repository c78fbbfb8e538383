"""Staff forms for the money pages: budget lines, the year's contribution, population and the SCB import."""

from django import forms
from django.utils.translation import gettext_lazy as _

from rar.forms_base import Form, ModelForm
from rar.models import Budgetpost


class BudgetpostForm(ModelForm):
    class Meta:
        model = Budgetpost
        fields = ["slag", "namn", "belopp", "utfall", "insatsram", "ordning", "kommentar"]
        labels = {"belopp": _("Budget (kr)"), "utfall": _("Utfall (kr)")}


class MedlemsbidragForm(Form):
    totalt = forms.IntegerField(label=_("Totalt medlemsbidrag (kr)"), min_value=1, max_value=10**12)
    beslut = forms.CharField(label=_("Beslut"), max_length=200, required=False)


class BefolkningForm(Form):
    """One field per municipality that is a member in the year."""

    kalla = forms.CharField(label=_("Källa"), max_length=200, initial=_("SCB, folkmängd 31 december"))

    def __init__(self, *args, municipalities=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.municipalities = list(municipalities)
        for org in self.municipalities:
            self.fields[f"org_{org.pk}"] = forms.IntegerField(label=_("%(namn)s, invånare 16–64 år") % {"namn": org.namn},
                                                               min_value=1, max_value=10_000_000, required=False)

    def rows(self, year):
        return [(org, year, self.cleaned_data[f"org_{org.pk}"]) for org in self.municipalities
                if self.cleaned_data.get(f"org_{org.pk}") is not None]


class ScbImportForm(Form):
    fil = forms.FileField(label=_("CSV-fil från SCB:s statistikdatabas"), help_text=_(
        "Tabellen Folkmängden efter region, ålder och år: välj länets kommuner, ettårsklasserna 16–64 år och åren, "
        "och spara som CSV. Kommunkoderna matchas mot medlemmarna och åldrarna summeras."))
    kalla = forms.CharField(label=_("Källa"), max_length=200, initial=_("SCB, Folkmängden efter region, ålder och år"))
