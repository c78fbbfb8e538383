"""The diarium and the notices lists: their rows, filters and columns (rar/lists.py draws and exports them)."""

import django_filters
from django import forms
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from rar import permissions
from rar.lists import Column, FilterSet, ListSpec, RowLink, choice_label
from rar.models import Arende, Handelse, Notis


def arende_rows(user):
    return permissions.arenden_visible_to(user).annotate(organisation_namn=F("organisation__namn")).values(
        "pk", "diarienummer", "ar", "lopnummer", "titel", "typ", "organisation_namn", "registrerad", "status")


class ArendeFilter(FilterSet):
    q = django_filters.CharFilter(label=_("Sök"), method="search", max_length=100)
    ar = django_filters.NumberFilter(label=_("År"), min_value=1990, max_value=2100)
    typ = django_filters.ChoiceFilter(label=_("Ärendetyp"), choices=Arende.Typ.choices, empty_label=_("Alla"))
    status = django_filters.ChoiceFilter(label=_("Status"), choices=Arende.Status.choices, empty_label=_("Alla"))

    def search(self, qs, name, value):
        value = value.strip()
        return qs.filter(Q(titel__icontains=value) | Q(diarienummer__icontains=value)) if value else qs


_typ, _status = choice_label(Arende.Typ.choices), choice_label(Arende.Status.choices)

ARENDE_LIST = ListSpec(
    name="diarium", caption=_("Ärenden i diariet"), default_order="-diarienummer", empty=_("Inga ärenden."),
    filterset=ArendeFilter, noun=(_("ärende"), _("ärenden")),
    columns=(
        Column("diarienummer", _("Diarienummer"), order=("ar", "lopnummer"), link=RowLink("arende_detail")),
        Column("titel", _("Rubrik")),
        Column("typ", _("Typ"), value=lambda row: _typ(row["typ"])),
        Column("organisation_namn", _("Organisation")),
        Column("registrerad", _("Registrerad")),
        Column("status", _("Status"), value=lambda row: _status(row["status"])),
    ),
)


def notis_rows(user):
    return Notis.objects.filter(mottagare=user).values("pk", "rubrik", "handelse", "text", "url", "skapad", "last")


class NotisFilter(FilterSet):
    visa = django_filters.ChoiceFilter(label=_("Visa"), choices=[("olasta", _("Olästa"))], method="unread",
                                       widget=forms.HiddenInput)
    handelse = django_filters.ChoiceFilter(label=_("Händelse"), choices=Handelse.choices, empty_label=_("Alla"))

    def unread(self, qs, name, value):
        return qs.filter(last__isnull=True)


def _short(text, length=160):
    text = " ".join((text or "").split())
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"


_handelse = choice_label(Handelse.choices)
_open = RowLink("notis_oppna")

NOTIS_LIST = ListSpec(
    name="notiser", caption=_("Notiser"), default_order="-skapad", empty=_("Inga notiser."),
    filterset=NotisFilter, noun=(_("notis"), _("notiser")),
    columns=(
        Column("rubrik", _("Rubrik"), link=lambda row: _open(row) if row["url"] else None),
        Column("handelse", _("Händelse"), value=lambda row: _handelse(row["handelse"])),
        Column("text", _("Text"), order=(), value=lambda row: _short(row["text"])),
        Column("skapad", _("Tid"), value=lambda row: timezone.localtime(row["skapad"]).replace(tzinfo=None)),
        Column("last", _("Läst"), value=lambda row: row["last"] and timezone.localtime(row["last"]).replace(tzinfo=None),
               note=lambda row: "" if row["last"] else str(_("Ny")), note_badge="text-bg-primary"),
    ),
)
