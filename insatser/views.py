from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import BigIntegerField, Min, OuterRef, Q, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from insatser import dokument, permissions, report_checks, selectors, services
from insatser.forms import (
    AnsokanForm,
    AvtalVillkorForm,
    BudgetFormSet,
    FasForm,
    GranskaForm,
    InsatsFilterForm,
    KommentarForm,
    LagesrapportForm,
    MalFormSet,
    MalRapportFormSet,
    NyAnsokanForm,
    SlutMalFormSet,
    SlutrapportForm,
    StyrgruppForm,
)
from insatser.models import Ansokan, Avtal, Beviljat, BudgetAr, Fas, Insats, Lagesrapport, Mal, Overforing, Rekvisition, Slutrapport
from rar import permissions as rar_permissions
from rar import roles
from rar.columns import fit
from rar.errors import DomainError
from rar.exports import export_response
from rar.history import Part, history_rows
from rar.moten import au as moten_au, beslutsbesked
from rar.moten import permissions as moten_permissions
from rar.listing import paginate
from rar.once import create_once
from rar.params import error_text
from rar.pdf import pdf_response
from rar.templatetags.rar_format import kronor


def _forbidden(request, reason):
    """The 403 page with the reason in Swedish."""
    return render(request, "403.html", {"reason": reason}, status=403)


# --- Applications -------------------------------------------------------------------------------------


def _apply_filters(qs, form, name_field):
    """The list filters shared by applications and insatser (both have owner, kind, period and länsdelar)."""
    if not form.is_valid():
        return qs
    data = form.cleaned_data
    if data["q"]:
        qs = qs.filter(
            Q(**{f"{name_field}__icontains": data["q"]}) | Q(arende__diarienummer__icontains=data["q"]) | Q(syfte__icontains=data["q"])
        )
    if data["status"]:
        qs = qs.filter(status=data["status"])
    if data["agare"]:
        qs = qs.filter(agare=data["agare"])
    if data["inriktning"]:
        qs = qs.filter(inriktning=data["inriktning"])
    if data["ar"]:
        qs = qs.filter(period_start__year__lte=data["ar"], period_slut__year__gte=data["ar"])
    if data["lansdel"]:
        qs = qs.filter(Q(lansdelar__contains=[data["lansdel"]]) | Q(lansovergripande=True))
    return qs


def _filtered_ansokningar(request, form):
    qs = permissions.ansokningar_visible_to(request.user).with_list_data().prefetch_related("budget")
    return _apply_filters(qs, form, "titel").order_by("-arende__ar", "-arende__lopnummer")


@login_required
def ansokan_list(request):
    form = InsatsFilterForm(request.GET or None, status_choices=Ansokan.Status.choices)
    qs = _filtered_ansokningar(request, form)
    fmt = request.GET.get("export")
    if fmt in ("csv", "xlsx"):
        rows = (
            (a.arende.diarienummer, a.titel, a.get_typ_display(), a.get_status_display(), str(a.agare),
             ", ".join(str(p) for p in a.parter.all()), a.get_inriktning_display(), a.period_start, a.period_slut,
             a.sokt_belopp, a.beviljat_belopp)
            for a in qs
        )
        headers = ["Diarienummer", "Namn", "Typ", "Status", "Insatsägare", "Parter", "Inriktning", "Från", "Till",
                   "Sökt (kr)", "Beviljat (kr)"]
        return export_response(fmt=fmt, filename="ansokningar", headers=headers, rows=rows)
    page, query = paginate(request, qs)
    return render(request, "insatser/ansokan_list.html", {
        "form": form, "page": page, "query": query,
        "can_create": permissions.can_create_ansokan(request.user),
    })


@login_required
def ansokan_create(request):
    if not permissions.can_create_ansokan(request.user):
        return _forbidden(request, "Du har inte behörighet att skapa ansökningar.")
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


def _render_edit(request, ansokan, form, goals, budget, submit_errors=(), status=200):
    return render(request, "insatser/ansokan_form.html", {
        "ansokan": ansokan, "form": form, "goals": goals, "budget": budget, "submit_errors": submit_errors,
    }, status=status)


