"""Participants without personal data, the standard annual cost of public support, and plan goals."""

import datetime
import hashlib
import hmac

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from insatser.models import Insats
from uppfoljning.kategorier import Aldersband, Forsorjning, Kon, Utfall


def reference_hash(insats_id: int, reference: str) -> str:
    """A keyed hash (HMAC-SHA256) of the owner's own reference: the same person in the same insats gets the
    same value (so a re-import updates the row), but the reference cannot be read back or guessed
    without the key."""
    key = settings.PARTICIPANT_HASH_KEY.encode()
    message = f"{insats_id}:{reference.strip()}".encode()
    return hmac.new(key, message, hashlib.sha256).hexdigest()


class Deltagare(models.Model):
    """One participant in an insats. No name, no personal identity number, no free text."""

    insats = models.ForeignKey(Insats, on_delete=models.PROTECT, related_name="deltagare", verbose_name=_("insats"))
    referens_hash = models.CharField(_("referens (hashad)"), max_length=64, editable=False)
    kon = models.CharField(_("kön"), max_length=6, choices=Kon.choices)
    aldersband = models.CharField(_("åldersgrupp"), max_length=5, choices=Aldersband.choices)
    inskriven = models.DateField(_("inskriven (månad)"), help_text=_("Första dagen i månaden."))
    avslutad = models.DateField(_("avslutad (månad)"), null=True, blank=True)
    forsorjning_start = models.CharField(_("försörjning vid inskrivning"), max_length=20, choices=Forsorjning.choices)
    forsorjning_slut = models.CharField(_("försörjning vid avslut"), max_length=20, choices=Forsorjning.choices, blank=True)
    utfall = models.CharField(_("utfall vid avslut"), max_length=16, choices=Utfall.choices, blank=True)
    plan_efter = models.BooleanField(_("plan efter insatsen"), null=True, blank=True)
    andrad = models.DateTimeField(_("ändrad"), default=timezone.now)

    history = HistoricalRecords(excluded_fields=["referens_hash"])

    class Meta:
        verbose_name = _("deltagare")
        verbose_name_plural = _("deltagare")
        ordering = ["inskriven", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["insats", "referens_hash"], name="deltagare_unique_reference"),
            models.CheckConstraint(condition=Q(inskriven__day=1) & (Q(avslutad__isnull=True) | Q(avslutad__day=1)),
                                   name="deltagare_months_are_first_day"),
            models.CheckConstraint(condition=Q(avslutad__isnull=True) | Q(avslutad__gte=F("inskriven")),
                                   name="deltagare_ended_after_enrolled"),
            # Months from 2000 on (the exit follows from the constraint above); the insats's period is the service's.
            models.CheckConstraint(condition=Q(inskriven__gte=datetime.date(2000, 1, 1)), name="deltagare_months_from_2000"),
            models.CheckConstraint(condition=Q(avslutad__isnull=False) | (Q(utfall="") & Q(forsorjning_slut="")),
                                   name="deltagare_outcome_only_when_ended"),
        ]
        # Exit months alone (statistics and follow-up over all insatser, as date ranges), with the outcome so the
        # count of those to work or studies needs no table rows.
        indexes = [models.Index(fields=["insats", "avslutad"]), models.Index(fields=["inskriven"]),
                   models.Index(fields=["avslutad"], include=["utfall"], name="deltagare_avslutad_utfall")]


class Schablonbelopp(models.Model):
    """The standard annual cost of public support per person in a county and year (SCB), with its source."""

    ar = models.PositiveSmallIntegerField(_("år"))
    lan = models.CharField(_("län"), max_length=60)
    belopp = models.PositiveIntegerField(_("belopp per person och år (kr)"))
    kalla = models.CharField(_("källa"), max_length=300)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("schablonbelopp")
        verbose_name_plural = _("schablonbelopp")
        ordering = ["-ar", "lan"]
        constraints = [models.UniqueConstraint(fields=["ar", "lan"], name="schablon_one_per_year_county")]

    def __str__(self):
        return f"{self.lan} {self.ar}: {self.belopp} kr"


class KategoriSchablon(models.Model):
    """The standard annual cost of one kind of support in a county and year, where staff refine the county's
    amount (e.g. försörjningsstöd from the municipalities' own figures). Without a row the county's amount holds."""

    ar = models.PositiveSmallIntegerField(_("år"))
    lan = models.CharField(_("län"), max_length=60)
    forsorjning = models.CharField(_("försörjning"), max_length=20, choices=Forsorjning.choices)
    belopp = models.PositiveIntegerField(_("belopp per person och år (kr)"))
    kalla = models.CharField(_("källa"), max_length=300, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("schablonbelopp per försörjning")
        verbose_name_plural = _("schablonbelopp per försörjning")
        ordering = ["-ar", "lan", "forsorjning"]
        constraints = [models.UniqueConstraint(fields=["ar", "lan", "forsorjning"], name="kategorischablon_one_per_year_kind")]

    def __str__(self):
        return f"{self.lan} {self.ar} {self.get_forsorjning_display()}: {self.belopp} kr"


class DeltagarVisning(models.Model):
    """Who looked at an insats's participant rows, and when (data protection: views are audited too)."""

    insats = models.ForeignKey(Insats, on_delete=models.CASCADE, related_name="+")
    anvandare = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    tid = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("visning av deltagarlista")
        verbose_name_plural = _("visningar av deltagarlistor")
        ordering = ["-tid"]


class Planmal(models.Model):
    """A goal in a year's verksamhetsplan and its outcome as reported in the year's verksamhetsberättelse."""

    class Status(models.TextChoices):
        UPPNATT = "uppnatt", _("Uppnått")
        DELVIS = "delvis", _("Delvis uppnått")
        EJ = "ej", _("Ej uppnått")

    ar = models.PositiveSmallIntegerField(_("år"))
    mal = models.TextField(_("mål"))
    utfall = models.TextField(_("utfall"), blank=True)
    status = models.CharField(_("status"), max_length=8, choices=Status.choices, blank=True)
    ordning = models.PositiveSmallIntegerField(default=0)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("mål i verksamhetsplanen")
        verbose_name_plural = _("mål i verksamhetsplanen")
        ordering = ["ar", "ordning"]


class DeltagarManad(models.Model):
    """Participants per month, for the public statistics: how many were enrolled in the month, how many ended
    in it, and how many of those went to work or studies. Kept by PostgreSQL triggers on Deltagare (migration
    0007: every insert, update, delete and truncate, bulk writes included), never written by the app, so the
    statistics page reads at most twelve rows a year however many participants there are."""

    manad = models.DateField(_("månad"), primary_key=True)
    inskrivna = models.IntegerField(_("inskrivna"), default=0)
    avslutade = models.IntegerField(_("avslutade"), default=0)
    arbete_studier = models.IntegerField(_("avslutade till arbete eller studier"), default=0)

    class Meta:
        verbose_name = _("deltagare per månad")
        verbose_name_plural = _("deltagare per månad")
        ordering = ["manad"]
        constraints = [models.CheckConstraint(condition=models.Q(inskrivna__gte=0, avslutade__gte=0, arbete_studier__gte=0)
                                              & models.Q(arbete_studier__lte=models.F("avslutade")),
                                              name="deltagarmanad_counts_consistent")]

    def __str__(self):
        return f"{self.manad:%Y-%m}: {self.inskrivna} inskrivna, {self.avslutade} avslutade"
