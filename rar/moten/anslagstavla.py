"""The public digital notice board (anslagstavla): notices that a protocol has been adjusted, with the protocol.

A notice is on the board from the day it is posted to the day it comes down (anslag_nedtas, three weeks
later: the appeal window), by date alone, so no job is needed; afterwards it is in the archive. Only
meetings whose notice has been posted are shown, and only the columns a notice carries. The protocol
offered to the public leaves out every paragraph marked secret, with the line "§ N – sekretess".
No login is needed for these pages.
"""

import datetime

import django_filters
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Max, Min
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from rar import lists
from rar import permissions as rar_permissions
from rar.errors import DomainError, NotAllowed
from rar.models import Organ, Paragraf, Sammantrade
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
    """Earlier notices, taken down before `day` (the archive's list sorts them)."""
    return _notices().filter(anslag_nedtas__lt=day)


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
    return render(request, "rar/moten/anslagstavla.html", {"notices": _with_span(notices_now(today()))})


class ArkivFilter(lists.FilterSet):
    organ = django_filters.ModelChoiceFilter(label=_("Organ"), queryset=Organ.objects.order_by("namn"), empty_label=_("Alla"))
    ar = django_filters.NumberFilter(label=_("Sammanträdesår"), method="held_in", min_value=2000, max_value=2100)

    def held_in(self, qs, name, value):
        year = int(value)
        return qs.filter(datum__gte=datetime.date(year, 1, 1), datum__lte=datetime.date(year, 12, 31))


ARKIV_LIST = lists.ListSpec(
    name="anslag", caption=_("Tidigare anslag om justerade protokoll"), default_order="-anslag_uppsatt",
    empty=_("Inga tidigare anslag."), filterset=ArkivFilter, noun=(_("anslag"), _("anslag")),
    columns=(
        lists.Column("organ", _("Organ"), value=lambda row: row["organ__namn"], order=("organ__namn",)),
        lists.Column("datum", _("Sammanträdesdatum")),
        lists.Column("paragrafer", _("Paragrafer"), value=lambda row: selectors.paragraph_span(row["forsta"], row["sista"]),
                     order=()),
        lists.Column("justerat_tid", _("Protokollet justerat"),
                     value=lambda row: row["justerat_tid"] and timezone.localdate(row["justerat_tid"])),
        lists.Column("anslag_uppsatt", _("Anslaget")),
        lists.Column("anslag_nedtas", _("Nedtaget")),
        lists.Column("forvaringsplats", _("Protokollet förvaras")),
        lists.Column("protokoll", _("Protokoll"), value=lambda row: str(_("Protokollet som PDF")), order=(), in_export=False,
                     link=lists.RowLink("anslagstavla_protokoll")),
    ),
)


def anslagstavla_arkiv(request):
    listing = lists.run(request, ARKIV_LIST, notices_archived(today()))
    # the day is in the cache's scope: a notice taken down at midnight moves to the archive at once
    return listing.export() or lists.render(request, "rar/moten/anslagstavla_arkiv.html", listing,
                                            scope=f"publik:{today().isoformat()}")


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
