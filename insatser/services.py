"""Writes for applications, insatser, agreements and status reports.

Each state change is one function: it locks the row, checks the current state and the user's right,
writes the change and a history row in one transaction, and sends mail after commit.
"""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone

from insatser import dokument, notifications, permissions
from insatser.models import (
    Ansokan,
    AnsokanHandelse,
    Avtal,
    Beviljat,
    BudgetAr,
    Fas,
    Insats,
    Lagesrapport,
    Mal,
    MalRapport,
    Overforing,
    Rekvisition,
    SlutMalResultat,
    Slutrapport,
)
from insatser.selectors import insats_economy
from rar import history
from rar import services as rar_services
from rar.case_handlers import Beslutsutfall
from rar.errors import DomainError
from rar.models import Arende
from rar.money import split_exact
from rar.templatetags.rar_format import kronor as _kr


class StaleVersion(DomainError):
    """The user saved a form based on an older version than the one stored."""

    def __init__(self, changed_fields):
        self.changed_fields = changed_fields
        names = ", ".join(changed_fields) if changed_fields else "uppgifterna"
        super().__init__(
            "Någon annan har sparat ändringar sedan du öppnade formuläret (ändrat: "
            f"{names}). Dina uppgifter finns kvar nedan: kontrollera och spara igen."
        )


@dataclass
class SubmitErrors(DomainError):
    """The application cannot be submitted. `errors` is a list of (field or None, Swedish message)."""

    errors: list

    def __post_init__(self):
        super().__init__("Ansökan kan inte skickas in än: " + " ".join(message for _, message in self.errors))


ARENDE_TYP = {
    Ansokan.Typ.NY: Arende.Typ.ANSOKAN,
    Ansokan.Typ.FORLANGNING: Arende.Typ.FORLANGNING,
    Ansokan.Typ.KOMPETENS: Arende.Typ.KOMPETENS,
}


# --- Applications -------------------------------------------------------------------------------------


def ansokan_create(
    *, user, titel: str, typ: str = Ansokan.Typ.NY, agare=None, insats: Insats | None = None, registrerad=None
) -> Ansokan:
    """Open a draft application and register it as a case in the diarium (today, or `registrerad`)."""
    if not permissions.can_create_ansokan(user):
        raise DomainError("Du har inte behörighet att skapa ansökningar.")
    if agare is None:
        agare = user.organisation
    if agare is None:
        raise DomainError("Ange vilken organisation som är insatsägare.")
    if not permissions.can_prepare(user) and agare.pk != user.organisation_id:
        raise DomainError("Du kan bara ansöka för din egen organisation.")
    titel = (titel or "").strip()
    if not titel:
        raise DomainError("Ge insatsen ett namn.")
    if typ == Ansokan.Typ.FORLANGNING:
        if insats is None:
            raise DomainError("En förlängning ska avse en pågående insats.")
        if insats.status != Insats.Status.PAGAENDE:
            raise DomainError("Bara en pågående insats kan förlängas.")
        if insats.agare_id != agare.pk:
            raise DomainError("En förlängning söks av insatsens ägare.")
    elif insats is not None:
        raise DomainError("Bara en förlängning kan avse en befintlig insats.")
    with transaction.atomic():
        arende = rar_services.arende_register(
            titel=f"{Ansokan.Typ(typ).label}: {titel}", typ=ARENDE_TYP[typ], organisation=agare, user=user,
            registrerad=registrerad, check_permission=False,
        )
        ansokan = Ansokan(arende=arende, typ=typ, titel=titel, agare=agare, kontaktperson=user, insats=insats)
        if insats is not None:
            _copy_from_insats(ansokan, insats)
        ansokan._history_user = user
        ansokan.save()
        if insats is not None:
            ansokan.parter.set(insats.parter.all())
            history.bulk_create(Mal, [
                Mal(ansokan=ansokan, typ=mal.typ, beskrivning=mal.beskrivning, indikator=mal.indikator,
                    malvarde=mal.malvarde, ordning=index)
                for index, mal in enumerate(insats.ansokan.mal.all())
            ], user=user)
        _log(ansokan, "", Ansokan.Status.UTKAST, user, "Ansökan skapad")
    return ansokan


def _copy_from_insats(ansokan: Ansokan, insats: Insats) -> None:
    original = insats.ansokan
    for name in [
        "inriktning", "karaktar", "malgrupp", "prioriterade_grupper", "bakgrund", "syfte", "metod",
        "implementering", "lansovergripande", "lansdelar", "langsiktig", "deltagaruppfoljning", "utvarderingsplan",
    ]:
        setattr(ansokan, name, getattr(original, name))
    ansokan.period_start = insats.period_slut + datetime.timedelta(days=1)


EDITABLE_FIELDS = [
    "titel", "inriktning", "karaktar", "malgrupp", "prioriterade_grupper", "bakgrund", "syfte", "metod",
    "implementering", "lansovergripande", "lansdelar", "langsiktig", "period_start", "period_slut",
    "planerade_deltagare", "deltagaruppfoljning", "utvarderingsplan", "antal_platser",
]


