"""The lists the follow-up's figures are computed from (underlag): each count, share and sum in the member report,
the annual follow-up and the result sheet links to one of these lists, filtered so that the list's count or sum
is the figure. The filters use the same definitions as the figures (selectors.measure_q, annual.active_individual).

Access follows the rows: participant rows only for staff and the insats owner's organisation (a list that would
need rows the user may not see is not found); grants, reports and ESF rows for those who may see the insatser
or projects; contributions for readers and the member's own organisation.
"""

from urllib.parse import urlencode

from django import forms
from django.db.models import Count, F, Q, Sum
from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from esf import permissions as esf_permissions
from esf.models import EsfPengar, EsfProjekt, EsfResultat
from insatser import permissions as insats_permissions
from insatser.models import Beviljat, Inriktning, Insats, Slutrapport
from rar import roles
from rar.errors import BadParameter
from rar.forms_base import Form
from rar.models import Organisation
from uppfoljning import permissions, selectors
from uppfoljning.kategorier import PAYER, Aktor, Kon
from uppfoljning.models import Deltagare, DeltagarVisning

SHOWN = 5000  # rows shown on one page; the counts are always over all of them
KINDS = ("deltagare", "medel", "bidrag", "esf", "slutrapporter")
ESF_MEASURES = {"medel": _("ESF-medel"), "inskrivna": _("inskrivna"), "avslutade": _("avslutade"),
                "arbete_studier": _("till arbete eller studier")}


def url(kind: str, **params) -> str:
    """The address of a list: `url("deltagare", insats=[1, 2], fran=2021, till=2021, matt="avslutade")`."""
    query = urlencode({key: value for key, value in params.items() if value not in (None, "", [])}, doseq=True)
    return f"{reverse('uppfoljning:underlag', args=[kind])}?{query}"


class IdListField(forms.Field):
    widget = forms.MultipleHiddenInput

    def to_python(self, value):
        values = value or []
        if not all(str(v).isdigit() for v in values):
            raise forms.ValidationError(_("Ogiltigt urval."))
        return [int(v) for v in values][:1000]


class UnderlagForm(Form):
    insats = IdListField(required=False)
    projekt = IdListField(required=False)
    organisation = forms.IntegerField(required=False, min_value=1)
    urval = forms.ChoiceField(required=False, choices=[("", ""), ("individ", "individ")])
    fran = forms.IntegerField(min_value=2000, max_value=2100)
    till = forms.IntegerField(required=False, min_value=2000, max_value=2100)
    matt = forms.ChoiceField(required=False, choices=[("", "")] + [(m, m) for m in {**selectors.MEASURES, **ESF_MEASURES}])
    kon = forms.ChoiceField(required=False, choices=[("", "")] + list(Kon.choices))
    aktor = forms.ChoiceField(required=False, choices=[("", "")] + list(Aktor.choices))
    fran_start = forms.BooleanField(required=False)  # money from the span's first year onwards (the seed's way)

    def clean(self):
        data = super().clean()
        if data.get("fran") and data.get("till") and data["till"] < data["fran"]:
            raise forms.ValidationError(_("Sista året ska vara samma som eller efter det första."))
        return data


def active_individual(year_from: int, year_to: int):
    """Individual RAR insatser (not training efforts) running some time in the span: the annual follow-up's set."""
    return Insats.objects.filter(inriktning=Inriktning.INDIVID, kompetenshojande=False, period_start__year__lte=year_to,
                                 period_slut__year__gte=year_from)


def _insatser(user, data):
    """The insatser of a list: the annual follow-up's set, or the named ones; every one must be visible."""
    if data["urval"] == "individ":
        if not roles.roles_of(user) & roles.READ_ALL:
            raise Http404
        return active_individual(data["fran"], data["till"] or data["fran"])
    named = Insats.objects.filter(pk__in=set(data["insats"]))
    if not named.exists():
        raise BadParameter("Ange vilka insatser listan gäller.")
    visible = insats_permissions.insatser_visible_to(user, named)
    if visible.count() != named.count():
        raise Http404  # an insats the user may not see: no list at all, never a partial one
    return visible


def participants(user, data) -> dict:
    """Anonymous participant rows behind a count; only when the user may see every row counted."""
    last = data["till"] or data["fran"]
    qs = Deltagare.objects.all()
    if data["urval"] == "individ":
        if not roles.is_kansli(user):
            raise Http404
        qs = qs.filter(insats__inriktning=Inriktning.INDIVID, insats__kompetenshojande=False)
        insatser = None
    else:
        insatser = list(_insatser(user, data))
        if not all(permissions.can_handle_participants(user, insats) for insats in insatser):
            raise Http404  # participant rows of other organisations are not even acknowledged
        qs = qs.filter(insats__in=insatser)
    measure = data["matt"] or "inskrivna"
    if measure not in selectors.MEASURES:
        raise BadParameter("Okänt mått för deltagare.")
    qs = qs.filter(selectors.measure_q(measure, data["fran"], last))
    if data["kon"]:
        qs = qs.filter(kon=data["kon"])
    if data["aktor"]:
        qs = qs.filter(forsorjning_start__in=[kind for kind, actor in PAYER.items() if actor == data["aktor"]])
    counts = qs.aggregate(antal=Count("pk"), avslutade=Count("pk", filter=selectors.measure_q("avslutade", data["fran"], last)),
                          arbete_studier=Count("pk", filter=selectors.measure_q("arbete_studier", data["fran"], last)))
    rows = list(qs.select_related("insats").order_by("insats__namn", "inskriven", "pk")[:SHOWN])
    DeltagarVisning.objects.bulk_create([DeltagarVisning(insats_id=pk, anvandare=user)
                                         for pk in sorted({row.insats_id for row in rows})])
    return {"rows": rows, "matt": selectors.MEASURES[measure], "andel": selectors.share(counts["arbete_studier"], counts["avslutade"]),
            "insatser": insatser, **counts}


