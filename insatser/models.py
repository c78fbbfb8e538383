"""Applications (ansökan), funded interventions (insats), agreements, phases and reports."""

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


class AnsokanHandelse(models.Model):
    """One step in an application's workflow: who moved it from which status to which, when and why."""

    ansokan = models.ForeignKey(Ansokan, on_delete=models.CASCADE, related_name="handelser")
    fran_status = models.CharField(max_length=16, choices=Ansokan.Status.choices, blank=True)
    till_status = models.CharField(max_length=16, choices=Ansokan.Status.choices)
    anvandare = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    tid = models.DateTimeField(default=timezone.now)
    kommentar = models.TextField(blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("händelse")
        verbose_name_plural = _("händelser")
        ordering = ["tid", "pk"]


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
