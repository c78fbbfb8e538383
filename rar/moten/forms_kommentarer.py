"""Forms for comments on the draft protocol, the secretary's answers and changes to a § in the draft."""

from django import forms
from django.utils.translation import gettext_lazy as _

from rar.forms_base import Form
from rar.models import Paragraf
from rar.moten.kommentarer import MAX_LENGTH


class KommentarForm(Form):
    paragraf = forms.ModelChoiceField(label=_("Paragraf"), queryset=Paragraf.objects.none(), empty_label=_("Välj paragraf"))
    text = forms.CharField(label=_("Synpunkt"), widget=forms.Textarea(attrs={"rows": 3}), max_length=MAX_LENGTH)

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["paragraf"].queryset = meeting.paragrafer.order_by("ordning")
        self.fields["paragraf"].label_from_instance = lambda p: f"§ {p.nummer} {p.rubrik}"


class SvarForm(Form):
    text = forms.CharField(label=_("Svar"), widget=forms.Textarea(attrs={"rows": 2}), max_length=MAX_LENGTH)


class UtkastForm(Form):
    text = forms.CharField(label=_("Ärendet / information"), required=False, widget=forms.Textarea(attrs={"rows": 6}),
                           max_length=20000)
    beslut = forms.CharField(label=_("Beslut"), required=False, widget=forms.Textarea(attrs={"rows": 3}), max_length=10000)
    svar = forms.CharField(label=_("Vad som ändrats (visas för ordföranden och justerarna)"), required=False,
                           widget=forms.Textarea(attrs={"rows": 2}), max_length=MAX_LENGTH)
    kommentar = forms.IntegerField(widget=forms.HiddenInput, required=False)
