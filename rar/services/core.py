"""Writes for the federation's own objects. Each function is one state change, in one transaction."""

import datetime

from django.utils import timezone
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction

from rar import diarium, permissions
from rar.columns import fit, fit_filename
from rar.errors import DomainError, NotAllowed
from rar.models import Arende, Diarieserie, Handling, Organisation
from rar.validators import validate_handling_file


def _next_case_number(year: int) -> int:
    """Take the next number in the year's series. Must run inside the caller's transaction.

    The series row is created if missing (ON CONFLICT DO NOTHING: a concurrent creator wins, we wait
    for it) and then locked, so two registrations in parallel get consecutive numbers and a rolled-back
    registration gives its number back: the series stays gap-free.
    """
    Diarieserie.objects.bulk_create([Diarieserie(ar=year, senaste=0)], ignore_conflicts=True)
    serie = Diarieserie.objects.select_for_update().get(ar=year)
    serie.senaste += 1
    serie.save(update_fields=["senaste"])
    return serie.senaste


def arende_register(
    *,
    titel: str,
    typ: str = Arende.Typ.OVRIGT,
    organisation: Organisation | None = None,
    registrerad: datetime.date | None = None,
    user=None,
    check_permission: bool = True,
) -> Arende:
    """Register a case in the diarium with the next number of its year.

    Other apps register their cases through this function (with check_permission=False when their
    own service has already checked the user's right, e.g. an owner submitting an application).
    """
    if check_permission and not permissions.can_register_arende(user):
        raise NotAllowed("Bara förbundets kansli kan registrera ärenden i diariet.")
    titel = fit(Arende, "titel", (titel or "").strip())  # callers compose it ("Förlängning: <insats>")
    if not titel:
        raise DomainError("Ärendet måste ha en rubrik.")
    registrerad = registrerad or timezone.localdate()
    with transaction.atomic():
        number = _next_case_number(registrerad.year)
        arende = Arende(
            ar=registrerad.year,
            lopnummer=number,
            diarienummer=f"{settings.FORBUND['kortnamn']} {registrerad.year}/{number}",
            titel=titel,
            typ=typ,
            organisation=organisation,
            registrerad=registrerad,
            registrerad_av=user if user is not None and user.is_authenticated else None,
        )
        arende._history_user = user
        arende.save()
        return arende


def arende_set_status(*, arende: Arende, status: str, user) -> Arende:
    """Close a case (avslutat) or open it again (öppet)."""
    if not permissions.can_register_arende(user):
        raise NotAllowed("Bara förbundets kansli kan ändra ett ärendes status.")
    with transaction.atomic():
        locked = Arende.objects.select_for_update().get(pk=arende.pk)
        if locked.status == status:
            raise DomainError(f"Ärendet är redan {Arende.Status(status).label.lower()}.")
        locked.status = status
        locked._history_user = user
        locked.save(update_fields=["status"])
    return locked


def handling_add(*, arende: Arende, titel: str, upload, user, riktning: str = Handling.Riktning.INKOMMANDE,
                 delad_med_parter: bool = False) -> Handling:
    """Attach a document to a case after checking the user's right, the file's type and its size.

    It gets the case's next running number. What owners send in is incoming; staff may also file a
    document drawn up (upprättad) or sent out (utgående) by the federation. A document is for the owner and
    the federation unless shared with the parties (`delad_med_parter`): the owner's uploads are not shared by
    default; documents the process makes for every party are.
    """
    if not permissions.can_add_handling(user, arende):
        raise NotAllowed("Du får inte lägga till handlingar i det här ärendet.")
    if riktning not in Handling.Riktning.values:
        raise DomainError("Ange om handlingen är inkommande, upprättad eller utgående.")
    if riktning != Handling.Riktning.INKOMMANDE and not permissions.can_register_arende(user):
        raise NotAllowed("Bara förbundets kansli registrerar upprättade och utgående handlingar.")
    from django.core.exceptions import ValidationError

    try:
        content_type = validate_handling_file(upload)
    except ValidationError as error:
        raise DomainError(error.messages[0]) from error
    with transaction.atomic():
        handling = Handling(
            arende=arende,
            nummer=diarium.next_number(arende.pk),
            riktning=riktning,
            titel=(titel or "").strip() or fit(Handling, "titel", upload.name),
            fil=upload,
            filnamn=fit_filename(Handling, "filnamn", upload.name),
            content_type=content_type,
            storlek=upload.size,
            uppladdad_av=user,
            delad_med_parter=delad_med_parter,
        )
        handling._history_user = user
        handling.save()
        return handling


