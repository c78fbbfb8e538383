from django import forms
from django.utils.translation import gettext_lazy as _

from esf.models import EsfProjekt, Program, Utlysning
from rar.forms_base import Form
from rar.models import Organisation

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
MAX = 10_000_000_000


class UtlysningForm(Form):
    """Plain fields; the rules (closing after opening, no planned application after closing, unique) are the service's."""

    program = forms.ChoiceField(label=_("Program"), choices=Program.choices)
    nummer = forms.CharField(label=_("Utlysningsnummer"), max_length=60)
    titel = forms.CharField(label=_("Titel"), max_length=250)
    omrade = forms.CharField(label=_("Område"), max_length=200, required=False)
    oppnar = forms.DateField(label=_("Öppnar"), widget=DATE)
    stanger = forms.DateField(label=_("Stänger"), widget=DATE)
    bevakning = forms.ChoiceField(label=_("Förbundets bevakning"), choices=Utlysning.Bevakning.choices)
    anteckningar = forms.CharField(label=_("Anteckningar"), required=False, widget=forms.Textarea(attrs={"rows": 3}),
                                   max_length=10000)


class ProjektParamsForm(Form):
    """`?utlysning=` on the new-project page (the call's page links there): which call to fill in."""

    utlysning = forms.ModelChoiceField(label=_("Utlysning"), queryset=Utlysning.objects.all(), required=False)


class ProjektForm(Form):
    namn = forms.CharField(label=_("Namn"), max_length=200)
    utlysning = forms.ModelChoiceField(label=_("Utlysning"), queryset=Utlysning.objects.order_by("-stanger"), required=False)
    roll = forms.ChoiceField(label=_("Förbundets roll"), choices=EsfProjekt.Roll.choices, widget=forms.RadioSelect)
    agare = forms.ModelChoiceField(label=_("Projektägare (medlem)"), queryset=Organisation.objects.order_by("namn"), required=False,
                                   help_text=_("Lämna tomt när förbundet äger projektet."))
    agare_extern = forms.CharField(label=_("Projektägare utanför förbundet"), max_length=200, required=False)
    parter = forms.ModelMultipleChoiceField(label=_("Samverkansparter"), queryset=Organisation.objects.order_by("typ", "namn"),
                                            required=False, widget=forms.CheckboxSelectMultiple)
    esf_diarienummer = forms.CharField(label=_("ESF-rådets diarienummer"), max_length=60, required=False)
    period_start = forms.DateField(label=_("Period från"), widget=DATE)
    period_slut = forms.DateField(label=_("Period till"), widget=DATE)
    syfte = forms.CharField(label=_("Syfte"), required=False, widget=forms.Textarea(attrs={"rows": 3}), max_length=10000)

    def clean(self):
        data = super().clean()
        if data.get("period_start") and data.get("period_slut") and data["period_slut"] < data["period_start"]:
            self.add_error("period_slut", _("Periodens slut får inte vara före dess start."))
        return data


class DelprojektForm(Form):
    namn = forms.CharField(label=_("Delprojekt"), max_length=200)
    agare = forms.ModelChoiceField(label=_("Delprojektägare"), queryset=Organisation.objects.order_by("namn"), required=False,
                                   help_text=_("Lämna tomt när förbundet äger delprojektet."))
    budget = forms.IntegerField(label=_("Budget (kr)"), min_value=0, max_value=MAX)


class PengarForm(Form):
    ar = forms.IntegerField(label=_("År"), min_value=2000, max_value=2100)
    esf_medel = forms.IntegerField(label=_("ESF-medel (kr)"), min_value=0, max_value=MAX)
    forbundets_medfinansiering = forms.IntegerField(label=_("Förbundets medfinansiering (kr)"), min_value=0, max_value=MAX, initial=0)
    ovrig_medfinansiering = forms.IntegerField(label=_("Övrig medfinansiering (kr)"), min_value=0, max_value=MAX, initial=0)


class ResultatForm(Form):
    ar = forms.IntegerField(label=_("År"), min_value=2000, max_value=2100)
    inskrivna_kvinnor = forms.IntegerField(label=_("Inskrivna kvinnor"), min_value=0, max_value=100_000)
    inskrivna_man = forms.IntegerField(label=_("Inskrivna män"), min_value=0, max_value=100_000)
    avslutade_kvinnor = forms.IntegerField(label=_("Avslutade kvinnor"), min_value=0, max_value=100_000)
    avslutade_man = forms.IntegerField(label=_("Avslutade män"), min_value=0, max_value=100_000)
    arbete_studier_kvinnor = forms.IntegerField(label=_("Kvinnor till arbete eller studier"), min_value=0, max_value=100_000)
    arbete_studier_man = forms.IntegerField(label=_("Män till arbete eller studier"), min_value=0, max_value=100_000)
    medelalder_arbete_studier = forms.IntegerField(
        label=_("Medelålder för dem som gått till arbete eller studier"), min_value=15, max_value=70, required=False,
        help_text=_("Ger besparingen fram till pension; lämna tomt om den inte är känd."))
    utfall = forms.CharField(label=_("Årets utfall"), required=False, widget=forms.Textarea(attrs={"rows": 3}), max_length=10000)

    def clean(self):
        data = super().clean()
        for gender, label in (("kvinnor", _("kvinnor")), ("man", _("män"))):
            outcome, ended = data.get(f"arbete_studier_{gender}"), data.get(f"avslutade_{gender}")
            if outcome is not None and ended is not None and outcome > ended:
                self.add_error(f"arbete_studier_{gender}", _("Fler %(kon)s till arbete eller studier än avslutade.") % {"kon": label})
        return data


class ForlangForm(Form):
    till = forms.DateField(label=_("Förlängd till"), widget=DATE)
