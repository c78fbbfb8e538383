"""The federation itself: members, people, the case register (diarium) and the yearly contributions."""

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class Lansdel(models.TextChoices):
    """The three parts of the county, one local collaboration group (LSG) each."""

    NORRA = "norra", _("Norra länsdelen")
    VASTRA = "vastra", _("Västra länsdelen")
    OSTRA = "ostra", _("Östra länsdelen")


class OrganisationQuerySet(models.QuerySet):
    def active_in(self, year: int):
        return self.filter(
            Q(aktiv_fran__isnull=True) | Q(aktiv_fran__year__lte=year),
            Q(aktiv_till__isnull=True) | Q(aktiv_till__year__gte=year),
        )


class Organisation(models.Model):
    """A member organisation (medlem, huvudman) of the federation."""

    class Typ(models.TextChoices):
        STAT = "stat", _("Staten")
        REGION = "region", _("Region")
        KOMMUN = "kommun", _("Kommun")

    namn = models.CharField(_("namn"), max_length=120, unique=True)
    typ = models.CharField(_("typ"), max_length=10, choices=Typ.choices)
    lansdel = models.CharField(_("länsdel"), max_length=10, choices=Lansdel.choices, blank=True)
    kommunkod = models.CharField(_("kommunkod"), max_length=4, blank=True,
                                 help_text=_("SCB:s fyrsiffriga kod, t.ex. 0480 för Nyköping; matchar befolkningsfiler från SCB."))
    aktiv_fran = models.DateField(_("medlem från"), null=True, blank=True)
    aktiv_till = models.DateField(_("medlem till"), null=True, blank=True)
    betalar_statens_andel = models.BooleanField(
        _("betalar statens andel"),
        default=False,
        help_text=_("Försäkringskassan betalar statens hälft, Arbetsförmedlingens del inräknad (Finsam-lagen 5 §)."),
    )

    history = HistoricalRecords()
    objects = OrganisationQuerySet.as_manager()

    class Meta:
        verbose_name = _("medlemsorganisation")
        verbose_name_plural = _("medlemsorganisationer")
        ordering = ["typ", "namn"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(typ="kommun") & ~Q(lansdel="")) | (~Q(typ="kommun") & Q(lansdel="")),
                name="organisation_lansdel_only_for_kommun",
                violation_error_message=_("En kommun ska ha en länsdel; stat och region har ingen."),
            ),
            models.CheckConstraint(
                condition=Q(aktiv_till__isnull=True) | Q(aktiv_fran__isnull=True) | Q(aktiv_till__gte=models.F("aktiv_fran")),
                name="organisation_active_period_ordered",
                violation_error_message=_("Medlemskapets slutdatum får inte vara före startdatum."),
            ),
            models.CheckConstraint(condition=Q(kommunkod="") | Q(kommunkod__regex=r"^[0-9]{4}$"),
                                   name="organisation_kommunkod_four_digits",
                                   violation_error_message=_("Kommunkoden är fyra siffror, t.ex. 0480.")),
            models.UniqueConstraint(
                fields=["betalar_statens_andel"],
                condition=Q(betalar_statens_andel=True),
                name="organisation_one_state_payer",
                violation_error_message=_("Bara en organisation kan betala statens andel."),
            ),
        ]

    def __str__(self):
        return self.namn

    def get_absolute_url(self):
        return reverse("organisation_detail", args=[self.pk])


