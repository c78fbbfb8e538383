import dataclasses

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Prefetch, Q
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from rar import dashboard, permissions, roles, selectors, services
from rar.errors import DomainError
from rar.forms import ArendeForm, HandlingForm
from rar.history import Part, history_rows
from rar import app_lists, lists, search
from rar.once import create_once
from rar.params import BudgetParamsForm, parse
from rar.models import Arende, Befolkning, Handling, Organisation

@login_required
def start(request):
    role = roles.primary_role(request.user)
    visible = permissions.arenden_visible_to(request.user)
    context = {"role": role, "role_description": roles.DESCRIPTIONS.get(role, "")}
    if role is None:
        return render(request, "rar/start/ingen_roll.html", context)
    context["senaste_arenden"] = visible.with_list_data()[:10]
    context["antal"] = visible.aggregate(
        oppna=Count("pk", filter=Q(status=Arende.Status.OPPET)), totalt=Count("pk")
    )
    year = timezone.localdate().year
    if role == roles.KANSLI:
        context["per_typ"] = (
            visible.filter(status=Arende.Status.OPPET).values("typ").annotate(antal=Count("pk")).order_by("typ")
        )
        context["typ_labels"] = dict(Arende.Typ.choices)
        context["ar_utan_bidrag"] = year not in selectors.contribution_years()
        context["ar"] = year
    if role == roles.INSATSAGARE:
        context["organisation"] = request.user.organisation
    context["panels"] = dashboard.panels_for(request, role)
    template = {
        roles.KANSLI: "rar/start/kansli.html",
        roles.STYRELSE: "rar/start/styrelse.html",
        roles.INSATSAGARE: "rar/start/insatsagare.html",
        roles.UTVARDERARE: "rar/start/utvarderare.html",
        roles.LASARE: "rar/start/lasare.html",
    }[role]
    return render(request, template, context)


@login_required
def arende_list(request):
    listing = lists.run(request, app_lists.ARENDE_LIST, app_lists.arende_rows(request.user))
    return listing.export() or lists.render(request, "rar/arende_list.html", listing, {
        "can_register": permissions.can_register_arende(request.user),
    })


@login_required
def arende_create(request):
    permissions.require(permissions.can_register_arende(request.user))
    form = ArendeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            arende, earlier = create_once(request, lambda: services.arende_register(user=request.user, **form.cleaned_data))
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            if earlier is not None:
                return earlier
            messages.success(request, f"Ärendet registrerades som {arende.diarienummer}.")
            return redirect(arende)
    return render(request, "rar/arende_form.html", {"form": form})


@login_required
def arende_detail(request, pk):
    arende = permissions.get_arende_for(request.user, pk)
    handlingar = permissions.handlingar_visible_to(request.user, arende)
    can_add = permissions.can_add_handling(request.user, arende)
    context = {
        "arende": arende,
        "handlingar": handlingar,
        "can_share": permissions.can_share_handlingar(request.user, arende),
        "handling_form": HandlingForm(staff=permissions.can_register_arende(request.user)) if can_add else None,
        "can_add_handling": can_add,
        "can_manage": permissions.can_register_arende(request.user),
    }
    if permissions.can_see_history(request.user):
        context["history"] = history_rows(arende, parts=[Part(Handling, "arende", lambda r: f"Handling {r.titel}")])
    return render(request, "rar/arende_detail.html", context)


@login_required
@require_POST
def arende_status(request, pk, action):
    arende = permissions.get_arende_for(request.user, pk)
    status = {"avsluta": Arende.Status.AVSLUTAT, "oppna": Arende.Status.OPPET}.get(action)
    if status is None:
        raise Http404
    try:
        services.arende_set_status(arende=arende, status=status, user=request.user)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, "Ärendets status ändrades.")
    return redirect(arende)


@login_required
def handling_upload(request, pk):
    arende = permissions.get_arende_for(request.user, pk)
    permissions.require(permissions.can_add_handling(request.user, arende))
    form = HandlingForm(request.POST or None, request.FILES or None, staff=permissions.can_register_arende(request.user))
    if request.method == "POST" and form.is_valid():
        try:
            services.handling_add(
                arende=arende, titel=form.cleaned_data["titel"], upload=form.cleaned_data["fil"], user=request.user,
                riktning=form.cleaned_data.get("riktning") or Handling.Riktning.INKOMMANDE,
                delad_med_parter=form.cleaned_data["delad_med_parter"],
            )
        except DomainError as error:
            form.add_error("fil", error.message)
        else:
            messages.success(request, "Handlingen lades till i ärendet.")
            return redirect(arende)
    status = 400 if request.method == "POST" else 200
    return render(request, "rar/handling_form.html", {"arende": arende, "form": form}, status=status)


@login_required
@require_POST
def handling_share(request, pk):
    """Share a document with the case's parties (delad=1) or stop sharing it (delad=0); back to the page it came from."""
    handling = permissions.get_handling_for(request.user, pk)
    permissions.require(permissions.can_share_handlingar(request.user, handling.arende))
    delad = request.POST.get("delad") == "1"
    try:
        services.handling_set_shared(handling=handling, user=request.user, delad=delad)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, f"”{handling.titel}” är {'delad med' if delad else 'inte längre delad med'} parterna.")
    back = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        back = handling.arende.get_absolute_url()
    return redirect(back)


@login_required
def handling_download(request, pk):
    handling = permissions.get_handling_for(request.user, pk)
    try:
        stream = handling.fil.open("rb")
    except FileNotFoundError:
        raise Http404("Filen saknas i arkivet.") from None
    response = FileResponse(
        stream, as_attachment=True, filename=handling.filnamn, content_type=handling.content_type
    )
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def organisation_list(request):
    organisations = Organisation.objects.annotate(
        antal_arenden=Count("arenden", filter=Q(arenden__in=permissions.arenden_visible_to(request.user)))
    ).order_by("typ", "namn")
    return render(request, "rar/organisation_list.html", {"organisations": organisations})


