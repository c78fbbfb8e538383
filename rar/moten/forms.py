"""Forms for meetings: planning, agenda items, attendance, officers, decisions and the notice."""

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from rar.case_handlers import Beslutsutfall
from rar.forms_base import Form
from rar.models import Narvaro, Organ, Paragraf
from rar.moten.rules import SUBSTITUTE_OWN_ORGANISATION

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


class SammantradeForm(Form):
    organ = forms.ModelChoiceField(label=_("Organ"), queryset=Organ.objects.order_by("typ", "namn"))
    datum = forms.DateField(label=_("Datum"), widget=DATE)
    tid_fran = forms.TimeField(label=_("Från kl"), widget=TIME)
    tid_till = forms.TimeField(label=_("Till kl"), widget=TIME, required=False)
    plats = forms.CharField(label=_("Plats"), max_length=200, required=False)
    lank = forms.URLField(label=_("Länk för distansdeltagande"), required=False, assume_scheme="https")

    def clean(self):
        data = super().clean()
        if data.get("tid_fran") and data.get("tid_till") and data["tid_till"] <= data["tid_fran"]:
            self.add_error("tid_till", _("Sluttiden ska vara efter starttiden."))
        if not (data.get("plats") or data.get("lank")) and not self.errors:
            raise forms.ValidationError(_("Ange plats eller länk för sammanträdet."))
        return data


class PunktForm(Form):
    typ = forms.ChoiceField(label=_("Typ"), choices=[(Paragraf.Typ.INFORMATION, _("Information")), (Paragraf.Typ.BESLUT, _("Beslut"))],
                            widget=forms.RadioSelect, initial=Paragraf.Typ.INFORMATION)
    rubrik = forms.CharField(label=_("Rubrik"), max_length=250)
    text = forms.CharField(label=_("Text"), required=False, widget=forms.Textarea(attrs={"rows": 4}), max_length=20000)
    rattar = forms.ModelChoiceField(label=_("Rättelse av"), required=False, queryset=Paragraf.objects.none(),
                                    empty_label=_("Ingen rättelse"),
                                    help_text=_("En justerad paragraf ändras aldrig; den rättas med en ny paragraf som hänvisar till den."))
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def __init__(self, *args, meeting=None, **kwargs):
        super().__init__(*args, **kwargs)
        if meeting is None:
            del self.fields["rattar"]
            return
        from django.db.models import Q

        from rar.moten.models import Sammantrade

        self.fields["rattar"].queryset = (
            Paragraf.objects.filter(organ=meeting.organ).exclude(sammantrade=meeting)
            .filter(Q(sammantrade__status__in=Sammantrade.LOCKED) | Q(omedelbart_justerad_tid__isnull=False))
            .select_related("sammantrade").order_by("-sammantrade__datum", "-nummer")
        )
        self.fields["rattar"].label_from_instance = lambda p: f"§ {p.nummer} ({p.sammantrade.datum:%Y-%m-%d}) {p.rubrik}"


class AgendaVersionForm(Form):
    """The agenda version a move or removal was made on (the page's hidden field); a garbled one is a 400."""

    version = forms.IntegerField(label=_("Version"), min_value=0)


class ArendenForm(AgendaVersionForm):
    """Cases ticked on the meeting page to become decision items (none ticked: the view says so)."""

    arende = forms.ModelMultipleChoiceField(label=_("Ärenden"), queryset=None, required=False)

    def __init__(self, *args, **kwargs):
        from rar.models import Arende

        super().__init__(*args, **kwargs)
        self.fields["arende"].queryset = Arende.objects.order_by("ar", "lopnummer")


