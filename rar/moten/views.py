"""Pages for meetings: agenda, attendance, decisions, decision list, protocol, extract and notice."""

from django.utils.translation import ngettext
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from rar import case_handlers, lifecycle, lists, roles
from rar.moten import lists as moten_lists
from rar import permissions as rar_permissions
from rar.moten import locks, permissions, selectors
from rar.errors import DomainError
from rar.moten.forms import (
    AgendaVersionForm, AnslagForm, ArendenForm, BeslutForm, FunktionarerForm, JusteraForm, NarvaroForm, PunktForm,
    SammantradeForm,
)
from rar.moten.signing import klient_from_request
from rar.params import parse
from rar.models import Arende, Narvaro, Organ, Paragraf, Sammantrade, Votering
from rar.pdf import pdf_response
from rar.once import create_once
from rar.moten import anslagstavla, au, forhinder, services, views_kommentarer
from rar.moten.forms_au import AuBeslutForm
from rar.moten.utdrag import extract_context


def _staff_only(request):
    rar_permissions.require(roles.is_kansli(request.user), "Bara förbundets kansli administrerar sammanträden.")


@login_required
def sammantrade_list(request):
    listing = lists.run(request, moten_lists.SAMMANTRADE_LIST, moten_lists.sammantrade_rows(request.user))
    return listing.export() or lists.render(request, "rar/moten/list.html", listing, {"staff": roles.is_kansli(request.user)})


@login_required
def sammantrade_create(request):
    _staff_only(request)
    form = SammantradeForm(request.POST or None, initial={"organ": Organ.objects.filter(typ=Organ.Typ.STYRELSE).first()})
    if request.method == "POST" and form.is_valid():
        try:
            meeting, earlier = create_once(request, lambda: services.sammantrade_create(user=request.user, **form.cleaned_data))
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            if earlier is not None:
                return earlier
            messages.success(request, "Sammanträdet är planerat med standardpunkterna på dagordningen.")
            return redirect(meeting)
    return render(request, "simple_form.html", {"title": "Nytt sammanträde", "form": form, "back": "/sammantraden/",
                                                "submit": "Planera sammanträdet"}, status=400 if form.errors else 200)


def _ready_cases(meeting):
    if meeting.status not in Sammantrade.AGENDA_EDITABLE:
        return []
    ids = au.ready_case_ids(meeting.organ)
    # on an agenda of this body and not yet decided there (a case sent back may come again)
    on_agendas = set(Paragraf.objects.filter(arende_id__in=ids, organ=meeting.organ, beslut_registrerat__isnull=True)
                     .values_list("arende_id", flat=True))
    return list(Arende.objects.filter(pk__in=ids - on_agendas).select_related("organisation"))


def _detail_context(request, meeting, anslag_form=None, justera_form=None) -> dict:
    user = request.user
    staff = roles.is_kansli(user)
    adjuster = permissions.is_adjuster(user, meeting)
    paragraphs = list(meeting.paragrafer.select_related("arende").prefetch_related("signaturer__person").order_by("ordning"))
    locked = locks.locked_paragraphs(meeting)
    for paragraph in paragraphs:
        paragraph.lock = locked.get(paragraph.pk)
        paragraph.signed_by_me = any(s.person_id == user.pk for s in paragraph.signaturer.all())
    return {
        "meeting": meeting,
        "paragrafer": au.attach_proposals(meeting, paragraphs),
        "meeting_lock": locks.meeting_lock(meeting),
        # "ledamot" sorts after "ersattare": descending puts ordinary members first
        "narvaro": meeting.narvaro.select_related("person", "organisation", "tjanstgor_for").order_by("-grupp", "organisation__namn"),
        "justerare": list(meeting.justerare.all()),
        "signaturer": list(meeting.signaturer.select_related("person")),
        "staff": staff,
        "is_adjuster": adjuster,
        "ready_cases": _ready_cases(meeting) if staff else [],
        "can_adjust": adjuster and meeting.status == Sammantrade.Status.JUSTERING
        and not meeting.signaturer.filter(person=user).exists(),
        "can_see_decision_list": permissions.can_see_decision_list(user, meeting),
        "can_see_protocol": permissions.can_see_protocol(user, meeting),
        "anslag_form": anslag_form or AnslagForm(initial={"uppsatt": timezone.localdate()}),
        "justera_form": justera_form or JusteraForm(),
        "justering_late": timezone.localdate() > meeting.justering_senast and not meeting.justering_forsening,
        "today": timezone.localdate(),
        "handelser": lifecycle.events_for(meeting),
        **forhinder.for_page(user, meeting),
        **views_kommentarer.page_context(user, meeting),
    }


