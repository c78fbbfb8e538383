"""The funded intervention (insats): its money per year (beviljat), agreement (avtal) and phases (faser)."""

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from rar.querysets import OwnerPartyQuerySet
from rar.models import Arende, Lansdel, Organisation

from insatser.models.ansokan import Ansokan, Inriktning, Karaktar


class InsatsQuerySet(OwnerPartyQuerySet):
    def with_list_data(self):
        return self.select_related("agare", "arende").prefetch_related("parter")


class Insats(models.Model):
    """A funded intervention, created when the board grants an application."""

    class Status(models.TextChoices):
        PAGAENDE = "pagaende", _("Pågående")
        AVSLUTAD = "avslutad", _("Avslutad")
        IMPLEMENTERAD = "implementerad", _("Implementerad")
        AVBRUTEN = "avbruten", _("Avbruten")

    ENDED = (Status.AVSLUTAD, Status.IMPLEMENTERAD, Status.AVBRUTEN)

    arende = models.ForeignKey(Arende, on_delete=models.PROTECT, related_name="insatser", verbose_name=_("ärende"))
    ansokan = models.OneToOneField(
        Ansokan, on_delete=models.PROTECT, related_name="beviljad_insats", verbose_name=_("ursprunglig ansökan")
    )
    namn = models.CharField(_("namn"), max_length=200)
    agare = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="agda_insatser", verbose_name=_("insatsägare"))
    parter = models.ManyToManyField(Organisation, blank=True, related_name="insatser_som_part", verbose_name=_("parter"))
    inriktning = models.CharField(_("inriktning"), max_length=10, choices=Inriktning.choices)
    karaktar = models.CharField(_("karaktär"), max_length=12, choices=Karaktar.choices, blank=True)
    kompetenshojande = models.BooleanField(_("kompetenshöjande insats"), default=False)
    lansovergripande = models.BooleanField(_("länsövergripande"), default=False)
    lansdelar = ArrayField(models.CharField(max_length=10, choices=Lansdel.choices), default=list, blank=True)
    langsiktig = models.BooleanField(_("långsiktig"), default=True)
    syfte = models.TextField(_("syfte"), blank=True)
    period_start = models.DateField(_("period från"))
    period_slut = models.DateField(_("period till"))
    status = models.CharField(_("status"), max_length=14, choices=Status.choices, default=Status.PAGAENDE)
    styrgrupp = models.TextField(_("styrgrupp"), blank=True, help_text=_("En person per rad: namn, organisation, roll."))
    publicerad = models.BooleanField(_("publicerad i insatskatalogen"), default=False)

    history = HistoricalRecords(m2m_fields=[parter])
    objects = InsatsQuerySet.as_manager()

    class Meta:
        verbose_name = _("insats")
        verbose_name_plural = _("insatser")
        ordering = ["-period_start", "namn"]
        constraints = [
            models.CheckConstraint(condition=Q(period_slut__gte=models.F("period_start")), name="insats_period_ordered")
        ]
        indexes = [models.Index(fields=["status"]), models.Index(fields=["agare", "status"])]

    def __str__(self):
        return self.namn

    def get_absolute_url(self):
        return reverse("insatser:insats_detail", args=[self.pk])


class Beviljat(models.Model):
    """Money granted to an insats for one year by one decision (the original grant or an extension)."""

    insats = models.ForeignKey(Insats, on_delete=models.PROTECT, related_name="beviljat", verbose_name=_("insats"))
    ansokan = models.ForeignKey(Ansokan, on_delete=models.PROTECT, related_name="beviljat", verbose_name=_("beslut på ansökan"))
    ar = models.PositiveSmallIntegerField(_("år"))
    belopp = models.PositiveBigIntegerField(_("belopp (kr)"))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("beviljat belopp")
        verbose_name_plural = _("beviljade belopp")
        ordering = ["ar"]
        constraints = [models.UniqueConstraint(fields=["ansokan", "ar"], name="beviljat_one_per_decision_year")]
        indexes = [models.Index(fields=["ar"])]


class Avtal(models.Model):
    """The funding agreement drawn from the decision, accepted by the owner's signatory and the director."""

    insats = models.ForeignKey(Insats, on_delete=models.PROTECT, related_name="avtal", verbose_name=_("insats"))
    ansokan = models.OneToOneField(Ansokan, on_delete=models.PROTECT, related_name="avtal", verbose_name=_("beslut på ansökan"))
    period_start = models.DateField(_("period från"))
    period_slut = models.DateField(_("period till"))
    rapportintervall_manader = models.PositiveSmallIntegerField(
        _("lägesrapport var … månad"), default=6, help_text=_("Hur ofta insatsägaren lämnar lägesrapport.")
    )
    villkor = models.TextField(_("villkor"), blank=True)
    agare_signerad_av = models.CharField(_("godkänt för insatsägaren av"), max_length=200, blank=True)
    agare_signerad_tid = models.DateTimeField(_("godkänt för insatsägaren"), null=True, blank=True)
    forbund_signerad_av = models.CharField(_("godkänt för förbundet av"), max_length=200, blank=True)
    forbund_signerad_tid = models.DateTimeField(_("godkänt för förbundet"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("avtal")
        verbose_name_plural = _("avtal")
        constraints = [
            models.CheckConstraint(
                condition=Q(rapportintervall_manader__gte=1) & Q(rapportintervall_manader__lte=12),
                name="avtal_report_interval_1_12",
                violation_error_message=_("Rapportintervallet ska vara 1–12 månader."),
            )
        ]

    def __str__(self):
        return f"Avtal {self.insats}"

    @property
    def signerat(self):
        return self.agare_signerad_tid is not None and self.forbund_signerad_tid is not None


class Fas(models.Model):
    """A phase of an insats: money released step by step, each step once staff confirm the previous goals."""

    insats = models.ForeignKey(Insats, on_delete=models.PROTECT, related_name="faser", verbose_name=_("insats"))
    nummer = models.PositiveSmallIntegerField(_("fas"))
    belopp = models.PositiveBigIntegerField(_("belopp (kr)"))
    mal = models.TextField(_("mål för fasen"))
    slappt_tid = models.DateTimeField(_("medel släppta"), null=True, blank=True)
    mal_bekraftade_tid = models.DateTimeField(_("målen bekräftade"), null=True, blank=True)
    mal_bekraftade_av = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("bekräftade av")
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("fas")
        verbose_name_plural = _("faser")
        ordering = ["insats", "nummer"]
        constraints = [
            models.UniqueConstraint(fields=["insats", "nummer"], name="fas_unique_number"),
            models.CheckConstraint(condition=Q(nummer__gte=1), name="fas_number_positive"),
            models.CheckConstraint(
                condition=Q(mal_bekraftade_tid__isnull=True) | Q(slappt_tid__isnull=False),
                name="fas_goals_confirmed_only_when_released",
            ),
        ]

    def __str__(self):
        return f"Fas {self.nummer} {self.insats}"

    @property
    def slappt(self):
        return self.slappt_tid is not None
