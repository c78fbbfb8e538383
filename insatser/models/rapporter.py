"""Status reports (lägesrapporter) and the final report (slutrapport), with the goal rows of each."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


from insatser.models.ansokan import Mal
from insatser.models.insats import Insats


class Lagesrapport(models.Model):
    """A status report for a period of the insats, due on the agreement's schedule."""

    class Status(models.TextChoices):
        EJ_INLAMNAD = "ej_inlamnad", _("Ej inlämnad")
        INLAMNAD = "inlamnad", _("Inlämnad")
        KOMPLETTERING = "komplettering", _("Komplettering begärd")
        GODKAND = "godkand", _("Godkänd")

    OWNER_EDITABLE = (Status.EJ_INLAMNAD, Status.KOMPLETTERING)

    insats = models.ForeignKey(Insats, on_delete=models.PROTECT, related_name="lagesrapporter", verbose_name=_("insats"))
    period_start = models.DateField(_("period från"))
    period_slut = models.DateField(_("period till"))
    forfaller = models.DateField(_("ska lämnas senast"))
    status = models.CharField(_("status"), max_length=14, choices=Status.choices, default=Status.EJ_INLAMNAD)
    version = models.PositiveIntegerField(default=1)
    inskrivna = models.PositiveIntegerField(_("nya deltagare inskrivna under perioden"), null=True, blank=True)
    avslutade = models.PositiveIntegerField(_("deltagare avslutade under perioden"), null=True, blank=True)
    till_arbete_studier = models.PositiveIntegerField(_("av de avslutade: till arbete eller studier"), null=True, blank=True)
    kostnader = models.PositiveBigIntegerField(_("kostnader under perioden (kr)"), null=True, blank=True)
    risker = models.TextField(_("risker och avvikelser"), blank=True)
    implementering = models.TextField(_("arbetet med implementering"), blank=True)
    kommentar_kansli = models.TextField(_("kansliets kommentar"), blank=True)
    inlamnad = models.DateTimeField(_("inlämnad"), null=True, blank=True)
    inlamnad_av = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    paminnelse_skickad = models.DateTimeField(null=True, blank=True)
    forsening_skickad = models.DateTimeField(null=True, blank=True)

    history = HistoricalRecords(excluded_fields=["version", "paminnelse_skickad", "forsening_skickad"])

    class Meta:
        verbose_name = _("lägesrapport")
        verbose_name_plural = _("lägesrapporter")
        ordering = ["forfaller"]
        constraints = [
            models.UniqueConstraint(fields=["insats", "period_start"], name="lagesrapport_one_per_period"),
            models.CheckConstraint(condition=Q(period_slut__gte=models.F("period_start")), name="lagesrapport_period_ordered"),
            models.CheckConstraint(
                condition=Q(avslutade__isnull=True) | Q(till_arbete_studier__isnull=True) | Q(till_arbete_studier__lte=models.F("avslutade")),
                name="lagesrapport_outcome_within_ended",
                violation_error_message=_("Antalet till arbete eller studier kan inte vara fler än de avslutade."),
            ),
        ]
        indexes = [models.Index(fields=["status", "forfaller"])]

    def __str__(self):
        return f"Lägesrapport {self.insats} {self.period_start:%Y-%m-%d}–{self.period_slut:%Y-%m-%d}"

    def get_absolute_url(self):
        return reverse("insatser:lagesrapport", args=[self.pk])

    def is_overdue(self, today=None):
        today = today or timezone.localdate()
        return self.status in self.OWNER_EDITABLE and self.forfaller < today


class MalRapport(models.Model):
    """Progress on one goal in a status report."""

    class Status(models.TextChoices):
        ENLIGT_PLAN = "enligt_plan", _("Enligt plan")
        DELVIS = "delvis", _("Delvis enligt plan")
        EJ_ENLIGT_PLAN = "ej_enligt_plan", _("Ej enligt plan")
        UPPNATT = "uppnatt", _("Uppnått")

    PARENT = "lagesrapport"  # the report this goal row belongs to

    lagesrapport = models.ForeignKey(Lagesrapport, on_delete=models.CASCADE, related_name="malrapporter")
    mal = models.ForeignKey(Mal, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, blank=True)
    varde = models.CharField(_("utfall hittills"), max_length=120, blank=True)
    kommentar = models.TextField(_("kommentar"), blank=True)

    history = HistoricalRecords()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["lagesrapport", "mal"], name="malrapport_one_per_goal")]
        ordering = ["mal__ordning", "mal__pk"]


