"""Bodies, mandates, meetings, paragraphs (§), decisions and the adjustment (justering) of protocols."""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Deferrable, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from rar.models.core import Arende, Lansdel, Organisation

JUSTERING_DAYS = 14  # the protocol is adjusted within 14 days of the meeting
ANSLAG_DAYS = 2  # the notice goes up within 2 days after the adjustment
ANSLAG_WEEKS = 3  # and stays up at least 3 weeks (the appeal window)


class Organ(models.Model):
    """A body of the federation: the board, its working committee, the preparation group and the three LSG."""

    class Typ(models.TextChoices):
        STYRELSE = "styrelse", _("Styrelse")
        ARBETSUTSKOTT = "au", _("Arbetsutskott")
        BEREDNINGSGRUPP = "beredning", _("Beredningsgrupp")
        LSG = "lsg", _("Lokal samverkansgrupp")

    namn = models.CharField(_("namn"), max_length=120, unique=True)
    typ = models.CharField(_("typ"), max_length=10, choices=Typ.choices)
    lansdel = models.CharField(_("länsdel"), max_length=10, choices=Lansdel.choices, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("organ")
        verbose_name_plural = _("organ")
        ordering = ["typ", "namn"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(typ="lsg") & ~Q(lansdel="")) | (~Q(typ="lsg") & Q(lansdel="")),
                name="organ_lansdel_only_for_lsg",
                violation_error_message=_("En lokal samverkansgrupp hör till en länsdel; andra organ gör det inte."),
            )
        ]

    def __str__(self):
        return self.namn


class UppdragQuerySet(models.QuerySet):
    def active_on(self, day: datetime.date):
        return self.filter(Q(fran__lte=day), Q(till__isnull=True) | Q(till__gte=day))


class Uppdrag(models.Model):
    """A person's mandate in a body: which organisation they represent, ordinary or substitute, chair."""

    class Roll(models.TextChoices):
        LEDAMOT = "ledamot", _("Ordinarie ledamot")
        ERSATTARE = "ersattare", _("Ersättare")

    class Presidium(models.TextChoices):
        INGEN = "", _("–")
        ORDFORANDE = "ordforande", _("Ordförande")
        VICE_1 = "vice1", _("1:e vice ordförande")
        VICE_2 = "vice2", _("2:e vice ordförande")

    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="uppdrag", verbose_name=_("person"))
    organ = models.ForeignKey(Organ, on_delete=models.PROTECT, related_name="uppdrag", verbose_name=_("organ"))
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, null=True, blank=True, related_name="uppdrag", verbose_name=_("företräder")
    )
    roll = models.CharField(_("roll"), max_length=10, choices=Roll.choices)
    presidium = models.CharField(_("presidium"), max_length=10, choices=Presidium.choices, blank=True)
    fran = models.DateField(_("från"))
    till = models.DateField(_("till"), null=True, blank=True)

    history = HistoricalRecords()
    objects = UppdragQuerySet.as_manager()

    class Meta:
        verbose_name = _("uppdrag")
        verbose_name_plural = _("uppdrag")
        ordering = ["organ", "roll", "organisation__namn"]
        constraints = [
            models.CheckConstraint(condition=Q(till__isnull=True) | Q(till__gte=models.F("fran")), name="uppdrag_period_ordered"),
            models.UniqueConstraint(fields=["person", "organ", "fran"], name="uppdrag_unique_start"),
        ]

    def __str__(self):
        return f"{self.person} – {self.get_roll_display()} i {self.organ}"


