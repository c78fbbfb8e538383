"""The working committee's decision form: on a case it recommends to the board, it never grants money."""

from django import forms
from django.utils.translation import gettext_lazy as _

from rar.case_handlers import Rekommendation
from rar.moten.forms import BeslutForm


class AuBeslutForm(BeslutForm):
    def __init__(self, *args, funding, **kwargs):
        super().__init__(*args, funding=funding, **kwargs)
        if funding:
            self.fields["utfall"] = forms.ChoiceField(
                label=_("Arbetsutskottets rekommendation till styrelsen"), required=False,
                choices=[("", _("Ingen rekommendation (ärendet stannar hos arbetsutskottet)"))] + Rekommendation.choices,
                help_text=_("Med en rekommendation blir ärendet klart för styrelsen; beslutet ovan blir styrelsens förslag."),
            )
            del self.fields["belopp"]