@login_required
def ansokan_edit(request, pk):
    ansokan = permissions.get_ansokan_for(request.user, pk)
    if not permissions.can_edit_ansokan(request.user, ansokan):
        messages.error(request, f"Ansökan är {ansokan.get_status_display().lower()} och kan inte ändras av dig nu.")
        return redirect(ansokan)
    if request.method != "POST":
        return _render_edit(request, ansokan, *_edit_forms(ansokan))
    form, goals, budget = _edit_forms(ansokan, request.POST)
    valid = form.is_valid() & budget.is_valid() & (goals is None or goals.is_valid())
    if not valid:
        messages.error(request, "Ansökan är inte sparad: rätta de markerade fälten. Allt du skrivit finns kvar.")
        return _render_edit(request, ansokan, form, goals, budget, status=400)
    fields = {name: value for name, value in form.cleaned_data.items() if name not in ("version", "parter")}
    try:
        saved = services.ansokan_save(
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
        return _render_edit(request, ansokan, form, goals, budget, status=409)
    except DomainError as error:
        form.add_error(None, error.message)
        return _render_edit(request, ansokan, form, goals, budget, status=400)
    if request.POST.get("action") != "skicka":
        messages.success(request, "Utkastet är sparat.")
        return redirect("insatser:ansokan_edit", pk=saved.pk)
    submit = services.ansokan_submit_completion if saved.status == Ansokan.Status.KOMPLETTERING else services.ansokan_submit
    try:
        submit(ansokan=saved, user=request.user)
    except services.SubmitErrors as error:
        data = request.POST.copy()
        data["version"] = saved.version
        form, goals, budget = _edit_forms(saved, data)
        form.is_valid()
        for field, message in error.errors:
            if field in form.fields:
                form.add_error(field, message)
        messages.warning(request, "Utkastet är sparat men kan inte skickas in än. Se listan nedan.")
        return _render_edit(request, saved, form, goals, budget, submit_errors=error.errors, status=400)
    except DomainError as error:
        messages.error(request, error.message)
        return redirect(saved)
    messages.success(request, "Ansökan är inskickad till förbundets kansli.")
    return redirect(saved)


# The parts whose changes show in the object's history on its page.
ANSOKAN_PARTS = [
    Part(Mal, "ansokan", lambda r: f"Mål {r.ordning + 1}"),
    Part(BudgetAr, "ansokan", lambda r: f"Budget {r.ar}"),
]
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
def ansokan_detail(request, pk):
    ansokan = permissions.get_ansokan_for(request.user, pk)
    user = request.user
    staff = permissions.can_prepare(user)
    context = {
        "ansokan": ansokan,
        "mal": ansokan.mal.all(),
        "budget": ansokan.budget.all(),
        "handelser": ansokan.handelser.select_related("anvandare"),
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


STEPS = {
    "skicka": "submit",
    "bered": "start_review",
    "komplettering": "request_completion",
    "au": "send_to_au",
    "ateruppta": "resume_review",
}


@login_required
@require_POST
def ansokan_step(request, pk, step):
    ansokan = permissions.get_ansokan_for(request.user, pk)
    if step not in STEPS:
        raise Http404
    try:
        if step == "skicka":
            services.ansokan_submit(ansokan=ansokan, user=request.user)
        elif step == "bered":
            services.ansokan_start_review(ansokan=ansokan, user=request.user)
        elif step == "komplettering":
            form = KommentarForm(request.POST)
            if not form.is_valid():
                raise DomainError(error_text(form))
            services.ansokan_request_completion(ansokan=ansokan, user=request.user, kommentar=form.cleaned_data["kommentar"])
        elif step == "au":
            services.ansokan_send_to_au(ansokan=ansokan, user=request.user)
        elif step == "ateruppta":
            services.ansokan_resume_review(ansokan=ansokan, user=request.user)
    except services.SubmitErrors as error:
        for _, message in error.errors:
            messages.error(request, message)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        ansokan.refresh_from_db(fields=["status"])
        messages.success(request, f"Ansökan är nu: {ansokan.get_status_display().lower()}.")
    return redirect("insatser:ansokan_detail", pk=ansokan.pk)


# --- Insatser -----------------------------------------------------------------------------------------


def _insats_list_qs(user, form):
    granted = (
        Beviljat.objects.filter(insats=OuterRef("pk")).values("insats").annotate(s=Sum("belopp")).values("s")
    )
    next_report = (
        Lagesrapport.objects.filter(insats=OuterRef("pk"), status__in=Lagesrapport.OWNER_EDITABLE)
        .values("insats").annotate(d=Min("forfaller")).values("d")
    )
    qs = permissions.insatser_visible_to(user).with_list_data().annotate(
        beviljat_totalt=Coalesce(Subquery(granted, output_field=BigIntegerField()), Value(0)),
        nasta_rapport=Subquery(next_report),
    )
    return _apply_filters(qs, form, "namn").order_by("-period_start", "namn")


@login_required
def insats_list(request):
    form = InsatsFilterForm(request.GET or None, status_choices=Insats.Status.choices)
    qs = _insats_list_qs(request.user, form)
    fmt = request.GET.get("export")
    if fmt in ("csv", "xlsx"):
        rows = (
            (i.arende.diarienummer, i.namn, i.get_status_display(), str(i.agare), ", ".join(str(p) for p in i.parter.all()),
             i.get_inriktning_display(), "Ja" if i.lansovergripande else "Nej", "Ja" if i.langsiktig else "Nej",
             i.period_start, i.period_slut, i.beviljat_totalt)
            for i in qs
        )
        headers = ["Diarienummer", "Insats", "Status", "Insatsägare", "Parter", "Inriktning", "Länsövergripande",
                   "Långsiktig", "Från", "Till", "Beviljat (kr)"]
        return export_response(fmt=fmt, filename="insatser", headers=headers, rows=rows)
    page, query = paginate(request, qs)
    return render(request, "insatser/insats_list.html", {
        "form": form, "page": page, "query": query, "today": timezone.localdate(),
    })


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
    }
    if permissions.can_see_economy(user, insats):
        context["ekonomi"] = selectors.insats_economy(insats)
        context["rekvisitioner"] = insats.rekvisitioner.select_related("fas").order_by("-nummer")
        context["overforingar"] = insats.overforingar.select_related("beslutad_av").order_by("fran_ar", "pk")
    context["beviljat_totalt"] = sum(amount for _, amount in context["pengar"])
    if roles.is_kansli(user) or roles.LASARE in roles.roles_of(user):
        context["history"] = history_rows(insats, parts=INSATS_PARTS)
    return render(request, "insatser/insats_detail.html", context)


# --- Agreements ---------------------------------------------------------------------------------------


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
    if not permissions.can_prepare(request.user):
        return _forbidden(request, "Bara förbundets kansli ändrar avtalsvillkor.")
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


# --- Status reports -----------------------------------------------------------------------------------


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
    individ = rapport.insats.inriktning == "individ"
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


# --- Phases, steering group and final report ----------------------------------------------------------


@login_required
def fas_create(request, pk):
    insats = permissions.get_insats_for(request.user, pk)
    if not permissions.can_prepare(request.user):
        return _forbidden(request, "Bara förbundets kansli lägger upp faser.")
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


@login_required
def styrgrupp_edit(request, pk):
    insats = permissions.get_insats_for(request.user, pk)
    form = StyrgruppForm(request.POST or None, initial={"styrgrupp": insats.styrgrupp})
    if request.method == "POST" and form.is_valid():
        try:
            services.insats_set_styrgrupp(insats=insats, user=request.user, styrgrupp=form.cleaned_data["styrgrupp"])
        except DomainError as error:
            return _forbidden(request, error.message)
        messages.success(request, "Styrgruppen är sparad.")
        return redirect(insats)
    if not (permissions.can_prepare(request.user) or permissions.is_owner_of(request.user, insats.agare_id)):
        return _forbidden(request, "Bara kansliet och insatsägaren kan ändra styrgruppen.")
    return render(request, "simple_form.html", {
        "title": f"Styrgrupp för {insats.namn}", "form": form, "back": insats.get_absolute_url(), "submit": "Spara",
    })


def _final_forms(rapport, data=None):
    goals = list(services.report_goals(rapport.insats)) if not rapport.insats.kompetenshojande else []
    existing = {r.mal_id: r for r in rapport.malresultat.all()}
    initial = [{"mal_id": m.pk, "uppfyllelse": getattr(existing.get(m.pk), "uppfyllelse", ""),
                "resultat": getattr(existing.get(m.pk), "resultat", "")} for m in goals]
    kwargs = {"kompetens": rapport.insats.kompetenshojande, "individ": rapport.insats.inriktning == "individ"}
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
               "granska_form": GranskaForm(), "summor": sums}
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


