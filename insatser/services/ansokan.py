"""Applications (ansökan, förlängning, kompetenshöjande insats): drafts, the rule checks for submitting, the
steps through preparation and the working committee, and the board's decision with the grant it creates.

Every step goes through `rar.lifecycle.transition`: lock, right and state checked once, event, mail after commit.
"""

import datetime
from dataclasses import dataclass

from django.core.exceptions import FieldDoesNotExist
from django.db import transaction
from django.utils import timezone

from insatser import dokument, notifications, permissions
from insatser.models import Ansokan, Avtal, Beviljat, BudgetAr, Inriktning, Insats, Mal
from insatser.services.avtal import DEFAULT_VILLKOR
from insatser.services.base import StaleVersion, require as _require
from rar import history, lifecycle
from rar import services as rar_services
from rar.case_handlers import Beslutsutfall
from rar.errors import DomainError, NotAllowed
from rar.models import Arende
from rar.money import split_exact


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



def ansokan_create(
    *, user, titel: str, typ: str = Ansokan.Typ.NY, agare=None, insats: Insats | None = None, registrerad=None
) -> Ansokan:
    """Open a draft application and register it as a case in the diarium (today, or `registrerad`)."""
    if not permissions.can_create_ansokan(user):
        raise NotAllowed("Du har inte behörighet att skapa ansökningar.")
    if agare is None:
        agare = user.organisation
    if agare is None:
        raise DomainError("Ange vilken organisation som är insatsägare.")
    if not permissions.can_prepare(user) and agare.pk != user.organisation_id:
        raise NotAllowed("Du kan bara ansöka för din egen organisation.")
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
        lifecycle.record(ansokan, fran="", till=Ansokan.Status.UTKAST, user=user, kommentar="Ansökan skapad")
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
        if not (permissions.can_prepare(user) or permissions.is_owner_of(user, locked.agare_id)):
            raise NotAllowed("Bara insatsägarens kontaktpersoner och förbundets kansli ändrar en ansökan.")
        if not permissions.can_edit_ansokan(user, locked):
            raise DomainError(f"Ansökan har status ”{locked.get_status_display().lower()}” och kan inte ändras av dig nu.")
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
        except FieldDoesNotExist:
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
        if ansokan.inriktning == Inriktning.INDIVID:
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


def _step(ansokan, *, user, right, refusal, allowed_from, to, kommentar="", check=None, mutate=None, notify=None) -> Ansokan:
    """One step of an application's life cycle (rar.lifecycle): right(user, locked) is checked after the lock."""
    return lifecycle.transition(ansokan, user=user, to=to, allowed_from=allowed_from,
                                right=lambda locked: right(user, locked), refusal=refusal, check=check, mutate=mutate,
                                kommentar=kommentar, notify=notify)


def _staff(user, locked) -> bool:
    return permissions.can_prepare(user)


def _complete(locked):
    errors = validate_for_submit(locked)
    if errors:
        raise SubmitErrors(errors)


def ansokan_submit(*, ansokan: Ansokan, user) -> Ansokan:
    """The owner submits a complete application (utkast → inskickad)."""
    def mutate(locked):
        locked.inskickad = timezone.now()

    submitted = _step(
        ansokan, user=user, right=lambda u, locked: permissions.is_owner_of(u, locked.agare_id) or permissions.can_prepare(u),
        refusal="Bara insatsägarens kontaktpersoner kan skicka in ansökan.",
        allowed_from=[Ansokan.Status.UTKAST], to=Ansokan.Status.INSKICKAD, check=_complete,
        mutate=mutate, kommentar="Ansökan inskickad", notify=notifications.application_received,
    )
    dokument.application_submitted(submitted, user)
    return submitted


def ansokan_start_review(*, ansokan: Ansokan, user) -> Ansokan:
    return _step(
        ansokan, user=user, right=_staff, refusal="Bara förbundets kansli bereder ansökningar.",
        allowed_from=[Ansokan.Status.INSKICKAD], to=Ansokan.Status.UNDER_BEREDNING,
        kommentar="Beredning påbörjad",
    )


def ansokan_request_completion(*, ansokan: Ansokan, user, kommentar: str) -> Ansokan:
    kommentar = (kommentar or "").strip()
    requested = _step(
        ansokan, user=user, right=_staff, refusal="Bara förbundets kansli kan begära komplettering.",
        allowed_from=[Ansokan.Status.UNDER_BEREDNING], to=Ansokan.Status.KOMPLETTERING,
        check=lambda locked: _require(kommentar, "Skriv vad som ska kompletteras."),
        kommentar=kommentar, notify=notifications.completion_requested,
    )
    dokument.completion_requested(requested, user, kommentar)
    return requested


def ansokan_submit_completion(*, ansokan: Ansokan, user) -> Ansokan:
    completed = _step(
        ansokan, user=user, right=lambda u, locked: permissions.is_owner_of(u, locked.agare_id),
        refusal="Bara insatsägarens kontaktpersoner kan lämna komplettering.",
        allowed_from=[Ansokan.Status.KOMPLETTERING], to=Ansokan.Status.UNDER_BEREDNING,
        check=_complete, kommentar="Komplettering inlämnad", notify=notifications.completion_received,
    )
    dokument.completion_submitted(completed, user)
    return completed


