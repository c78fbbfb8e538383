"""What is due ("Att göra"): every report, invoice, justering, anslag and signature that waits, per role.

Apps above `rar` register sources in their AppConfig.ready(); `rar` adds its own meeting items. Each
source returns a bounded number of queries' worth of `DueItem`s for the user.
"""

import datetime
from dataclasses import dataclass

_sources = []  # callables (user, today) -> list[DueItem]

HORIZON_DAYS = 30  # items due within this many days are shown, together with everything overdue


@dataclass
class DueItem:
    typ: str  # e.g. "Lägesrapport", "Rekvisition", "Justering"
    rubrik: str
    url: str
    forfaller: datetime.date | None
    vem: str = ""  # who is to act: an organisation or a person
    today: datetime.date | None = None

    @property
    def forsenad(self) -> bool:
        return self.forfaller is not None and self.today is not None and self.forfaller < self.today


def register_source(func):
    if func not in _sources:
        _sources.append(func)


def due_for(user, today: datetime.date) -> list[DueItem]:
    items = []
    for source in _sources:
        items.extend(source(user, today))
    for item in items:
        item.today = today
    return sorted(items, key=lambda i: (i.forfaller or datetime.date.max, i.typ, i.rubrik))


def meeting_items(user, today):
    """Justering and anslag for staff and the adjusters; the next meeting's decision list for board members."""
    from django.urls import reverse

    from rar import roles
    from rar.models import Sammantrade, Uppdrag

    items = []
    staff = roles.is_kansli(user)
    waiting = Sammantrade.objects.filter(
        status__in=[Sammantrade.Status.GENOMFORT, Sammantrade.Status.JUSTERING, Sammantrade.Status.JUSTERAT]
    ).select_related("organ", "ordforande").prefetch_related("justerare")
    for meeting in waiting:
        adjusters = {meeting.ordforande_id, *(u.pk for u in meeting.justerare.all())}
        if meeting.status != Sammantrade.Status.JUSTERAT and (staff or user.pk in adjusters):
            items.append(DueItem("Justering", f"Protokoll {meeting}", reverse("protokoll", args=[meeting.pk]),
                                 meeting.justering_senast, "Ordförande och justerare"))
        elif meeting.status == Sammantrade.Status.JUSTERAT and staff:
            items.append(DueItem("Anslag", f"Anslag om justerat protokoll {meeting}", meeting.get_absolute_url(),
                                 meeting.anslag_senast, "Kansliet"))
    if roles.STYRELSE in roles.roles_of(user) or staff:
        bodies = Uppdrag.objects.active_on(today).filter(person=user).values("organ")
        upcoming = Sammantrade.objects.filter(datum__gte=today, status=Sammantrade.Status.KALLAT).select_related("organ")
        if not staff:
            upcoming = upcoming.filter(organ__in=bodies)
        meeting = upcoming.order_by("datum").first()
        if meeting is not None:
            items.append(DueItem("Beslutslista", f"Inför {meeting}", reverse("beslutslista", args=[meeting.pk]),
                                 meeting.datum, f"Ledamöterna i {meeting.organ}"))  # the board or the AU
    return items


register_source(meeting_items)
