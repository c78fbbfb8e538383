"""The meeting's calendar file (.ics), for whoever may see the meeting."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse

from rar.moten import kallelse, permissions


@login_required
def sammantrade_ics(request, pk):
    meeting = permissions.get_sammantrade_for(request.user, pk)
    response = HttpResponse(kallelse.ics(meeting), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="sammantrade-{meeting.datum:%Y-%m-%d}.ics"'
    response["Cache-Control"] = "private, no-store"
    return response
