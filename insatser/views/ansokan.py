"""Applications: the list, a new application or extension, the draft form, the case page and its steps."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from insatser import permissions, selectors, services
from insatser.forms import (
    KommentarForm,
    NyAnsokanForm,
)
from insatser.models import Ansokan, BudgetAr, Insats, Mal
from rar import permissions as rar_permissions
from rar.permissions import require
from rar import lifecycle, roles
from rar.columns import fit
from rar.errors import DomainError
from rar.history import Part, history_rows
from rar.moten import au as moten_au, beslutsbesked
from rar.moten import permissions as moten_permissions
from rar import lists
from insatser import lists as insats_lists
from rar.once import create_once
from rar.params import error_text



@login_required
def ansokan_list(request):
    listing = lists.run(request, insats_lists.ANSOKAN_LIST, selectors.ansokan_rows(request.user))
    return listing.export() or lists.render(request, "insatser/ansokan_list.html", listing, {
        "can_create": permissions.can_create_ansokan(request.user),
    })


@login_required
def ansokan_create(request):
    require(permissions.can_create_ansokan(request.user), "Du har inte behörighet att skapa ansökningar.")
    staff = permissions.can_prepare(request.user)
    form = NyAnsokanForm(request.POST or None, staff=staff)
    if request.method == "POST" and form.is_valid():
        try:
            ansokan, earlier = create_once(request, lambda: services.ansokan_create(
                user=request.user, titel=form.cleaned_data["titel"], typ=form.cleaned_data["typ"],
                agare=form.cleaned_data.get("agare") if staff else None,
            ))
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            if earlier is not None:
                return earlier
            messages.success(request, f"Utkastet är sparat som {ansokan.arende.diarienummer}. Fyll i resten när du vill.")
            return redirect("insatser:ansokan_edit", pk=ansokan.pk)
    return render(request, "insatser/ansokan_new.html", {"form": form})


@login_required
def forlangning_create(request, pk):
    insats = permissions.get_insats_for(request.user, pk)
    if request.method != "POST":
        raise Http404
    try:
        ansokan = services.ansokan_create(
            user=request.user, titel=fit(Ansokan, "titel", insats.namn, keep=" – förlängning"), typ=Ansokan.Typ.FORLANGNING, agare=insats.agare,
            insats=insats,
        )
    except DomainError as error:
        messages.error(request, error.message)
        return redirect(insats)
    messages.success(request, "Ett utkast till förlängning är skapat med insatsens uppgifter. Ange period och budget.")
    return redirect("insatser:ansokan_edit", pk=ansokan.pk)


ANSOKAN_PARTS = [
    Part(Mal, "ansokan", lambda r: f"Mål {r.ordning + 1}"),
    Part(BudgetAr, "ansokan", lambda r: f"Budget {r.ar}"),
]




@login_required
def ansokan_detail(request, pk):
    ansokan = permissions.get_ansokan_for(request.user, pk)
    user = request.user
    staff = permissions.can_prepare(user)
    context = {
        "ansokan": ansokan,
        "mal": ansokan.mal.all(),
        "budget": ansokan.budget.all(),
        "handelser": lifecycle.events_for(ansokan),
        **rar_permissions.handlingar_context(user, ansokan.arende),
        "can_edit": permissions.can_edit_ansokan(user, ansokan),
        "is_owner": permissions.is_owner_of(user, ansokan.agare_id),
        "staff": staff,
        "kommentar_form": KommentarForm(),
        "utdrag": beslutsbesked.adjusted_extracts([ansokan.arende_id]).get(ansokan.arende_id, []),
        "insats": Insats.objects.filter(Q(ansokan=ansokan) | Q(pk=ansokan.insats_id)).first()
        if ansokan.status == Ansokan.Status.BEVILJAD or ansokan.insats_id else None,
    }
    au_paragraf = moten_au.latest_recommendation(ansokan.arende)
    if au_paragraf is not None:
        context["au_paragraf"] = au_paragraf
        context["au_paragraf_url"] = (moten_au.paragraph_url(au_paragraf)
                                      if moten_permissions.can_see_meeting(user, au_paragraf.sammantrade) else "")
    if permissions.can_see_rule_checks(user) and ansokan.status not in (Ansokan.Status.UTKAST,):
        context["rule_checks"] = selectors.rule_checks(ansokan)
    if roles.is_kansli(user) or roles.LASARE in roles.roles_of(user):
        context["history"] = history_rows(ansokan, parts=ANSOKAN_PARTS)
    return render(request, "insatser/ansokan_detail.html", context)


STEPS = {  # the steps that take nothing but the click; "komplettering" also takes what is to be completed
    "skicka": services.ansokan_submit,
    "bered": services.ansokan_start_review,
    "au": services.ansokan_send_to_au,
    "ateruppta": services.ansokan_resume_review,
}


@login_required
@require_POST
def ansokan_step(request, pk, step):
    ansokan = permissions.get_ansokan_for(request.user, pk)
    if step not in STEPS and step != "komplettering":
        raise Http404
    try:
        if step == "komplettering":
            form = KommentarForm(request.POST)
            if not form.is_valid():
                raise DomainError(error_text(form))
            services.ansokan_request_completion(ansokan=ansokan, user=request.user, kommentar=form.cleaned_data["kommentar"])
        else:
            STEPS[step](ansokan=ansokan, user=request.user)
    except services.SubmitErrors as error:
        for _, message in error.errors:
            messages.error(request, message)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        ansokan.refresh_from_db(fields=["status"])
        messages.success(request, f"Ansökan är nu: {ansokan.get_status_display().lower()}.")
    return redirect("insatser:ansokan_detail", pk=ansokan.pk)
