"""Writes for ESF calls and projects. Each state change is one function in one transaction."""

import datetime

from django.db import transaction
from django.utils import timezone

from esf import permissions
from esf.models import Delprojekt, EsfPengar, EsfProjekt, EsfResultat, Utlysning
from rar import lifecycle
from rar import services as rar_services
from rar.errors import DomainError
from rar.permissions import require as _allow
from rar.models import Arende


def _require(condition, message):
    if not condition:
        raise DomainError(message)


def _require_staff(user):
    _allow(permissions.can_manage(user), "Bara förbundets kansli administrerar ESF-utlysningar och projekt.")


def utlysning_save(*, user, utlysning: Utlysning | None = None, today: datetime.date | None = None, **fields) -> Utlysning:
    """Register or update a call. A call whose closing date has passed cannot be marked "ansökan planeras"."""
    _require_staff(user)
    today = today or timezone.localdate()
    with transaction.atomic():
        call = Utlysning() if utlysning is None else Utlysning.objects.select_for_update().get(pk=utlysning.pk)
        for name, value in fields.items():
            setattr(call, name, value)
        _require(call.stanger >= call.oppnar, "Utlysningen kan inte stänga innan den öppnar.")
        if call.bevakning == Utlysning.Bevakning.ANSOKAN_PLANERAS:
            _require(call.stanger >= today, f"Utlysningen stängde {call.stanger:%Y-%m-%d}; en ansökan kan inte längre planeras.")
        _require(not Utlysning.objects.filter(program=call.program, nummer=call.nummer).exclude(pk=call.pk).exists(),
                 "Utlysningen finns redan.")
        call._history_user = user
        call.save()
    return call


def projekt_create(*, user, namn: str, roll: str, period_start, period_slut, agare=None, agare_extern="", parter=(),
                   utlysning=None, syfte="", esf_diarienummer="") -> EsfProjekt:
    """Register a project (status idé) as a case in the diarium."""
    _require_staff(user)
    _require((namn or "").strip(), "Ange projektets namn.")
    _require(period_slut >= period_start, "Periodens slut får inte vara före dess start.")
    if roll == EsfProjekt.Roll.PROJEKTAGARE:
        _require(agare is None and not agare_extern, "När förbundet är projektägare anges ingen annan ägare.")
    else:
        _require(agare is not None or agare_extern.strip(), "Ange projektägare.")
    with transaction.atomic():
        arende = rar_services.arende_register(titel=f"ESF-projekt: {namn.strip()}", typ=Arende.Typ.ESF, organisation=agare,
                                              user=user)
        projekt = EsfProjekt(arende=arende, namn=namn.strip(), roll=roll, agare=agare, agare_extern=agare_extern.strip(),
                             utlysning=utlysning, syfte=syfte, esf_diarienummer=esf_diarienummer,
                             period_start=period_start, period_slut=period_slut)
        projekt._history_user = user
        projekt.save()
        lifecycle.record(projekt, fran="", till=projekt.status, user=user, kommentar="Projektet registrerat")
        projekt.parter.set([org for org in parter if org != agare])
    return projekt


S = EsfProjekt.Status
TRANSITIONS = {
    # step: (allowed from, to)
    "skicka": ((S.IDE,), S.INSKICKAD),
    "bevilja": ((S.INSKICKAD,), S.BEVILJAD),
    "avsla": ((S.INSKICKAD,), S.AVSLAGEN),
    "starta": ((S.BEVILJAD,), S.GENOMFORANDE),
    "avsluta_fas": ((S.GENOMFORANDE,), S.AVSLUTNINGSFAS),
    "avsluta": ((S.AVSLUTNINGSFAS,), S.AVSLUTAD),
}


def _move(projekt, user, step):
    allowed, to = TRANSITIONS[step]
    return lifecycle.transition(
        projekt, user=user, to=to, allowed_from=allowed, right=lambda locked: permissions.can_manage(user),
        refusal="Bara förbundets kansli administrerar ESF-utlysningar och projekt.",
        wrong_state=lambda locked: (f"Projektet har status ”{locked.get_status_display().lower()}” och kan inte gå till "
                                    f"”{S(to).label.lower()}”."),
        kommentar=STEP_LABELS[step], save=lambda locked: _save_status(locked, user),
    )


def _save_status(locked, user):
    locked._history_user = user
    locked.save(update_fields=["status"])


def projekt_skicka(*, projekt, user):
    return _move(projekt, user, "skicka")


def projekt_bevilja(*, projekt, user):
    return _move(projekt, user, "bevilja")


def projekt_avsla(*, projekt, user):
    return _move(projekt, user, "avsla")


def projekt_starta(*, projekt, user):
    return _move(projekt, user, "starta")


