"""Money: invoices (rekvisitioner) with four eyes on approval and payment, advances, and the year-end transfer
of unspent grants (överföring)."""

import datetime

from django.conf import settings
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone

from insatser import dokument, notifications, permissions
from insatser.models import Fas, Insats, Overforing, Rekvisition
from insatser.selectors import insats_economy
from insatser.services.base import require as _require
from rar import history, lifecycle
from rar import services as rar_services
from rar.templatetags.rar_format import kronor as _kr
from rar.permissions import require as _allow


# --- Money: invoices (rekvisitioner) and year-end transfers ------------------------------------------------


def _year_remaining(economy, year: int) -> int:
    """What remains of the year's grant: granted + moved in − moved out − invoiced (not rejected)."""
    economy_year = economy.year(year)
    return economy_year.aterstar if economy_year else 0


def rekvisition_submit(*, insats: Insats, user, period_start: datetime.date, period_slut: datetime.date,
                       kostnader: dict, fas=None, beskrivning: str = "", bilaga=None,
                       forskott_motivering: str = "") -> Rekvisition:
    """The owner invoices the federation for a period within one year of the insats.

    Refused when the amount is above what remains of that year's grant, unless staff register it with a
    reason for an advance from the next year's grant (förskott, recorded as a transfer). With phases, the
    invoice names a released phase and stays within what remains of it.
    """
    _allow(permissions.can_invoice(user, insats), "Bara insatsägaren kan skicka in rekvisitioner för insatsen.")
    _require(period_start and period_slut, "Ange rekvisitionens period.")
    _require(period_slut >= period_start, "Periodens slut kan inte vara före dess början.")
    _require(period_start.year == period_slut.year,
             "En rekvisition gäller ett år: dela upp perioden i en rekvisition per år.")
    costs = {name: kostnader.get(name) or 0 for name in Rekvisition.COST_FIELDS}
    _require(all(isinstance(v, int) and v >= 0 for v in costs.values()), "Kostnaderna ska vara hela kronor, 0 eller mer.")
    belopp = sum(costs.values())
    _require(belopp > 0, "Ange rekvisitionens kostnader: beloppet ska vara större än 0 kr.")
    advance = (forskott_motivering or "").strip()
    _allow(not advance or permissions.can_prepare(user), "Bara förbundets kansli kan godkänna ett förskott från nästa år.")
    with transaction.atomic():
        locked = Insats.objects.select_for_update().get(pk=insats.pk)
        _require(locked.status == Insats.Status.PAGAENDE, "Rekvisitioner kan bara lämnas för en pågående insats.")
        _require(locked.period_start <= period_start and period_slut <= locked.period_slut,
                 f"Perioden ska ligga inom insatsens period {locked.period_start:%Y-%m-%d}–{locked.period_slut:%Y-%m-%d}.")
        phases = list(Fas.objects.filter(insats=locked).order_by("nummer"))
        if phases:
            _require(fas is not None, "Insatsen har faser: ange vilken fas rekvisitionen gäller.")
            fas = next((p for p in phases if p.pk == getattr(fas, "pk", fas)), None)
            _require(fas is not None, "Fasen hör inte till insatsen.")
            _require(fas.slappt, f"Fas {fas.nummer} är inte släppt än: medel kan inte rekvireras mot den.")
            used = (Rekvisition.objects.filter(fas=fas, status__in=Rekvisition.COUNTS_AGAINST_GRANT)
                    .aggregate(s=Sum("belopp"))["s"] or 0)
            _require(belopp <= fas.belopp - used,
                     f"Rekvisitionen ({_kr(belopp)}) överstiger vad som återstår av fas {fas.nummer} ({_kr(fas.belopp - used)}).")
        else:
            fas = None
        year = period_start.year
        economy = insats_economy(locked)  # one read (three queries) for this year and the next
        remaining = _year_remaining(economy, year)
        excess = belopp - max(remaining, 0)
        if excess > 0:
            _require(advance, f"Rekvisitionen ({_kr(belopp)}) överstiger vad som återstår av beviljade medel för {year} "
                              f"({_kr(max(remaining, 0))}). Kontakta förbundets kansli om ett förskott från nästa år.")
            next_left = _year_remaining(economy, year + 1)
            _require(excess <= next_left, f"Förskottet ({_kr(excess)}) är större än vad som återstår av "
                                          f"beviljade medel för {year + 1} ({_kr(max(next_left, 0))}).")
        if bilaga is not None:
            bilaga = rar_services.handling_add(arende=locked.arende, titel=f"Underlag till rekvisition ({year})",
                                               upload=bilaga, user=user)
        number = (Rekvisition.objects.filter(insats=locked).order_by("-nummer").values_list("nummer", flat=True).first() or 0) + 1
        rekvisition = Rekvisition(insats=locked, nummer=number, ar=year, period_start=period_start,
                                  period_slut=period_slut, fas=fas, belopp=belopp, beskrivning=(beskrivning or "").strip(),
                                  bilaga=bilaga, inskickad_av=user, **costs)
        rekvisition._history_user = user
        rekvisition.save()
        lifecycle.record(rekvisition, fran="", till=rekvisition.status, user=user, kommentar="Rekvisition inskickad")
        if excess > 0:
            transfer = Overforing(insats=locked, typ=Overforing.Typ.FORSKOTT, fran_ar=year + 1, till_ar=year,
                                  belopp=excess, motivering=advance, rekvisition=rekvisition, beslutad_av=user)
            transfer._history_user = user
            transfer.save()
        transaction.on_commit(lambda: notifications.invoice_submitted(rekvisition))
        dokument.invoice_submitted(rekvisition, user)
    return rekvisition


