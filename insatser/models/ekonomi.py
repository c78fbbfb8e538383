"""Money: invoices (rekvisitioner) and year-end transfers (överföringar)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


from insatser.models.insats import Fas, Insats


# --- Money: invoices (rekvisitioner) and year-end transfers -------------------------------------------


class Rekvisition(models.Model):
    """An owner's invoice (rekvisition) for a period of one year, paid by the federation once approved."""

    class Status(models.TextChoices):
        INSKICKAD = "inskickad", _("Inskickad")
        GODKAND = "godkand", _("Godkänd")
        AVSLAGEN = "avslagen", _("Avslagen")
        BETALD = "betald", _("Betald")

    COUNTS_AGAINST_GRANT = (Status.INSKICKAD, Status.GODKAND, Status.BETALD)
    COST_FIELDS = ("personal", "lokaler", "resor", "ovrigt")

    insats = models.ForeignKey(Insats, on_delete=models.PROTECT, related_name="rekvisitioner", verbose_name=_("insats"))
    nummer = models.PositiveIntegerField(_("nummer"))
    ar = models.PositiveSmallIntegerField(_("år"))
    period_start = models.DateField(_("period från"))
    period_slut = models.DateField(_("period till"))
    fas = models.ForeignKey(Fas, on_delete=models.PROTECT, null=True, blank=True, related_name="rekvisitioner",
                            verbose_name=_("fas"))
    personal = models.PositiveBigIntegerField(_("personalkostnader (kr)"), default=0)
    lokaler = models.PositiveBigIntegerField(_("lokaler (kr)"), default=0)
    resor = models.PositiveBigIntegerField(_("resor (kr)"), default=0)
    ovrigt = models.PositiveBigIntegerField(_("material och övrigt (kr)"), default=0)
    belopp = models.PositiveBigIntegerField(_("belopp (kr)"))
    beskrivning = models.TextField(_("kommentar"), blank=True)
    bilaga = models.ForeignKey("rar.Handling", on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                               verbose_name=_("bilaga"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.INSKICKAD)
    inskickad = models.DateTimeField(_("inskickad"), default=timezone.now)
    inskickad_av = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                     verbose_name=_("inskickad av"))
    beslutad = models.DateTimeField(_("beslutad"), null=True, blank=True)
    beslutad_av = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="+", verbose_name=_("beslutad av"))
    avslag_motivering = models.TextField(_("skäl till avslag"), blank=True)
    betald_datum = models.DateField(_("betald"), null=True, blank=True)
    betald_av = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                  related_name="+", verbose_name=_("markerad som betald av"))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("rekvisition")
        verbose_name_plural = _("rekvisitioner")
        ordering = ["insats", "nummer"]
        constraints = [
            models.UniqueConstraint(fields=["insats", "nummer"], name="rekvisition_unique_number"),
            models.CheckConstraint(condition=Q(belopp__gt=0), name="rekvisition_amount_positive"),
            models.CheckConstraint(
                condition=Q(belopp=models.F("personal") + models.F("lokaler") + models.F("resor") + models.F("ovrigt")),
                name="rekvisition_amount_is_sum_of_costs",
            ),
            models.CheckConstraint(condition=Q(period_slut__gte=models.F("period_start")), name="rekvisition_period_order"),
            models.CheckConstraint(
                condition=Q(status="betald", betald_datum__isnull=False) | (~Q(status="betald") & Q(betald_datum__isnull=True)),
                name="rekvisition_paid_has_date",
            ),
        ]
        indexes = [models.Index(fields=["ar", "status"], name="rekvisition_year_status")]

    def __str__(self):
        return f"Rekvisition {self.nummer} {self.insats}"

    def get_absolute_url(self):
        return reverse("insatser:rekvisition_detail", args=[self.pk])


class Overforing(models.Model):
    """A recorded decision on a year's unspent grant: moved to the next year, or released back to the federation.

    Also used when staff approve an invoice above the year's remaining grant: the excess is moved forward
    from the next year's grant (förskott). Every row moves `belopp` from `fran_ar` to `till_ar`
    (none when released).
    """

    class Typ(models.TextChoices):
        OVERFORD = "overford", _("Överfört till nästa år")
        ATERFORD = "aterford", _("Återfört till förbundet")
        FORSKOTT = "forskott", _("Förskott från nästa år")

    insats = models.ForeignKey(Insats, on_delete=models.PROTECT, related_name="overforingar", verbose_name=_("insats"))
    typ = models.CharField(_("typ"), max_length=10, choices=Typ.choices)
    fran_ar = models.PositiveSmallIntegerField(_("från år"))
    till_ar = models.PositiveSmallIntegerField(_("till år"), null=True, blank=True)
    belopp = models.PositiveBigIntegerField(_("belopp (kr)"))
    motivering = models.TextField(_("motivering"), blank=True)
    rekvisition = models.ForeignKey(Rekvisition, on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="overforingar", verbose_name=_("rekvisition"))
    beslutad = models.DateTimeField(_("beslutad"), default=timezone.now)
    beslutad_av = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                    verbose_name=_("beslutad av"))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("överföring")
        verbose_name_plural = _("överföringar")
        ordering = ["insats", "fran_ar", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(belopp__gt=0), name="overforing_amount_positive"),
            models.CheckConstraint(
                condition=(Q(typ="aterford", till_ar__isnull=True)
                           | Q(typ="overford", till_ar=models.F("fran_ar") + 1)
                           | Q(typ="forskott", till_ar=models.F("fran_ar") - 1)),
                name="overforing_years_match_type",
            ),
            # A year is closed once: its unspent money is either moved on or released, never both.
            models.UniqueConstraint(fields=["insats", "fran_ar"], condition=Q(typ__in=["overford", "aterford"]),
                                    name="overforing_year_closed_once"),
        ]

    def __str__(self):
        return f"{self.get_typ_display()} {self.fran_ar}: {self.belopp} kr"
