"""The lists of the follow-up, each in one place: support categories (SCB's försörjningsmått as used in
Finsam), outcomes at end, age bands and gender."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Forsorjning(models.TextChoices):
    SJUKPENNING = "sjukpenning", _("Sjukpenning inkl. rehabiliteringspenning")
    AKTIVITETSERSATTNING = "aktivitetsersattning", _("Aktivitetsersättning")
    SJUKERSATTNING = "sjukersattning", _("Sjukersättning")
    A_KASSA = "a_kassa", _("A-kassa")
    AKTIVITETSSTOD = "aktivitetsstod", _("Aktivitetsstöd inkl. utvecklingsersättning")
    ETABLERINGSERSATTNING = "etablering", _("Etableringsersättning")
    FORSORJNINGSSTOD = "forsorjningsstod", _("Försörjningsstöd")
    INGEN = "ingen", _("Ingen offentlig försörjning")
    SAKNAS = "saknas", _("Uppgift saknas")


class Aktor(models.TextChoices):
    """Who pays a kind of support, and so who saves when the person supports themselves (savings per actor)."""

    KOMMUNEN = "kommunen", _("Kommunen")
    FORSAKRINGSKASSAN = "forsakringskassan", _("Försäkringskassan")
    ARBETSFORMEDLINGEN = "arbetsformedlingen", _("Arbetsförmedlingens program")
    A_KASSA = "a_kassa", _("A-kassan")
    OKAND = "okand", _("Betalare okänd (försörjning saknas)")


# Support at enrolment → the actor that pays it. Aktivitetsstöd, utvecklingsersättning and etableringsersättning
# are decided by Arbetsförmedlingen and paid out by Försäkringskassan: the saving is the programme's. No public
# support at enrolment saves nothing (None); unknown support is kept, at its payer "unknown".
PAYER = {
    "forsorjningsstod": Aktor.KOMMUNEN,
    "sjukpenning": Aktor.FORSAKRINGSKASSAN,
    "aktivitetsersattning": Aktor.FORSAKRINGSKASSAN,
    "sjukersattning": Aktor.FORSAKRINGSKASSAN,
    "aktivitetsstod": Aktor.ARBETSFORMEDLINGEN,
    "etablering": Aktor.ARBETSFORMEDLINGEN,
    "a_kassa": Aktor.A_KASSA,
    "saknas": Aktor.OKAND,
    "ingen": None,
}


class Utfall(models.TextChoices):
    FORVARVSARBETE = "arbete", _("Förvärvsarbete")
    STUDIER = "studier", _("Studier")
    ARBETE_OCH_STUDIER = "arbete_studier", _("Arbete och studier")
    AKTIVT_ARBETSSOKANDE = "arbetssokande", _("Aktivt arbetssökande")
    FORTSATT_REHAB = "fortsatt_rehab", _("Fortsatt rehabilitering/annan insats")
    OVRIGA = "ovriga", _("Övriga avslutade")


# Outcomes that count as "to work or studies" (labour-market training counts as studies).
TILL_ARBETE_STUDIER = (Utfall.FORVARVSARBETE, Utfall.STUDIER, Utfall.ARBETE_OCH_STUDIER)


class Kon(models.TextChoices):
    KVINNA = "kvinna", _("Kvinna")
    MAN = "man", _("Man")


AGE_BANDS = [(16, 19)] + [(start, start + 4) for start in range(20, 65, 5)]


class Aldersband(models.TextChoices):
    A16_19 = "16-19", "16–19"
    A20_24 = "20-24", "20–24"
    A25_29 = "25-29", "25–29"
    A30_34 = "30-34", "30–34"
    A35_39 = "35-39", "35–39"
    A40_44 = "40-44", "40–44"
    A45_49 = "45-49", "45–49"
    A50_54 = "50-54", "50–54"
    A55_59 = "55-59", "55–59"
    A60_64 = "60-64", "60–64"


def band_middle(value: str):
    """The middle of an age band in years, e.g. "20-24" → 22.0, or None for an unknown band."""
    try:
        low, high = (int(part) for part in value.split("-"))
    except (ValueError, AttributeError):
        return None
    return (low + high) / 2