@login_required
def organisation_detail(request, pk):
    organisation = get_object_or_404(
        Organisation.objects.prefetch_related(Prefetch("befolkning", queryset=Befolkning.objects.order_by("-ar"))),
        pk=pk,
    )
    arenden = permissions.arenden_visible_to(request.user).filter(organisation=organisation).with_list_data()[:20]
    context = {"organisation": organisation, "arenden": arenden}
    if permissions.can_see_history(request.user):
        context["history"] = history_rows(organisation, parts=[Part(Befolkning, "organisation", lambda r: f"Befolkning {r.ar}")])
    return render(request, "rar/organisation_detail.html", context)


@login_required
def medlemsbidrag(request, ar=None):
    years = selectors.contribution_years()
    if ar is None:
        if not years:
            return render(request, "rar/medlemsbidrag.html", {"years": years, "error": "Inga medlemsbidrag är registrerade."})
        current = timezone.localdate().year
        ar = current if current in years else years[0]
        return redirect("medlemsbidrag_ar", ar=ar)
    context = {"years": years, "ar": ar}
    try:
        context["bidrag"] = selectors.contributions_for_year(ar)
    except DomainError as error:
        context["error"] = error.message
    return render(request, "rar/medlemsbidrag.html", context)


@login_required
def budget(request):
    from rar.selectors_budget import budget_table, plan_window

    all_years = selectors.budget_year_range()
    today = timezone.localdate()
    params = parse(BudgetParamsForm, request.GET, years=all_years)
    fmt = params["export"]
    window = all_years if fmt in ("csv", "xlsx") else plan_window(all_years, params["ar"], today.year)
    # Equity chains from year to year: compute from the first year, show the plan's years from the chosen one.
    budget = [year for year in selectors.budget_years(all_years) if year.ar in window]
    if fmt in ("csv", "xlsx"):
        from rar.exports import export_response

        return export_response(fmt=fmt, filename="budget-och-utfall", headers=selectors.BUDGET_EXPORT_HEADERS,
                               rows=selectors.budget_export_rows(budget))
    context = {"budget": budget, "table": budget_table(budget), "all_years": all_years, "chosen": window[0] if window else None,
               "forsta": window[0] if window else None, "sista": window[-1] if window else None,
               "kolumner": 1 + 2 * len(budget), "today": today, "poster_ar": window[0] if window else today.year}
    if fmt == "pdf":
        from rar.pdf import pdf_response

        return pdf_response("rar/budget_pdf.html", context, "budget-och-utfall.pdf")
    return render(request, "rar/budget.html", context)


@login_required
def att_gora(request):
    from django.utils import timezone

    from rar.due import due_for

    permissions.require(bool(roles.roles_of(request.user)), "Du har ingen roll i förbundets ärendehantering.")
    today = timezone.localdate()
    return render(request, "rar/att_gora.html", {"items": due_for(request.user, today), "today": today})


# --- Notifications ------------------------------------------------------------------------------------------


@login_required
def notiser(request):
    from rar.notiser import notiser_mark_read

    if request.method == "POST":
        notiser_mark_read(user=request.user)
        messages.success(request, "Alla notiser är markerade som lästa.")
        return redirect("notiser")
    unread_only = request.GET.get("visa") == "olasta"
    spec = dataclasses.replace(app_lists.NOTIS_LIST, empty=_("Inga olästa notiser.") if unread_only else _("Inga notiser."))
    listing = lists.run(request, spec, app_lists.notis_rows(request.user))
    return listing.export() or lists.render(request, "rar/notiser.html", listing, {"unread_only": unread_only})


@login_required
def sok(request):
    """The top bar's search: hits grouped by type, each only where the user may see it (rar/search.py)."""
    query, groups = search.search(request.user, request.GET.get("q", ""))
    return render(request, "rar/sok.html", {"query": query, "groups": groups})


@login_required
def notis_oppna(request, pk):
    """A notice's link: marks it read and follows it (back to the notices if it leads nowhere)."""
    from rar.notiser import notis_open

    url = notis_open(user=request.user, pk=pk)
    return redirect(url if url.startswith("/") and not url.startswith("//") else "notiser")


@login_required
def notisval(request):
    from rar.forms import NotisvalForm
    from rar.models import Handelse

    user = request.user
    current = {c.handelse: c.epost for c in user.notisval.all()}
    initial = {f"epost_{h}": current.get(h, True) for h in Handelse.values} | {"dagligt_sammandrag": user.dagligt_sammandrag}
    form = NotisvalForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.notisval_save(user=user, dagligt_sammandrag=form.cleaned_data["dagligt_sammandrag"],
                               epost={h: form.cleaned_data[f"epost_{h}"] for h in Handelse.values})
        messages.success(request, "Dina val för notiser är sparade.")
        return redirect("notisval")
    return render(request, "simple_form.html", {"title": "Notiser och e-post", "form": form, "back": "/notiser/",
                                                "submit": "Spara"})


def bad_request(request, exception):
    """The 400 page (handler400): the Swedish message of a `BadParameter`, else a general sentence."""
    from rar.errors import BadParameter

    reason = exception.message if isinstance(exception, BadParameter) else ""
    return render(request, "400.html", {"reason": reason}, status=400)


def forbidden(request, exception):
    """The 403 page (handler403) for every refusal of a right: the Swedish reason the service or permission
    helper gave (`rar.errors.NotAllowed`, or a PermissionDenied with a message), else a general sentence."""
    return render(request, "403.html", {"reason": str(exception) if exception.args else ""}, status=403)