@login_required
def sammantrade_detail(request, pk):
    meeting = permissions.get_sammantrade_for(request.user, pk)
    return render(request, "rar/moten/detail.html", _detail_context(request, meeting))


@login_required
def punkt_create(request, pk):
    meeting = permissions.get_sammantrade_for(request.user, pk)
    _staff_only(request)
    form = PunktForm(request.POST or None, meeting=meeting, initial={"version": meeting.version})
    if request.method == "POST" and form.is_valid():
        try:
            services.agenda_add_item(sammantrade=meeting, user=request.user, **form.cleaned_data)
        except services.StaleAgenda as error:
            # Keep what the user typed; the next save is based on the agenda as it is now.
            data = request.POST.copy()
            data["version"] = str(type(meeting).objects.get(pk=meeting.pk).version)
            form = PunktForm(data, meeting=meeting)
            form.is_valid()
            form.add_error(None, error.message)
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, "Punkten är tillagd på dagordningen.")
            return redirect(meeting)
    return render(request, "simple_form.html", {"title": f"Ny punkt – {meeting}", "form": form, "back": meeting.get_absolute_url(),
                                                "submit": "Lägg till"}, status=400 if form.errors else 200)


def _posted_version(request):
    """The agenda version the page was rendered with (a missing or garbled value is a 400)."""
    return parse(AgendaVersionForm, request.POST)["version"]


@login_required
@require_POST
def cases_add(request, pk):
    meeting = permissions.get_sammantrade_for(request.user, pk)
    _staff_only(request)
    params = parse(ArendenForm, request.POST)
    arenden = list(params["arende"])
    if not arenden:
        messages.error(request, "Välj minst ett ärende.")
        return redirect(meeting)
    try:
        services.agenda_add_cases(sammantrade=meeting, user=request.user, arenden=arenden, version=params["version"])
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, ngettext("%(n)d ärende lades till som beslutspunkt.", "%(n)d ärenden lades till som beslutspunkter.",
                                            len(arenden)) % {"n": len(arenden)})
    return redirect(meeting)


@login_required
@require_POST
def paragraf_agenda(request, pk, action):
    paragraph = permissions.get_paragraf_for(request.user, pk)
    _staff_only(request)
    try:
        version = _posted_version(request)
        if action == "upp":
            services.agenda_move(paragraf=paragraph, user=request.user, steg=-1, version=version)
        elif action == "ned":
            services.agenda_move(paragraf=paragraph, user=request.user, steg=1, version=version)
        elif action == "ta-bort":
            services.agenda_remove(paragraf=paragraph, user=request.user, version=version)
        else:
            raise Http404
    except DomainError as error:
        messages.error(request, error.message)
    return redirect(paragraph.sammantrade)


@login_required
def narvaro_edit(request, pk):
    meeting = permissions.get_sammantrade_for(request.user, pk)
    _staff_only(request)
    rows = list(meeting.narvaro.select_related("person", "organisation").order_by("-grupp", "organisation__namn"))
    form = NarvaroForm(request.POST or None, rows=rows, initial={"ovriga_narvarande": meeting.ovriga_narvarande})
    if request.method == "POST" and form.is_valid():
        try:
            services.narvaro_save(sammantrade=meeting, user=request.user, rows=form.cleaned_rows(),
                                  ovriga_narvarande=form.cleaned_data["ovriga_narvarande"])
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, "Närvaron är sparad.")
            return redirect(meeting)
    return render(request, "rar/moten/narvaro.html", {"meeting": meeting, "form": form, "lock": locks.meeting_lock(meeting)},
                  status=400 if form.errors else 200)