def _decide_invoice(rekvisition, *, user, allowed_from, to, mutate=None, kommentar=""):
    return lifecycle.transition(
        rekvisition, user=user, to=to, allowed_from=allowed_from,
        queryset=Rekvisition.objects.select_related("insats__ansokan__kontaktperson", "inskickad_av"),
        right=lambda locked: permissions.can_prepare(user), refusal="Bara förbundets kansli granskar och betalar rekvisitioner.",
        wrong_state=lambda locked: (f"Rekvisitionen är {locked.get_status_display().lower()} och kan inte bli "
                                    f"{Rekvisition.Status(to).label.lower()}."),
        mutate=mutate, kommentar=kommentar, notify=notifications.invoice_decided,
    )


def rekvisition_approve(*, rekvisition: Rekvisition, user) -> Rekvisition:
    """Four eyes: the staff member who registered the invoice (on the owner's behalf) does not approve it."""

    def mutate(locked):
        _require(locked.inskickad_av_id != user.pk,
                 f"Du registrerade rekvisitionen: en annan handläggare än {user} ska godkänna den.")
        locked.beslutad, locked.beslutad_av = timezone.now(), user

    return _decide_invoice(rekvisition, user=user, allowed_from=[Rekvisition.Status.INSKICKAD],
                           to=Rekvisition.Status.GODKAND, mutate=mutate)


def rekvisition_reject(*, rekvisition: Rekvisition, user, motivering: str) -> Rekvisition:
    def mutate(locked):
        _require((motivering or "").strip(), "Skriv varför rekvisitionen avslås.")
        locked.beslutad, locked.beslutad_av = timezone.now(), user
        locked.avslag_motivering = motivering.strip()
        # An advance taken for this invoice goes back to the next year.
        history.delete_rows(Overforing.objects.filter(rekvisition=locked, typ=Overforing.Typ.FORSKOTT), user=user)

    return _decide_invoice(rekvisition, user=user, allowed_from=[Rekvisition.Status.INSKICKAD],
                           to=Rekvisition.Status.AVSLAGEN, mutate=mutate, kommentar=(motivering or "").strip())


def rekvisition_pay(*, rekvisition: Rekvisition, user, betald_datum: datetime.date) -> Rekvisition:
    def mutate(locked):
        _require(betald_datum is not None, "Ange betalningsdag.")
        _require(betald_datum <= timezone.localdate(), "Betalningsdagen kan inte ligga i framtiden.")
        # Four eyes: who marks it paid did not approve it (settings.FOUR_EYES_PAYMENT_STRICT may relax this).
        _require(locked.beslutad_av_id != user.pk or not settings.FOUR_EYES_PAYMENT_STRICT,
                 f"Du godkände rekvisitionen: en annan handläggare än {user} ska markera den som betald.")
        _require(betald_datum >= timezone.localtime(locked.inskickad).date(),
                 "Betalningsdagen kan inte vara före dagen rekvisitionen skickades in.")
        locked.betald_datum, locked.betald_av = betald_datum, user

    return _decide_invoice(rekvisition, user=user, allowed_from=[Rekvisition.Status.GODKAND],
                           to=Rekvisition.Status.BETALD, mutate=mutate)


def insats_close_year(*, insats: Insats, user, ar: int, overfor: bool, motivering: str = "") -> Overforing:
    """Year end: the year's unspent grant moves to the next year of the same insats, or is released back.

    Exactly the unspent amount (granted + moved in − moved out − invoiced) is moved; a year is closed once
    (a unique constraint backs this), and not while invoices for it wait for a decision.
    """
    _allow(permissions.can_prepare(user), "Bara förbundets kansli beslutar om överföring av medel.")
    with transaction.atomic():
        locked = Insats.objects.select_for_update().get(pk=insats.pk)
        _require(ar < timezone.localdate().year, f"Året {ar} är inte slut än.")
        _require(not Overforing.objects.filter(insats=locked, fran_ar=ar,
                                               typ__in=[Overforing.Typ.OVERFORD, Overforing.Typ.ATERFORD]).exists(),
                 f"Året {ar} är redan avslutat för insatsen.")
        _require(not Rekvisition.objects.filter(insats=locked, ar=ar, status=Rekvisition.Status.INSKICKAD).exists(),
                 f"Det finns rekvisitioner för {ar} som väntar på beslut: granska dem först.")
        unspent = _year_remaining(insats_economy(locked), ar)
        _require(unspent > 0, f"Inget återstår av beviljade medel för {ar}.")
        if overfor:
            _require(ar + 1 <= locked.period_slut.year,
                     f"Insatsen pågår inte under {ar + 1}: medlen kan bara återföras till förbundet.")
        transfer = Overforing(
            insats=locked, typ=Overforing.Typ.OVERFORD if overfor else Overforing.Typ.ATERFORD, fran_ar=ar,
            till_ar=ar + 1 if overfor else None, belopp=unspent, motivering=(motivering or "").strip(), beslutad_av=user,
        )
        transfer._history_user = user
        transfer.save()
    return transfer
