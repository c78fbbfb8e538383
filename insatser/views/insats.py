"""Insatser: the list, the insats page, its steering group and publishing in the catalogue."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from insatser import permissions, selectors, services
from insatser.forms import (
    StyrgruppForm,
)
from insatser.models import Ansokan, Avtal, Beviljat, Fas, Insats, Lagesrapport, Overforing, Rekvisition, Slutrapport
from rar import permissions as rar_permissions
from rar.permissions import require
from rar import roles
from rar import lifecycle
from rar.errors import DomainError
from rar.history import Part, history_rows
from rar.moten import beslutsbesked
from rar import lists
from insatser import lists as insats_lists



INSATS_PARTS = [
    Part(Beviljat, "insats", lambda r: f"Beviljat {r.ar}"),
    Part(Avtal, "insats", lambda r: "Avtal"),
    Part(Fas, "insats", lambda r: f"Fas {r.nummer}"),
    Part(Lagesrapport, "insats", lambda r: f"Lägesrapport {r.period_start:%Y-%m-%d}–{r.period_slut:%Y-%m-%d}"),
    Part(Slutrapport, "insats", lambda r: "Slutrapport"),
    Part(Rekvisition, "insats", lambda r: f"Rekvisition {r.nummer}"),
    Part(Overforing, "insats", lambda r: f"{r.get_typ_display()} från {r.fran_ar}"),
]


@login_required
def insats_list(request):
    listing = lists.run(request, insats_lists.insats_list(timezone.localdate()), selectors.insats_rows(request.user))
    return listing.export() or lists.render(request, "insatser/insats_list.html", listing)


@login_required
def insats_detail(request, pk):
    insats = permissions.get_insats_for(request.user, pk)
    user = request.user
    ansokningar = list(Ansokan.objects.filter(Q(pk=insats.ansokan_id) | Q(insats=insats)).select_related("arende").order_by("skapad"))
    extracts = beslutsbesked.adjusted_extracts([a.arende_id for a in ansokningar])
    for ansokan in ansokningar:
        ansokan.utdrag = extracts.get(ansokan.arende_id, [])
    context = {
        "insats": insats,
        "ansokningar": ansokningar,
        "pengar": selectors.insats_money(insats),
        "avtal_list": insats.avtal.select_related("ansokan").order_by("period_start"),
        "rapporter": insats.lagesrapporter.order_by("forfaller"),
        "faser": insats.faser.select_related("mal_bekraftade_av"),
        "slutrapport": Slutrapport.objects.filter(insats=insats).first(),
        "can_report": permissions.can_report_for(user, insats),
        "can_edit_styrgrupp": permissions.can_prepare(user) or permissions.is_owner_of(user, insats.agare_id),
        **rar_permissions.handlingar_context(user, insats.arende),
        "staff": permissions.can_prepare(user),
        "can_sign_owner": permissions.can_sign_for_owner(user, insats),
        "can_extend": permissions.is_owner_of(user, insats.agare_id) and insats.status == Insats.Status.PAGAENDE,
        "today": timezone.localdate(),
        "can_invoice": permissions.can_invoice(user, insats) and insats.status == Insats.Status.PAGAENDE,
        "handelser": lifecycle.events_for(insats),
    }
    if permissions.can_see_economy(user, insats):
        context["ekonomi"] = selectors.insats_economy(insats)
        context["rekvisitioner"] = insats.rekvisitioner.select_related("fas").order_by("-nummer")
        context["overforingar"] = insats.overforingar.select_related("beslutad_av").order_by("fran_ar", "pk")
    context["beviljat_totalt"] = sum(amount for _, amount in context["pengar"])
    if roles.is_kansli(user) or roles.LASARE in roles.roles_of(user):
        context["history"] = history_rows(insats, parts=INSATS_PARTS)
    return render(request, "insatser/insats_detail.html", context)


@login_required
def styrgrupp_edit(request, pk):
    insats = permissions.get_insats_for(request.user, pk)
    require(permissions.can_prepare(request.user) or permissions.is_owner_of(request.user, insats.agare_id),
                  "Bara kansliet och insatsägaren kan ändra styrgruppen.")
    form = StyrgruppForm(request.POST or None, initial={"styrgrupp": insats.styrgrupp})
    if request.method == "POST" and form.is_valid():
        try:
            services.insats_set_styrgrupp(insats=insats, user=request.user, styrgrupp=form.cleaned_data["styrgrupp"])
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, "Styrgruppen är sparad.")
            return redirect(insats)
    return render(request, "simple_form.html", {
        "title": f"Styrgrupp för {insats.namn}", "form": form, "back": insats.get_absolute_url(), "submit": "Spara",
    }, status=400 if request.method == "POST" else 200)


@login_required
@require_POST
def insats_publish(request, pk):
    insats = permissions.get_insats_for(request.user, pk)
    publish = request.POST.get("publicerad") == "1"
    try:
        services.insats_publish(insats=insats, user=request.user, publicerad=publish)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, "Insatsen är publicerad i insatskatalogen." if publish else "Insatsen är borttagen ur insatskatalogen.")
    return redirect(insats)