@login_required
def funktionarer_edit(request, pk):
    meeting = permissions.get_sammantrade_for(request.user, pk)
    _staff_only(request)
    attendees = [n.person for n in meeting.narvaro.select_related("person").filter(narvarande=True)] or \
        [n.person for n in meeting.narvaro.select_related("person")]
    staff_users = get_user_model().objects.filter(groups__name=roles.KANSLI)
    form = FunktionarerForm(request.POST or None, attendees=attendees, staff_users=staff_users, initial={
        "sekreterare": meeting.sekreterare, "ordforande": meeting.ordforande, "justerare": list(meeting.justerare.all()),
    })
    if request.method == "POST" and form.is_valid():
        try:
            services.sammantrade_set_officers(sammantrade=meeting, user=request.user, **form.cleaned_data)
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, "Funktionärerna är sparade.")
            return redirect(meeting)
    return render(request, "simple_form.html", {"title": f"Sekreterare, ordförande och justerare – {meeting}", "form": form,
                                                "back": meeting.get_absolute_url(), "submit": "Spara"},
                  status=400 if form.errors else 200)


@login_required
@require_POST
def sammantrade_step(request, pk, step):
    meeting = permissions.get_sammantrade_for(request.user, pk)
    user = request.user
    try:
        if step == "kalla":
            services.sammantrade_kalla(sammantrade=meeting, user=user)
            done = "Kallelsen är skickad; ledamöterna ser nu dagordning och beslutslista."
        elif step == "genomfor":
            services.sammantrade_genomfor(sammantrade=meeting, user=user)
            done = "Sammanträdet är genomfört; dagordningen är låst."
        elif step == "justering":
            services.protokoll_skicka_for_justering(sammantrade=meeting, user=user)
            done = "Protokollet är skickat för justering."
        elif step in ("justera", "ansla"):
            return _signing_step(request, meeting, step)
        else:
            raise Http404
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, done)
    return redirect("sammantrade_detail", pk=pk)


def _signing_step(request, meeting, step):
    """Justering (by the chair or an adjuster) and anslag (by staff): a refusal shows the page again with the
    form as typed and the reason beside it."""
    form_class, form_name = (JusteraForm, "justera_form") if step == "justera" else (AnslagForm, "anslag_form")
    form = form_class(request.POST)
    if form.is_valid():
        try:
            if step == "justera":
                meeting = services.protokoll_justera(sammantrade=meeting, user=request.user, klient=klient_from_request(request),
                                                     forsening=form.cleaned_data["forsening"])
                done = "Protokollet är justerat." if meeting.status == Sammantrade.Status.JUSTERAT else "Din justering är registrerad."
            else:
                meeting = services.protokoll_ansla(sammantrade=meeting, user=request.user, **form.cleaned_data)
                done = f"Anslaget är uppsatt och tas ned tidigast {meeting.anslag_nedtas:%Y-%m-%d}."
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, done)
            return redirect(meeting)
    meeting = permissions.get_sammantrade_for(request.user, meeting.pk)
    return render(request, "rar/moten/detail.html", _detail_context(request, meeting, **{form_name: form}), status=400)


