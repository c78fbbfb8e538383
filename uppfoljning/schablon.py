"""The standard annual cost of public support (schablonbelopp): the county's amount per year and, where staff
refine it, an amount per kind of support. Read by uppfoljning.savings; written here, by staff only."""

from django import forms
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from rar import roles
from rar.errors import DomainError
from rar.forms_base import Form
from uppfoljning.kategorier import PAYER, Forsorjning
from uppfoljning.models import KategoriSchablon, Schablonbelopp

# The kinds of support an amount can be set for: those with a payer that is known.
KINDS = [(code, label) for code, label in Forsorjning.choices if PAYER.get(code) not in (None, "okand")]


class SchablonForm(Form):
    ar = forms.IntegerField(label=_("År"), min_value=2000, max_value=2100)
    belopp = forms.IntegerField(label=_("Länets schablonbelopp per person och år (kr)"), min_value=1, max_value=10_000_000)
    kalla = forms.CharField(label=_("Källa"), max_length=300, help_text=_("T.ex. SCB:s försörjningsmått för året."))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for code, label in KINDS:
            self.fields[f"kind_{code}"] = forms.IntegerField(
                label=label, required=False, min_value=1, max_value=10_000_000,
                help_text=_("Lämna tomt för länets belopp."))

    def per_kind(self) -> dict:
        return {code: self.cleaned_data.get(f"kind_{code}") for code, _label in KINDS}


def schablon_initial(year: int) -> dict:
    county = settings.FORBUND["lan"]
    initial = {"ar": year}
    row = Schablonbelopp.objects.filter(ar=year, lan=county).first()
    if row is not None:
        initial.update(belopp=row.belopp, kalla=row.kalla)
    for kind in KategoriSchablon.objects.filter(ar=year, lan=county):
        initial[f"kind_{kind.forsorjning}"] = kind.belopp
    return initial


def schablon_years() -> list:
    """Each year's county amount and the kinds refined for it, newest first."""
    county = settings.FORBUND["lan"]
    kinds = {}
    for row in KategoriSchablon.objects.filter(lan=county).order_by("forsorjning"):
        kinds.setdefault(row.ar, []).append((row.get_forsorjning_display(), row.belopp))
    return [(row, kinds.get(row.ar, [])) for row in Schablonbelopp.objects.filter(lan=county).order_by("-ar")]


def schablon_save(*, user, ar: int, belopp: int, kalla: str, per_kind: dict) -> Schablonbelopp:
    """Set the county's amount for a year and the amount per kind of support (None: the county's amount holds)."""
    if not roles.is_kansli(user):
        raise PermissionDenied("Bara förbundets kansli ändrar schablonbeloppen.")
    if not belopp or belopp <= 0:
        raise DomainError("Schablonbeloppet ska vara större än 0 kr.")
    unknown = set(per_kind) - {code for code, _label in KINDS}
    if unknown:
        raise DomainError("Okänd försörjning: " + ", ".join(sorted(unknown)) + ".")
    county = settings.FORBUND["lan"]
    with transaction.atomic():
        row = Schablonbelopp.objects.select_for_update().filter(ar=ar, lan=county).first() or Schablonbelopp(ar=ar, lan=county)
        if row.pk is None or (row.belopp, row.kalla) != (belopp, kalla.strip()):
            row.belopp, row.kalla = belopp, kalla.strip()
            row._history_user = user
            row.save()
        existing = {k.forsorjning: k for k in KategoriSchablon.objects.select_for_update().filter(ar=ar, lan=county)}
        for code, amount in per_kind.items():
            current = existing.get(code)
            if amount is None:
                if current is not None:
                    current._history_user = user
                    current.delete()
            elif current is None or current.belopp != amount:
                current = current or KategoriSchablon(ar=ar, lan=county, forsorjning=code)
                current.belopp, current.kalla = amount, kalla.strip()
                current._history_user = user
                current.save()
    return row
