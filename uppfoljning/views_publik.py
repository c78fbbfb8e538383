"""Public pages (no login): the catalogue of insatser and ESF projects, and the statistics page."""


from django.utils import timezone
from django import forms
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext_lazy as _

from esf.models import EsfProjekt
from insatser.models import Insats, PrioriteradGrupp
from rar.forms_base import Form
from rar.listing import paginate
from rar.models import Lansdel
from rar.templatetags.rar_format import thousands
from uppfoljning import katalog as catalogue
from uppfoljning.charts import bar_chart


class KatalogForm(Form):
    q = forms.CharField(label=_("Sök"), required=False, max_length=200)
    typ = forms.ChoiceField(label=_("Visa"), required=False, choices=[
        ("", _("Insatser och ESF-projekt")), ("insatser", _("Bara insatser")), ("esf", _("Bara ESF-projekt"))])
    malgrupp = forms.ChoiceField(label=_("Målgrupp"), required=False, choices=[("", _("Alla"))] + list(PrioriteradGrupp.choices))
    lansdel = forms.ChoiceField(label=_("Länsdel"), required=False,
                                choices=[("", _("Alla")), ("lan", _("Länsövergripande"))] + list(Lansdel.choices))
    status = forms.ChoiceField(label=_("Status"), required=False, choices=[("", _("Alla"))] + list(Insats.Status.choices))
    ar = forms.IntegerField(label=_("Pågår år"), required=False, min_value=2000, max_value=2100)


def katalog(request):
    form = KatalogForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    q, typ = (data.get("q") or "").strip(), data.get("typ") or ""
    insatser = esf = None
    if typ in ("", "insatser"):
        insatser = catalogue.published_insatser(q=q, malgrupp=data.get("malgrupp") or "", lansdel=data.get("lansdel") or "",
                                              status=data.get("status") or "", ar=data.get("ar"))
    # ESF projects have no target-group or länsdel fields of the plan, and statuses of their own.
    if typ in ("", "esf") and not (data.get("malgrupp") or data.get("lansdel") or data.get("status")):
        esf = list(catalogue.published_esf(q=q, ar=data.get("ar")))
    page, query = paginate(request, insatser) if insatser is not None else (None, "")
    rows = [(insats, catalogue.outcome(insats)) for insats in page.object_list] if page else []
    return render(request, "uppfoljning/katalog.html", {
        "form": form, "page": page, "query": query, "rows": rows, "esf": esf, "q": q,
    }, status=200 if not form.errors else 400)


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
