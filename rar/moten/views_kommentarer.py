"""Comments on the draft protocol (chair and adjusters), answers and changes to the draft (the secretary)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from rar import permissions as rar_permissions
from rar import roles
from rar.errors import BadParameter, DomainError
from rar.models import Protokollkommentar
from rar.moten import kommentarer, permissions
from rar.moten.forms_kommentarer import KommentarForm, SvarForm, UtkastForm
from rar.params import ReplyParamsForm, parse


def page_context(user, meeting) -> dict:
    """What the meeting page shows of the comments, with the comment form for the chair and adjusters."""
    context = kommentarer.for_page(user, meeting)
    if context.get("kan_kommentera"):
        context["kommentar_form"] = KommentarForm(meeting=meeting)
    return context


def _back(paragraph):
    return redirect(f"{paragraph.sammantrade.get_absolute_url()}#paragraf-{paragraph.pk}")


@login_required
@require_POST
def kommentar_skriv(request, pk):
    meeting = permissions.get_sammantrade_for(request.user, pk)
    form = KommentarForm(request.POST, meeting=meeting)
    if not form.is_valid():
        messages.error(request, "Välj paragraf och skriv din synpunkt.")
        return redirect(meeting)
    try:
        comment = kommentarer.kommentar_skriv(paragraf=form.cleaned_data["paragraf"], user=request.user,
                                              text=form.cleaned_data["text"])
    except DomainError as error:
        messages.error(request, error.message)
        return redirect(meeting)
    messages.success(request, f"Din synpunkt på § {comment.paragraf.nummer} är skickad till sekreteraren.")
    return _back(comment.paragraf)


def _comment_for(user, pk) -> Protokollkommentar:
    comment = get_object_or_404(Protokollkommentar.objects.select_related("paragraf__sammantrade", "svar_pa"), pk=pk)
    permissions.get_sammantrade_for(user, comment.sammantrade_id)
    return comment


@login_required
@require_POST
def kommentar_svara(request, pk):
    comment = _comment_for(request.user, pk)
    form = SvarForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Skriv svaret.")
        return _back(comment.paragraf)
    try:
        kommentarer.kommentar_svara(kommentar=comment, user=request.user, text=form.cleaned_data["text"])
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, "Svaret är sparat.")
    return _back(comment.paragraf)


@login_required
def paragraf_utkast(request, pk):
    paragraph = permissions.get_paragraf_for(request.user, pk)
    rar_permissions.require(roles.is_kansli(request.user), "Bara förbundets kansli ändrar protokollsutkastet.")
    reply_to = parse(ReplyParamsForm, {"kommentar": request.POST.get("kommentar") or request.GET.get("kommentar")})["kommentar"]
    comment = None
    if reply_to is not None:
        comment = Protokollkommentar.objects.filter(pk=reply_to, paragraf=paragraph).first()
        if comment is None:
            raise BadParameter("Synpunkt: det finns ingen sådan synpunkt på den här paragrafen.")
    form = UtkastForm(request.POST or None, initial={"text": paragraph.text, "beslut": paragraph.beslut,
                                                     "kommentar": comment.pk if comment else None})
    if request.method == "POST" and form.is_valid():
        try:
            kommentarer.paragraf_andra_utkast(paragraf=paragraph, user=request.user, text=form.cleaned_data["text"],
                                              beslut=form.cleaned_data["beslut"], svar_pa=comment, svar=form.cleaned_data["svar"])
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, f"§ {paragraph.nummer} är ändrad i protokollsutkastet.")
            return _back(paragraph)
    title = f"Ändra § {paragraph.nummer} {paragraph.rubrik} i protokollsutkastet"
    if comment is not None:
        title += f" – synpunkt från {comment.forfattare}: ”{comment.text[:80]}”"
    return render(request, "simple_form.html", {"title": title, "form": form, "back": paragraph.sammantrade.get_absolute_url(),
                                                "submit": "Spara ändringen"}, status=400 if form.errors else 200)
