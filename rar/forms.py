from django import forms
from django.utils.translation import gettext_lazy as _

from rar.forms_base import Form
from rar.models import Arende, Handling, Organisation
from rar.validators import allowed_extensions_text, validate_handling_file


class ArendeForm(Form):
    titel = forms.CharField(label=_("Rubrik"), max_length=250)
    typ = forms.ChoiceField(label=_("Ärendetyp"), choices=Arende.Typ.choices, initial=Arende.Typ.OVRIGT)
    organisation = forms.ModelChoiceField(
        label=_("Organisation"), queryset=Organisation.objects.order_by("namn"), required=False
    )
    registrerad = forms.DateField(
        label=_("Registreringsdatum"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Lämna tomt för dagens datum."),
    )


class HandlingForm(Form):
    titel = forms.CharField(label=_("Titel"), max_length=250, required=False)
    fil = forms.FileField(label=_("Fil"))
    riktning = forms.ChoiceField(label=_("Riktning"), choices=Handling.Riktning.choices, initial=Handling.Riktning.INKOMMANDE,
                                 required=False)
    delad_med_parter = forms.BooleanField(
        label=_("Dela med parterna"), required=False,
        help_text=_("Medsökande och samverkansparter ser bara delade handlingar. Ägarens interna underlag delas inte."),
    )

    def __init__(self, *args, staff=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["fil"].help_text = _("Tillåtna filtyper: %(typer)s.") % {"typer": allowed_extensions_text()}
        if not staff:  # what an owner sends in is always incoming
            del self.fields["riktning"]

    def clean_fil(self):
        upload = self.cleaned_data["fil"]
        validate_handling_file(upload)
        return upload


class NotisvalForm(Form):
    """E-mail per kind of event, and the daily digest instead of single e-mails."""

    dagligt_sammandrag = forms.BooleanField(
        label=_("Skicka ett dagligt sammandrag i stället för ett e-postmeddelande per händelse"), required=False)

    def __init__(self, *args, **kwargs):
        from rar.models import Handelse

        super().__init__(*args, **kwargs)
        for value, label in Handelse.choices:
            self.fields[f"epost_{value}"] = forms.BooleanField(label=label, required=False, initial=True)
