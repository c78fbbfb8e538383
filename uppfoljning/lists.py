"""The follow-up's lists: an insats's participants, and the public catalogue's insatser and ESF projects (their
filters and columns; rar/lists.py draws and exports them)."""

import dataclasses
import datetime

import django_filters
from django.utils.translation import gettext_lazy as _

from insatser.lists import choice_column
from rar.lists import Column, FilterSet, ListSpec
from uppfoljning.kategorier import Aldersband, Forsorjning, Kon, Utfall

# --- An insats's participants ---------------------------------------------------------------------------


class DeltagareFilter(FilterSet):
    kon = django_filters.ChoiceFilter(label=_("Kön"), choices=Kon.choices, empty_label=_("Alla"))
    aldersband = django_filters.ChoiceFilter(label=_("Åldersgrupp"), choices=Aldersband.choices, empty_label=_("Alla"))
    lage = django_filters.ChoiceFilter(label=_("Inskriven eller avslutad"), method="in_state", empty_label=_("Alla"),
                                       choices=[("inskriven", _("Fortfarande inskrivna")), ("avslutad", _("Avslutade"))])
    utfall = django_filters.ChoiceFilter(label=_("Utfall"), choices=Utfall.choices, empty_label=_("Alla"))
    ar = django_filters.NumberFilter(label=_("Inskriven år"), method="enrolled_in", min_value=2000, max_value=2100)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.form.auto_id = "id_urval_%s"  # the page's form for a participant has fields of the same names

    def in_state(self, qs, name, value):
        return qs.filter(avslutad__isnull=value == "inskriven")

    def enrolled_in(self, qs, name, value):
        year = int(value)
        return qs.filter(inskriven__gte=datetime.date(year, 1, 1), inskriven__lte=datetime.date(year, 12, 31))


def month(value) -> str:
    return value.strftime("%Y-%m") if value else ""


DELTAGARE_LIST = ListSpec(
    name="deltagare", caption=_("Deltagare utan personuppgifter"), default_order="inskriven",
    empty=_("Inga deltagare."), filterset=DeltagareFilter, noun=(_("deltagare"), _("deltagare")),
    columns=(
        choice_column("kon", _("Kön"), Kon.choices),
        choice_column("aldersband", _("Åldersgrupp"), Aldersband.choices),
        Column("inskriven", _("Inskriven"), value=lambda row: month(row["inskriven"])),
        Column("avslutad", _("Avslutad"), value=lambda row: month(row["avslutad"])),
        choice_column("forsorjning_start", _("Försörjning vid start"), Forsorjning.choices),
        choice_column("forsorjning_slut", _("Försörjning vid avslut"), Forsorjning.choices),
        choice_column("utfall", _("Utfall"), Utfall.choices),
        Column("plan_efter", _("Plan efter insatsen")),
    ),
)


def deltagare_list(insats) -> ListSpec:
    """The list of one insats's participants: its export is named after the insats."""
    return dataclasses.replace(DELTAGARE_LIST, name=f"deltagare-insats-{insats.pk}")
