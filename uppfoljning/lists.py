"""The follow-up's lists: an insats's participants, and the public catalogue's insatser and ESF projects (their
filters and columns; rar/lists.py draws and exports them)."""

import dataclasses
import datetime

import django_filters
from django.db.models import FloatField, Value
from django.db.models.functions import Cast
from django.utils.translation import gettext_lazy as _

from esf.models import EsfProjekt
from insatser.lists import choice_column
from insatser.models import Insats, PrioriteradGrupp
from rar.lists import Column, FilterSet, ListSpec, RowLink, money
from rar.models import Lansdel
from uppfoljning import katalog
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
        Column("plan_efter", _("Plan")),
    ),
)


def deltagare_list(insats) -> ListSpec:
    """The list of one insats's participants: its export is named after the insats."""
    return dataclasses.replace(DELTAGARE_LIST, name=f"deltagare-insats-{insats.pk}")


# --- The public catalogue ----------------------------------------------------------------------------------


class _Search:
    """Swedish full-text search over the rows (`search` in the catalogue) and the year a row runs in; without a
    search every row has the same relevance, so the list's order by relevance is its order by start."""

    vector = None  # a function giving the rows' search vector (uppfoljning.katalog)
    end = None  # the row's last day, for the year it runs in

    def search(self, qs, name, value):
        return katalog.search(qs, value.strip(), self.vector()) if value.strip() else qs

    def in_year(self, qs, name, value):
        year = int(value)
        return qs.filter(period_start__lte=datetime.date(year, 12, 31), **{f"{self.end}__gte": datetime.date(year, 1, 1)})

    @property
    def qs(self):
        if not hasattr(self, "_ranked"):
            rows = super().qs
            # The same relevance for all (a cast: PostgreSQL refuses a bare constant to sort by).
            self._ranked = rows if "rank" in rows.query.annotations else rows.alias(rank=Cast(Value(0), FloatField()))
        return self._ranked


def _every(qs, name, value):
    return qs


class KatalogInsatsFilter(_Search, FilterSet):
    """The catalogue's filters: the insatser use them all; the ESF projects the search and the year (`typ` chooses
    the sections: the view reads it)."""

    q = django_filters.CharFilter(label=_("Sök"), method="search", max_length=200)
    typ = django_filters.ChoiceFilter(label=_("Visa"), method=_every, empty_label=_("Insatser och ESF-projekt"),
                                      choices=[("insatser", _("Bara insatser")), ("esf", _("Bara ESF-projekt"))])
    malgrupp = django_filters.ChoiceFilter(label=_("Målgrupp"), choices=PrioriteradGrupp.choices, empty_label=_("Alla"),
                                           method="for_group")
    lansdel = django_filters.ChoiceFilter(label=_("Länsdel"), empty_label=_("Alla"), method="in_lansdel",
                                          choices=[("lan", _("Länsövergripande"))] + list(Lansdel.choices))
    status = django_filters.ChoiceFilter(label=_("Status"), choices=Insats.Status.choices, empty_label=_("Alla"))
    ar = django_filters.NumberFilter(label=_("Pågår år"), method="in_year", min_value=2000, max_value=2100)

    vector, end = staticmethod(katalog.insats_vector), "period_slut"

    def for_group(self, qs, name, value):
        return qs.filter(ansokan__prioriterade_grupper__contains=[value])

    def in_lansdel(self, qs, name, value):
        return qs.filter(lansovergripande=True) if value == "lan" else qs.filter(lansdelar__contains=[value])


class KatalogEsfFilter(_Search, FilterSet):
    q = django_filters.CharFilter(method="search", max_length=200)
    ar = django_filters.NumberFilter(method="in_year", min_value=2000, max_value=2100)

    vector, end = staticmethod(katalog.esf_vector), "slutar"


def _words(count):
    """The text's first `count` words and "…" if there were more (as Truncator.words, which is a lazy object and
    cost a millisecond a page of rows)."""
    def first_words(text):
        if not text:
            return "–"
        words = text.split()
        return " ".join(words[:count]) + "…" if len(words) > count else " ".join(words)

    return first_words


def _period(end):
    """The period in one column of the table (the export has its start and end in two)."""
    return Column("period", _("Period"), value=lambda row: f"{row['period_start']} – {row[end]}",
                  order=("period_start", end), in_export=False, nowrap=True)


_KALLA = {katalog.SLUTRAPPORT: _("slutrapport"), katalog.LAGESRAPPORTER: _("lägesrapporter")}


def _outcome(row) -> str:
    if not row["resultat_kalla"]:
        return ""
    return _("%(deltagare)s deltagare, %(avslutade)s avslutade, varav %(arbete)s till arbete eller studier (%(kalla)s)") % {
        "deltagare": row["resultat_inskrivna"] or 0, "avslutade": row["resultat_avslutade"] or 0,
        "arbete": row["resultat_arbete"] or 0, "kalla": _KALLA[row["resultat_kalla"]]}


_RELEVANCE = Column("rank", _("Relevans"), order=("rank", "period_start"), in_table=False, in_export=False)

KATALOG_INSATSER = ListSpec(
    name="insatskatalog", caption=_("Insatser"), default_order="-rank", empty=_("Ingen publicerad insats matchar."),
    filterset=KatalogInsatsFilter, noun=(_("insats"), _("insatser")), model=Insats,
    columns=(
        Column("namn", _("Insats"), link=RowLink("publik:katalog_insats")),
        Column("syfte", _("Syfte"), text=_words(20), order=()),
        Column("agare_namn", _("Insatsägare")),
        Column("parter_namn", _("Parter"), order=()),
        _period("period_slut"),
        Column("period_start", _("Från"), in_table=False),
        Column("period_slut", _("Till"), in_table=False),
        choice_column("status", _("Status"), Insats.Status.choices),
        Column("beviljat_summa", _("Beviljat (kr)"), text=money, num=True),
        Column("resultat", _("Resultat"), value=_outcome, order=("resultat_inskrivna",), in_export=False),
        choice_column("resultat_kalla", _("Resultat enligt"), [(katalog.SLUTRAPPORT, _("Slutrapport")),
                                                                (katalog.LAGESRAPPORTER, _("Lägesrapporter"))], in_table=False),
        Column("resultat_inskrivna", _("Deltagare"), in_table=False),
        Column("resultat_avslutade", _("Avslutade"), in_table=False),
        Column("resultat_arbete", _("Till arbete eller studier"), in_table=False),
        _RELEVANCE,
    ),
)

KATALOG_ESF = ListSpec(
    name="esf-katalog", caption=_("ESF-projekt"), default_order="-rank", empty=_("Inget publicerat ESF-projekt matchar."),
    filterset=KatalogEsfFilter, noun=(_("projekt"), _("projekt")), model=EsfProjekt,
    columns=(
        Column("namn", _("Projekt"), link=RowLink("publik:katalog_esf")),
        Column("syfte", _("Syfte"), text=_words(20), order=()),
        Column("agare_namn", _("Projektägare")),
        choice_column("roll", _("Förbundets roll"), EsfProjekt.Roll.choices),
        _period("slutar"),
        Column("period_start", _("Från"), in_table=False),
        Column("slutar", _("Till"), in_table=False),
        choice_column("status", _("Status"), EsfProjekt.Status.choices),
        Column("budget", _("Budget (kr)"), text=money, num=True),
        Column("inskrivna", _("Deltagare"), in_table=False),
        Column("avslutade", _("Avslutade"), in_table=False),
        Column("arbete", _("Till arbete eller studier"), in_table=False),
        _RELEVANCE,
    ),
)