class Sammantrade(models.Model):
    """A meeting of a body, its attendance and its protocol."""

    class Status(models.TextChoices):
        PLANERAT = "planerat", _("Planerat")
        KALLAT = "kallat", _("Kallat")
        GENOMFORT = "genomfort", _("Genomfört")
        JUSTERING = "justering", _("Skickat för justering")
        JUSTERAT = "justerat", _("Protokoll justerat")
        ANSLAGET = "anslaget", _("Anslaget")

    AGENDA_EDITABLE = (Status.PLANERAT, Status.KALLAT)
    DECISIONS_EDITABLE = (Status.KALLAT, Status.GENOMFORT)
    LOCKED = (Status.JUSTERAT, Status.ANSLAGET)

    organ = models.ForeignKey(Organ, on_delete=models.PROTECT, related_name="sammantraden", verbose_name=_("organ"))
    datum = models.DateField(_("datum"))
    tid_fran = models.TimeField(_("från kl"))
    tid_till = models.TimeField(_("till kl"), null=True, blank=True)
    plats = models.CharField(_("plats"), max_length=200, blank=True)
    lank = models.URLField(_("länk för distansdeltagande"), blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PLANERAT)
    version = models.PositiveIntegerField(default=1)
    kallad_tid = models.DateTimeField(_("kallelse skickad"), null=True, blank=True)
    sekreterare = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("sekreterare")
    )
    ordforande = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("ordförande")
    )
    justerare = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="+", verbose_name=_("justerare"))
    ovriga_narvarande = models.TextField(_("övriga närvarande"), blank=True, help_text=_("Namn och funktion, en per rad."))
    justerat_tid = models.DateTimeField(_("protokollet justerat"), null=True, blank=True)
    anslag_uppsatt = models.DateField(_("anslaget uppsatt"), null=True, blank=True)
    anslag_nedtas = models.DateField(_("anslaget nedtas"), null=True, blank=True)
    forvaringsplats = models.CharField(_("förvaringsplats för protokollet"), max_length=200, default="Förbundets kansli")

    history = HistoricalRecords(excluded_fields=["version"], m2m_fields=[justerare])

    class Meta:
        verbose_name = _("sammanträde")
        verbose_name_plural = _("sammanträden")
        ordering = ["-datum", "-tid_fran"]
        constraints = [
            models.CheckConstraint(
                condition=Q(anslag_nedtas__isnull=True) | Q(anslag_uppsatt__isnull=True)
                | Q(anslag_nedtas__gte=models.F("anslag_uppsatt") + datetime.timedelta(weeks=ANSLAG_WEEKS)),
                name="sammantrade_anslag_three_weeks",
                violation_error_message=_("Anslaget ska sitta uppe minst tre veckor."),
            ),
        ]
        indexes = [models.Index(fields=["organ", "datum"])]

    def __str__(self):
        return f"{self.organ} {self.datum:%Y-%m-%d}"

    def get_absolute_url(self):
        return reverse("sammantrade_detail", args=[self.pk])

    @property
    def is_locked(self):
        return self.status in self.LOCKED

    @property
    def justering_senast(self) -> datetime.date:
        return self.datum + datetime.timedelta(days=JUSTERING_DAYS)

    @property
    def anslag_senast(self) -> datetime.date | None:
        if self.justerat_tid is None:
            return None
        return timezone.localdate(self.justerat_tid) + datetime.timedelta(days=ANSLAG_DAYS)

    @property
    def anslag_tidigast_ned(self) -> datetime.date | None:
        if self.anslag_uppsatt is None:
            return None
        return self.anslag_uppsatt + datetime.timedelta(weeks=ANSLAG_WEEKS)


class Narvaro(models.Model):
    """One member's (or substitute's) attendance at a meeting."""

    class Grupp(models.TextChoices):
        LEDAMOT = "ledamot", _("Ordinarie ledamot")
        ERSATTARE = "ersattare", _("Ersättare")

    sammantrade = models.ForeignKey(Sammantrade, on_delete=models.CASCADE, related_name="narvaro")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("person"))
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    grupp = models.CharField(_("grupp"), max_length=10, choices=Grupp.choices)
    narvarande = models.BooleanField(_("närvarande"), default=False)
    via_lank = models.BooleanField(_("via länk"), default=False)
    tjanstgor_for = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("tjänstgör för"),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("närvaro")
        verbose_name_plural = _("närvaro")
        ordering = ["grupp", "organisation__namn"]
        constraints = [
            models.UniqueConstraint(fields=["sammantrade", "person"], name="narvaro_once_per_meeting"),
            models.CheckConstraint(condition=Q(tjanstgor_for__isnull=True) | Q(narvarande=True, grupp="ersattare"),
                                   name="narvaro_only_present_substitute_serves"),
        ]

    @property
    def tjanstgorande(self):
        return self.narvarande and (self.grupp == self.Grupp.LEDAMOT or self.tjanstgor_for_id is not None)