# --- Money: invoices and year-end transfers ----------------------------------------------------------------


@login_required
def rekvisition_create(request, pk):
    insats = permissions.get_insats_for(request.user, pk)
    if not permissions.can_invoice(request.user, insats):
        return _forbidden(request, "Bara insatsägaren kan skicka in rekvisitioner för insatsen.")
    from insatser.forms import RekvisitionForm

    phases = list(insats.faser.order_by("nummer"))
    staff = permissions.can_prepare(request.user)
    form = RekvisitionForm(request.POST or None, request.FILES or None, phases=phases, staff=staff)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            rekvisition, earlier = create_once(request, lambda: services.rekvisition_submit(
                insats=insats, user=request.user, period_start=data["period_start"], period_slut=data["period_slut"],
                kostnader={name: data[name] for name in Rekvisition.COST_FIELDS},
                fas=int(data["fas"]) if data.get("fas") else None, beskrivning=data["beskrivning"],
                bilaga=data.get("bilaga"), forskott_motivering=data.get("forskott_motivering", ""),
            ))
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            if earlier is not None:
                return earlier
            messages.success(request, f"Rekvisition {rekvisition.nummer} är inskickad.")
            return redirect(rekvisition)
    economy = selectors.insats_economy(insats)
    return render(request, "insatser/rekvisition_form.html", {
        "insats": insats, "form": form, "ekonomi": economy,
    }, status=400 if request.method == "POST" else 200)