class Befolkning(models.Model):
    """A municipality's population aged 16–64 in a year: the key for splitting the municipalities' quarter."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="befolkning", verbose_name=_("kommun")
    )
    ar = models.PositiveSmallIntegerField(_("år"))
    antal_16_64 = models.PositiveIntegerField(_("invånare 16–64 år"))
    kalla = models.CharField(_("källa"), max_length=200, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("befolkning 16–64 år")
        verbose_name_plural = _("befolkning 16–64 år")
        ordering = ["ar", "organisation__namn"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "ar"],
                name="befolkning_one_per_year",
                violation_error_message=_("Det finns redan en befolkningssiffra för kommunen det året."),
            ),
            models.CheckConstraint(condition=Q(antal_16_64__gt=0), name="befolkning_positive"),
        ]

    def __str__(self):
        return f"{self.organisation} {self.ar}: {self.antal_16_64}"


class User(AbstractUser):
    """A person who logs in. Roles are groups (see rar.roles); the organisation is the member they work for."""

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="anvandare",
        verbose_name=_("organisation"),
    )
    titel = models.CharField(_("titel"), max_length=120, blank=True)
    telefon = models.CharField(_("telefon"), max_length=40, blank=True)
    dagligt_sammandrag = models.BooleanField(
        _("dagligt sammandrag"), default=False,
        help_text=_("Ett e-postmeddelande per dag med alla nya notiser, i stället för ett per händelse."),
    )

    # Staff changes to users (roles, flags, organisation, password resets) are recorded. The password hash
    # and the last login are never copied into the history; a password change shows as its reason.
    history = HistoricalRecords(excluded_fields=["password", "last_login"], m2m_fields=["groups", "user_permissions"])

    class Meta(AbstractUser.Meta):
        verbose_name = _("användare")
        verbose_name_plural = _("användare")

    def __str__(self):
        return self.get_full_name() or self.username

    def save(self, *args, **kwargs):
        reason = self._password is not None and self.pk is not None and not hasattr(self, "_change_reason")
        if reason:
            self._change_reason = str(_("Lösenordet ändrat"))
        try:
            super().save(*args, **kwargs)
        finally:
            if reason:
                del self._change_reason



class Medlemsbidrag(models.Model):
    """The members' total contribution to the federation for one year, in kronor.

    How it splits between the members is not stored: it is computed (see services.contributions_for_year),
    so that it always follows the law's halves and quarters and the year's population figures.
    """

    ar = models.PositiveSmallIntegerField(_("år"), unique=True)
    totalt = models.PositiveBigIntegerField(_("totalt medlemsbidrag (kr)"))
    beslut = models.CharField(_("beslut"), max_length=200, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("medlemsbidrag")
        verbose_name_plural = _("medlemsbidrag")
        ordering = ["-ar"]

    def __str__(self):
        return f"{self.ar}: {self.totalt} kr"


class Budgetpost(models.Model):
    """A line in the federation's budget (verksamhetsplan) for one year, other than the member contributions."""

    class Slag(models.TextChoices):
        INTAKT = "intakt", _("Intäkt")
        KOSTNAD = "kostnad", _("Kostnad")

    ar = models.PositiveSmallIntegerField(_("år"))
    slag = models.CharField(_("slag"), max_length=10, choices=Slag.choices)
    namn = models.CharField(_("post"), max_length=120)
    belopp = models.PositiveBigIntegerField(_("belopp (kr)"))
    ordning = models.PositiveSmallIntegerField(_("ordning"), default=0)
    kommentar = models.CharField(_("kommentar"), max_length=300, blank=True)
    utfall = models.BigIntegerField(
        _("utfall (kr)"), null=True, blank=True,
        help_text=_("Årets utfall enligt bokföringen. Lämnas tomt för ramen för insatser: det utfallet räknas fram ur betalda rekvisitioner."),
    )
    insatsram = models.BooleanField(
        _("ingår i ramen för insatser"),
        default=False,
        help_text=_("Kostnadsposter som tillsammans är årets ram för beviljade och nya insatser (budgetutrymmet)."),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("budgetpost")
        verbose_name_plural = _("budgetposter")
        ordering = ["ar", "slag", "ordning"]
        constraints = [
            models.UniqueConstraint(
                fields=["ar", "slag", "namn"],
                name="budgetpost_unique_per_year",
                violation_error_message=_("Posten finns redan i årets budget."),
            )
        ]

    def __str__(self):
        return f"{self.ar} {self.get_slag_display()}: {self.namn}"


class Diarieserie(models.Model):
    """The last case number used in a year. Locked row by row so numbers are gap-free under concurrency."""

    ar = models.PositiveSmallIntegerField(primary_key=True)
    senaste = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("diarieserie")
        verbose_name_plural = _("diarieserier")


class ArendeQuerySet(models.QuerySet):
    def with_list_data(self):
        return self.select_related("organisation", "registrerad_av")


class Arende(models.Model):
    """A case in the federation's register (diarium), numbered `RAR <year>/<n>`."""

    class Typ(models.TextChoices):
        ANSOKAN = "ansokan", _("Ansökan om finansiering")
        FORLANGNING = "forlangning", _("Ansökan om förlängning")
        KOMPETENS = "kompetens", _("Kompetenshöjande insats")
        ESF = "esf", _("ESF-projekt")
        SAMMANTRADE = "sammantrade", _("Sammanträde")
        EKONOMI = "ekonomi", _("Ekonomi och budget")
        UPPFOLJNING = "uppfoljning", _("Uppföljning och utvärdering")
        OVRIGT = "ovrigt", _("Övrigt")

    class Status(models.TextChoices):
        OPPET = "oppet", _("Öppet")
        AVSLUTAT = "avslutat", _("Avslutat")

    ar = models.PositiveSmallIntegerField(_("år"), editable=False)
    lopnummer = models.PositiveIntegerField(_("löpnummer"), editable=False)
    # Set once at registration from the federation's prefix; a case number never changes afterwards.
    diarienummer = models.CharField(_("diarienummer"), max_length=40, unique=True, editable=False)
    titel = models.CharField(_("rubrik"), max_length=250)
    typ = models.CharField(_("ärendetyp"), max_length=20, choices=Typ.choices, default=Typ.OVRIGT)
    registrerad = models.DateField(_("registrerad"), default=timezone.localdate)
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="arenden",
        verbose_name=_("organisation"),
        help_text=_("Den medlemsorganisation ärendet gäller, t.ex. sökande insatsägare."),
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.OPPET)
    registrerad_av = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("registrerad av"),
    )

    history = HistoricalRecords()
    objects = ArendeQuerySet.as_manager()

    class Meta:
        verbose_name = _("ärende")
        verbose_name_plural = _("ärenden")
        ordering = ["-ar", "-lopnummer"]
        constraints = [
            models.UniqueConstraint(fields=["ar", "lopnummer"], name="arende_unique_number_per_year"),
            models.CheckConstraint(condition=Q(lopnummer__gte=1), name="arende_number_positive"),
        ]
        indexes = [models.Index(fields=["typ", "status"]), models.Index(fields=["organisation", "-ar"])]

    def __str__(self):
        return f"{self.diarienummer} {self.titel}"

    def get_absolute_url(self):
        return reverse("arende_detail", args=[self.pk])


