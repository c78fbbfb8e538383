"""The ESF projects list: its filters and columns (rar/lists.py draws and exports them)."""

import datetime

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from esf.models import EsfProjekt, Program
from rar.lists import choice_column, Column, FilterSet, ListSpec, RowLink, money


class ProjektFilter(FilterSet):
    q = django_filters.CharFilter(label=_("Sök"), method="search", max_length=100)
    status = django_filters.ChoiceFilter(label=_("Status"), choices=EsfProjekt.Status.choices, empty_label=_("Alla"))
    roll = django_filters.ChoiceFilter(label=_("Förbundets roll"), choices=EsfProjekt.Roll.choices, empty_label=_("Alla"))
    program = django_filters.ChoiceFilter(label=_("Program"), choices=Program.choices, empty_label=_("Alla"))
    ar = django_filters.NumberFilter(label=_("År"), method="in_year", min_value=2000, max_value=2100)

    def search(self, qs, name, value):
        value = value.strip()
        if not value:
            return qs
        return qs.filter(Q(namn__icontains=value) | Q(esf_diarienummer__icontains=value)
                         | Q(arende__diarienummer__icontains=value))

    def in_year(self, qs, name, value):
        """Running some time in the year: started by its end and ended (extended or not) after its start."""
        year = int(value)
        return qs.filter(period_start__lte=datetime.date(year, 12, 31), slutar__gte=datetime.date(year, 1, 1))


PROJEKT_LIST = ListSpec(
    name="esf-projekt", caption=_("ESF-projekt"), default_order="-period_start", empty=_("Inga ESF-projekt."),
    filterset=ProjektFilter, noun=(_("projekt"), _("projekt")),
    columns=(
        Column("diarienummer", _("Diarienummer"), order=("dnr_ar", "dnr_lopnummer")),
        Column("namn", _("Projekt"), link=RowLink("esf:projekt_detail")),
        Column("esf_diarienummer", _("ESF-rådets diarienummer"), in_table=False),
        choice_column("roll", _("Förbundets roll"), EsfProjekt.Roll.choices),
        Column("agare_namn", _("Projektägare")),
        Column("parter_namn", _("Parter"), order=()),
        choice_column("program", _("Program"), Program.choices, in_table=False),
        Column("period_start", _("Från")),
        Column("slutar", _("Till")),
        Column("esf_totalt", _("ESF-medel (kr)"), text=money, num=True),
        choice_column("status", _("Status"), EsfProjekt.Status.choices),
    ),
)