class NarvaroForm(Form):
    """One row per called member or substitute, built from the meeting's attendance rows."""

    ovriga_narvarande = forms.CharField(label=_("Övriga närvarande"), required=False, widget=forms.Textarea(attrs={"rows": 3}),
                                        help_text=_("Namn och funktion, en per rad."), max_length=5000)

    def __init__(self, *args, rows, **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = rows
        for row in rows:
            self.fields[f"narvarande_{row.person_id}"] = forms.BooleanField(label=_("Närvarande"), required=False, initial=row.narvarande)
            self.fields[f"via_lank_{row.person_id}"] = forms.BooleanField(label=_("Via länk"), required=False, initial=row.via_lank)
            if row.grupp == Narvaro.Grupp.ERSATTARE:
                # A substitute serves only for an ordinary member of their own organisation.
                own = [(other.person_id, f"{other.person} ({other.organisation or '–'})") for other in rows
                       if other.grupp == Narvaro.Grupp.LEDAMOT and other.organisation_id == row.organisation_id]
                self.fields[f"tjanstgor_for_{row.person_id}"] = forms.TypedChoiceField(
                    label=_("Tjänstgör för"), required=False, coerce=int, empty_value=None,
                    choices=[("", _("Tjänstgör inte"))] + own, initial=row.tjanstgor_for_id,
                    error_messages={"invalid_choice": SUBSTITUTE_OWN_ORGANISATION},
                )

    def full_clean(self):
        super().full_clean()
        for name in self.errors:  # tie each row's error to its field (the template renders it with this id)
            if name in self.fields:
                self.fields[name].widget.attrs["aria-describedby"] = f"{self[name].auto_id}_fel"

    def row_fields(self):
        for row in self.rows:
            yield row, self[f"narvarande_{row.person_id}"], self[f"via_lank_{row.person_id}"], (
                self[f"tjanstgor_for_{row.person_id}"] if f"tjanstgor_for_{row.person_id}" in self.fields else None)

    def cleaned_rows(self):
        return [
            {"person_id": row.person_id, "narvarande": self.cleaned_data[f"narvarande_{row.person_id}"],
             "via_lank": self.cleaned_data[f"via_lank_{row.person_id}"],
             "tjanstgor_for_id": self.cleaned_data.get(f"tjanstgor_for_{row.person_id}")}
            for row in self.rows
        ]


class FunktionarerForm(Form):
    sekreterare = forms.ModelChoiceField(label=_("Sekreterare"), queryset=get_user_model().objects.none())
    ordforande = forms.ModelChoiceField(label=_("Ordförande"), queryset=get_user_model().objects.none())
    justerare = forms.ModelMultipleChoiceField(label=_("Justerare"), queryset=get_user_model().objects.none(),
                                               widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, attendees, staff_users, **kwargs):
        super().__init__(*args, **kwargs)
        users = get_user_model().objects
        self.fields["sekreterare"].queryset = users.filter(pk__in=[u.pk for u in staff_users] + [u.pk for u in attendees])
        self.fields["ordforande"].queryset = users.filter(pk__in=[u.pk for u in attendees])
        self.fields["justerare"].queryset = users.filter(pk__in=[u.pk for u in attendees])


def _pairs(text, label):
    """Lines of 'Namn: text' → [(namn, text)]."""
    pairs = []
    for number, line in enumerate((text or "").splitlines(), start=1):
        line = line.strip()
        if not line:
            continue
        name, sep, rest = line.partition(":")
        if not sep or not name.strip() or not rest.strip():
            raise forms.ValidationError(_("Rad %(rad)d i %(falt)s: skriv ”Namn: text”.") % {"rad": number, "falt": label})
        pairs.append((name.strip()[:200], rest.strip()))
    return pairs


class BeslutForm(Form):
    forslag_av = forms.CharField(label=_("Förslaget från"), required=False, max_length=200,
                                 help_text=_("T.ex. arbetsutskottet eller förbundschefen."))
    forslag = forms.CharField(label=_("Förslag till beslut"), required=False, widget=forms.Textarea(attrs={"rows": 2}), max_length=10000)
    yrkanden = forms.CharField(label=_("Yrkanden"), required=False, widget=forms.Textarea(attrs={"rows": 3}), max_length=10000,
                               help_text=_("Ett per rad: ”Namn: yrkande”."))
    proposition = forms.CharField(label=_("Proposition"), required=False, widget=forms.Textarea(attrs={"rows": 2}), max_length=5000,
                                  help_text=_("Hur ordföranden ställde förslagen mot varandra och vad hen fann."))
    ja = forms.IntegerField(label=_("Ja-röster"), required=False, min_value=0, max_value=999)
    nej = forms.IntegerField(label=_("Nej-röster"), required=False, min_value=0, max_value=999)
    avstar = forms.IntegerField(label=_("Avstår"), required=False, min_value=0, max_value=999)
    ja_betyder = forms.CharField(label=_("Ja-röst för"), required=False, max_length=300)
    nej_betyder = forms.CharField(label=_("Nej-röst för"), required=False, max_length=300)
    rostlista = forms.CharField(label=_("Röstlista"), required=False, widget=forms.Textarea(attrs={"rows": 2}), max_length=5000)
    reservationer = forms.CharField(label=_("Reservationer"), required=False, widget=forms.Textarea(attrs={"rows": 2}), max_length=10000,
                                    help_text=_("En per rad: ”Namn: motivering”."))
    javiga = forms.ModelMultipleChoiceField(label=_("Deltog inte på grund av jäv"), required=False,
                                            queryset=get_user_model().objects.none(), widget=forms.CheckboxSelectMultiple)
    utfall = forms.ChoiceField(label=_("Finansieringsbeslut"), required=False, choices=[("", _("Inget finansieringsbeslut"))] + Beslutsutfall.choices)
    belopp = forms.IntegerField(label=_("Beviljat belopp vid delvis finansiering (kr)"), required=False, min_value=1, max_value=10_000_000_000)
    beslut = forms.CharField(label=_("Beslut"), widget=forms.Textarea(attrs={"rows": 3}), max_length=10000)
    expedieras_till = forms.CharField(label=_("Beslutet expedieras till"), required=False, widget=forms.Textarea(attrs={"rows": 2}),
                                      max_length=5000, help_text=_("En mottagare per rad; visas i protokollsutdraget."))

    def __init__(self, *args, attendees, funding, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["javiga"].queryset = get_user_model().objects.filter(pk__in=[u.pk for u in attendees])
        if not funding:
            del self.fields["utfall"]
            del self.fields["belopp"]

    def clean_yrkanden(self):
        return _pairs(self.cleaned_data["yrkanden"], _("yrkanden"))

    def clean_reservationer(self):
        return _pairs(self.cleaned_data["reservationer"], _("reservationer"))

    def clean(self):
        data = super().clean()
        votes = [data.get(name) for name in ("ja", "nej")]
        if any(v is not None for v in votes) and not all(v is not None for v in votes):
            self.add_error("nej", _("Ange både ja- och nej-röster, eller inga."))
        if data.get("ja") is not None and not (data.get("ja_betyder") and data.get("nej_betyder")):
            self.add_error("ja_betyder", _("Ange vad en ja- respektive nej-röst innebar."))
        if data.get("utfall") == Beslutsutfall.DELVIS and not data.get("belopp"):
            self.add_error("belopp", _("Ange beviljat belopp vid delvis finansiering."))
        return data

    def votering(self):
        data = self.cleaned_data
        if data.get("ja") is None:
            return None
        return {"ja": data["ja"], "nej": data["nej"], "avstar": data.get("avstar") or 0, "ja_betyder": data["ja_betyder"],
                "nej_betyder": data["nej_betyder"], "rostlista": data.get("rostlista", "")}


class AnslagForm(Form):
    uppsatt = forms.DateField(label=_("Anslaget uppsatt"), widget=DATE)
    nedtas = forms.DateField(label=_("Anslaget tas ned"), widget=DATE, required=False,
                             help_text=_("Tidigast tre veckor efter att det sattes upp; tomt ger exakt tre veckor."))
    forsening = forms.CharField(label=_("Skäl till sent anslag"), required=False, max_length=2000,
                                widget=forms.Textarea(attrs={"rows": 2}),
                                help_text=_("Krävs när anslaget sätts upp mer än två dagar efter justeringen."))


class JusteraForm(Form):
    forsening = forms.CharField(label=_("Skäl till att protokollet justeras efter fristen"), required=False, max_length=2000,
                                widget=forms.Textarea(attrs={"rows": 2}),
                                help_text=_("Protokollet ska justeras inom 14 dagar; en senare justering kräver ett skäl."))
