"""European Social Fund: calls the federation watches, projects it owns, co-finances or supports."""

from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from rar.querysets import OwnerPartyQuerySet
from rar.models import Arende, Organisation


class Program(models.TextChoices):
    ESF_2014_2020 = "esf2014", _("ESF 2014–2020")
    ESF_PLUS_2021_2027 = "esfplus2021", _("ESF+ 2021–2027")


class Utlysning(models.Model):
    """A call for proposals from ESF-rådet, and how the federation follows it."""

    class Bevakning(models.TextChoices):
        BEVAKAS = "bevakas", _("Bevakas")
        INFOMOTE = "infomote", _("Informationsmöte hållet")
        ANSOKAN_PLANERAS = "planeras", _("Ansökan planeras")
        EJ_AKTUELL = "ej_aktuell", _("Ej aktuell")

    ACTIVE = (Bevakning.BEVAKAS, Bevakning.INFOMOTE, Bevakning.ANSOKAN_PLANERAS)

    program = models.CharField(_("program"), max_length=12, choices=Program.choices)
    nummer = models.CharField(_("utlysningsnummer"), max_length=60)
    titel = models.CharField(_("titel"), max_length=250)
    omrade = models.CharField(_("område"), max_length=200, blank=True)
    oppnar = models.DateField(_("öppnar"))
    stanger = models.DateField(_("stänger"))
    bevakning = models.CharField(_("förbundets bevakning"), max_length=12, choices=Bevakning.choices, default=Bevakning.BEVAKAS)
    anteckningar = models.TextField(_("anteckningar"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("utlysning")
        verbose_name_plural = _("utlysningar")
        ordering = ["-stanger"]
        constraints = [
            models.UniqueConstraint(fields=["program", "nummer"], name="utlysning_unique_number",
                                    violation_error_message=_("Utlysningen finns redan.")),
            models.CheckConstraint(condition=Q(stanger__gte=F("oppnar")), name="utlysning_closes_after_opening",
                                   violation_error_message=_("Utlysningen kan inte stänga innan den öppnar.")),
        ]

    def __str__(self):
        return f"{self.nummer} {self.titel}"


class EsfProjektQuerySet(OwnerPartyQuerySet):
    def with_list_data(self):
        return self.select_related("arende", "agare", "utlysning").prefetch_related("parter")


class EsfProjekt(models.Model):
    """An ESF project and the federation's role in it."""

    class Roll(models.TextChoices):
        PROJEKTAGARE = "agare", _("Projektägare")
        MEDFINANSIAR = "medfinansiar", _("Medfinansiär")
        STODJER = "stodjer", _("Stödjer")

    class Status(models.TextChoices):
        IDE = "ide", _("Idé")
        INSKICKAD = "inskickad", _("Ansökan inskickad")
        BEVILJAD = "beviljad", _("Beviljad")
        AVSLAGEN = "avslagen", _("Avslagen")
        GENOMFORANDE = "genomforande", _("Genomförande")
        AVSLUTNINGSFAS = "avslutningsfas", _("Avslutningsfas")
        AVSLUTAD = "avslutad", _("Avslutad")

    FORBUNDET = "Samordningsförbundet"  # the owner shown when the federation owns the project

    arende = models.OneToOneField(Arende, on_delete=models.PROTECT, related_name="esf_projekt", verbose_name=_("ärende"))
    namn = models.CharField(_("namn"), max_length=200)
    utlysning = models.ForeignKey(Utlysning, on_delete=models.PROTECT, null=True, blank=True, related_name="projekt",
                                  verbose_name=_("utlysning"))
    esf_diarienummer = models.CharField(_("ESF-rådets diarienummer"), max_length=60, blank=True)
    roll = models.CharField(_("förbundets roll"), max_length=12, choices=Roll.choices)
    agare = models.ForeignKey(Organisation, on_delete=models.PROTECT, null=True, blank=True, related_name="esf_agda",
                              verbose_name=_("projektägare"), help_text=_("Tomt när förbundet självt äger projektet."))
    agare_extern = models.CharField(_("projektägare utanför förbundet"), max_length=200, blank=True)
    parter = models.ManyToManyField(Organisation, blank=True, related_name="esf_parter", verbose_name=_("samverkansparter"))
    status = models.CharField(_("status"), max_length=14, choices=Status.choices, default=Status.IDE)
    syfte = models.TextField(_("syfte"), blank=True)
    period_start = models.DateField(_("period från"))
    period_slut = models.DateField(_("period till"))
    forlangd_till = models.DateField(_("förlängd till"), null=True, blank=True)
    publicerad = models.BooleanField(_("publicerad i katalogen"), default=False)

    history = HistoricalRecords(m2m_fields=[parter])
    objects = EsfProjektQuerySet.as_manager()

    class Meta:
        verbose_name = _("ESF-projekt")
        verbose_name_plural = _("ESF-projekt")
        ordering = ["-period_start", "namn"]
        constraints = [
            models.CheckConstraint(condition=Q(period_slut__gte=F("period_start")), name="esf_period_ordered",
                                   violation_error_message=_("Periodens slut får inte vara före dess start.")),
            models.CheckConstraint(condition=Q(forlangd_till__isnull=True) | Q(forlangd_till__gt=F("period_slut")),
                                   name="esf_extension_after_end",
                                   violation_error_message=_("En förlängning ska sträcka sig efter periodens slut.")),
            models.CheckConstraint(
                condition=(Q(roll="agare") & Q(agare__isnull=True) & Q(agare_extern=""))
                | (~Q(roll="agare") & (Q(agare__isnull=False) | ~Q(agare_extern=""))),
                name="esf_owner_matches_role",
                violation_error_message=_("Äger förbundet projektet har det ingen annan ägare; annars ska ägaren anges."),
            ),
        ]
        indexes = [models.Index(fields=["status"]), models.Index(fields=["roll"])]

    def __str__(self):
        return self.namn

    def get_absolute_url(self):
        return reverse("esf:projekt_detail", args=[self.pk])

    @property
    def slutar(self):
        return self.forlangd_till or self.period_slut

    @property
    def agare_visning(self):
        if self.roll == self.Roll.PROJEKTAGARE:
            return self.FORBUNDET
        return str(self.agare) if self.agare_id else self.agare_extern


class Delprojekt(models.Model):
    projekt = models.ForeignKey(EsfProjekt, on_delete=models.CASCADE, related_name="delprojekt")
    namn = models.CharField(_("namn"), max_length=200)
    agare = models.ForeignKey(Organisation, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                              verbose_name=_("delprojektägare"), help_text=_("Tomt när förbundet äger delprojektet."))
    budget = models.PositiveBigIntegerField(_("budget (kr)"))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("delprojekt")
        verbose_name_plural = _("delprojekt")
        ordering = ["namn"]
        constraints = [models.UniqueConstraint(fields=["projekt", "namn"], name="delprojekt_unique_name")]


class EsfPengar(models.Model):
    """A project's money for one year (kronor), so that a report over a span counts only the years inside it."""

    projekt = models.ForeignKey(EsfProjekt, on_delete=models.PROTECT, related_name="pengar")
    ar = models.PositiveSmallIntegerField(_("år"))
    esf_medel = models.PositiveBigIntegerField(_("ESF-medel (kr)"), default=0)
    forbundets_medfinansiering = models.PositiveBigIntegerField(_("förbundets medfinansiering (kr)"), default=0)
    ovrig_medfinansiering = models.PositiveBigIntegerField(_("övrig medfinansiering (kr)"), default=0)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("ESF-pengar per år")
        verbose_name_plural = _("ESF-pengar per år")
        ordering = ["ar"]
        constraints = [models.UniqueConstraint(fields=["projekt", "ar"], name="esfpengar_one_per_year",
                                               violation_error_message=_("Året finns redan för projektet."))]
        indexes = [models.Index(fields=["ar"])]


class EsfResultat(models.Model):
    """Results for one year as reported to SCB: enrolled, ended and to work or studies, by gender."""

    projekt = models.ForeignKey(EsfProjekt, on_delete=models.CASCADE, related_name="resultat")
    ar = models.PositiveSmallIntegerField(_("år"))
    inskrivna_kvinnor = models.PositiveIntegerField(_("inskrivna kvinnor"), default=0)
    inskrivna_man = models.PositiveIntegerField(_("inskrivna män"), default=0)
    avslutade_kvinnor = models.PositiveIntegerField(_("avslutade kvinnor"), default=0)
    avslutade_man = models.PositiveIntegerField(_("avslutade män"), default=0)
    arbete_studier_kvinnor = models.PositiveIntegerField(_("kvinnor till arbete eller studier"), default=0)
    arbete_studier_man = models.PositiveIntegerField(_("män till arbete eller studier"), default=0)
    medelalder_arbete_studier = models.PositiveSmallIntegerField(
        _("medelålder för dem som gått till arbete eller studier"), null=True, blank=True,
        help_text=_("Ger besparingen fram till pension; lämnas tomt om den inte är känd."))
    utfall = models.TextField(_("årets utfall"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("ESF-resultat")
        verbose_name_plural = _("ESF-resultat")
        ordering = ["ar"]
        constraints = [
            models.UniqueConstraint(fields=["projekt", "ar"], name="esfresultat_one_per_year"),
            models.CheckConstraint(condition=Q(arbete_studier_kvinnor__lte=F("avslutade_kvinnor"))
                                   & Q(arbete_studier_man__lte=F("avslutade_man")),
                                   name="esfresultat_outcome_within_ended",
                                   violation_error_message=_("Fler till arbete eller studier än avslutade.")),
        ]

    @property
    def inskrivna(self):
        return self.inskrivna_kvinnor + self.inskrivna_man

    @property
    def avslutade(self):
        return self.avslutade_kvinnor + self.avslutade_man

    @property
    def arbete_studier(self):
        return self.arbete_studier_kvinnor + self.arbete_studier_man
