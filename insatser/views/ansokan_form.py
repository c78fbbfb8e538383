"""The owner's application form: saving a draft (by the button, or automatically while typing), the completion
request shown on top until answered, and a confirmation step before the application is submitted."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from insatser import permissions, services
from insatser.forms import AnsokanForm, BudgetFormSet, MalFormSet
from insatser.models import Ansokan
from rar import lifecycle
from rar.errors import DomainError, NotAllowed


def _edit_forms(ansokan, data=None):
    if data is None:
        form = AnsokanForm(instance=ansokan, initial={"version": ansokan.version, "parter": list(ansokan.parter.all())})
        goals = MalFormSet(prefix="mal", initial=[
            {"typ": m.typ, "beskrivning": m.beskrivning, "indikator": m.indikator, "malvarde": m.malvarde}
            for m in ansokan.mal.all()
        ])
        budget = BudgetFormSet(prefix="budget", initial=[{"ar": b.ar, "belopp": b.belopp} for b in ansokan.budget.all()])
    else:
        form = AnsokanForm(data, instance=ansokan)
        goals = MalFormSet(data, prefix="mal")
        budget = BudgetFormSet(data, prefix="budget")
    if ansokan.is_kompetens:
        goals = None
    return form, goals, budget


def completion_request(ansokan):
    """What staff asked the owner to complete, while the application waits for it (else None)."""
    if ansokan.status != Ansokan.Status.KOMPLETTERING:
        return None
    return lifecycle.events_for(ansokan).filter(till_status=Ansokan.Status.KOMPLETTERING).last()


def _render_edit(request, ansokan, form, goals, budget, submit_errors=(), status=200):
    return render(request, "insatser/ansokan_form.html", {
        "ansokan": ansokan, "form": form, "goals": goals, "budget": budget, "submit_errors": submit_errors,
        "komplettering": completion_request(ansokan), "can_submit": permissions.can_submit_ansokan(request.user, ansokan),
    }, status=status)


class Unsaved(Exception):
    """The draft could not be saved; `status` is the HTTP status, the forms carry the errors."""

    def __init__(self, status, forms, message):
        super().__init__(message)
        self.status, self.forms, self.message = status, forms, message


def _save(request, ansokan):
    """Save the posted form as a draft (complete or not). Returns the saved application; raises Unsaved."""
    form, goals, budget = _edit_forms(ansokan, request.POST)
    valid = form.is_valid() & budget.is_valid() & (goals is None or goals.is_valid())
    if not valid:
        raise Unsaved(400, (form, goals, budget), "Ansökan är inte sparad: rätta de markerade fälten. Allt du skrivit finns kvar.")
    fields = {name: value for name, value in form.cleaned_data.items() if name not in ("version", "parter")}
    try:
        return services.ansokan_save(
            ansokan=ansokan, user=request.user, version=form.cleaned_data["version"], fields=fields,
            parter=form.cleaned_data.get("parter") or [],
            mal=[f.cleaned_data for f in goals.forms if f.cleaned_data] if goals is not None else [],
            budget=[(f.cleaned_data["ar"], f.cleaned_data["belopp"]) for f in budget.forms
                    if f.cleaned_data and f.cleaned_data.get("ar") is not None],
        )
    except services.StaleVersion as error:
        data = request.POST.copy()
        data["version"] = Ansokan.objects.values_list("version", flat=True).get(pk=ansokan.pk)
        form, goals, budget = _edit_forms(ansokan, data)
        form.is_valid()
        form.add_error(None, error.message)
        raise Unsaved(409, (form, goals, budget), error.message) from None
    except DomainError as error:
        form.add_error(None, error.message)
        raise Unsaved(400, (form, goals, budget), error.message) from None


def _editable(request, pk):
    """The application, if the user may change it now: NotAllowed (403) for a role that never edits it, a
    DomainError (a message) when its status does not allow it."""
    ansokan = permissions.get_ansokan_for(request.user, pk)
    if not (permissions.can_prepare(request.user) or permissions.is_owner_of(request.user, ansokan.agare_id)):
        raise NotAllowed("Bara insatsägarens kontaktpersoner och förbundets kansli ändrar en ansökan.")
    if not permissions.can_edit_ansokan(request.user, ansokan):
        raise DomainError(f"Ansökan har status ”{ansokan.get_status_display().lower()}” och kan inte ändras av dig nu.")
    return ansokan


@login_required
def ansokan_edit(request, pk):
    try:
        ansokan = _editable(request, pk)
    except DomainError as error:
        messages.error(request, error.message)
        return redirect("insatser:ansokan_detail", pk=pk)
    if request.method != "POST":
        return _render_edit(request, ansokan, *_edit_forms(ansokan))
    try:
        saved = _save(request, ansokan)
    except Unsaved as unsaved:
        if unsaved.status == 400 and not unsaved.forms[0].non_field_errors():
            messages.error(request, unsaved.message)
        return _render_edit(request, ansokan, *unsaved.forms, status=unsaved.status)
    if request.POST.get("action") != "skicka" or not permissions.can_submit_ansokan(request.user, saved):
        messages.success(request, "Utkastet är sparat.")
        return redirect("insatser:ansokan_edit", pk=saved.pk)
    errors = services.validate_for_submit(saved)
    if errors:
        data = request.POST.copy()
        data["version"] = saved.version
        form, goals, budget = _edit_forms(saved, data)
        form.is_valid()
        for field, message in errors:
            if field in form.fields:
                form.add_error(field, message)
        messages.warning(request, "Utkastet är sparat men kan inte skickas in än. Se listan nedan.")
        return _render_edit(request, saved, form, goals, budget, submit_errors=errors, status=400)
    return redirect("insatser:ansokan_confirm", pk=saved.pk)


@login_required
@require_POST
def ansokan_autosave(request, pk):
    """The form saves itself while the owner types (static/js/formular.js): JSON with the time and new version."""
    try:
        ansokan = _editable(request, pk)
        saved = _save(request, ansokan)
    except NotAllowed as error:
        return JsonResponse({"fel": f"Inte sparat: {error.message}", "stopp": True}, status=403)
    except DomainError as error:
        return JsonResponse({"fel": f"Inte sparat: {error.message}", "stopp": True}, status=409)
    except Unsaved as unsaved:
        if unsaved.status == 409:
            return JsonResponse({"fel": f"Inte sparat automatiskt: {unsaved.message}", "stopp": True}, status=409)
        return JsonResponse({"fel": "Inte sparat automatiskt: något fält har ett ogiltigt värde. Klicka på Spara utkast "
                                    "för att se vilket."}, status=400)
    return JsonResponse({"sparat": timezone.localtime().strftime("%H:%M"), "version": saved.version})


@login_required
def ansokan_confirm(request, pk):
    """The last step before submitting: what is about to be sent, and one button that sends it."""
    try:
        ansokan = _editable(request, pk)
    except DomainError as error:
        messages.error(request, error.message)
        return redirect("insatser:ansokan_detail", pk=pk)
    completion = ansokan.status == Ansokan.Status.KOMPLETTERING
    if not permissions.can_submit_ansokan(request.user, ansokan):
        messages.error(request, "Ansökan skickas in av insatsägaren: kompletteringen lämnas av insatsägarens kontaktpersoner."
                       if completion else f"Ansökan har status ”{ansokan.get_status_display().lower()}” och skickas inte in härifrån.")
        return redirect(ansokan)
    if request.method == "POST":
        submit = services.ansokan_submit_completion if completion else services.ansokan_submit
        try:
            submit(ansokan=ansokan, user=request.user)
        except services.SubmitErrors:
            messages.warning(request, "Ansökan kan inte skickas in än: se listan nedan.")
            return redirect("insatser:ansokan_edit", pk=ansokan.pk)
        except DomainError as error:
            messages.error(request, error.message)
            return redirect(ansokan)
        messages.success(request, "Kompletteringen är inlämnad till förbundets kansli." if completion
                         else "Ansökan är inskickad till förbundets kansli.")
        return redirect(ansokan)
    return render(request, "insatser/ansokan_confirm.html", {
        "ansokan": ansokan, "completion": completion, "parter": [p for p in ansokan.parter.all() if p.pk != ansokan.agare_id],
        "budget": list(ansokan.budget.order_by("ar")), "mal": list(ansokan.mal.all()),
        "errors": services.validate_for_submit(ansokan),
    })
