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
    justering_forsening = models.TextField(_("skäl till sen justering"), blank=True,
                                           help_text=_("Krävs när protokollet justeras mer än 14 dagar efter sammanträdet."))
    anslag_forsening = models.TextField(_("skäl till sent anslag"), blank=True,
                                        help_text=_("Krävs när anslaget sätts upp mer än två dagar efter justeringen."))

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
    rattar = models.ForeignKey("self", on_delete=models.PROTECT, null=True, blank=True, related_name="rattelser",
                               verbose_name=_("rättar paragraf"),
                               help_text=_("En rättelse efter justering är en ny paragraf som hänvisar till den justerade."))
    # Set while the notice is prepared (until it is posted): the public protocol then says only "§ N – sekretess".
    sekretess = models.BooleanField(_("sekretess"), default=False,
                                    help_text=_("Paragrafen innehåller uppgifter som omfattas av sekretess."))

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


class Signatur(models.Model):
    """Who signed, in which role, when and from which login (address, browser, a hash of the session).

    Signatures are written once and never changed or deleted (a PostgreSQL trigger refuses both). A
    signature registered afterwards from a paper protocol (the demo's 2020 meetings) is marked importerad.
    """

    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("person"))
    roll = models.CharField(_("roll"), max_length=12, choices=[("ordforande", _("Ordförande")), ("justerare", _("Justerare"))])
    tid = models.DateTimeField(_("tid"), default=timezone.now)
    ip = models.GenericIPAddressField(_("IP-adress"), null=True, blank=True)
    user_agent = models.CharField(_("webbläsare"), max_length=300, blank=True)
    inloggning = models.CharField(_("inloggning"), max_length=16, blank=True,
                                  help_text=_("Början av en SHA-256 av sessionens nyckel: samma värde betyder samma inloggning."))
    importerad = models.BooleanField(_("registrerad i efterhand från pappersprotokoll"), default=False)

    class Meta:
        abstract = True
        ordering = ["tid"]


class JusteringSignatur(Signatur):
    """The chair or an adjuster adjusting (signing) the protocol."""

    sammantrade = models.ForeignKey(Sammantrade, on_delete=models.PROTECT, related_name="signaturer")

    history = HistoricalRecords()

    class Meta(Signatur.Meta):
        verbose_name = _("justeringssignatur")
        verbose_name_plural = _("justeringssignaturer")
        constraints = [models.UniqueConstraint(fields=["sammantrade", "person"], name="justering_once_per_person")]


class ParagrafSignatur(Signatur):
    """The chair or an adjuster signing one paragraph for immediate justering (omedelbar justering).

    The paragraph is adjusted when the chair and at least one adjuster have signed it.
    """

    paragraf = models.ForeignKey(Paragraf, on_delete=models.PROTECT, related_name="signaturer")

    history = HistoricalRecords()

    class Meta(Signatur.Meta):
        verbose_name = _("paragrafsignatur")
        verbose_name_plural = _("paragrafsignaturer")
        constraints = [models.UniqueConstraint(fields=["paragraf", "person"], name="paragrafjustering_once_per_person")]


class Forhinder(models.Model):
    """A member's report that they cannot come (förhinder), and the substitute it called; withdrawn before the meeting."""

    sammantrade = models.ForeignKey(Sammantrade, on_delete=models.PROTECT, related_name="forhinder")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("person"))
    ersattare = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                                  verbose_name=_("kallad ersättare"))
    anmalt = models.DateTimeField(_("anmält"), default=timezone.now)
    aterkallat = models.DateTimeField(_("återkallat"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("förhinder")
        verbose_name_plural = _("förhinder")
        ordering = ["anmalt", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["sammantrade", "person"], condition=Q(aterkallat__isnull=True),
                                    name="forhinder_one_open_per_person",
                                    violation_error_message=_("Förhinder är redan anmält.")),
        ]

    def __str__(self):
        return f"Förhinder {self.person} – {self.sammantrade}"


class Protokollkommentar(models.Model):
    """A comment by the chair or an adjuster on a § of the draft protocol, or the secretary's answer to one."""

    sammantrade = models.ForeignKey(Sammantrade, on_delete=models.PROTECT, related_name="kommentarer")
    paragraf = models.ForeignKey(Paragraf, on_delete=models.PROTECT, related_name="kommentarer", verbose_name=_("paragraf"))
    svar_pa = models.ForeignKey("self", on_delete=models.PROTECT, null=True, blank=True, related_name="svar",
                                verbose_name=_("svar på"))
    forfattare = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                   verbose_name=_("skriven av"))
    text = models.TextField(_("text"))
    skapad = models.DateTimeField(_("skriven"), default=timezone.now)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("synpunkt på protokollsutkast")
        verbose_name_plural = _("synpunkter på protokollsutkast")
        ordering = ["skapad", "pk"]
        constraints = [models.CheckConstraint(condition=~Q(text=""), name="protokollkommentar_text_not_empty")]

    def __str__(self):
        return f"§ {self.paragraf.nummer}: {self.text[:40]}"


class Beslutsbesked(models.Model):
    """The decision notice to the case's owner for a § adjusted (with the protocol or at once): sent once."""

    paragraf = models.OneToOneField(Paragraf, on_delete=models.PROTECT, related_name="beslutsbesked")
    skickat = models.DateTimeField(_("skickat"), default=timezone.now)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("beslutsbesked")
        verbose_name_plural = _("beslutsbesked")

    def __str__(self):
        return f"Beslutsbesked {self.paragraf}"
