"""The meetings list: its rows, filters and columns (rar/lists.py draws and exports them)."""

import datetime

import django_filters
from django.db.models import F
from django.utils.translation import gettext_lazy as _

from rar.lists import Column, FilterSet, ListSpec, RowLink, choice_label
from rar.moten import permissions
from rar.moten.models import Organ, Sammantrade


def sammantrade_rows(user):
    return permissions.meetings_visible_to(user).annotate(organ_namn=F("organ__namn")).values(
        "pk", "datum", "tid_fran", "organ_namn", "plats", "status")


class SammantradeFilter(FilterSet):
    organ = django_filters.ModelChoiceFilter(label=_("Organ"), queryset=Organ.objects.order_by("namn"), empty_label=_("Alla"))
    ar = django_filters.NumberFilter(label=_("År"), method="in_year", min_value=2000, max_value=2100)
    status = django_filters.ChoiceFilter(label=_("Status"), choices=Sammantrade.Status.choices, empty_label=_("Alla"))

    def in_year(self, qs, name, value):
        year = int(value)
        return qs.filter(datum__gte=datetime.date(year, 1, 1), datum__lt=datetime.date(year + 1, 1, 1))


_status = choice_label(Sammantrade.Status.choices)

SAMMANTRADE_LIST = ListSpec(
    name="sammantraden", caption=_("Sammanträden"), default_order="-datum",
    empty=_("Inga sammanträden som du har tillgång till."), filterset=SammantradeFilter,
    noun=(_("sammanträde"), _("sammanträden")),
    columns=(
        Column("datum", _("Datum"), order=("datum", "tid_fran"), link=RowLink("sammantrade_detail"),
               value=lambda row: f"{row['datum']:%Y-%m-%d} kl {row['tid_fran']:%H:%M}"),
        Column("organ_namn", _("Organ")),
        Column("plats", _("Plats"), value=lambda row: row["plats"] or str(_("Distans"))),
        Column("status", _("Status"), value=lambda row: _status(row["status"])),
    ),
)
