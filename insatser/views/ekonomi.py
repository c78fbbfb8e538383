"""Money: invoices (create, page, decisions, list with export) and the year-end transfer."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from insatser import permissions, selectors, services
from insatser.models import Overforing, Rekvisition
from rar import lifecycle
from rar.errors import DomainError
from rar.permissions import require
from rar import lists
from insatser import lists as insats_lists
from rar.once import create_once
from rar.templatetags.rar_format import kronor



@login_required
def rekvisition_create(request, pk):
    insats = permissions.get_insats_for(request.user, pk)
    require(permissions.can_invoice(request.user, insats), "Bara insatsägaren kan skicka in rekvisitioner för insatsen.")
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
        "four_eyes_payment": settings.FOUR_EYES_PAYMENT_STRICT, "handelser": lifecycle.events_for(rekvisition),
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
    listing = lists.run(request, insats_lists.REKVISITION_LIST, selectors.rekvisition_rows(request.user))
    return listing.export() or lists.render(request, "insatser/rekvisition_list.html", listing)


@login_required
def arsavslut(request, pk):
    from insatser.forms import ArsavslutForm

    insats = permissions.get_insats_for(request.user, pk)
    require(permissions.can_prepare(request.user), "Bara förbundets kansli beslutar om överföring av medel.")
    economy = selectors.insats_economy(insats)
    closed = set(insats.overforingar.filter(typ__in=[Overforing.Typ.OVERFORD, Overforing.Typ.ATERFORD]).values_list("fran_ar", flat=True))
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