def ansokan_save(*, ansokan: Ansokan, user, version: int, fields: dict, parter=(), mal=(), budget=()) -> Ansokan:
    """Save what the user wrote, complete or not (a draft is never refused for being incomplete).

    `mal` is a list of dicts (typ, beskrivning, indikator, malvarde); `budget` a list of (ar, belopp).
    Refused if the user may not edit now, or if the form was based on an older version.
    """
    with transaction.atomic():
        locked = Ansokan.objects.select_for_update().get(pk=ansokan.pk)
        if not permissions.can_edit_ansokan(user, locked):
            raise DomainError(f"Ansökan är {locked.get_status_display().lower()} och kan inte ändras av dig nu.")
        if locked.version != version:
            raise StaleVersion(_changed_since(locked, version))
        for name in EDITABLE_FIELDS:
            if name in fields:
                value = fields[name]
                if name == "titel" and not (value or "").strip():
                    continue  # a case keeps its name; an empty title is reported at submit
                setattr(locked, name, value)
        locked.version += 1
        locked._history_user = user
        locked.save()
        locked.parter.set([org for org in parter if org.pk != locked.agare_id])
        goals = [
            {k: (row.get(k) or "") for k in ("typ", "beskrivning", "indikator", "malvarde")} for row in mal
            if any((row.get(k) or "").strip() for k in ("beskrivning", "indikator", "malvarde"))
        ]
        # Goals by position and budget rows by year keep their ids: only what changed gets a history row.
        history.sync_rows(Mal, dict(enumerate(locked.mal.all())),
                          {index: {**goal, "ordning": index} for index, goal in enumerate(goals)},
                          user=user, parent={"ansokan": locked})
        years = {}
        for ar, belopp in budget:
            if ar in years:
                raise DomainError(f"Året {ar} står två gånger i budgeten.")
            years[ar] = {"ar": ar, "belopp": belopp}
        history.sync_rows(BudgetAr, {row.ar: row for row in locked.budget.all()}, years, user=user,
                          parent={"ansokan": locked})
    return locked


def _changed_since(current: Ansokan, version: int) -> list[str]:
    """Labels of the fields changed since the user's version (from the audit trail)."""
    records = list(current.history.order_by("-history_id")[: max(1, current.version - version) + 1])
    if len(records) < 2:
        return []
    newest, base = records[0], records[-1]
    labels = []
    for change in newest.diff_against(base).changes:
        try:
            labels.append(str(Ansokan._meta.get_field(change.field).verbose_name))
        except Exception:
            labels.append(change.field)
    return labels


def validate_for_submit(ansokan: Ansokan) -> list:
    """Every rule an application must meet to be submitted, as (field or None, Swedish message)."""
    errors = []

    def need(field, value, message):
        if value is None or (isinstance(value, str) and not value.strip()) or value == []:
            errors.append((field, message))

    need("titel", ansokan.titel, "Ange insatsens namn.")
    parter = [org for org in ansokan.parter.all() if org.pk != ansokan.agare_id]
    if not parter:
        errors.append(("parter", "En ansökan ska ha minst två parter: insatsägaren och minst en medsökande organisation."))
    kompetens = ansokan.is_kompetens
    need("syfte", ansokan.syfte, "Beskriv insatsens syfte.")
    need("malgrupp", ansokan.malgrupp, "Beskriv målgruppen." if not kompetens else "Beskriv vilka utbildningen vänder sig till.")
    if kompetens:
        need("antal_platser", ansokan.antal_platser, "Ange antal platser.")
    else:
        need("inriktning", ansokan.inriktning, "Ange om insatsen är individinriktad eller strukturinriktad.")
        need("karaktar", ansokan.karaktar, "Ange om insatsen är operativ eller strukturell.")
        need("bakgrund", ansokan.bakgrund, "Beskriv bakgrund och behov.")
        need("metod", ansokan.metod, "Beskriv metoden.")
        need("implementering", ansokan.implementering, "Beskriv hur metoden ska bli ordinarie verksamhet (implementering).")
        need("utvarderingsplan", ansokan.utvarderingsplan, "Beskriv hur insatsen ska utvärderas.")
        if not ansokan.lansovergripande and not ansokan.lansdelar:
            errors.append(("lansdelar", "Ange om insatsen är länsövergripande eller vilka länsdelar den gäller."))
        if ansokan.inriktning == "individ":
            need("planerade_deltagare", ansokan.planerade_deltagare, "Ange planerat antal deltagare.")
            need("deltagaruppfoljning", ansokan.deltagaruppfoljning, "Beskriv hur deltagarnas utveckling ska följas.")
        goals = list(ansokan.mal.all())
        for number, mal in enumerate(goals, start=1):
            missing = [
                label for label, value in (("typ", mal.typ), ("indikator", mal.indikator), ("målvärde", mal.malvarde))
                if not (value or "").strip()
            ]
            if missing:
                errors.append(("mal", f"Mål {number} saknar {' och '.join(missing)}."))
        if not any(mal.is_followable for mal in goals):
            errors.append(("mal", "Ange minst ett mål som går att följa upp: typ, mål, indikator och målvärde."))
    need("period_start", ansokan.period_start, "Ange periodens startdatum.")
    need("period_slut", ansokan.period_slut, "Ange periodens slutdatum.")
    if ansokan.period_start and ansokan.period_slut and ansokan.period_slut < ansokan.period_start:
        errors.append(("period_slut", "Periodens slut får inte vara före dess start."))
    budget = list(ansokan.budget.all())
    if not budget:
        errors.append(("budget", "Ange sökt belopp för minst ett år."))
    for row in budget:
        if row.belopp <= 0:
            errors.append(("budget", f"Beloppet för {row.ar} ska vara större än 0 kr."))
        if ansokan.period_start and ansokan.period_slut and not (ansokan.period_start.year <= row.ar <= ansokan.period_slut.year):
            errors.append(
                ("budget", f"Budgetåret {row.ar} ligger utanför perioden {ansokan.period_start.year}–{ansokan.period_slut.year}.")
            )
    return errors


