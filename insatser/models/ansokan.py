"""Applications (ansökan, förlängning, kompetenshöjande insats) with their goals and budget per year."""

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from rar.querysets import OwnerPartyQuerySet
from rar.models import Arende, Lansdel, Organisation



class Inriktning(models.TextChoices):
    INDIVID = "individ", _("Individinriktad")
    STRUKTUR = "struktur", _("Strukturinriktad")


class Karaktar(models.TextChoices):
    OPERATIV = "operativ", _("Operativ")
    STRUKTURELL = "strukturell", _("Strukturell")


class PrioriteradGrupp(models.TextChoices):
    """The priority target groups of the current plan (verksamhetsplan 2022–2026)."""

    UNGA_VUXNA = "unga_vuxna", _(
        "Unga vuxna med psykisk eller fysisk ohälsa, NPF eller inlärningssvårigheter (inkl. aktivitetsersättning)"
    )
    SAMORDNAT_STOD = "samordnat_stod", _("Personer med psykisk eller fysisk ohälsa i behov av samordnat stöd")


class AnsokanQuerySet(OwnerPartyQuerySet):
    def with_list_data(self):
        return self.select_related("arende", "agare", "kontaktperson").prefetch_related("parter")


class Ansokan(models.Model):
    """An application for funding: a new insats, an extension (förlängning) or a short training effort."""

    class Typ(models.TextChoices):
        NY = "ny", _("Ny insats")
        FORLANGNING = "forlangning", _("Förlängning")
        KOMPETENS = "kompetens", _("Kompetenshöjande insats")

    class Status(models.TextChoices):
        UTKAST = "utkast", _("Utkast")
        INSKICKAD = "inskickad", _("Inskickad")
        UNDER_BEREDNING = "beredning", _("Under beredning")
        KOMPLETTERING = "komplettering", _("Komplettering begärd")
        HOS_AU = "hos_au", _("Hos arbetsutskottet")
        KLAR_FOR_STYRELSEN = "klar", _("Klar för styrelsen")
        BEVILJAD = "beviljad", _("Beviljad")
        AVSLAGEN = "avslagen", _("Avslagen")
        ATERREMITTERAD = "aterremitterad", _("Återremitterad")

    class Rekommendation(models.TextChoices):
        TILLSTYRKS = "tillstyrks", _("Tillstyrks")
        AVSTYRKS = "avstyrks", _("Avstyrks")

    # Statuses in which the owner may still change what they wrote.
    OWNER_EDITABLE = (Status.UTKAST, Status.KOMPLETTERING)
    STAFF_EDITABLE = (Status.UTKAST, Status.INSKICKAD, Status.UNDER_BEREDNING, Status.KOMPLETTERING)
    DECIDED = (Status.BEVILJAD, Status.AVSLAGEN)

    arende = models.OneToOneField(Arende, on_delete=models.PROTECT, related_name="ansokan", verbose_name=_("ärende"))
    typ = models.CharField(_("typ av ansökan"), max_length=12, choices=Typ.choices, default=Typ.NY)
    insats = models.ForeignKey(
        "Insats",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="forlangningar",
        verbose_name=_("förlängning av insats"),
    )
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.UTKAST)
    version = models.PositiveIntegerField(_("version"), default=1)

    titel = models.CharField(_("insatsens namn"), max_length=200)
    agare = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="agda_ansokningar", verbose_name=_("insatsägare")
    )
    parter = models.ManyToManyField(
        Organisation, blank=True, related_name="ansokningar_som_part", verbose_name=_("medsökande parter")
    )
    kontaktperson = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="ansokningar", verbose_name=_("kontaktperson")
    )
    inriktning = models.CharField(_("inriktning"), max_length=10, choices=Inriktning.choices, blank=True)
    karaktar = models.CharField(_("karaktär"), max_length=12, choices=Karaktar.choices, blank=True)
    malgrupp = models.TextField(_("målgrupp"), blank=True)
    prioriterade_grupper = ArrayField(
        models.CharField(max_length=20, choices=PrioriteradGrupp.choices),
        default=list,
        blank=True,
        verbose_name=_("prioriterade målgrupper"),
    )
    bakgrund = models.TextField(_("bakgrund och behov"), blank=True)
    syfte = models.TextField(_("syfte"), blank=True)
    metod = models.TextField(_("metod"), blank=True)
    implementering = models.TextField(
        _("implementering"),
        blank=True,
        help_text=_("Hur metoden blir ordinarie verksamhet: vilka beslut, av vem och var."),
    )
    lansovergripande = models.BooleanField(_("länsövergripande"), default=False)
    lansdelar = ArrayField(
        models.CharField(max_length=10, choices=Lansdel.choices), default=list, blank=True, verbose_name=_("länsdelar")
    )
    langsiktig = models.BooleanField(_("långsiktig insats"), default=True)
    period_start = models.DateField(_("period från"), null=True, blank=True)
    period_slut = models.DateField(_("period till"), null=True, blank=True)
    planerade_deltagare = models.PositiveIntegerField(_("planerat antal deltagare"), null=True, blank=True)
    deltagaruppfoljning = models.TextField(
        _("uppföljning av deltagare"),
        blank=True,
        help_text=_("Hur deltagarnas steg mot arbete, stöd, välmående och hälsa följs."),
    )
    utvarderingsplan = models.TextField(_("utvärderingsplan"), blank=True)
    # Kompetenshöjande insats (light application)
    antal_platser = models.PositiveIntegerField(_("antal platser"), null=True, blank=True)

    au_rekommendation = models.CharField(
        _("arbetsutskottets rekommendation"), max_length=10, choices=Rekommendation.choices, blank=True
    )
    au_motivering = models.TextField(_("arbetsutskottets motivering"), blank=True)
    beviljat_belopp = models.PositiveBigIntegerField(_("beviljat belopp (kr)"), null=True, blank=True)
    beslutstext = models.TextField(_("beslut"), blank=True)
    beslutsdatum = models.DateField(_("beslutsdatum"), null=True, blank=True)

    skapad = models.DateTimeField(_("skapad"), default=timezone.now)
    inskickad = models.DateTimeField(_("inskickad"), null=True, blank=True)

    history = HistoricalRecords(excluded_fields=["version"], m2m_fields=[parter])
    objects = AnsokanQuerySet.as_manager()

    class Meta:
        verbose_name = _("ansökan")
        verbose_name_plural = _("ansökningar")
        ordering = ["-skapad"]
        constraints = [
            models.CheckConstraint(
                condition=Q(period_slut__isnull=True) | Q(period_start__isnull=True) | Q(period_slut__gte=models.F("period_start")),
                name="ansokan_period_ordered",
                violation_error_message=_("Periodens slut får inte vara före dess start."),
            ),
            models.CheckConstraint(
                condition=Q(typ="forlangning", insats__isnull=False) | (~Q(typ="forlangning") & Q(insats__isnull=True)),
                name="ansokan_extension_refers_to_insats",
                violation_error_message=_("En förlängning ska avse en insats."),
            ),
            models.CheckConstraint(
                condition=~Q(status="beviljad") | Q(beviljat_belopp__isnull=False),
                name="ansokan_granted_has_amount",
            ),
        ]
        indexes = [models.Index(fields=["status"]), models.Index(fields=["agare", "status"])]

    def __str__(self):
        return self.titel

    def get_absolute_url(self):
        return reverse("insatser:ansokan_detail", args=[self.pk])

    @property
    def is_kompetens(self):
        return self.typ == self.Typ.KOMPETENS

    def get_prioriterade_grupper_labels(self):
        return [str(PrioriteradGrupp(value).label) for value in self.prioriterade_grupper if value in PrioriteradGrupp.values]

    def get_lansdelar_labels(self):
        return [str(Lansdel(value).label) for value in self.lansdelar if value in Lansdel.values]

    @property
    def sokt_belopp(self):
        return sum(row.belopp for row in self.budget.all())


