"""The insatser, applications and invoices lists: their filters and columns (rar/lists.py draws and exports them)."""

import datetime

import django_filters
from django.db.models import Q, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from insatser.models import Ansokan, Inriktning, Insats, Rekvisition
from rar import lists
from rar.lists import Column, FilterSet, ListSpec, RowLink, money, yes_no
from rar.models import Lansdel, Organisation

STATUS_BADGES = {
    "beviljad": "text-bg-success", "godkand": "text-bg-success", "pagaende": "text-bg-success",
    "implementerad": "text-bg-success", "betald": "text-bg-success", "avslagen": "text-bg-danger",
    "avbruten": "text-bg-danger", "komplettering": "text-bg-warning", "aterremitterad": "text-bg-warning",
    "utkast": "text-bg-secondary", "ej_inlamnad": "text-bg-secondary",
}


def status_badge(status_label_by_value):
    values = {str(label): value for value, label in status_label_by_value}
    return lambda label: STATUS_BADGES.get(values.get(label), "text-bg-primary")


def choice_column(key, label, choices, badge=False, **kwargs):
    """A choices column, drawn as a status badge where `badge`."""
    return lists.choice_column(key, label, choices, badge=status_badge(choices) if badge else None, **kwargs)


class CaseFilter(FilterSet):
    """The filters insatser and applications share: free text, status, owner, kind, a year the period
    touches, länsdel."""

    q = django_filters.CharFilter(label=_("Sök"), method="search", max_length=100)
    status = django_filters.ChoiceFilter(label=_("Status"), empty_label=_("Alla"))
    agare = django_filters.ModelChoiceFilter(label=_("Insatsägare"), queryset=Organisation.objects.order_by("namn"),
                                             empty_label=_("Alla"))
    inriktning = django_filters.ChoiceFilter(label=_("Inriktning"), choices=Inriktning.choices, empty_label=_("Alla"))
    ar = django_filters.NumberFilter(label=_("År"), method="in_year", min_value=2000, max_value=2100)
    lansdel = django_filters.ChoiceFilter(label=_("Länsdel"), choices=Lansdel.choices, empty_label=_("Alla"),
                                          method="in_lansdel")

    name_field = "namn"

    def search(self, qs, name, value):
        value = value.strip()
        if not value:
            return qs
        return qs.filter(Q(**{f"{self.name_field}__icontains": value}) | Q(arende__diarienummer__icontains=value)
                         | Q(syfte__icontains=value))

    def in_year(self, qs, name, value):
        year = int(value)
        return qs.filter(period_start__lte=datetime.date(year, 12, 31), period_slut__gte=datetime.date(year, 1, 1))

    def in_lansdel(self, qs, name, value):
        return qs.filter(Q(lansdelar__contains=[value]) | Q(lansovergripande=True))


class InsatsFilter(CaseFilter):
    status = django_filters.ChoiceFilter(label=_("Status"), choices=Insats.Status.choices, empty_label=_("Alla"))


class AnsokanFilter(CaseFilter):
    status = django_filters.ChoiceFilter(label=_("Status"), choices=Ansokan.Status.choices, empty_label=_("Alla"))
    name_field = "titel"


class RekvisitionFilter(FilterSet):
    ar = django_filters.NumberFilter(label=_("År"), min_value=2000, max_value=2100)
    status = django_filters.ChoiceFilter(label=_("Status"), choices=Rekvisition.Status.choices, empty_label=_("Alla"))


def _late(today):
    return lambda row: str(_("Försenad")) if row["nasta_rapport"] and row["nasta_rapport"] < today else ""


insats_link = RowLink("insatser:insats_detail")


def insats_list(today: datetime.date) -> ListSpec:
    return ListSpec(
        name="insatser", caption=_("Insatser"), default_order="-period_start", empty=_("Inga insatser."),
        filterset=InsatsFilter, noun=(_("insats"), _("insatser")),
        columns=(
            Column("diarienummer", _("Diarienummer"), order=("arende__ar", "arende__lopnummer")),
            Column("namn", _("Insats"), link=insats_link),
            Column("agare_namn", _("Insatsägare")),
            Column("parter_namn", _("Parter"), order=()),
            choice_column("inriktning", _("Inriktning"), Inriktning.choices),
            Column("lansovergripande", _("Länsövergripande"), text=yes_no),
            Column("langsiktig", _("Långsiktig"), text=yes_no),
            Column("period_start", _("Från")),
            Column("period_slut", _("Till")),
            Column("beviljat_totalt", _("Beviljat (kr)"), text=money, num=True),
            Column("nasta_rapport", _("Nästa rapport"), note=_late(today)),
            choice_column("status", _("Status"), Insats.Status.choices, badge=True),
        ),
    )


ANSOKAN_LIST = ListSpec(
    name="ansokningar", caption=_("Ansökningar"), default_order="-diarienummer", empty=_("Inga ansökningar."),
    filterset=AnsokanFilter, noun=(_("ansökan"), _("ansökningar")),
    columns=(
        Column("diarienummer", _("Diarienummer"), order=("dnr_ar", "dnr_lopnummer")),
        Column("titel", _("Namn"), link=RowLink("insatser:ansokan_detail")),
        choice_column("typ", _("Typ"), Ansokan.Typ.choices),
        Column("agare_namn", _("Insatsägare")),
        Column("parter_namn", _("Parter"), order=()),
        choice_column("inriktning", _("Inriktning"), Inriktning.choices),
        Column("period_start", _("Från")),
        Column("period_slut", _("Till")),
        Column("sokt", _("Sökt (kr)"), text=money, num=True),
        Column("beviljat_belopp", _("Beviljat (kr)"), text=money, num=True),
        choice_column("status", _("Status"), Ansokan.Status.choices, badge=True),
    ),
)


def _invoice_totals(rows) -> str:
    totals = rows.aggregate(summa=Sum("belopp"), betalt=Sum("belopp", filter=Q(status=Rekvisition.Status.BETALD)))
    return _("sammanlagt %(summa)s, varav betalt %(betalt)s") % {
        "summa": money(totals["summa"] or 0), "betalt": money(totals["betalt"] or 0)}


REKVISITION_LIST = ListSpec(
    name="rekvisitioner", caption=_("Rekvisitioner"), default_order="-inskickad", empty=_("Inga rekvisitioner."),
    filterset=RekvisitionFilter, noun=(_("rekvisition"), _("rekvisitioner")), summary=_invoice_totals,
    columns=(
        Column("diarienummer", _("Diarienummer")),
        Column("insats_namn", _("Insats"), link=RowLink("insatser:insats_detail", "insats_id")),
        Column("agare_namn", _("Insatsägare")),
        Column("nummer", _("Rekvisition"), link=RowLink("insatser:rekvisition_detail"), text=lambda n: f"Nr {n}"),
        Column("ar", _("År"), text=str),
        Column("period_start", _("Från")),
        Column("period_slut", _("Till")),
        Column("fas_nummer", _("Fas")),
        Column("personal", _("Personal (kr)"), in_table=False),
        Column("lokaler", _("Lokaler (kr)"), in_table=False),
        Column("resor", _("Resor (kr)"), in_table=False),
        Column("ovrigt", _("Övrigt (kr)"), in_table=False),
        Column("belopp", _("Belopp (kr)"), text=money, num=True),
        choice_column("status", _("Status"), Rekvisition.Status.choices, badge=True),
        Column("inskickad", _("Inskickad"), value=lambda row: row["inskickad"] and timezone.localtime(row["inskickad"]).date()),
        Column("betald_datum", _("Betald")),
    ),
)