class Slutrapport(models.Model):
    """The final report of an insats (for a training effort: its report back). Approval ends the insats."""

    class Status(models.TextChoices):
        EJ_INLAMNAD = "ej_inlamnad", _("Ej inlämnad")
        INLAMNAD = "inlamnad", _("Inlämnad")
        KOMPLETTERING = "komplettering", _("Komplettering begärd")
        GODKAND = "godkand", _("Godkänd")

    class Utfall(models.TextChoices):
        IMPLEMENTERAD = "implementerad", _("Implementerad i ordinarie verksamhet")
        AVVECKLAD = "avvecklad", _("Avvecklad")
        AVBRUTEN = "avbruten", _("Avbruten i förtid")

    OWNER_EDITABLE = (Status.EJ_INLAMNAD, Status.KOMPLETTERING)

    insats = models.OneToOneField(Insats, on_delete=models.PROTECT, related_name="slutrapport", verbose_name=_("insats"))
    status = models.CharField(_("status"), max_length=14, choices=Status.choices, default=Status.EJ_INLAMNAD)
    version = models.PositiveIntegerField(default=1)
    deltagare_totalt = models.PositiveIntegerField(_("deltagare totalt"), null=True, blank=True)
    avslutade_totalt = models.PositiveIntegerField(_("avslutade totalt"), null=True, blank=True)
    till_arbete_studier_totalt = models.PositiveIntegerField(_("av de avslutade: till arbete eller studier"), null=True, blank=True)
    utfall = models.CharField(_("vad händer med insatsen"), max_length=14, choices=Utfall.choices, blank=True)
    overtagen_av = models.CharField(_("övertagen av (verksamhet, beslut)"), max_length=300, blank=True)
    avvecklad_varfor = models.TextField(_("varför avvecklad eller avbruten"), blank=True)
    lardomar = models.TextField(_("lärdomar"), blank=True)
    total_kostnad = models.PositiveBigIntegerField(_("total kostnad (kr)"), null=True, blank=True)
    utvardering = models.TextField(_("deltagarnas utvärdering"), blank=True)
    kommentar_kansli = models.TextField(_("kansliets kommentar"), blank=True)
    inlamnad = models.DateTimeField(_("inlämnad"), null=True, blank=True)

    history = HistoricalRecords(excluded_fields=["version"])

    class Meta:
        verbose_name = _("slutrapport")
        verbose_name_plural = _("slutrapporter")
        constraints = [
            models.CheckConstraint(
                condition=Q(avslutade_totalt__isnull=True) | Q(till_arbete_studier_totalt__isnull=True)
                | Q(till_arbete_studier_totalt__lte=models.F("avslutade_totalt")),
                name="slutrapport_outcome_within_ended",
                violation_error_message=_("Antalet till arbete eller studier kan inte vara fler än de avslutade."),
            ),
        ]

    def __str__(self):
        return f"Slutrapport {self.insats}"

    def get_absolute_url(self):
        return reverse("insatser:slutrapport", args=[self.insats_id])


class SlutMalResultat(models.Model):
    """The result against one goal in the final report."""

    class Uppfyllelse(models.TextChoices):
        UPPNATT = "uppnatt", _("Uppnått")
        DELVIS = "delvis", _("Delvis uppnått")
        EJ = "ej", _("Ej uppnått")

    PARENT = "slutrapport"  # the report this goal row belongs to

    slutrapport = models.ForeignKey(Slutrapport, on_delete=models.CASCADE, related_name="malresultat")
    mal = models.ForeignKey(Mal, on_delete=models.PROTECT, related_name="+")
    uppfyllelse = models.CharField(_("måluppfyllelse"), max_length=8, choices=Uppfyllelse.choices, blank=True)
    resultat = models.TextField(_("resultat"), blank=True)

    history = HistoricalRecords()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["slutrapport", "mal"], name="slutmalresultat_one_per_goal")]
        ordering = ["mal__ordning", "mal__pk"]