def handling_upload_to(instance, filename):
    # Random name: the original name is kept in the row, never trusted as a path.
    import uuid
    from pathlib import PurePath

    suffix = PurePath(filename).suffix.lower()
    return f"arenden/{instance.arende.ar}/{uuid.uuid4().hex}{suffix}"


class Handling(models.Model):
    """A document of a case (handling): numbered within the case, with its direction and date.

    Files live under MEDIA_ROOT and are served only by a checked view. Documents the process itself creates
    or receives are registered by rar.diarium.handling_register, once per source (`kalla`).
    """

    class Riktning(models.TextChoices):
        INKOMMANDE = "inkommande", _("Inkommande")
        UPPRATTAD = "upprattad", _("Upprättad")
        UTGAENDE = "utgaende", _("Utgående")

    arende = models.ForeignKey(Arende, on_delete=models.PROTECT, related_name="handlingar", verbose_name=_("ärende"))
    # Running number within the case (RAR 2026/12-3 is document 3 of case 12), taken under a lock on the case.
    nummer = models.PositiveIntegerField(_("löpnummer i ärendet"), editable=False)
    riktning = models.CharField(_("riktning"), max_length=10, choices=Riktning.choices, default=Riktning.INKOMMANDE)
    datum = models.DateField(_("datum"), default=timezone.localdate,
                             help_text=_("Dagen handlingen kom in, upprättades eller skickades."))
    kalla = models.CharField(_("källa"), max_length=100, blank=True, editable=False,
                             help_text=_("Vad i processen som skapade handlingen; registreras bara en gång."))
    titel = models.CharField(_("titel"), max_length=250)
    fil = models.FileField(_("fil"), upload_to=handling_upload_to, max_length=300)
    filnamn = models.CharField(_("ursprungligt filnamn"), max_length=255)
    content_type = models.CharField(_("filtyp"), max_length=120)
    storlek = models.PositiveBigIntegerField(_("storlek (byte)"))
    uppladdad = models.DateTimeField(_("uppladdad"), default=timezone.now)
    uppladdad_av = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("uppladdad av")
    )
    delad_med_parter = models.BooleanField(
        _("delad med parterna"), default=False,
        help_text=_("Medsökande parter (andra organisationer än ägaren) ser och hämtar bara delade handlingar."),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("handling")
        verbose_name_plural = _("handlingar")
        ordering = ["arende", "nummer"]
        constraints = [
            models.UniqueConstraint(fields=["arende", "nummer"], name="handling_unique_number_per_case",
                                    violation_error_message=_("Numret finns redan i ärendet.")),
            models.UniqueConstraint(fields=["arende", "kalla"], condition=~Q(kalla=""),
                                    name="handling_registered_once_per_source"),
            models.CheckConstraint(condition=Q(nummer__gte=1), name="handling_number_positive"),
        ]

    def __str__(self):
        return self.titel

    @property
    def beteckning(self) -> str:
        """The document's number in the register: the case number and the running number, e.g. RAR 2026/12-3."""
        return f"{self.arende.diarienummer}-{self.nummer}"

    def get_absolute_url(self):
        return reverse("handling_download", args=[self.pk])


class EgetKapital(models.Model):
    """Equity for a year: the opening figure (from the accounts), the recorded closing figure once the year is
    closed, and Nationella rådet's recommended cap for it (a parameter per year)."""

    ar = models.PositiveSmallIntegerField(_("år"), unique=True)
    ingaende = models.BigIntegerField(
        _("ingående eget kapital (kr)"), null=True, blank=True,
        help_text=_("Lämnas tomt för att räkna med föregående års utgående eget kapital."),
    )
    utgaende = models.BigIntegerField(_("utgående eget kapital enligt bokslut (kr)"), null=True, blank=True)
    rekommenderat_tak = models.PositiveBigIntegerField(_("rekommenderat högsta eget kapital (kr)"))
    kalla = models.CharField(_("källa"), max_length=300, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("eget kapital")
        verbose_name_plural = _("eget kapital")
        ordering = ["-ar"]

    def __str__(self):
        return f"{self.ar}: {self.utgaende} kr"

    @property
    def over_taket(self):
        return self.utgaende is not None and self.utgaende > self.rekommenderat_tak


class Formularkvitto(models.Model):
    """A used one-time form key: a second submission of the same form leads to what the first created."""

    nyckel = models.UUIDField(_("engångsnyckel"), unique=True)
    anvandare = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    url = models.CharField(_("skapat objekt"), max_length=300, blank=True)
    skapad = models.DateTimeField(_("skapad"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("formulärkvitto")
        verbose_name_plural = _("formulärkvitton")


class Handelse(models.TextChoices):
    """The events users can be notified of (in the app always; by e-mail as each user chooses)."""

    ANSOKAN_INKOMMEN = "ansokan_inkommen", _("Ansökan inkommen")
    KOMPLETTERING_BEGARD = "komplettering_begard", _("Komplettering begärd")
    KOMPLETTERING_INKOMMEN = "komplettering_inkommen", _("Komplettering inkommen")
    BESLUT_FATTAT = "beslut_fattat", _("Beslut fattat")
    RAPPORT_INLAMNAD = "rapport_inlamnad", _("Lägesrapport inlämnad")
    RAPPORT_FORFALLER = "rapport_forfaller", _("Lägesrapport förfaller snart")
    RAPPORT_FORSENAD = "rapport_forsenad", _("Lägesrapport försenad")
    REKVISITION_INKOMMEN = "rekvisition_inkommen", _("Rekvisition inkommen")
    REKVISITION_BESLUTAD = "rekvisition_beslutad", _("Rekvisition godkänd, avslagen eller betald")
    KALLELSE = "kallelse", _("Kallelse till sammanträde")
    FORHINDER = "forhinder", _("Förhinder anmält till sammanträde")
    ERSATTARE_KALLAD = "ersattare_kallad", _("Kallad som ersättare")
    PROTOKOLLKOMMENTAR = "protokollkommentar", _("Synpunkt eller svar på protokollsutkast")
    PROTOKOLL_ATT_JUSTERA = "protokoll_att_justera", _("Protokoll att justera")


class Notis(models.Model):
    """An in-app notification. E-mail follows by a background task, singly or in the daily digest."""

    mottagare = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notiser")
    handelse = models.CharField(_("händelse"), max_length=24, choices=Handelse.choices)
    rubrik = models.CharField(_("rubrik"), max_length=250)
    text = models.TextField(_("text"), blank=True)
    url = models.CharField(_("länk"), max_length=300, blank=True)
    skapad = models.DateTimeField(_("skapad"), default=timezone.now)
    last = models.DateTimeField(_("läst"), null=True, blank=True)
    epost_skickad = models.DateTimeField(_("e-post skickad"), null=True, blank=True)

    class Meta:
        verbose_name = _("notis")
        verbose_name_plural = _("notiser")
        ordering = ["-skapad", "-pk"]
        indexes = [models.Index(fields=["mottagare", "last"]), models.Index(fields=["epost_skickad", "skapad"])]

    def __str__(self):
        return self.rubrik


class Notisval(models.Model):
    """A user's choice of e-mail for one kind of event (no row: e-mail on)."""

    anvandare = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notisval")
    handelse = models.CharField(_("händelse"), max_length=24, choices=Handelse.choices)
    epost = models.BooleanField(_("e-post"), default=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["anvandare", "handelse"], name="notisval_unique")]
