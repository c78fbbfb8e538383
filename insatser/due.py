"""Due items from insatser: status and final reports, invoices and agreement signatures."""

import datetime

from django.db.models import Q


from insatser.models import Avtal, Insats, Lagesrapport, Rekvisition, Slutrapport
from rar import roles
from insatser.services import add_months
from rar.due import HORIZON_DAYS, DueItem
from rar.templatetags.rar_format import kronor

FINAL_REPORT_MONTHS = 2  # a final report is due two months after the insats' period ends


def items(user, today: datetime.date) -> list[DueItem]:
    staff = roles.is_kansli(user)
    org = roles.owner_organisation_id(user)
    if not staff and org is None:
        return []
    horizon = today + datetime.timedelta(days=HORIZON_DAYS)
    mine = Q() if staff else Q(insats__agare_id=org)
    result = []
    reports = Lagesrapport.objects.filter(mine).select_related("insats__agare")
    for r in reports.filter(status__in=Lagesrapport.OWNER_EDITABLE, forfaller__lte=horizon):
        result.append(DueItem("Lägesrapport", f"{r.insats} {r.period_start:%Y-%m-%d}–{r.period_slut:%Y-%m-%d}",
                              r.get_absolute_url(), r.forfaller, str(r.insats.agare)))
    if staff:
        for r in reports.filter(status=Lagesrapport.Status.INLAMNAD):
            result.append(DueItem("Granska lägesrapport", str(r.insats), r.get_absolute_url(),
                                  r.inlamnad.date() if r.inlamnad else None, "Kansliet"))
        for inv in Rekvisition.objects.filter(status__in=[Rekvisition.Status.INSKICKAD, Rekvisition.Status.GODKAND]
                                              ).select_related("insats"):
            action = "Granska rekvisition" if inv.status == Rekvisition.Status.INSKICKAD else "Betala rekvisition"
            result.append(DueItem(action, f"{inv.insats} nr {inv.nummer}, {kronor(inv.belopp)}",
                                  inv.get_absolute_url(), inv.inskickad.date() + datetime.timedelta(days=30), "Kansliet"))
    unsigned = Avtal.objects.filter(mine).select_related("insats__agare", "ansokan")
    for avtal in unsigned.filter(Q(agare_signerad_tid__isnull=True) | Q(forbund_signerad_tid__isnull=True)):
        due = (avtal.ansokan.beslutsdatum or avtal.period_start) + datetime.timedelta(days=30)
        if avtal.agare_signerad_tid is None:
            result.append(DueItem("Avtal att godkänna", str(avtal.insats), avtal.insats.get_absolute_url(), due,
                                  str(avtal.insats.agare)))
        if avtal.forbund_signerad_tid is None and staff:
            result.append(DueItem("Avtal att godkänna för förbundet", str(avtal.insats), avtal.insats.get_absolute_url(),
                                  due, "Förbundschefen"))
    ended = Insats.objects.filter(Q() if staff else Q(agare_id=org), status=Insats.Status.PAGAENDE,
                                  period_slut__lt=today).exclude(slutrapport__status=Slutrapport.Status.INLAMNAD).select_related("agare")
    for insats in ended:
        result.append(DueItem("Slutrapport", str(insats), insats.get_absolute_url(),
                              add_months(insats.period_slut, FINAL_REPORT_MONTHS), str(insats.agare)))
    return result