def projekt_avslutningsfas(*, projekt, user):
    return _move(projekt, user, "avsluta_fas")


def projekt_avsluta(*, projekt, user):
    return _move(projekt, user, "avsluta")


STEP_LABELS = {"skicka": "Ansökan inskickad", "bevilja": "Beviljad av ESF-rådet", "avsla": "Avslagen av ESF-rådet",
               "starta": "Genomförandet startar", "avsluta_fas": "Avslutningsfas", "avsluta": "Avsluta projektet"}
STEP_FUNCTIONS = {"skicka": projekt_skicka, "bevilja": projekt_bevilja, "avsla": projekt_avsla, "starta": projekt_starta,
                  "avsluta_fas": projekt_avslutningsfas, "avsluta": projekt_avsluta}


def projekt_forlang(*, projekt, user, till: datetime.date) -> EsfProjekt:
    """ESF-rådet lengthened the period."""
    _require_staff(user)
    with transaction.atomic():
        locked = EsfProjekt.objects.select_for_update().get(pk=projekt.pk)
        _require(locked.status in (S.BEVILJAD, S.GENOMFORANDE, S.AVSLUTNINGSFAS), "Bara ett beviljat, pågående projekt kan förlängas.")
        _require(till > locked.slutar, f"Förlängningen ska gå längre än nuvarande slut {locked.slutar:%Y-%m-%d}.")
        locked.forlangd_till = till
        locked._history_user = user
        locked.save(update_fields=["forlangd_till"])
    return locked


def delprojekt_add(*, projekt, user, namn: str, budget: int, agare=None) -> Delprojekt:
    _require_staff(user)
    _require((namn or "").strip(), "Ange delprojektets namn.")
    _require(not Delprojekt.objects.filter(projekt=projekt, namn=namn.strip()).exists(), "Delprojektet finns redan.")
    with transaction.atomic():
        sub = Delprojekt(projekt=projekt, namn=namn.strip(), budget=budget, agare=agare)
        sub._history_user = user
        sub.save()
    return sub


def _inside_period(projekt, ar):
    _require(projekt.period_start.year <= ar <= projekt.slutar.year,
             f"Året {ar} ligger utanför projektets period {projekt.period_start.year}–{projekt.slutar.year}.")


def _year_row(model, projekt, ar):
    """The project's row for the year, locked, or a new one (saved by the caller, so its history has the user)."""
    EsfProjekt.objects.select_for_update().get(pk=projekt.pk)  # two first saves of a year wait for each other
    return model.objects.select_for_update().filter(projekt=projekt, ar=ar).first() or model(projekt=projekt, ar=ar)


def pengar_save(*, projekt, user, ar: int, esf_medel: int, forbundets_medfinansiering: int = 0,
                ovrig_medfinansiering: int = 0) -> EsfPengar:
    _allow(permissions.can_report(user, projekt), "Du får inte ändra projektets ekonomi.")
    _inside_period(projekt, ar)
    with transaction.atomic():
        row = _year_row(EsfPengar, projekt, ar)
        row.esf_medel, row.forbundets_medfinansiering, row.ovrig_medfinansiering = (
            esf_medel, forbundets_medfinansiering, ovrig_medfinansiering)
        row._history_user = user
        row.save()
    return row


RESULT_FIELDS = ["inskrivna_kvinnor", "inskrivna_man", "avslutade_kvinnor", "avslutade_man", "arbete_studier_kvinnor",
                 "arbete_studier_man", "medelalder_arbete_studier", "utfall"]


def resultat_save(*, projekt, user, ar: int, **values) -> EsfResultat:
    """The year's results as reported to SCB, entered by the owner organisation or staff."""
    _allow(permissions.can_report(user, projekt), "Du får inte rapportera resultat för projektet.")
    _inside_period(projekt, ar)
    for gender, label in (("kvinnor", "kvinnor"), ("man", "män")):
        _require(values.get(f"arbete_studier_{gender}", 0) <= values.get(f"avslutade_{gender}", 0),
                 f"Fler {label} till arbete eller studier än avslutade.")
    with transaction.atomic():
        row = _year_row(EsfResultat, projekt, ar)
        for name in RESULT_FIELDS:
            if name in values:
                setattr(row, name, values[name])
        row._history_user = user
        row.save()
    return row


def projekt_publish(*, projekt, user, publicerad: bool) -> EsfProjekt:
    """Staff publish a project in the public catalogue (insatskatalog), or take it down."""
    _require_staff(user)
    with transaction.atomic():
        locked = EsfProjekt.objects.select_for_update().get(pk=projekt.pk)
        if locked.publicerad != publicerad:
            locked.publicerad = publicerad
            locked._history_user = user
            locked.save(update_fields=["publicerad"])
    return locked
