from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from esf import permissions, selectors, services
from esf import lists as esf_lists
from esf.forms import DelprojektForm, ForlangForm, PengarForm, ProjektForm, ResultatForm, UtlysningForm
from esf.models import Delprojekt, EsfPengar, EsfResultat, Utlysning
from rar import permissions as rar_permissions
from rar import roles
from rar import lifecycle, lists
from rar.errors import DomainError
from rar.permissions import require
from rar.history import Part, history_rows


def _staff_only(request):
    require(permissions.can_manage(request.user), "Bara förbundets kansli administrerar ESF.")


@login_required
def utlysning_list(request):
    if not (roles.roles_of(request.user) & roles.READ_ALL):
        raise Http404
    return render(request, "esf/utlysning_list.html", {"utlysningar": Utlysning.objects.order_by("-stanger"),
                                                       "staff": permissions.can_manage(request.user)})


@login_required
def utlysning_edit(request, pk=None):
    _staff_only(request)
    call = get_object_or_404(Utlysning, pk=pk) if pk else None
    initial = {f: getattr(call, f) for f in UtlysningForm.base_fields} if call else {}
    form = UtlysningForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.utlysning_save(user=request.user, utlysning=call, **form.cleaned_data)
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, "Utlysningen är sparad.")
            return redirect("esf:utlysning_list")
    return render(request, "simple_form.html", {"title": "Utlysning" if call else "Ny utlysning", "form": form,
                                                "back": "/esf/utlysningar/", "submit": "Spara"}, status=400 if form.errors else 200)


@login_required
def projekt_list(request):
    listing = lists.run(request, esf_lists.PROJEKT_LIST, selectors.projekt_rows(request.user))
    return listing.export() or lists.render(request, "esf/projekt_list.html", listing, {
        "staff": permissions.can_manage(request.user)})


@login_required
def projekt_create(request):
    _staff_only(request)
    from esf.forms import ProjektParamsForm
    from rar.params import parse

    form = ProjektForm(request.POST or None, initial=parse(ProjektParamsForm, request.GET))
    if request.method == "POST" and form.is_valid():
        try:
            projekt = services.projekt_create(user=request.user, **form.cleaned_data)
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, f"Projektet är registrerat som {projekt.arende.diarienummer}.")
            return redirect(projekt)
    return render(request, "simple_form.html", {"title": "Nytt ESF-projekt", "form": form, "back": "/esf/",
                                                "submit": "Registrera projektet"}, status=400 if form.errors else 200)


@login_required
def projekt_detail(request, pk):
    projekt = permissions.get_projekt_for(request.user, pk)
    context = {
        "projekt": projekt,
        "delprojekt": projekt.delprojekt.select_related("agare"),
        "pengar": projekt.pengar.all(),
        "resultat": projekt.resultat.all(),
        **rar_permissions.handlingar_context(request.user, projekt.arende),
        "staff": permissions.can_manage(request.user),
        "can_report": permissions.can_report(request.user, projekt),
        "steps": [(step, services.STEP_LABELS[step]) for step, (allowed, _) in services.TRANSITIONS.items()
                  if projekt.status in allowed],
        "summa": selectors.money_in_span([projekt.pk], 1900, 2200),
        "handelser": lifecycle.events_for(projekt),
    }
    if roles.is_kansli(request.user) or roles.LASARE in roles.roles_of(request.user):
        context["history"] = history_rows(projekt, parts=[
            Part(Delprojekt, "projekt", lambda r: f"Delprojekt {r.namn}"),
            Part(EsfPengar, "projekt", lambda r: f"Pengar {r.ar}"),
            Part(EsfResultat, "projekt", lambda r: f"Resultat {r.ar}"),
        ])
    return render(request, "esf/projekt_detail.html", context)


@login_required
@require_POST
def projekt_publish(request, pk):
    projekt = permissions.get_projekt_for(request.user, pk)
    publish = request.POST.get("publicerad") == "1"
    services.projekt_publish(projekt=projekt, user=request.user, publicerad=publish)  # refused: NotAllowed, a 403
    messages.success(request, "Projektet är publicerat i insatskatalogen." if publish else "Projektet är borttaget ur insatskatalogen.")
    return redirect("esf:projekt_detail", pk=projekt.pk)


@login_required
@require_POST
def projekt_step(request, pk, step):
    projekt = permissions.get_projekt_for(request.user, pk)
    if step not in services.STEP_FUNCTIONS:
        raise Http404
    try:
        moved = services.STEP_FUNCTIONS[step](projekt=projekt, user=request.user)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, f"Projektet har nu status {moved.get_status_display().lower()}.")
    return redirect(projekt)


def _projekt_form(request, pk, form_class, action, title, submit, check=permissions.can_report):
    projekt = permissions.get_projekt_for(request.user, pk)
    require(check(request.user, projekt), "Du får inte ändra det här projektet.")
    form = form_class(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            action(projekt=projekt, user=request.user, **form.cleaned_data)
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, "Sparat.")
            return redirect(projekt)
    return render(request, "simple_form.html", {"title": f"{title} – {projekt.namn}", "form": form,
                                                "back": projekt.get_absolute_url(), "submit": submit},
                  status=400 if form.errors else 200)


@login_required
def delprojekt_create(request, pk):
    return _projekt_form(request, pk, DelprojektForm, services.delprojekt_add, "Nytt delprojekt", "Lägg till",
                         check=lambda user, projekt: permissions.can_manage(user))


@login_required
def pengar_edit(request, pk):
    return _projekt_form(request, pk, PengarForm, services.pengar_save, "Pengar per år", "Spara")


@login_required
def resultat_edit(request, pk):
    return _projekt_form(request, pk, ResultatForm, services.resultat_save, "Resultat till SCB", "Spara")


@login_required
def projekt_forlang(request, pk):
    return _projekt_form(request, pk, ForlangForm, services.projekt_forlang, "Förlängning", "Förläng",
                         check=lambda user, projekt: permissions.can_manage(user))
