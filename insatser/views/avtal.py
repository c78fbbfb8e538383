"""Agreements (sign, terms, PDF) and phases."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from insatser import dokument, permissions, services
from insatser.forms import (
    AvtalVillkorForm,
    FasForm,
)
from insatser.models import Fas
from rar.errors import DomainError
from rar.permissions import require
from rar.pdf import pdf_response



@login_required
@require_POST
def avtal_sign(request, pk, part):
    avtal = permissions.get_avtal_for(request.user, pk)
    try:
        services.avtal_sign(avtal=avtal, user=request.user, part=part)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, "Avtalet är godkänt.")
    return redirect(avtal.insats)


@login_required
def avtal_terms(request, pk):
    avtal = permissions.get_avtal_for(request.user, pk)
    require(permissions.can_prepare(request.user), "Bara förbundets kansli ändrar avtalsvillkor.")
    form = AvtalVillkorForm(request.POST or None, initial={
        "rapportintervall_manader": avtal.rapportintervall_manader, "villkor": avtal.villkor,
    })
    if request.method == "POST" and form.is_valid():
        try:
            services.avtal_update_terms(avtal=avtal, user=request.user, **form.cleaned_data)
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, "Avtalsvillkoren är sparade.")
            return redirect(avtal.insats)
    return render(request, "simple_form.html", {
        "title": f"Avtalsvillkor för {avtal.insats}", "form": form, "back": avtal.insats.get_absolute_url(), "submit": "Spara",
    })


@login_required
def avtal_pdf(request, pk):
    avtal = permissions.get_avtal_for(request.user, pk)
    ansokan = avtal.ansokan
    context = dokument.avtal_context(avtal)
    return pdf_response("insatser/avtal_pdf.html", context, f"avtal-{ansokan.arende.diarienummer.replace(' ', '-').replace('/', '-')}.pdf")


@login_required
def fas_create(request, pk):
    insats = permissions.get_insats_for(request.user, pk)
    require(permissions.can_prepare(request.user), "Bara förbundets kansli lägger upp faser.")
    form = FasForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.fas_add(insats=insats, user=request.user, **form.cleaned_data)
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, "Fasen är upplagd.")
            return redirect(insats)
    return render(request, "simple_form.html", {
        "title": f"Ny fas för {insats.namn}", "form": form, "back": insats.get_absolute_url(), "submit": "Lägg upp fas",
    }, status=400 if request.method == "POST" else 200)


@login_required
@require_POST
def fas_confirm(request, pk):
    visible = permissions.insatser_visible_to(request.user)
    fas = Fas.objects.filter(insats__in=visible, pk=pk).select_related("insats").first()
    if fas is None:
        raise Http404
    try:
        services.fas_confirm_goals(fas=fas, user=request.user)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, f"Målen för fas {fas.nummer} är bekräftade.")
    return redirect(fas.insats)
