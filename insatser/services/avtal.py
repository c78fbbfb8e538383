"""Agreements (avtal) and what follows from them: the status-report schedule, phases (faser) that release
money step by step, the steering group and publishing in the catalogue."""

import calendar
import datetime

from django.db import transaction
from django.db.models import Sum
from django.utils import timezone

from insatser import dokument, permissions
from insatser.models import Avtal, Fas, Insats, Lagesrapport
from insatser.services.base import require as _require
from rar import history
from rar.errors import DomainError
from rar.permissions import require as _allow


# The general terms (payment, repayment, termination, personal data) are part of the agreement itself
# (templates/insatser/avtal_pdf.html); `villkor` holds what is particular to this insats.
DEFAULT_VILLKOR = (
    "Individinriktade insatser rapporterar deltagare enligt förbundets anvisningar, utan personuppgifter."
)


# --- Agreements ---------------------------------------------------------------------------------------


def avtal_update_terms(*, avtal: Avtal, user, rapportintervall_manader: int, villkor: str) -> Avtal:
    _allow(permissions.can_prepare(user), "Bara förbundets kansli ändrar avtalsvillkor.")
    _require(1 <= rapportintervall_manader <= 12, "Rapportintervallet ska vara 1–12 månader.")
    with transaction.atomic():
        locked = Avtal.objects.select_for_update().get(pk=avtal.pk)
        _require(locked.agare_signerad_tid is None and locked.forbund_signerad_tid is None,
                 "Avtalet är redan godkänt av en part och kan inte ändras.")
        locked.rapportintervall_manader = rapportintervall_manader
        locked.villkor = villkor.strip()
        locked._history_user = user
        locked.save()
    return locked


def avtal_sign(*, avtal: Avtal, user, part: str) -> Avtal:
    """Record that the owner's signatory (part="agare") or the director (part="forbund") accepted the agreement.

    When both have accepted, the status reports of the agreement's schedule are created.
    """
    with transaction.atomic():
        locked = Avtal.objects.select_for_update().select_related("insats").get(pk=avtal.pk)
        now = timezone.now()
        if part == "agare":
            _allow(permissions.can_sign_for_owner(user, locked.insats), "Bara insatsägaren kan godkänna avtalet för sin organisation.")
            _require(locked.agare_signerad_tid is None, "Avtalet är redan godkänt för insatsägaren.")
            locked.agare_signerad_av, locked.agare_signerad_tid = _signature(user), now
        elif part == "forbund":
            _allow(permissions.can_prepare(user), "Bara förbundets kansli kan godkänna avtalet för förbundet.")
            _require(locked.forbund_signerad_tid is None, "Avtalet är redan godkänt för förbundet.")
            locked.forbund_signerad_av, locked.forbund_signerad_tid = _signature(user), now
        else:
            raise DomainError("Okänd avtalspart.")
        locked._history_user = user
        locked.save()
        if locked.signerat:
            _create_report_schedule(locked, user)
            dokument.avtal_signed(locked, user)
    return locked


def _signature(user) -> str:
    name = user.get_full_name() or user.username
    return f"{name}, {user.titel}" if getattr(user, "titel", "") else name


def add_months(day: datetime.date, months: int) -> datetime.date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


REPORT_DAYS_AFTER_PERIOD = 30


def report_periods(start: datetime.date, end: datetime.date, months: int):
    """(period start, period end, due date) for every report period from start to end."""
    periods = []
    current = start
    while current <= end:
        period_end = min(add_months(current, months) - datetime.timedelta(days=1), end)
        periods.append((current, period_end, period_end + datetime.timedelta(days=REPORT_DAYS_AFTER_PERIOD)))
        current = period_end + datetime.timedelta(days=1)
    return periods


def _create_report_schedule(avtal: Avtal, user) -> None:
    """The agreement's status reports, except periods the insats already reports on (an earlier agreement)."""
    insats = Insats.objects.select_for_update().get(pk=avtal.insats_id)
    taken = set(Lagesrapport.objects.filter(insats=insats).values_list("period_start", flat=True))
    history.bulk_create(Lagesrapport, [
        Lagesrapport(insats=insats, period_start=start, period_slut=end, forfaller=due)
        for start, end, due in report_periods(avtal.period_start, avtal.period_slut, avtal.rapportintervall_manader)
        if start not in taken
    ], user=user)



# --- Phases -------------------------------------------------------------------------------------------


def fas_add(*, insats: Insats, user, belopp: int, mal: str) -> Fas:
    """Add the next phase. The first phase is released at once; later ones wait for the previous goals."""
    _allow(permissions.can_prepare(user), "Bara förbundets kansli lägger upp faser.")
    _require(belopp and belopp > 0, "Fasens belopp ska vara större än 0 kr.")
    _require((mal or "").strip(), "Ange fasens mål.")
    with transaction.atomic():
        locked = Insats.objects.select_for_update().get(pk=insats.pk)
        _require(locked.status == Insats.Status.PAGAENDE, "Faser kan bara läggas upp för en pågående insats.")
        phases = list(Fas.objects.filter(insats=locked).order_by("nummer"))
        granted = locked.beviljat.aggregate(s=Sum("belopp"))["s"] or 0
        planned = sum(f.belopp for f in phases)
        _require(planned + belopp <= granted,
                 f"Faserna får tillsammans inte överstiga beviljat belopp ({granted} kr); {granted - planned} kr återstår.")
        fas = Fas(insats=locked, nummer=len(phases) + 1, belopp=belopp, mal=mal.strip())
        if not phases:
            fas.slappt_tid = timezone.now()
        fas._history_user = user
        fas.save()
    return fas


def fas_confirm_goals(*, fas, user):
    """Staff confirm that a released phase met its goals; the next phase (if any) is then released."""
    _allow(permissions.can_prepare(user), "Bara förbundets kansli bekräftar att en fas mål är uppfyllda.")
    with transaction.atomic():
        locked = Fas.objects.select_for_update().get(pk=fas.pk)
        _require(locked.slappt, f"Fas {locked.nummer} är inte släppt än: bekräfta först målen för fas {locked.nummer - 1}.")
        _require(locked.mal_bekraftade_tid is None, f"Målen för fas {locked.nummer} är redan bekräftade.")
        locked.mal_bekraftade_tid, locked.mal_bekraftade_av = timezone.now(), user
        locked._history_user = user
        locked.save()
        following = Fas.objects.select_for_update().filter(insats_id=locked.insats_id, nummer=locked.nummer + 1).first()
        if following is not None:
            following.slappt_tid = timezone.now()
            following._history_user = user
            following.save()
    return locked


def insats_publish(*, insats: Insats, user, publicerad: bool) -> Insats:
    """Staff publish an insats in the public catalogue (insatskatalog), or take it down."""
    _allow(permissions.can_prepare(user), "Bara förbundets kansli publicerar insatser i katalogen.")
    with transaction.atomic():
        locked = Insats.objects.select_for_update().get(pk=insats.pk)
        locked.publicerad = publicerad
        locked._history_user = user
        locked.save(update_fields=["publicerad"])
    return locked


def insats_set_styrgrupp(*, insats: Insats, user, styrgrupp: str) -> Insats:
    _allow(permissions.can_prepare(user) or permissions.is_owner_of(user, insats.agare_id),
             "Bara kansliet och insatsägaren kan ändra styrgruppen.")
    with transaction.atomic():
        locked = Insats.objects.select_for_update().get(pk=insats.pk)
        locked.styrgrupp = (styrgrupp or "").strip()
        locked._history_user = user
        locked.save(update_fields=["styrgrupp"])
    return locked