@login_required
def rekvisition_detail(request, pk):
    from insatser.forms import AvslagForm, BetalningForm

    rekvisition = permissions.get_rekvisition_for(request.user, pk)
    return render(request, "insatser/rekvisition_detail.html", {
        "r": rekvisition, "staff": permissions.can_prepare(request.user),
        "avslag_form": AvslagForm(), "betalning_form": BetalningForm(initial={"betald_datum": timezone.localdate()}),
        "overforingar": rekvisition.overforingar.all(),
        "four_eyes_payment": settings.FOUR_EYES_PAYMENT_STRICT,
    })


@login_required
@require_POST
def rekvisition_action(request, pk, action):
    from insatser.forms import AvslagForm, BetalningForm

    rekvisition = permissions.get_rekvisition_for(request.user, pk)
    try:
        if action == "godkann":
            services.rekvisition_approve(rekvisition=rekvisition, user=request.user)
            messages.success(request, "Rekvisitionen är godkänd.")
        elif action == "avsla":
            form = AvslagForm(request.POST)
            if not form.is_valid():
                raise DomainError("Skriv varför rekvisitionen avslås.")
            services.rekvisition_reject(rekvisition=rekvisition, user=request.user, motivering=form.cleaned_data["motivering"])
            messages.success(request, "Rekvisitionen är avslagen.")
        elif action == "betala":
            form = BetalningForm(request.POST)
            if not form.is_valid():
                raise DomainError("Ange betalningsdag som ÅÅÅÅ-MM-DD.")
            services.rekvisition_pay(rekvisition=rekvisition, user=request.user, betald_datum=form.cleaned_data["betald_datum"])
            messages.success(request, "Rekvisitionen är markerad som betald.")
        else:
            raise Http404
    except DomainError as error:
        messages.error(request, error.message)
    return redirect(rekvisition)


@login_required
def rekvisition_list(request):
    from insatser.forms import RekvisitionFilterForm

    form = RekvisitionFilterForm(request.GET or None)
    qs = permissions.rekvisitioner_visible_to(request.user).select_related("insats__agare", "insats__arende", "fas")
    if form.is_valid():
        if form.cleaned_data["ar"]:
            qs = qs.filter(ar=form.cleaned_data["ar"])
        if form.cleaned_data["status"]:
            qs = qs.filter(status=form.cleaned_data["status"])
    qs = qs.order_by("-inskickad", "-pk")
    totals = qs.aggregate(summa=Sum("belopp"), betalt=Sum("belopp", filter=Q(status=Rekvisition.Status.BETALD)))
    fmt = request.GET.get("export")
    if fmt in ("csv", "xlsx"):
        headers = ["Diarienummer", "Insats", "Insatsägare", "Rekvisition", "År", "Från", "Till", "Fas", "Personal (kr)",
                   "Lokaler (kr)", "Resor (kr)", "Övrigt (kr)", "Belopp (kr)", "Status", "Inskickad", "Betald"]
        rows = ((r.insats.arende.diarienummer, r.insats.namn, str(r.insats.agare), r.nummer, r.ar, r.period_start,
                 r.period_slut, r.fas.nummer if r.fas else "", r.personal, r.lokaler, r.resor, r.ovrigt, r.belopp,
                 r.get_status_display(), timezone.localtime(r.inskickad).date(), r.betald_datum) for r in qs)
        return export_response(fmt=fmt, filename="rekvisitioner", headers=headers, rows=rows)
    page, query = paginate(request, qs)
    return render(request, "insatser/rekvisition_list.html", {"form": form, "page": page, "query": query, "totals": totals})


@login_required
def arsavslut(request, pk):
    from insatser.forms import ArsavslutForm

    insats = permissions.get_insats_for(request.user, pk)
    if not permissions.can_prepare(request.user):
        return _forbidden(request, "Bara förbundets kansli beslutar om överföring av medel.")
    economy = selectors.insats_economy(insats)
    closed = set(insats.overforingar.filter(typ__in=["overford", "aterford"]).values_list("fran_ar", flat=True))
    years = [y.ar for y in economy.years if y.ar < timezone.localdate().year and y.ar not in closed and y.aterstar > 0]
    form = ArsavslutForm(request.POST or None, years=years)
    if request.method == "POST" and form.is_valid():
        try:
            transfer = services.insats_close_year(insats=insats, user=request.user, ar=form.cleaned_data["ar"],
                                                  overfor=form.cleaned_data["beslut"] == "overfor",
                                                  motivering=form.cleaned_data["motivering"])
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, f"{transfer.get_typ_display()}: {kronor(transfer.belopp)} från {transfer.fran_ar}.")
            return redirect(insats)
    return render(request, "insatser/arsavslut.html", {"insats": insats, "form": form, "ekonomi": economy, "years": years},
                  status=400 if request.method == "POST" else 200)


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
