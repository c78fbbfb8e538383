"""Staff start page: ESF calls the federation follows that close soon."""

import datetime

from django.utils import timezone

from esf.models import Utlysning
from rar import roles

HORIZON_DAYS = 60


def panel(request, role):
    if role != roles.KANSLI:
        return None
    today = timezone.localdate()
    calls = Utlysning.objects.filter(bevakning__in=Utlysning.ACTIVE, stanger__gte=today,
                                     stanger__lte=today + datetime.timedelta(days=HORIZON_DAYS)).order_by("stanger")
    return {"template": "esf/_panel_kansli.html", "utlysningar": list(calls[:10]), "dagar": HORIZON_DAYS}