def _log(ansokan, fran, till, user, kommentar=""):
    event = AnsokanHandelse(
        ansokan=ansokan, fran_status=fran, till_status=till, anvandare=user if user and user.is_authenticated else None,
        kommentar=kommentar,
    )
    event._history_user = user
    event.save()


def _transition(ansokan, *, user, allowed_from, to, kommentar="", check=None, mutate=None, notify=None) -> Ansokan:
    """Move an application from one of `allowed_from` to `to` under a row lock, with a history row."""
    with transaction.atomic():
        locked = Ansokan.objects.select_for_update().get(pk=ansokan.pk)
        if locked.status not in allowed_from:
            raise DomainError(
                f"Ansökan är {locked.get_status_display().lower()} och kan inte bli "
                f"{Ansokan.Status(to).label.lower()} nu."
            )
        if check is not None:
            check(locked)
        if mutate is not None:
            mutate(locked)
        previous = locked.status
        locked.status = to
        locked.version += 1
        locked._history_user = user
        locked.save()
        _log(locked, previous, to, user, kommentar)
        if notify is not None:
            transaction.on_commit(lambda: notify(locked))
    return locked


def _require(condition, message):
    if not condition:
        raise DomainError(message)


def ansokan_submit(*, ansokan: Ansokan, user) -> Ansokan:
    """The owner submits a complete application (utkast → inskickad)."""
    _require(
        permissions.is_owner_of(user, ansokan.agare_id) or permissions.can_prepare(user),
        "Bara insatsägarens kontaktpersoner kan skicka in ansökan.",
    )

    def check(locked):
        errors = validate_for_submit(locked)
        if errors:
            raise SubmitErrors(errors)

    def mutate(locked):
        locked.inskickad = timezone.now()

    submitted = _transition(
        ansokan, user=user, allowed_from=[Ansokan.Status.UTKAST], to=Ansokan.Status.INSKICKAD, check=check,
        mutate=mutate, kommentar="Ansökan inskickad", notify=notifications.application_received,
    )
    dokument.application_submitted(submitted, user)
    return submitted


def ansokan_start_review(*, ansokan: Ansokan, user) -> Ansokan:
    _require(permissions.can_prepare(user), "Bara förbundets kansli bereder ansökningar.")
    return _transition(
        ansokan, user=user, allowed_from=[Ansokan.Status.INSKICKAD], to=Ansokan.Status.UNDER_BEREDNING,
        kommentar="Beredning påbörjad",
    )


def ansokan_request_completion(*, ansokan: Ansokan, user, kommentar: str) -> Ansokan:
    _require(permissions.can_prepare(user), "Bara förbundets kansli kan begära komplettering.")
    _require((kommentar or "").strip(), "Skriv vad som ska kompletteras.")
    requested = _transition(
        ansokan, user=user, allowed_from=[Ansokan.Status.UNDER_BEREDNING], to=Ansokan.Status.KOMPLETTERING,
        kommentar=kommentar.strip(), notify=notifications.completion_requested,
    )
    dokument.completion_requested(requested, user, kommentar.strip())
    return requested


def ansokan_submit_completion(*, ansokan: Ansokan, user) -> Ansokan:
    _require(permissions.is_owner_of(user, ansokan.agare_id), "Bara insatsägarens kontaktpersoner kan lämna komplettering.")

    def check(locked):
        errors = validate_for_submit(locked)
        if errors:
            raise SubmitErrors(errors)

    completed = _transition(
        ansokan, user=user, allowed_from=[Ansokan.Status.KOMPLETTERING], to=Ansokan.Status.UNDER_BEREDNING,
        check=check, kommentar="Komplettering inlämnad", notify=notifications.application_received,
    )
    dokument.completion_submitted(completed, user)
    return completed


def ansokan_send_to_au(*, ansokan: Ansokan, user) -> Ansokan:
    _require(permissions.can_prepare(user), "Bara förbundets kansli kan lämna ärenden till arbetsutskottet.")

    def check(locked):
        errors = validate_for_submit(locked)
        if errors:
            raise SubmitErrors(errors)

    return _transition(
        ansokan, user=user, allowed_from=[Ansokan.Status.UNDER_BEREDNING], to=Ansokan.Status.HOS_AU, check=check,
        kommentar="Till arbetsutskottet",
    )