def handling_set_shared(*, handling: Handling, user, delad: bool) -> Handling:
    """Share a document with the case's parties (co-applicants, partners), or stop sharing it."""
    if not permissions.can_share_handlingar(user, handling.arende):
        raise NotAllowed("Bara insatsägaren eller förbundets kansli bestämmer vilka handlingar parterna ser.")
    with transaction.atomic():
        locked = Handling.objects.select_for_update().select_related("arende").get(pk=handling.pk)
        if locked.delad_med_parter != delad:
            locked.delad_med_parter = delad
            locked._history_user = user
            locked.save(update_fields=["delad_med_parter"])
    return locked


def notisval_save(*, user, dagligt_sammandrag: bool, epost: dict) -> None:
    """A user's own notification choices: e-mail per kind of event, and the daily digest."""
    from rar.models import Handelse, Notisval

    with transaction.atomic():
        if user.dagligt_sammandrag != dagligt_sammandrag:
            user.dagligt_sammandrag = dagligt_sammandrag
            user._history_user = user
            user.save(update_fields=["dagligt_sammandrag"])
        for handelse in Handelse.values:
            Notisval.objects.update_or_create(anvandare=user, handelse=handelse,
                                              defaults={"epost": bool(epost.get(handelse, True))})


# --- Money: population, budget lines and the year's contribution (staff) -----------------------------------


def _require_kansli(user, text):
    from rar import roles

    if not roles.is_kansli(user):
        raise PermissionDenied(text)


def befolkning_save(*, user, rows, kalla: str) -> int:
    """Set the population aged 16–64 for (municipality, year, number) rows; returns how many changed."""
    from rar.models import Befolkning

    _require_kansli(user, "Bara förbundets kansli registrerar befolkning.")
    changed = 0
    with transaction.atomic():
        for organisation, ar, antal in rows:
            if not antal or antal <= 0:
                raise DomainError(f"Befolkningen för {organisation} {ar} ska vara större än 0.")
            if organisation.typ != Organisation.Typ.KOMMUN:
                raise DomainError(f"{organisation} är ingen kommun: bara kommunernas befolkning fördelar bidraget.")
            row = Befolkning.objects.select_for_update().filter(organisation=organisation, ar=ar).first()
            if row is not None and (row.antal_16_64, row.kalla) == (antal, kalla):
                continue
            row = row or Befolkning(organisation=organisation, ar=ar)
            row.antal_16_64, row.kalla = antal, kalla
            row._history_user = user
            row.save()
            changed += 1
    return changed


def budgetpost_save(*, user, ar: int, post=None, **values):
    """Add a budget line for a year, or change one (staff)."""
    from django.db import IntegrityError

    from rar.models import Budgetpost

    _require_kansli(user, "Bara förbundets kansli ändrar budgeten.")
    with transaction.atomic():
        line = Budgetpost.objects.select_for_update().get(pk=post.pk) if post is not None else Budgetpost(ar=ar)
        if line.ar != ar:
            raise DomainError("Posten hör till ett annat år.")
        for name, value in values.items():
            setattr(line, name, value)
        line._history_user = user
        try:
            with transaction.atomic():
                line.save()
        except IntegrityError:
            raise DomainError(f"Posten ”{line.namn}” finns redan i budgeten för {ar}.") from None
    return line


def medlemsbidrag_save(*, user, ar: int, totalt: int, beslut: str = ""):
    """The members' total contribution for a year (staff); the split follows from the law and the population."""
    from rar.models import Medlemsbidrag

    _require_kansli(user, "Bara förbundets kansli ändrar medlemsbidraget.")
    if not totalt or totalt <= 0:
        raise DomainError("Medlemsbidraget ska vara större än 0 kr.")
    with transaction.atomic():
        row = Medlemsbidrag.objects.select_for_update().filter(ar=ar).first() or Medlemsbidrag(ar=ar)
        row.totalt, row.beslut = totalt, beslut.strip()
        row._history_user = user
        row.save()
    return row
