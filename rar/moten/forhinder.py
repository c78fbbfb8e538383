"""Förhinder: an ordinary member called to a meeting reports that they cannot come. Their own organisation's
substitute is called at once (in-app notice and e-mail as they chose) and the attendance is prepared: the member
absent, the substitute present and serving for them. A substitute serves only for their own organisation's
member, so no other organisation's substitute is ever called. Withdrawing is allowed until the meeting.
"""

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from rar import roles
from rar.errors import DomainError
from rar.models import Forhinder, Handelse, Narvaro, Sammantrade
from rar.notiser import notify


def _require(condition, message):
    if not condition:
        raise DomainError(message)


def is_open(meeting) -> bool:
    """Before the meeting: called, not yet marked held, and its day not passed."""
    return meeting.status == Sammantrade.Status.KALLAT and timezone.localdate() <= meeting.datum


def _lock_open(sammantrade) -> Sammantrade:
    meeting = Sammantrade.objects.select_for_update().select_related("organ").get(pk=sammantrade.pk)
    _require(is_open(meeting), "Förhinder anmäls och återkallas före sammanträdet, när kallelsen är skickad.")
    return meeting


def _own_row(meeting, user) -> Narvaro:
    entry = (Narvaro.objects.select_for_update(of=("self",)).filter(sammantrade=meeting, person_id=user.pk, grupp=Narvaro.Grupp.LEDAMOT)
             .first())
    _require(entry is not None, "Bara kallade ordinarie ledamöter anmäler förhinder här; ersättare meddelar kansliet.")
    return entry


def _save(obj, user):
    obj._history_user = user
    obj.save()


def _staff():
    return list(get_user_model().objects.filter(groups__name=roles.KANSLI, is_active=True).distinct())


def _substitute_for(meeting, member: Narvaro) -> Narvaro | None:
    """The member's own organisation's substitute, if free: not serving for anyone and without förhinder."""
    if member.organisation_id is None:
        return None
    busy = Forhinder.objects.filter(sammantrade=meeting, aterkallat__isnull=True).values("person")
    return (Narvaro.objects.select_for_update(of=("self",)).filter(
        sammantrade=meeting, grupp=Narvaro.Grupp.ERSATTARE, organisation_id=member.organisation_id,
        tjanstgor_for__isnull=True).exclude(person__in=busy).select_related("person").order_by("pk").first())


def forhinder_anmal(*, sammantrade, user) -> Forhinder:
    with transaction.atomic():
        meeting = _lock_open(sammantrade)
        member = _own_row(meeting, user)
        _require(not Forhinder.objects.filter(sammantrade=meeting, person=user, aterkallat__isnull=True).exists(),
                 "Du har redan anmält förhinder till sammanträdet.")
        member.narvarande, member.via_lank = False, False
        _save(member, user)
        substitute = _substitute_for(meeting, member)
        report = Forhinder(sammantrade=meeting, person=user, ersattare=substitute.person if substitute else None)
        _save(report, user)
        when = f"{meeting.organ} {meeting.datum:%Y-%m-%d} kl {meeting.tid_fran:%H:%M}"
        if substitute is not None:
            substitute.narvarande, substitute.tjanstgor_for = True, user
            _save(substitute, user)
            notify(users=[substitute.person], handelse=Handelse.ERSATTARE_KALLAD, rubrik=f"Du kallas som ersättare: {when}",
                   text=f"{user.get_full_name() or user} har förhinder. Du kallas att tjänstgöra i hens ställe vid "
                        f"sammanträdet med {when}, {meeting.plats or meeting.lank}.", url=meeting.get_absolute_url())
            called = f"Ersättaren {substitute.person.get_full_name() or substitute.person} är kallad."
        else:
            called = f"Det finns ingen ersättare för {member.organisation or 'ledamoten'} att kalla."
        notify(users=_staff(), handelse=Handelse.FORHINDER, rubrik=f"Förhinder: {user.get_full_name() or user}, {when}",
               text=f"{user.get_full_name() or user} har anmält förhinder. {called}", url=meeting.get_absolute_url())
    return report


def forhinder_aterkalla(*, sammantrade, user) -> Forhinder:
    with transaction.atomic():
        meeting = _lock_open(sammantrade)
        report = Forhinder.objects.select_for_update().filter(sammantrade=meeting, person=user, aterkallat__isnull=True).first()
        _require(report is not None, "Du har inget anmält förhinder att återkalla.")
        report.aterkallat = timezone.now()
        _save(report, user)
        when = f"{meeting.organ} {meeting.datum:%Y-%m-%d}"
        released = None
        if report.ersattare_id:
            released = (Narvaro.objects.select_for_update(of=("self",))
                        .filter(sammantrade=meeting, person_id=report.ersattare_id, tjanstgor_for=user).first())
        if released is not None:
            released.narvarande, released.tjanstgor_for = False, None
            _save(released, user)
            notify(users=[report.ersattare], handelse=Handelse.ERSATTARE_KALLAD,
                   rubrik=f"Du behöver inte tjänstgöra: {when}",
                   text=f"{user.get_full_name() or user} har återkallat sitt förhinder och kommer till sammanträdet.",
                   url=meeting.get_absolute_url())
        notify(users=_staff(), handelse=Handelse.FORHINDER, rubrik=f"Förhinder återkallat: {user.get_full_name() or user}, {when}",
               text=f"{user.get_full_name() or user} kommer till sammanträdet.", url=meeting.get_absolute_url())
    return report


def for_page(user, meeting) -> dict:
    """What the meeting page shows of förhinder: the open reports, and the user's own button."""
    reports = list(Forhinder.objects.filter(sammantrade=meeting, aterkallat__isnull=True).select_related("person", "ersattare"))
    ordinary = Narvaro.objects.filter(sammantrade=meeting, person_id=user.pk, grupp=Narvaro.Grupp.LEDAMOT).exists()
    own = next((r for r in reports if r.person_id == user.pk), None)
    return {"forhinder": reports, "eget_forhinder": own, "kan_anmala_forhinder": ordinary and is_open(meeting)}