def ansokan_au_recommend(*, ansokan: Ansokan, user, rekommendation: str, motivering: str) -> Ansokan:
    """Record the working committee's recommendation; the case is then ready for the board."""
    _require(permissions.can_prepare(user), "Bara förbundets kansli registrerar arbetsutskottets rekommendation.")
    _require(rekommendation in Ansokan.Rekommendation.values, "Välj om arbetsutskottet tillstyrker eller avstyrker.")
    _require((motivering or "").strip(), "Skriv arbetsutskottets motivering.")

    def mutate(locked):
        locked.au_rekommendation = rekommendation
        locked.au_motivering = motivering.strip()

    return _transition(
        ansokan, user=user, allowed_from=[Ansokan.Status.HOS_AU], to=Ansokan.Status.KLAR_FOR_STYRELSEN, mutate=mutate,
        kommentar=f"Arbetsutskottet: {Ansokan.Rekommendation(rekommendation).label.lower()}. {motivering.strip()}",
    )


def ansokan_resume_review(*, ansokan: Ansokan, user) -> Ansokan:
    """After the board sent a case back (återremiss), staff take it up again."""
    _require(permissions.can_prepare(user), "Bara förbundets kansli bereder ansökningar.")
    return _transition(
        ansokan, user=user, allowed_from=[Ansokan.Status.ATERREMITTERAD], to=Ansokan.Status.UNDER_BEREDNING,
        kommentar="Beredning återupptagen efter återremiss",
    )


def ansokan_decide(*, ansokan: Ansokan, utfall: str, belopp: int | None, beslutstext: str, user, beslutsdatum) -> Ansokan:
    """The board's decision (reached through rar's case-handler registry from a meeting's paragraph).

    Full or partial funding creates the insats (or extends it, for a förlängning) with money per year
    and a draft agreement; rejection and sending back only move the application.
    """
    _require(permissions.can_prepare(user), "Styrelsens beslut registreras av förbundets kansli.")
    total = sum(row.belopp for row in ansokan.budget.all())
    to = {
        Beslutsutfall.FULL: Ansokan.Status.BEVILJAD,
        Beslutsutfall.DELVIS: Ansokan.Status.BEVILJAD,
        Beslutsutfall.AVSLAG: Ansokan.Status.AVSLAGEN,
        Beslutsutfall.ATERREMISS: Ansokan.Status.ATERREMITTERAD,
    }.get(utfall)
    _require(to is not None, "Okänt beslutsutfall.")
    if utfall == Beslutsutfall.FULL:
        _require(belopp in (None, total), f"Vid full finansiering beviljas det sökta beloppet, {total} kr.")
        belopp = total
    elif utfall == Beslutsutfall.DELVIS:
        _require(belopp is not None and 0 < belopp < total, f"Vid delvis finansiering ska beloppet vara mellan 0 och {total} kr.")
    else:
        belopp = None

    def mutate(locked):
        locked.beviljat_belopp = belopp
        locked.beslutstext = beslutstext
        locked.beslutsdatum = beslutsdatum

    with transaction.atomic():
        decided = _transition(
            ansokan, user=user, allowed_from=[Ansokan.Status.KLAR_FOR_STYRELSEN], to=to, mutate=mutate,
            kommentar=beslutstext or dict(Beslutsutfall.choices)[utfall],
        )  # the owner is told once the § is adjusted (rar.moten.beslutsbesked → case_handler.decision_adjusted)
        if to == Ansokan.Status.BEVILJAD:
            _grant(decided, belopp, user)
    return decided


def _grant(ansokan: Ansokan, belopp: int, user) -> Insats:
    budget = list(ansokan.budget.all())
    amounts = split_exact(belopp, [row.belopp for row in budget])
    if ansokan.typ == Ansokan.Typ.FORLANGNING:
        insats = Insats.objects.select_for_update().get(pk=ansokan.insats_id)
        insats.period_slut = max(insats.period_slut, ansokan.period_slut)
        insats._history_user = user
        insats.save(update_fields=["period_slut"])
    else:
        insats = Insats(
            arende=ansokan.arende, ansokan=ansokan, namn=ansokan.titel, agare=ansokan.agare,
            inriktning=ansokan.inriktning or "struktur", karaktar=ansokan.karaktar,
            kompetenshojande=ansokan.is_kompetens, lansovergripande=ansokan.lansovergripande,
            lansdelar=ansokan.lansdelar, langsiktig=ansokan.langsiktig and not ansokan.is_kompetens,
            syfte=ansokan.syfte, period_start=ansokan.period_start, period_slut=ansokan.period_slut,
        )
        insats._history_user = user
        insats.save()
        insats.parter.set(ansokan.parter.all())
    history.bulk_create(
        Beviljat, [Beviljat(insats=insats, ansokan=ansokan, ar=row.ar, belopp=amount) for row, amount in zip(budget, amounts)],
        user=user,
    )
    avtal = Avtal(insats=insats, ansokan=ansokan, period_start=ansokan.period_start, period_slut=ansokan.period_slut,
                  villkor=DEFAULT_VILLKOR)
    avtal._history_user = user
    avtal.save()
    return insats


