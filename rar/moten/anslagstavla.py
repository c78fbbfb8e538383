"""The public digital notice board (anslagstavla): notices that a protocol has been adjusted, with the protocol.

A notice is on the board from the day it is posted to the day it comes down (anslag_nedtas, three weeks
later: the appeal window), by date alone, so no job is needed; afterwards it is in the archive. Only
meetings whose notice has been posted are shown, and only the columns a notice carries. The protocol
offered to the public leaves out every paragraph marked secret, with the line "§ N – sekretess".
No login is needed for these pages.
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Max, Min
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from rar import permissions as rar_permissions
from rar.errors import DomainError, NotAllowed
from rar.listing import paginate
from rar.models import Paragraf, Sammantrade
from rar.moten import permissions, selectors
from rar.pdf import pdf_response

NOTICE_FIELDS = ["pk", "organ__namn", "datum", "justerat_tid", "anslag_uppsatt", "anslag_nedtas", "forvaringsplats"]


def today():
    return timezone.localdate()


# --- Reads --------------------------------------------------------------------------------------------


def _notices():
    """Posted notices with exactly the public columns and the first and last paragraph number."""
    return (Sammantrade.objects.filter(status=Sammantrade.Status.ANSLAGET, anslag_uppsatt__isnull=False)
            .annotate(forsta=Min("paragrafer__nummer"), sista=Max("paragrafer__nummer"))
            .values(*NOTICE_FIELDS, "forsta", "sista"))


def notices_now(day):
    """The notices on the board on `day`: posted on or before it, not yet taken down."""
    return _notices().filter(anslag_uppsatt__lte=day, anslag_nedtas__gte=day).order_by("-anslag_uppsatt", "-datum")


def notices_archived(day):
    """Earlier notices, taken down before `day`."""
    return _notices().filter(anslag_nedtas__lt=day).order_by("-anslag_uppsatt", "-datum")


def posted_meeting(pk, day) -> Sammantrade:
    """A meeting whose notice has gone up (on the board or in the archive), or 404."""
    meeting = (Sammantrade.objects.select_related("organ", "sekreterare", "ordforande")
               .filter(status=Sammantrade.Status.ANSLAGET, anslag_uppsatt__lte=day, pk=pk).first())
    if meeting is None:
        raise Http404
    return meeting


# --- Writes -------------------------------------------------------------------------------------------


def paragraf_set_sekretess(*, paragraf: Paragraf, user, sekretess: bool) -> Paragraf:
    """Mark a paragraph secret (or not) for the public protocol. Staff only, until the notice is posted."""
    if not rar_permissions.can_register_arende(user):
        raise NotAllowed("Bara förbundets kansli sekretessmarkerar paragrafer.")
    with transaction.atomic():
        meeting = Sammantrade.objects.select_for_update().get(pk=paragraf.sammantrade_id)
        if meeting.status == Sammantrade.Status.ANSLAGET:
            raise DomainError("Protokollet är redan anslaget; sekretessmarkeringen kan inte ändras.")
        locked = Paragraf.objects.select_for_update().get(pk=paragraf.pk)
        locked.sekretess = bool(sekretess)
        locked._history_user = user
        locked.save(update_fields=["sekretess"])
    return locked


# --- Pages --------------------------------------------------------------------------------------------


def _with_span(notices):
    return [{**notice, "paragrafer": selectors.paragraph_span(notice["forsta"], notice["sista"])} for notice in notices]


def anslagstavla(request):
    return render(request, "rar/moten/anslagstavla.html", {"notices": _with_span(notices_now(today())), "arkiv": False})


def anslagstavla_arkiv(request):
    page, query = paginate(request, notices_archived(today()))
    return render(request, "rar/moten/anslagstavla.html", {"notices": _with_span(page.object_list), "page": page,
                                                             "query": query, "arkiv": True})


def posted_by(meeting):
    """Who posted the notice: the user recorded in the history row where the meeting became posted (anslaget)."""
    row = (meeting.history.filter(status=Sammantrade.Status.ANSLAGET).select_related("history_user")
           .order_by("history_date").first())
    return row.history_user if row is not None else None


def certificate_context(meeting) -> dict:
    """The notice certificate (anslagsbevis): the body, dates, paragraphs, where the protocol is kept, who posted it."""
    span = meeting.paragrafer.aggregate(forsta=Min("nummer"), sista=Max("nummer"))
    return {"meeting": meeting, "paragrafspann": selectors.paragraph_span(span["forsta"], span["sista"]),
            "anslagen_av": posted_by(meeting), "anslagstavla_url": f"{settings.SITE_URL.rstrip('/')}/anslagstavla/"}


def anslagstavla_protokoll(request, pk):
    """The protocol as the public may read it: paragraphs marked secret are left out."""
    meeting = posted_meeting(pk, today())
    context = {"meeting": meeting, "publik": True, **selectors.protocol_data(meeting, publik=True)}
    response = pdf_response("rar/moten/protokoll_pdf.html", context,
                            f"protokoll-{meeting.organ.namn.lower().replace(' ', '-')}-{meeting.datum:%Y-%m-%d}.pdf", inline=True)
    response["Cache-Control"] = "public, max-age=3600"
    return response


@login_required
@require_POST
def paragraf_sekretess(request, pk):
    paragraph = permissions.get_paragraf_for(request.user, pk)
    if not rar_permissions.can_register_arende(request.user):
        raise PermissionDenied("Bara förbundets kansli sekretessmarkerar paragrafer.")
    wanted = request.POST.get("sekretess") == "1"
    try:
        paragraf_set_sekretess(paragraf=paragraph, user=request.user, sekretess=wanted)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, f"§ {paragraph.nummer} är {'sekretessmarkerad' if wanted else 'inte längre sekretessmarkerad'}.")
    return redirect(paragraph.sammantrade)