@login_required
def paragraf_beslut(request, pk):
    paragraph = permissions.get_paragraf_for(request.user, pk)
    _staff_only(request)
    meeting = paragraph.sammantrade
    attendees = [n.person for n in Narvaro.objects.filter(sammantrade=meeting, narvarande=True).select_related("person")]
    vote = Votering.objects.filter(paragraf=paragraph).first()
    initial = {
        "forslag_av": paragraph.forslag_av, "forslag": paragraph.forslag, "proposition": paragraph.proposition,
        "beslut": paragraph.beslut, "utfall": paragraph.utfall, "belopp": paragraph.belopp,
        "expedieras_till": paragraph.expedieras_till,
        "javiga": list(paragraph.javiga.all()),
        "yrkanden": "\n".join(f"{y.av}: {y.text}" for y in paragraph.yrkanden.all()),
        "reservationer": "\n".join(f"{r.av}: {r.motivering}" for r in paragraph.reservationer.all()),
    }
    if vote is not None:
        initial.update({k: getattr(vote, k) for k in ("ja", "nej", "avstar", "ja_betyder", "nej_betyder", "rostlista")})
    form_class = AuBeslutForm if au.is_committee(meeting.organ) else BeslutForm
    form = form_class(request.POST or None, attendees=attendees, funding=paragraph.arende_id is not None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.paragraf_besluta(
                paragraf=paragraph, user=request.user, beslut=data["beslut"], forslag=data["forslag"], forslag_av=data["forslag_av"],
                proposition=data["proposition"], yrkanden=data["yrkanden"], votering=form.votering(),
                reservationer=data["reservationer"], javiga=list(data["javiga"]), utfall=data.get("utfall", ""),
                belopp=data.get("belopp") if data.get("utfall") == case_handlers.Beslutsutfall.DELVIS else None,
                expedieras_till=data["expedieras_till"],
            )
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, f"Beslutet i § {paragraph.nummer} är registrerat.")
            return redirect(meeting)
    return render(request, "rar/moten/beslut.html", {"paragraf": paragraph, "meeting": meeting, "form": form,
                                                     "quorum": selectors.quorum(meeting, paragraph),
                                                     "lock": locks.paragraph_lock(paragraph)},
                  status=400 if form.errors else 200)


@login_required
@require_POST
def paragraf_omedelbar(request, pk):
    paragraph = permissions.get_paragraf_for(request.user, pk)
    try:
        paragraph = services.paragraf_justera_omedelbart(paragraf=paragraph, user=request.user, klient=klient_from_request(request))
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, f"§ {paragraph.nummer} är justerad omedelbart." if paragraph.omedelbart_justerad_tid
                         else f"Din underskrift av § {paragraph.nummer} är registrerad; paragrafen är justerad när "
                              "ordföranden och en justerare har skrivit under.")
    return redirect(paragraph.sammantrade)


def _file_stem(meeting):
    return f"{meeting.organ.namn.lower().replace(' ', '-')}-{meeting.datum:%Y-%m-%d}"


@login_required
def beslutslista(request, pk):
    meeting = permissions.get_sammantrade_for(request.user, pk)
    if not permissions.can_see_decision_list(request.user, meeting):
        raise Http404
    context = {"meeting": meeting, "items": selectors.decision_list(meeting),
               "paragrafer": meeting.paragrafer.order_by("ordning")}
    if request.GET.get("format") == "pdf":
        return pdf_response("rar/moten/beslutslista_pdf.html", context, f"beslutslista-{_file_stem(meeting)}.pdf")
    return render(request, "rar/moten/beslutslista.html", context)


def _protocol_context(request, pk):
    meeting = permissions.get_sammantrade_for(request.user, pk)
    if not permissions.can_see_protocol(request.user, meeting):
        raise Http404
    return {"meeting": meeting, **selectors.protocol_data(meeting)}


@login_required
def protokoll(request, pk):
    context = _protocol_context(request, pk)
    if request.GET.get("format") == "pdf":
        return pdf_response("rar/moten/protokoll_pdf.html", context, f"protokoll-{_file_stem(context['meeting'])}.pdf")
    return render(request, "rar/moten/protokoll.html", context)


@login_required
def utdrag(request, pk):
    paragraph = permissions.get_utdrag_for(request.user, pk)
    meeting = paragraph.sammantrade
    context = extract_context(paragraph.pk)
    au.attach_proposals(meeting, [context["p"]])
    return pdf_response("rar/moten/utdrag_pdf.html", context, f"protokollsutdrag-{_file_stem(meeting)}-par-{paragraph.nummer}.pdf")


@login_required
def anslagsbevis(request, pk):
    meeting = permissions.get_sammantrade_for(request.user, pk)
    if meeting.status != Sammantrade.Status.ANSLAGET:
        raise Http404
    return pdf_response("rar/moten/anslagsbevis_pdf.html", anslagstavla.certificate_context(meeting),
                        f"anslagsbevis-{_file_stem(meeting)}.pdf")