class Mal(models.Model):
    """A goal of an application (and so of its insats): qualitative or quantitative, with indicator and target."""

    class Typ(models.TextChoices):
        KVALITATIVT = "kvalitativt", _("Kvalitativt")
        KVANTITATIVT = "kvantitativt", _("Kvantitativt")

    ansokan = models.ForeignKey(Ansokan, on_delete=models.CASCADE, related_name="mal", verbose_name=_("ansökan"))
    typ = models.CharField(_("typ av mål"), max_length=12, choices=Typ.choices, blank=True)
    beskrivning = models.TextField(_("mål"), blank=True)
    indikator = models.CharField(_("indikator"), max_length=300, blank=True)
    malvarde = models.CharField(_("målvärde"), max_length=120, blank=True)
    ordning = models.PositiveSmallIntegerField(default=0)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("mål")
        verbose_name_plural = _("mål")
        ordering = ["ordning", "pk"]

    def __str__(self):
        return self.beskrivning[:80]

    @property
    def is_followable(self):
        return bool(self.typ and self.beskrivning.strip() and self.indikator.strip() and self.malvarde.strip())


class BudgetAr(models.Model):
    """Amount applied for in one year of the application's period (whole kronor)."""

    ansokan = models.ForeignKey(Ansokan, on_delete=models.CASCADE, related_name="budget", verbose_name=_("ansökan"))
    ar = models.PositiveSmallIntegerField(_("år"))
    belopp = models.PositiveBigIntegerField(_("belopp (kr)"))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("budget per år")
        verbose_name_plural = _("budget per år")
        ordering = ["ar"]
        constraints = [
            models.UniqueConstraint(
                fields=["ansokan", "ar"], name="budgetar_one_per_year", violation_error_message=_("Året finns redan i budgeten.")
            )
        ]

    def __str__(self):
        return f"{self.ar}: {self.belopp} kr"
