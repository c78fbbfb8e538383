"""What the role start pages show of applications, insatser and reports."""

from django.utils import timezone

from insatser import permissions
from insatser.models import Ansokan, Lagesrapport
from rar import roles

STAFF_ACTION = (Ansokan.Status.INSKICKAD, Ansokan.Status.UNDER_BEREDNING, Ansokan.Status.HOS_AU, Ansokan.Status.ATERREMITTERAD)


def panel(request, role):
    user = request.user
    today = timezone.localdate()
    applications = permissions.ansokningar_visible_to(user).with_list_data()
    reports = Lagesrapport.objects.filter(
        insats__in=permissions.insatser_visible_to(user), status__in=Lagesrapport.OWNER_EDITABLE,
    ).select_related("insats").order_by("forfaller")
    if role == roles.KANSLI:
        return {
            "template": "insatser/_panel_kansli.html",
            "att_hantera": applications.filter(status__in=STAFF_ACTION).order_by("inskickad")[:20],
            "klara": applications.filter(status=Ansokan.Status.KLAR_FOR_STYRELSEN)[:20],
            "forsenade": reports.filter(forfaller__lt=today)[:20],
            "inlamnade": Lagesrapport.objects.filter(status=Lagesrapport.Status.INLAMNAD).select_related("insats")[:20],
            "today": today,
        }
    if role == roles.INSATSAGARE:
        return {
            "template": "insatser/_panel_agare.html",
            "mina": applications.exclude(status__in=Ansokan.DECIDED)[:20],
            "rapporter": reports.filter(forfaller__lte=today + timezone.timedelta(days=60))[:20],
            "today": today,
        }
    if role in (roles.STYRELSE, roles.UTVARDERARE, roles.LASARE):
        return {
            "template": "insatser/_panel_styrelse.html",
            "klara": applications.filter(status=Ansokan.Status.KLAR_FOR_STYRELSEN)[:20],
        }
    return None