def grants(user, data) -> dict:
    """Money granted per insats for the years of the span (or from its first year onwards)."""
    insatser = list(_insatser(user, data).select_related("agare").order_by("namn"))
    years = Q(ar__gte=data["fran"]) if data["fran_start"] else Q(ar__gte=data["fran"], ar__lte=data["till"] or data["fran"])
    money = dict(Beviljat.objects.filter(years, insats__in=insatser).values("insats").annotate(s=Sum("belopp"))
                 .values_list("insats", "s").order_by())
    rows = [(insats, money.get(insats.pk, 0)) for insats in insatser]
    return {"rows": rows, "antal": len(rows), "summa": sum(amount for _, amount in rows)}


def contributions(user, data) -> dict:
    from uppfoljning.member_report import contributions_per_year

    organisation = Organisation.objects.filter(pk=data["organisation"]).first()
    if organisation is None:
        raise BadParameter("Ange vilken medlem listan gäller.")
    if not (roles.roles_of(user) & roles.READ_ALL or user.organisation_id == organisation.pk):
        raise Http404
    rows = contributions_per_year(organisation, data["fran"], data["till"] or data["fran"])
    return {"rows": rows, "organisation": organisation, "antal": len(rows), "summa": sum(v or 0 for _, v in rows)}


def esf_rows(user, data) -> dict:
    named = EsfProjekt.objects.filter(pk__in=set(data["projekt"]))
    if not named.exists():
        raise BadParameter("Ange vilka ESF-projekt listan gäller.")
    projects = esf_permissions.projekt_visible_to(user, named)
    if projects.count() != named.count():
        raise Http404
    measure = data["matt"] or "medel"
    if measure not in ESF_MEASURES:
        raise BadParameter("Okänt mått för ESF-projekt.")
    years = Q(ar__gte=data["fran"]) if data["fran_start"] else Q(ar__gte=data["fran"], ar__lte=data["till"] or data["fran"])
    if measure == "medel":
        rows = list(EsfPengar.objects.filter(years, projekt__in=projects).select_related("projekt")
                    .annotate(varde=F("esf_medel")).order_by("projekt__namn", "ar"))
    else:
        rows = list(EsfResultat.objects.filter(years, projekt__in=projects).select_related("projekt").annotate(
            varde=F(f"{measure}_kvinnor") + F(f"{measure}_man")).order_by("projekt__namn", "ar"))
    return {"rows": rows, "matt": ESF_MEASURES[measure], "antal": len(rows), "summa": sum(row.varde for row in rows),
            "projekt_antal": projects.count()}


def final_reports(user, data) -> dict:
    """Approved final reports of structural insatser and training efforts handed in during the span: people reached."""
    qs = Slutrapport.objects.filter(status=Slutrapport.Status.GODKAND, inlamnad__year__gte=data["fran"],
                                    inlamnad__year__lte=data["till"] or data["fran"]).filter(reached_q())
    if data["urval"] == "individ" or not data["insats"]:
        if not roles.roles_of(user) & roles.READ_ALL:
            raise Http404
    else:
        qs = qs.filter(insats__in=_insatser(user, data))
    rows = list(qs.select_related("insats").order_by("inlamnad"))
    return {"rows": rows, "antal": len(rows), "summa": sum(row.deltagare_totalt or 0 for row in rows)}


def reached_q(prefix: str = "insats__") -> Q:
    """Insatser whose final report counts people reached: structural ones and training efforts."""
    return ~Q(**{f"{prefix}inriktning": Inriktning.INDIVID}) | Q(**{f"{prefix}kompetenshojande": True})


def reached(year_from: int, year_to: int, insats_ids=None) -> int:
    """People reached by structural insatser and training efforts, from approved final reports handed in in the span."""
    qs = Slutrapport.objects.filter(status=Slutrapport.Status.GODKAND, inlamnad__year__gte=year_from,
                                    inlamnad__year__lte=year_to).filter(reached_q())
    if insats_ids is not None:
        qs = qs.filter(insats__in=insats_ids)
    return qs.aggregate(s=Sum("deltagare_totalt"))["s"] or 0


LISTS = {"deltagare": participants, "medel": grants, "bidrag": contributions, "esf": esf_rows,
         "slutrapporter": final_reports}


def participant_visibility(user, insatser) -> set:
    """The insatser (ids) whose participant rows the user may see: their figures get links."""
    return {insats.pk for insats in insatser if permissions.can_handle_participants(user, insats)}