# The general terms (payment, repayment, termination, personal data) are part of the agreement itself
# (templates/insatser/avtal_pdf.html); `villkor` holds what is particular to this insats.
DEFAULT_VILLKOR = (
    "Individinriktade insatser rapporterar deltagare enligt förbundets anvisningar, utan personuppgifter."
)


# --- Agreements ---------------------------------------------------------------------------------------


def avtal_update_terms(*, avtal: Avtal, user, rapportintervall_manader: int, villkor: str) -> Avtal:
    _require(permissions.can_prepare(user), "Bara förbundets kansli ändrar avtalsvillkor.")
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
            _require(permissions.can_sign_for_owner(user, locked.insats), "Bara insatsägaren kan godkänna avtalet för sin organisation.")
            _require(locked.agare_signerad_tid is None, "Avtalet är redan godkänt för insatsägaren.")
            locked.agare_signerad_av, locked.agare_signerad_tid = _signature(user), now
        elif part == "forbund":
            _require(permissions.can_prepare(user), "Bara förbundets kansli kan godkänna avtalet för förbundet.")
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
    import calendar

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


# --- Status reports -----------------------------------------------------------------------------------

REPORT_FIELDS = ["inskrivna", "avslutade", "till_arbete_studier", "kostnader", "risker", "implementering"]


def _save_report(model, goal_model, *, rapport, user, version, fields, allowed, outcome, goal_values, noun, check=None):
    """Save a report as it stands (status or final report): right, editable status, version, outcome ≤ ended."""
    with transaction.atomic():
        locked = model.objects.select_for_update().select_related("insats").get(pk=rapport.pk)
        _require(permissions.can_report_for(user, locked.insats), "Du får inte rapportera för den här insatsen.")
        _require(locked.status in model.OWNER_EDITABLE, f"{noun} är {locked.get_status_display().lower()} och kan inte ändras.")
        if locked.version != version:
            raise StaleVersion([])
        for name in allowed:
            if name in fields:
                setattr(locked, name, fields[name])
        ended, to_work = (getattr(locked, name) for name in outcome)
        if ended is not None and to_work is not None and to_work > ended:
            raise DomainError("Antalet till arbete eller studier kan inte vara fler än de avslutade.")
        if check is not None:
            check(locked)
        locked.version += 1
        locked._history_user = user
        locked.save()
        goals = set(report_goals(locked.insats).values_list("pk", flat=True))
        parent = {goal_model.PARENT: locked}
        history.sync_rows(goal_model, {row.mal_id: row for row in goal_model.objects.filter(**parent)},
                          {mal_id: {"mal_id": mal_id, **values} for mal_id, values in goal_values.items() if mal_id in goals},
                          user=user, parent=parent, delete_missing=False)
    return locked


def lagesrapport_save(*, rapport: Lagesrapport, user, version: int, fields: dict, malrapporter: dict) -> Lagesrapport:
    """Save the owner's report as it stands. `malrapporter` maps goal id → dict(status, varde, kommentar)."""
    return _save_report(Lagesrapport, MalRapport, rapport=rapport, user=user, version=version, fields=fields,
                        allowed=REPORT_FIELDS, outcome=("avslutade", "till_arbete_studier"), goal_values=malrapporter,
                        noun="Lägesrapporten", check=_check_report_costs)


def _check_report_costs(rapport: Lagesrapport) -> None:
    """A status report's costs, with the other reports' costs in the same years, stay within those years' grant
    plus what was moved to them (carried over from the year before, or advanced)."""
    if rapport.kostnader is None:
        return
    years = list(range(rapport.period_start.year, rapport.period_slut.year + 1))
    room = sum(year.beviljat + year.overfort_in for year in insats_economy(rapport.insats).years if year.ar in years)
    others = (Lagesrapport.objects.filter(insats=rapport.insats, period_start__year__in=years).exclude(pk=rapport.pk)
              .aggregate(s=Sum("kostnader"))["s"] or 0)
    if rapport.kostnader + others > room:
        span = str(years[0]) if len(years) == 1 else f"{years[0]}–{years[-1]}"
        raise DomainError(f"Kostnaderna {_kr(rapport.kostnader)} och de andra rapporternas {_kr(others)} för {span} "
                          f"överstiger det som beviljats och förts över till {span}, {_kr(room)}. Kontrollera beloppet.")


def report_goals(insats: Insats):
    """The goals an insats reports on: those of the latest granted application (extensions may sharpen them)."""
    latest = insats.beviljat.order_by("-ansokan__beslutsdatum", "-ansokan_id").values_list("ansokan_id", flat=True).first()
    return Mal.objects.filter(ansokan_id=latest or insats.ansokan_id)