class Paragraf(models.Model):
    """A numbered item (§) of a meeting: standard, information or decision, numbered per body and year."""

    class Typ(models.TextChoices):
        STANDARD = "standard", _("Standardpunkt")
        INFORMATION = "information", _("Information")
        BESLUT = "beslut", _("Beslut")

    sammantrade = models.ForeignKey(Sammantrade, on_delete=models.PROTECT, related_name="paragrafer")
    organ = models.ForeignKey(Organ, on_delete=models.PROTECT, related_name="+")  # = sammantrade.organ, for the constraint
    ar = models.PositiveSmallIntegerField(_("år"))  # = sammantrade.datum.year
    nummer = models.PositiveIntegerField(_("paragraf"))
    ordning = models.PositiveIntegerField(_("ordning"))
    typ = models.CharField(_("typ"), max_length=12, choices=Typ.choices)
    rubrik = models.CharField(_("rubrik"), max_length=250)
    text = models.TextField(_("ärendet / information"), blank=True)
    arende = models.ForeignKey(Arende, on_delete=models.PROTECT, null=True, blank=True, related_name="paragrafer", verbose_name=_("ärende"))
    forslag = models.TextField(_("förslag till beslut"), blank=True)
    forslag_av = models.CharField(_("förslaget från"), max_length=200, blank=True)
    proposition = models.TextField(_("proposition"), blank=True, help_text=_("Hur ordföranden ställde förslagen under proposition."))
    beslut = models.TextField(_("beslut"), blank=True)
    utfall = models.CharField(_("beslutsutfall (finansiering)"), max_length=12, blank=True)
    belopp = models.PositiveBigIntegerField(_("beviljat belopp (kr)"), null=True, blank=True)
    beslut_registrerat = models.DateTimeField(_("beslut registrerat"), null=True, blank=True)
    omedelbart_justerad_tid = models.DateTimeField(_("justerad omedelbart"), null=True, blank=True)
    expedieras_till = models.TextField(_("beslutet expedieras till"), blank=True, help_text=_("En mottagare per rad."))
    javiga = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="+", verbose_name=_("jäviga"))

    history = HistoricalRecords(m2m_fields=[javiga])

    class Meta:
        verbose_name = _("paragraf")
        verbose_name_plural = _("paragrafer")
        ordering = ["sammantrade", "ordning"]
        constraints = [
            models.UniqueConstraint(
                fields=["organ", "ar", "nummer"],
                name="paragraf_unique_number_per_body_year",
                deferrable=Deferrable.DEFERRED,  # renumbering swaps numbers inside one transaction
                violation_error_message=_("Paragrafnumret finns redan för organet det året."),
            ),
            models.UniqueConstraint(fields=["sammantrade", "ordning"], name="paragraf_unique_order",
                                    deferrable=Deferrable.DEFERRED),
            models.CheckConstraint(condition=Q(nummer__gte=1), name="paragraf_number_positive"),
        ]

    def __str__(self):
        return f"§ {self.nummer} {self.rubrik}"

    @property
    def is_locked(self):
        return self.sammantrade.is_locked or self.omedelbart_justerad_tid is not None


class Yrkande(models.Model):
    """A motion in a paragraph: who moved what."""

    paragraf = models.ForeignKey(Paragraf, on_delete=models.CASCADE, related_name="yrkanden")
    av = models.CharField(_("yrkande av"), max_length=200)
    text = models.TextField(_("yrkande"))
    ordning = models.PositiveSmallIntegerField(default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["ordning", "pk"]


class Votering(models.Model):
    """A vote in a paragraph with its result."""

    paragraf = models.OneToOneField(Paragraf, on_delete=models.CASCADE, related_name="votering")
    ja = models.PositiveSmallIntegerField(_("ja"))
    nej = models.PositiveSmallIntegerField(_("nej"))
    avstar = models.PositiveSmallIntegerField(_("avstår"), default=0)
    ja_betyder = models.CharField(_("ja-röst för"), max_length=300)
    nej_betyder = models.CharField(_("nej-röst för"), max_length=300)
    rostlista = models.TextField(_("röstlista"), blank=True)

    history = HistoricalRecords()


class Reservation(models.Model):
    """A member's reservation against a decision."""

    paragraf = models.ForeignKey(Paragraf, on_delete=models.CASCADE, related_name="reservationer")
    av = models.CharField(_("reservant"), max_length=200)
    motivering = models.TextField(_("motivering"), blank=True)

    history = HistoricalRecords()


class JusteringSignatur(models.Model):
    """The chair or an adjuster adjusting (signing) the protocol, or a single paragraph adjusted at once."""

    sammantrade = models.ForeignKey(Sammantrade, on_delete=models.PROTECT, related_name="signaturer")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    roll = models.CharField(max_length=12, choices=[("ordforande", _("Ordförande")), ("justerare", _("Justerare"))])
    tid = models.DateTimeField(default=timezone.now)

    history = HistoricalRecords()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["sammantrade", "person"], name="justering_once_per_person")]
        ordering = ["tid"]
