"""Start-page panels for meetings: deadlines for staff, the next meetings' decision lists for board members."""

from django.utils import timezone

from rar import roles
from rar.moten import permissions, selectors
from rar.models import Sammantrade


def panel(request, role):
    user = request.user
    today = timezone.localdate()
    if role == roles.KANSLI:
        return {"template": "rar/moten/_panel_kansli.html", "deadlines": selectors.meeting_deadlines(today),
                "kommande": Sammantrade.objects.select_related("organ").filter(datum__gte=today).order_by("datum")[:5]}
    upcoming = permissions.meetings_visible_to(user).filter(datum__gte=today).exclude(status=Sammantrade.Status.PLANERAT)
    upcoming = list(upcoming.order_by("datum")[:5])
    for meeting in upcoming:  # only the body's members open the decision list: no link that answers 404
        meeting.visa_beslutslista = permissions.can_see_decision_list(user, meeting)
    if upcoming:
        return {"template": "rar/moten/_panel_ledamot.html", "kommande": upcoming}
    return None