def validate_report(rapport: Lagesrapport) -> list[str]:
    errors = []
    if rapport.insats.inriktning == "individ":
        for name, label in (("inskrivna", "inskrivna"), ("avslutade", "avslutade"), ("till_arbete_studier", "till arbete eller studier")):
            if getattr(rapport, name) is None:
                errors.append(f"Ange antal deltagare {label} under perioden (0 om inga).")
    if rapport.kostnader is None:
        errors.append("Ange periodens kostnader (0 om inga).")
    reported = {m.mal_id: m for m in rapport.malrapporter.all()}
    for number, mal in enumerate(report_goals(rapport.insats), start=1):
        if not (reported.get(mal.pk) and reported[mal.pk].status):
            errors.append(f"Ange status för mål {number}.")
    return errors


def lagesrapport_submit(*, rapport: Lagesrapport, user) -> Lagesrapport:
    with transaction.atomic():
        locked = Lagesrapport.objects.select_for_update().select_related("insats").get(pk=rapport.pk)
        _require(permissions.can_report_for(user, locked.insats), "Du får inte rapportera för den här insatsen.")
        _require(locked.status in Lagesrapport.OWNER_EDITABLE,
                 f"Lägesrapporten är {locked.get_status_display().lower()} och kan inte lämnas in igen.")
        errors = validate_report(locked)
        if errors:
            raise DomainError("Lägesrapporten kan inte lämnas in än: " + " ".join(errors))
        locked.status = Lagesrapport.Status.INLAMNAD
        locked.inlamnad, locked.inlamnad_av = timezone.now(), user
        locked.version += 1
        locked._history_user = user
        locked.save()
        transaction.on_commit(lambda: notifications.report_submitted(locked))
        dokument.status_report_submitted(locked, user)
    return locked


def _review_report(model, *, rapport, user, godkann: bool, kommentar: str, noun: str, on_approve=None):
    """Staff approve a submitted report, or ask the owner to complete it (a comment is then required)."""
    _require(permissions.can_prepare(user), f"Bara förbundets kansli granskar {noun}er.")
    if not godkann:
        _require((kommentar or "").strip(), "Skriv vad som ska kompletteras.")
    with transaction.atomic():
        locked = model.objects.select_for_update().select_related("insats").get(pk=rapport.pk)
        _require(locked.status == model.Status.INLAMNAD, f"Bara en inlämnad {noun} kan granskas.")
        locked.status = model.Status.GODKAND if godkann else model.Status.KOMPLETTERING
        locked.kommentar_kansli = (kommentar or "").strip()
        locked.version += 1
        locked._history_user = user
        locked.save()
        if godkann and on_approve is not None:
            on_approve(locked)
    return locked


def lagesrapport_review(*, rapport: Lagesrapport, user, godkann: bool, kommentar: str = "") -> Lagesrapport:
    reviewed = _review_report(Lagesrapport, rapport=rapport, user=user, godkann=godkann, kommentar=kommentar, noun="lägesrapport")
    if not godkann:
        transaction.on_commit(lambda: notifications.report_completion_requested(reviewed))
    return reviewed


def send_report_reminders(*, today: datetime.date, days_before: int = 14) -> dict:
    """E-mail owners before a report is due and when it is overdue: exactly once per report and step.

    Rows are claimed with SELECT … FOR UPDATE SKIP LOCKED and stamped in the same transaction, so two
    runs at once never send the same reminder twice.
    """
    sent = {"paminnelse": 0, "forsening": 0}
    open_statuses = list(Lagesrapport.OWNER_EDITABLE)
    with transaction.atomic():
        due_soon = list(
            Lagesrapport.objects.select_for_update(skip_locked=True, of=("self",))
            .select_related("insats__ansokan__kontaktperson", "insats__agare")
            .filter(status__in=open_statuses, paminnelse_skickad__isnull=True, forfaller__gte=today,
                    forfaller__lte=today + datetime.timedelta(days=days_before))
        )
        overdue = list(
            Lagesrapport.objects.select_for_update(skip_locked=True, of=("self",))
            .select_related("insats__ansokan__kontaktperson", "insats__agare")
            .filter(status__in=open_statuses, forsening_skickad__isnull=True, forfaller__lt=today)
        )
        now = timezone.now()
        for rapport in due_soon:
            rapport.paminnelse_skickad = now
        for rapport in overdue:
            rapport.forsening_skickad = now
            if rapport.paminnelse_skickad is None:
                rapport.paminnelse_skickad = now  # an overdue report needs no "due soon" mail any more
        # Reminder stamps are bookkeeping the history leaves out: these updates write no history rows.
        history.bulk_update(Lagesrapport, due_soon, ["paminnelse_skickad"], user=None)
        history.bulk_update(Lagesrapport, overdue, ["forsening_skickad", "paminnelse_skickad"], user=None)
        for rapport in due_soon:
            transaction.on_commit(lambda r=rapport: notifications.report_due(r))
        for rapport in overdue:
            transaction.on_commit(lambda r=rapport: notifications.report_overdue(r))
        sent["paminnelse"], sent["forsening"] = len(due_soon), len(overdue)
    return sent


