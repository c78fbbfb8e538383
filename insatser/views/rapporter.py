"""Status reports and the final report: the owner's form and staff review."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Sum
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from insatser import permissions, report_checks, selectors, services
from insatser.forms import (
    GranskaForm,
    LagesrapportForm,
    MalRapportFormSet,
    SlutMalFormSet,
    SlutrapportForm,
)
from insatser.models import Inriktning, Lagesrapport, Slutrapport
from rar import lifecycle
from rar.errors import DomainError



def _report_fields(form):
    return {name: value for name, value in form.cleaned_data.items() if name != "version"}


def _report_post(request, *, rapport, make_forms, save, submit, template, context, noun):
    """Save a report form (status or final report) and, with action=skicka, submit it.

    Invalid input, a stale version or a refused submit re-renders the form with everything typed and the
    reason; what was saved stays saved.
    """
    form, goal_forms = make_forms(rapport, request.POST)
    if not (form.is_valid() and goal_forms.is_valid()):
        messages.error(request, f"{noun} är inte sparad: rätta de markerade fälten. Allt du skrivit finns kvar.")
        return render(request, template, {**context, "form": form, "goal_forms": goal_forms}, status=400)
    try:
        saved = save(form, goal_forms)
        if request.POST.get("action") == "skicka":
            submit(saved)
            messages.success(request, f"{noun} är inlämnad.")
            return redirect(saved.insats)
    except DomainError as error:
        rapport.refresh_from_db()
        data = request.POST.copy()
        data["version"] = rapport.version
        form, goal_forms = make_forms(rapport, data)
        form.is_valid()
        form.add_error(None, error.message)
        status = 409 if isinstance(error, services.StaleVersion) else 400
        return render(request, template, {**context, "form": form, "goal_forms": goal_forms}, status=status)
    messages.success(request, f"{noun} är sparad.")
    return redirect(request.path)


def _report_forms(rapport, data=None):
    goals = list(services.report_goals(rapport.insats))
    existing = {m.mal_id: m for m in rapport.malrapporter.all()}
    initial = [
        {"mal_id": mal.pk, "status": getattr(existing.get(mal.pk), "status", ""), "varde": getattr(existing.get(mal.pk), "varde", ""),
         "kommentar": getattr(existing.get(mal.pk), "kommentar", "")}
        for mal in goals
    ]
    individ = rapport.insats.inriktning == Inriktning.INDIVID
    if data is None:
        form = LagesrapportForm(instance=rapport, initial={"version": rapport.version}, individ=individ)
        goal_forms = MalRapportFormSet(prefix="mal", initial=initial)
    else:
        form = LagesrapportForm(data, instance=rapport, individ=individ)
        goal_forms = MalRapportFormSet(data, prefix="mal", initial=initial)
    for goal_form, mal in zip(goal_forms.forms, goals):
        goal_form.mal = mal
    return form, goal_forms


@login_required
def lagesrapport(request, pk):
    rapport = permissions.get_lagesrapport_for(request.user, pk)
    user = request.user
    editable = permissions.can_report_for(user, rapport.insats) and rapport.status in Lagesrapport.OWNER_EDITABLE
    context = {
        "rapport": rapport, "insats": rapport.insats, "editable": editable, "today": timezone.localdate(),
        "staff": permissions.can_prepare(user), "granska_form": GranskaForm(),
        "pengar": selectors.insats_money(rapport.insats),
        "tidigare_kostnader": rapport.insats.lagesrapporter.filter(period_start__lt=rapport.period_start)
        .aggregate(s=Sum("kostnader"))["s"] or 0,
        "handelser": lifecycle.events_for(rapport),
    }
    if permissions.can_see_economy(user, rapport.insats):
        context["ekonomi"] = selectors.insats_economy(rapport.insats)
    if context["staff"]:
        warning = selectors.report_cost_warning(rapport, context.get("ekonomi") or selectors.insats_economy(rapport.insats))
        context["kontroller"] = ([warning] if warning else []) + report_checks.run(rapport)
    if request.method == "POST" and editable:
        def save(form, goal_forms):
            goals = {f.cleaned_data["mal_id"]: {k: f.cleaned_data[k] for k in ("status", "varde", "kommentar")}
                     for f in goal_forms.forms}
            return services.lagesrapport_save(rapport=rapport, user=user, version=form.cleaned_data["version"],
                                              fields=_report_fields(form), malrapporter=goals)

        return _report_post(
            request, rapport=rapport, make_forms=_report_forms, save=save,
            submit=lambda saved: services.lagesrapport_submit(rapport=saved, user=user),
            template="insatser/lagesrapport.html", context=context, noun="Lägesrapporten",
        )
    if editable:
        context["form"], context["goal_forms"] = _report_forms(rapport)
    else:
        goals = {m.mal_id: m for m in rapport.malrapporter.all()}
        context["goal_rows"] = [(mal, goals.get(mal.pk)) for mal in services.report_goals(rapport.insats)]
    return render(request, "insatser/lagesrapport.html", context)


@login_required
@require_POST
def lagesrapport_review(request, pk):
    rapport = permissions.get_lagesrapport_for(request.user, pk)
    form = GranskaForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Välj om rapporten godkänns eller ska kompletteras.")
        return redirect("insatser:lagesrapport", pk=rapport.pk)
    try:
        services.lagesrapport_review(rapport=rapport, user=request.user, godkann=form.cleaned_data["beslut"] == "godkann",
                                     kommentar=form.cleaned_data["kommentar"])
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, "Granskningen är sparad.")
    return redirect("insatser:lagesrapport", pk=rapport.pk)


def _final_forms(rapport, data=None):
    goals = list(services.report_goals(rapport.insats)) if not rapport.insats.kompetenshojande else []
    existing = {r.mal_id: r for r in rapport.malresultat.all()}
    initial = [{"mal_id": m.pk, "uppfyllelse": getattr(existing.get(m.pk), "uppfyllelse", ""),
                "resultat": getattr(existing.get(m.pk), "resultat", "")} for m in goals]
    kwargs = {"kompetens": rapport.insats.kompetenshojande, "individ": rapport.insats.inriktning == Inriktning.INDIVID}
    if data is None:
        form = SlutrapportForm(instance=rapport, initial={"version": rapport.version}, **kwargs)
        goal_forms = SlutMalFormSet(prefix="mal", initial=initial)
    else:
        form = SlutrapportForm(data, instance=rapport, **kwargs)
        goal_forms = SlutMalFormSet(data, prefix="mal", initial=initial)
    for goal_form, mal in zip(goal_forms.forms, goals):
        goal_form.mal = mal
    return form, goal_forms


@login_required
def slutrapport(request, pk):
    insats = permissions.get_insats_for(request.user, pk)
    user = request.user
    rapport = Slutrapport.objects.filter(insats=insats).first()
    if rapport is None:
        if request.method != "POST" or not permissions.can_report_for(user, insats):
            raise Http404
        try:
            rapport = services.slutrapport_for(insats=insats, user=user)
        except DomainError as error:
            messages.error(request, error.message)
            return redirect(insats)
        return redirect("insatser:slutrapport", pk=insats.pk)
    editable = permissions.can_report_for(user, insats) and rapport.status in Slutrapport.OWNER_EDITABLE
    sums = insats.lagesrapporter.aggregate(inskrivna=Sum("inskrivna"), avslutade=Sum("avslutade"),
                                           till_arbete_studier=Sum("till_arbete_studier"), kostnader=Sum("kostnader"))
    context = {"insats": insats, "rapport": rapport, "editable": editable, "staff": permissions.can_prepare(user),
               "granska_form": GranskaForm(), "summor": sums, "handelser": lifecycle.events_for(rapport)}
    if request.method == "POST" and editable and "version" in request.POST:
        def save(form, goal_forms):
            results = {f.cleaned_data["mal_id"]: {"uppfyllelse": f.cleaned_data["uppfyllelse"], "resultat": f.cleaned_data["resultat"]}
                       for f in goal_forms.forms}
            return services.slutrapport_save(rapport=rapport, user=user, version=form.cleaned_data["version"],
                                             fields=_report_fields(form), malresultat=results)

        return _report_post(
            request, rapport=rapport, make_forms=_final_forms, save=save,
            submit=lambda saved: services.slutrapport_submit(rapport=saved, user=user),
            template="insatser/slutrapport.html", context=context, noun="Slutrapporten",
        )
    if editable:
        context["form"], context["goal_forms"] = _final_forms(rapport)
    else:
        results = {r.mal_id: r for r in rapport.malresultat.all()}
        context["goal_rows"] = [(m, results.get(m.pk)) for m in services.report_goals(insats)] if not insats.kompetenshojande else []
    return render(request, "insatser/slutrapport.html", context)


@login_required
@require_POST
def slutrapport_review(request, pk):
    insats = permissions.get_insats_for(request.user, pk)
    rapport = Slutrapport.objects.filter(insats=insats).first()
    form = GranskaForm(request.POST)
    if rapport is None or not form.is_valid():
        messages.error(request, "Välj om slutrapporten godkänns eller ska kompletteras.")
        return redirect(insats)
    try:
        services.slutrapport_review(rapport=rapport, user=request.user, godkann=form.cleaned_data["beslut"] == "godkann",
                                    kommentar=form.cleaned_data["kommentar"])
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, "Granskningen är sparad.")
    return redirect("insatser:slutrapport", pk=insats.pk)
