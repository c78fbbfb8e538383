"""Public pages (no login): the catalogue of insatser and ESF projects, and the statistics page."""


from django import forms
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from esf.models import EsfProjekt
from rar import lists
from rar.forms_base import Form
from rar.models import Lansdel
from rar.templatetags.rar_format import thousands
from uppfoljning import katalog as catalogue
from uppfoljning import lists as uppfoljning_lists
from uppfoljning.charts import bar_chart


def katalog(request):
    """Published insatser and ESF projects, each a list of its own under one search form. ESF projects have no
    target group, länsdel or insats status: a filter on one of those shows the insatser alone."""
    # The rows as functions: built only for a table the fragment cache does not hold (lists.Listing).
    insatser = lists.run(request, uppfoljning_lists.KATALOG_INSATSER, catalogue.insats_rows)
    esf = lists.run(request, uppfoljning_lists.KATALOG_ESF, catalogue.esf_rows, prefix="esf-")
    form = insatser.form
    data = form.cleaned_data if form.is_valid() else {}
    q, typ = (data.get("q") or "").strip(), data.get("typ") or ""
    shown = [insatser] if typ in ("", "insatser") else []
    if typ in ("", "esf") and not (data.get("malgrupp") or data.get("lansdel") or data.get("status")):
        shown.append(esf)
    for listing in shown:
        if q:
            listing.empty = f"{str(listing.spec.empty).removesuffix('.')} ”{q}”."
        if export := listing.export():
            return export
    response = lists.render_many(request, "uppfoljning/katalog.html", "uppfoljning/katalog_results.html", shown,
                                 {"form": form, "listing": insatser}, scope="publik")
    if form.errors and not getattr(request, "htmx", None):
        response.status_code = 400
    return response


def katalog_insats(request, pk):
    insats = get_object_or_404(catalogue.published_insatser(), pk=pk)
    lansdelar = [str(Lansdel(code).label) for code in insats.lansdelar if code in Lansdel.values]
    return render(request, "uppfoljning/katalog_insats.html", {"i": insats, "utfall": catalogue.outcome(insats),
                                                               "lansdelar": lansdelar})


def katalog_esf(request, pk):
    projekt = get_object_or_404(catalogue.published_esf(), pk=pk)
    return render(request, "uppfoljning/katalog_esf.html", {"p": projekt, "roll": EsfProjekt.Roll(projekt.roll).label})


class StatistikForm(Form):
    fran = forms.IntegerField(label=_("Från år"), min_value=2000, max_value=2100)
    till = forms.IntegerField(label=_("Till år"), min_value=2000, max_value=2100)

    def clean(self):
        data = super().clean()
        if data.get("fran") and data.get("till") and (data["till"] < data["fran"] or data["till"] - data["fran"] > 30):
            raise forms.ValidationError(_("Välj ett spann på högst 30 år där till-året inte är före från-året."))
        return data


def statistik(request):
    this_year = timezone.localdate().year
    form = StatistikForm(request.GET or None, initial={"fran": this_year - 5, "till": this_year})
    fran, till = (form.cleaned_data["fran"], form.cleaned_data["till"]) if form.is_valid() else (this_year - 5, this_year)
    stats = catalogue.statistik(fran, till)
    charts = {
        "pengar": bar_chart([(str(y), thousands(stats.totalt.get(y, 0)), "tkr") for y in stats.years]),
        "andel": bar_chart([(str(y), stats.andel_arbete(y), "%") for y in stats.years]),
        "esf": bar_chart([(str(y), thousands(stats.esf_medel.get(y, 0)), "tkr") for y in stats.years]),
    }
    types = sorted({t for per in stats.per_agartyp.values() for t in per})
    parts = sorted({p for per in stats.per_lansdel.values() for p in per})
    return render(request, "uppfoljning/statistik.html", {
        "form": form, "s": stats, "charts": charts, "types": types, "parts": parts, "fran": fran, "till": till,
    }, status=400 if form.errors else 200)