def ansokan_send_to_au(*, ansokan: Ansokan, user) -> Ansokan:
    return _step(
        ansokan, user=user, right=_staff, refusal="Bara förbundets kansli kan lämna ärenden till arbetsutskottet.",
        allowed_from=[Ansokan.Status.UNDER_BEREDNING], to=Ansokan.Status.HOS_AU, check=_complete,
        kommentar="Till arbetsutskottet",
    )


def ansokan_au_recommend(*, ansokan: Ansokan, user, rekommendation: str, motivering: str) -> Ansokan:
    """Record the working committee's recommendation; the case is then ready for the board."""
    motivering = (motivering or "").strip()

    def check(locked):
        _require(rekommendation in Ansokan.Rekommendation.values, "Välj om arbetsutskottet tillstyrker eller avstyrker.")
        _require(motivering, "Skriv arbetsutskottets motivering.")

    def mutate(locked):
        locked.au_rekommendation = rekommendation
        locked.au_motivering = motivering

    return _step(
        ansokan, user=user, right=_staff, refusal="Bara förbundets kansli registrerar arbetsutskottets rekommendation.",
        allowed_from=[Ansokan.Status.HOS_AU], to=Ansokan.Status.KLAR_FOR_STYRELSEN, check=check, mutate=mutate,
        kommentar=lambda locked: f"Arbetsutskottet: {Ansokan.Rekommendation(rekommendation).label.lower()}. {motivering}",
    )


def ansokan_resume_review(*, ansokan: Ansokan, user) -> Ansokan:
    """After the board sent a case back (återremiss), staff take it up again."""
    return _step(
        ansokan, user=user, right=_staff, refusal="Bara förbundets kansli bereder ansökningar.",
        allowed_from=[Ansokan.Status.ATERREMITTERAD], to=Ansokan.Status.UNDER_BEREDNING,
        kommentar="Beredning återupptagen efter återremiss",
    )


def ansokan_decide(*, ansokan: Ansokan, utfall: str, belopp: int | None, beslutstext: str, user, beslutsdatum) -> Ansokan:
    """The board's decision (reached through rar's case-handler registry from a meeting's paragraph).

    Full or partial funding creates the insats (or extends it, for a förlängning) with money per year
    and a draft agreement; rejection and sending back only move the application. The applied total is read
    under the application's lock.
    """
    to = {
        Beslutsutfall.FULL: Ansokan.Status.BEVILJAD,
        Beslutsutfall.DELVIS: Ansokan.Status.BEVILJAD,
        Beslutsutfall.AVSLAG: Ansokan.Status.AVSLAGEN,
        Beslutsutfall.ATERREMISS: Ansokan.Status.ATERREMITTERAD,
    }.get(utfall)
    _require(to is not None, "Okänt beslutsutfall.")
    granted = {}

    def check(locked):
        total = sum(row.belopp for row in locked.budget.all())
        if utfall == Beslutsutfall.FULL:
            _require(belopp in (None, total), f"Vid full finansiering beviljas det sökta beloppet, {total} kr.")
            granted["belopp"] = total
        elif utfall == Beslutsutfall.DELVIS:
            _require(belopp is not None and 0 < belopp < total,
                     f"Vid delvis finansiering ska beloppet vara mellan 0 och {total} kr.")
            granted["belopp"] = belopp
        else:
            granted["belopp"] = None

    def mutate(locked):
        locked.beviljat_belopp = granted["belopp"]
        locked.beslutstext = beslutstext
        locked.beslutsdatum = beslutsdatum

    with transaction.atomic():
        decided = _step(
            ansokan, user=user, right=_staff, refusal="Styrelsens beslut registreras av förbundets kansli.",
            allowed_from=[Ansokan.Status.KLAR_FOR_STYRELSEN], to=to, check=check, mutate=mutate,
            kommentar=beslutstext or dict(Beslutsutfall.choices)[utfall],
        )  # the owner is told once the § is adjusted (rar.moten.beslutsbesked → case_handler.decision_adjusted)
        if to == Ansokan.Status.BEVILJAD:
            _grant(decided, granted["belopp"], user)
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
            inriktning=ansokan.inriktning or Inriktning.STRUKTUR, karaktar=ansokan.karaktar,
            kompetenshojande=ansokan.is_kompetens, lansovergripande=ansokan.lansovergripande,
            lansdelar=ansokan.lansdelar, langsiktig=ansokan.langsiktig and not ansokan.is_kompetens,
            syfte=ansokan.syfte, period_start=ansokan.period_start, period_slut=ansokan.period_slut,
        )
        insats._history_user = user
        insats.save()
        lifecycle.record(insats, fran="", till=insats.status, user=user, kommentar="Beviljad av styrelsen")
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