# --- Phases -------------------------------------------------------------------------------------------


def fas_add(*, insats: Insats, user, belopp: int, mal: str) -> Fas:
    """Add the next phase. The first phase is released at once; later ones wait for the previous goals."""
    _require(permissions.can_prepare(user), "Bara förbundets kansli lägger upp faser.")
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
    _require(permissions.can_prepare(user), "Bara förbundets kansli bekräftar att en fas mål är uppfyllda.")
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
    _require(permissions.can_prepare(user), "Bara förbundets kansli publicerar insatser i katalogen.")
    with transaction.atomic():
        locked = Insats.objects.select_for_update().get(pk=insats.pk)
        locked.publicerad = publicerad
        locked._history_user = user
        locked.save(update_fields=["publicerad"])
    return locked


def insats_set_styrgrupp(*, insats: Insats, user, styrgrupp: str) -> Insats:
    _require(permissions.can_prepare(user) or permissions.is_owner_of(user, insats.agare_id),
             "Bara kansliet och insatsägaren kan ändra styrgruppen.")
    with transaction.atomic():
        locked = Insats.objects.select_for_update().get(pk=insats.pk)
        locked.styrgrupp = (styrgrupp or "").strip()
        locked._history_user = user
        locked.save(update_fields=["styrgrupp"])
    return locked


# --- Final report -------------------------------------------------------------------------------------

FINAL_FIELDS = [
    "deltagare_totalt", "avslutade_totalt", "till_arbete_studier_totalt", "utfall", "overtagen_av", "avvecklad_varfor",
    "lardomar", "total_kostnad", "utvardering",
]


def slutrapport_for(*, insats: Insats, user):
    """The insats's final report, opened (created) by its owner or staff while the insats runs."""
    existing = Slutrapport.objects.filter(insats=insats).first()
    if existing is not None:
        return existing
    _require(permissions.can_report_for(user, insats), "Du får inte rapportera för den här insatsen.")
    _require(insats.status == Insats.Status.PAGAENDE, "Insatsen är redan avslutad.")
    with transaction.atomic():
        Insats.objects.select_for_update().get(pk=insats.pk)  # one final report per insats, also when two open it at once
        rapport = Slutrapport.objects.filter(insats=insats).first()
        if rapport is None:
            rapport = Slutrapport(insats=insats)
            rapport._history_user = user
            rapport.save()
    return rapport


def slutrapport_save(*, rapport, user, version: int, fields: dict, malresultat: dict):
    """Save the final report as it stands. `malresultat` maps goal id → dict(uppfyllelse, resultat)."""
    return _save_report(Slutrapport, SlutMalResultat, rapport=rapport, user=user, version=version, fields=fields,
                        allowed=FINAL_FIELDS, outcome=("avslutade_totalt", "till_arbete_studier_totalt"),
                        goal_values=malresultat, noun="Slutrapporten")


def validate_final_report(rapport) -> list[str]:
    errors = []
    insats = rapport.insats
    if insats.kompetenshojande:
        if rapport.deltagare_totalt is None:
            errors.append("Ange hur många som deltog.")
        if not rapport.utvardering.strip():
            errors.append("Sammanfatta deltagarnas utvärdering.")
    else:
        if insats.inriktning == "individ":
            for name, label in (("deltagare_totalt", "deltagare totalt"), ("avslutade_totalt", "avslutade totalt"),
                                ("till_arbete_studier_totalt", "till arbete eller studier")):
                if getattr(rapport, name) is None:
                    errors.append(f"Ange antal {label} (0 om inga).")
        if not rapport.utfall:
            errors.append("Ange om insatsen implementeras, avvecklas eller avbröts.")
        elif rapport.utfall == rapport.Utfall.IMPLEMENTERAD and not rapport.overtagen_av.strip():
            errors.append("Ange vem som tar över insatsen och genom vilket beslut.")
        elif rapport.utfall != rapport.Utfall.IMPLEMENTERAD and not rapport.avvecklad_varfor.strip():
            errors.append("Beskriv varför insatsen avvecklas eller avbröts.")
        if not rapport.lardomar.strip():
            errors.append("Beskriv lärdomarna.")
        results = {r.mal_id: r for r in rapport.malresultat.all()}
        for number, mal in enumerate(report_goals(insats), start=1):
            if not (results.get(mal.pk) and results[mal.pk].uppfyllelse):
                errors.append(f"Ange resultat för mål {number}.")
    if rapport.total_kostnad is None:
        errors.append("Ange insatsens totala kostnad.")
    return errors


def slutrapport_submit(*, rapport, user):
    with transaction.atomic():
        locked = Slutrapport.objects.select_for_update().select_related("insats").get(pk=rapport.pk)
        _require(permissions.can_report_for(user, locked.insats), "Du får inte rapportera för den här insatsen.")
        _require(locked.status in Slutrapport.OWNER_EDITABLE, "Slutrapporten är redan inlämnad.")
        errors = validate_final_report(locked)
        if errors:
            raise DomainError("Slutrapporten kan inte lämnas in än: " + " ".join(errors))
        locked.status, locked.inlamnad = Slutrapport.Status.INLAMNAD, timezone.now()
        locked.version += 1
        locked._history_user = user
        locked.save()
        dokument.final_report_submitted(locked, user)
    return locked


