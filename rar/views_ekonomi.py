"""Staff pages for the money the budget and the contributions are computed from: budget lines and outcome, the
year's total contribution, and the population aged 16–64 per municipality (entered, or imported from SCB)."""

from django.utils.translation import ngettext
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.shortcuts import get_object_or_404, redirect, render

from rar import roles, services
from rar.permissions import require
from rar.errors import DomainError
from rar.forms_ekonomi import BefolkningForm, BudgetpostForm, MedlemsbidragForm, ScbImportForm
from rar.models import Befolkning, Budgetpost, Medlemsbidrag, Organisation
from rar.scb import match_members, parse_population

IMPORT_SALT = "rar.befolkning-import"


@login_required
def budget_poster(request, ar):
    require(roles.is_kansli(request.user), "Bara förbundets kansli ändrar budgeten.")
    post = get_object_or_404(Budgetpost, pk=request.GET["post"], ar=ar) if request.GET.get("post", "").isdigit() else None
    bidrag = Medlemsbidrag.objects.filter(ar=ar).first()
    line_form = BudgetpostForm(instance=post)
    total_form = MedlemsbidragForm(initial={"totalt": bidrag.totalt, "beslut": bidrag.beslut} if bidrag else None)
    if request.method == "POST":
        action = request.POST.get("action") or ("post" if "namn" in request.POST else "bidrag")
        form = BudgetpostForm(request.POST, instance=post) if action == "post" else MedlemsbidragForm(request.POST)
        if form.is_valid():
            try:
                if action == "post":
                    services.budgetpost_save(user=request.user, ar=ar, post=post, **form.cleaned_data)
                else:
                    services.medlemsbidrag_save(user=request.user, ar=ar, **form.cleaned_data)
            except DomainError as error:
                form.add_error(None, error.message)
            else:
                messages.success(request, f"Budgeten för {ar} är sparad.")
                return redirect("budget_poster", ar=ar)
        if action == "post":
            line_form = form
        else:
            total_form = form
    return render(request, "rar/budget_poster.html", {
        "ar": ar, "poster": Budgetpost.objects.filter(ar=ar).order_by("slag", "ordning", "pk"), "post": post,
        "line_form": line_form, "total_form": total_form, "bidrag": bidrag,
    }, status=400 if request.method == "POST" else 200)


@login_required
def befolkning(request, ar):
    require(roles.is_kansli(request.user), "Bara förbundets kansli registrerar befolkning.")
    municipalities = list(Organisation.objects.active_in(ar).filter(typ=Organisation.Typ.KOMMUN).order_by("namn"))
    current = {row.organisation_id: row for row in Befolkning.objects.filter(ar=ar, organisation__in=municipalities)}
    initial = {f"org_{pk}": row.antal_16_64 for pk, row in current.items()}
    if current:
        initial["kalla"] = next(iter(current.values())).kalla
    form = BefolkningForm(request.POST or None, municipalities=municipalities, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            changed = services.befolkning_save(user=request.user, rows=form.rows(ar), kalla=form.cleaned_data["kalla"])
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, f"Befolkningen för {ar} är sparad ({changed} ändrade).")
            return redirect("medlemsbidrag_ar", ar=ar)
    return render(request, "rar/befolkning.html", {"ar": ar, "form": form},
                  status=400 if request.method == "POST" else 200)


@login_required
def befolkning_import(request):
    """Upload SCB's CSV → preview (nothing saved) → confirm. The preview's rows travel signed, not re-uploaded."""
    require(roles.is_kansli(request.user), "Bara förbundets kansli registrerar befolkning.")
    form, context = ScbImportForm(request.POST or None, request.FILES or None), {}
    if request.method == "POST" and "bekrafta" in request.POST:
        try:
            payload = signing.loads(request.POST.get("rader", ""), salt=IMPORT_SALT, max_age=3600)
        except signing.BadSignature:
            messages.error(request, "Förhandsgranskningen har gått ut eller ändrats. Ladda upp filen igen.")
            return redirect("befolkning_import")
        members = {org.pk: org for org in Organisation.objects.filter(pk__in=[pk for pk, _, _ in payload["rader"]])}
        try:
            changed = services.befolkning_save(user=request.user, kalla=payload["kalla"],
                                               rows=[(members[pk], ar, antal) for pk, ar, antal in payload["rader"]])
        except DomainError as error:
            messages.error(request, error.message)
            return redirect("befolkning_import")
        rows = len(payload["rader"])
        messages.success(request, ngettext("Befolkningen är importerad: %(changed)d ändrade av %(rows)d rad.",
                                           "Befolkningen är importerad: %(changed)d ändrade av %(rows)d rader.", rows)
                         % {"changed": changed, "rows": rows})
        return redirect("medlemsbidrag")
    if request.method == "POST" and form.is_valid():
        try:
            found = parse_population(form.cleaned_data["fil"].read())
        except DomainError as error:
            form.add_error("fil", error.message)
        else:
            municipalities = list(Organisation.objects.filter(typ=Organisation.Typ.KOMMUN))
            matched, ignored = match_members(found, municipalities)
            current = {(row.organisation_id, row.ar): row.antal_16_64 for row in Befolkning.objects.filter(
                organisation__in=municipalities, ar__in={item.ar for item in found})}
            rows = [(item, org, current.get((org.pk, item.ar))) for item, org in matched]
            incomplete = [(item, org) for item, org in matched if item.saknade_aldrar]
            context.update(rows=rows, ignored=ignored, incomplete=incomplete)
            if not incomplete and rows:
                context["rader"] = signing.dumps({"kalla": form.cleaned_data["kalla"], "rader": [
                    (org.pk, item.ar, item.antal) for item, org in matched]}, salt=IMPORT_SALT)
    status = 400 if request.method == "POST" and (form.errors or context.get("incomplete")) else 200
    return render(request, "rar/befolkning_import.html", {"form": form, **context}, status=status)