FINAL_STATUS = {"implementerad": Insats.Status.IMPLEMENTERAD, "avvecklad": Insats.Status.AVSLUTAD, "avbruten": Insats.Status.AVBRUTEN}


def slutrapport_review(*, rapport, user, godkann: bool, kommentar: str = ""):
    """Staff approve the final report, which ends the insats, or ask for completion."""
    def end_insats(locked):
        insats = Insats.objects.select_for_update().get(pk=locked.insats_id)
        insats.status = Insats.Status.AVSLUTAD if insats.kompetenshojande else FINAL_STATUS[locked.utfall]
        insats._history_user = user
        insats.save(update_fields=["status"])

    return _review_report(Slutrapport, rapport=rapport, user=user, godkann=godkann, kommentar=kommentar,
                          noun="slutrapport", on_approve=end_insats)


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
    _require(permissions.can_invoice(user, insats), "Bara insatsägaren kan skicka in rekvisitioner för insatsen.")
    _require(period_start and period_slut, "Ange rekvisitionens period.")
    _require(period_slut >= period_start, "Periodens slut kan inte vara före dess början.")
    _require(period_start.year == period_slut.year,
             "En rekvisition gäller ett år: dela upp perioden i en rekvisition per år.")
    costs = {name: kostnader.get(name) or 0 for name in Rekvisition.COST_FIELDS}
    _require(all(isinstance(v, int) and v >= 0 for v in costs.values()), "Kostnaderna ska vara hela kronor, 0 eller mer.")
    belopp = sum(costs.values())
    _require(belopp > 0, "Ange rekvisitionens kostnader: beloppet ska vara större än 0 kr.")
    advance = (forskott_motivering or "").strip()
    _require(not advance or permissions.can_prepare(user), "Bara förbundets kansli kan godkänna ett förskott från nästa år.")
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
        if excess > 0:
            transfer = Overforing(insats=locked, typ=Overforing.Typ.FORSKOTT, fran_ar=year + 1, till_ar=year,
                                  belopp=excess, motivering=advance, rekvisition=rekvisition, beslutad_av=user)
            transfer._history_user = user
            transfer.save()
        transaction.on_commit(lambda: notifications.invoice_submitted(rekvisition))
        dokument.invoice_submitted(rekvisition, user)
    return rekvisition


def _decide_invoice(rekvisition, *, user, allowed_from, to, mutate=None):
    _require(permissions.can_prepare(user), "Bara förbundets kansli granskar och betalar rekvisitioner.")
    with transaction.atomic():
        locked = Rekvisition.objects.select_for_update().select_related("insats__ansokan__kontaktperson", "inskickad_av").get(pk=rekvisition.pk)
        _require(locked.status in allowed_from,
                 f"Rekvisitionen är {locked.get_status_display().lower()} och kan inte bli {Rekvisition.Status(to).label.lower()}.")
        locked.status = to
        if mutate is not None:
            mutate(locked)
        locked._history_user = user
        locked.save()
        transaction.on_commit(lambda: notifications.invoice_decided(locked))
    return locked


def rekvisition_approve(*, rekvisition: Rekvisition, user) -> Rekvisition:
    """Four eyes: the staff member who registered the invoice (on the owner's behalf) does not approve it."""

    def mutate(locked):
        _require(locked.inskickad_av_id != user.pk,
                 f"Du registrerade rekvisitionen: en annan handläggare än {user} ska godkänna den.")
        locked.beslutad, locked.beslutad_av = timezone.now(), user

    return _decide_invoice(rekvisition, user=user, allowed_from=[Rekvisition.Status.INSKICKAD],
                           to=Rekvisition.Status.GODKAND, mutate=mutate)


def rekvisition_reject(*, rekvisition: Rekvisition, user, motivering: str) -> Rekvisition:
    _require((motivering or "").strip(), "Skriv varför rekvisitionen avslås.")

    def mutate(locked):
        locked.beslutad, locked.beslutad_av = timezone.now(), user
        locked.avslag_motivering = motivering.strip()
        # An advance taken for this invoice goes back to the next year.
        history.delete_rows(Overforing.objects.filter(rekvisition=locked, typ=Overforing.Typ.FORSKOTT), user=user)

    return _decide_invoice(rekvisition, user=user, allowed_from=[Rekvisition.Status.INSKICKAD],
                           to=Rekvisition.Status.AVSLAGEN, mutate=mutate)


def rekvisition_pay(*, rekvisition: Rekvisition, user, betald_datum: datetime.date) -> Rekvisition:
    _require(betald_datum is not None, "Ange betalningsdag.")
    _require(betald_datum <= timezone.localdate(), "Betalningsdagen kan inte ligga i framtiden.")

    def mutate(locked):
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
    _require(permissions.can_prepare(user), "Bara förbundets kansli beslutar om överföring av medel.")
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
