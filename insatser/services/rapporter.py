"""Status reports (lägesrapporter) and the final report (slutrapport): saving as they stand, the checks for
handing in, staff review, and the reminders before and after a report is due."""

import datetime

from django.db import transaction
from django.db.models import Sum
from django.utils import timezone

from insatser import dokument, notifications, permissions
from insatser.models import Inriktning, Insats, Lagesrapport, Mal, MalRapport, SlutMalResultat, Slutrapport
from insatser.selectors import insats_economy
from insatser.services.base import StaleVersion, require as _require
from rar import history, lifecycle
from rar.errors import DomainError
from rar.templatetags.rar_format import kronor as _kr
from rar.permissions import require as _allow


# --- Status reports -----------------------------------------------------------------------------------

REPORT_FIELDS = ["inskrivna", "avslutade", "till_arbete_studier", "kostnader", "risker", "implementering"]


def _save_report(model, goal_model, *, rapport, user, version, fields, allowed, outcome, goal_values, noun, check=None):
    """Save a report as it stands (status or final report): right, editable status, version, outcome ≤ ended."""
    with transaction.atomic():
        locked = model.objects.select_for_update().select_related("insats").get(pk=rapport.pk)
        _allow(permissions.can_report_for(user, locked.insats), "Du får inte rapportera för den här insatsen.")
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
    if rapport.insats.inriktning == Inriktning.INDIVID:
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


def _submit_report(model, *, rapport, user, validate, noun, wrong_state):
    """The owner hands in a report (ej inlämnad / komplettering → inlämnad) when every check passes."""
    def check(locked):
        errors = validate(locked)
        if errors:
            raise DomainError(f"{noun} kan inte lämnas in än: " + " ".join(errors))

    def mutate(locked):
        locked.inlamnad = timezone.now()
        if hasattr(locked, "inlamnad_av"):
            locked.inlamnad_av = user

    return lifecycle.transition(
        rapport, user=user, to=model.Status.INLAMNAD, allowed_from=model.OWNER_EDITABLE,
        queryset=model.objects.select_related("insats"),
        right=lambda locked: permissions.can_report_for(user, locked.insats),
        refusal="Du får inte rapportera för den här insatsen.", wrong_state=wrong_state, check=check, mutate=mutate,
        kommentar=f"{noun} inlämnad",
    )


def lagesrapport_submit(*, rapport: Lagesrapport, user) -> Lagesrapport:
    with transaction.atomic():
        locked = _submit_report(
            Lagesrapport, rapport=rapport, user=user, validate=validate_report, noun="Lägesrapporten",
            wrong_state=lambda r: f"Lägesrapporten är {r.get_status_display().lower()} och kan inte lämnas in igen.")
        transaction.on_commit(lambda: notifications.report_submitted(locked))
        dokument.status_report_submitted(locked, user)
    return locked


def _review_report(model, *, rapport, user, godkann: bool, kommentar: str, noun: str, on_approve=None):
    """Staff approve a submitted report, or ask the owner to complete it (a comment is then required)."""
    kommentar = (kommentar or "").strip()

    def check(locked):
        if not godkann:
            _require(kommentar, "Skriv vad som ska kompletteras.")

    def mutate(locked):
        locked.kommentar_kansli = kommentar
        if godkann and on_approve is not None:
            on_approve(locked)

    return lifecycle.transition(
        rapport, user=user, to=model.Status.GODKAND if godkann else model.Status.KOMPLETTERING,
        allowed_from=[model.Status.INLAMNAD], queryset=model.objects.select_related("insats"),
        right=lambda locked: permissions.can_prepare(user), refusal=f"Bara förbundets kansli granskar {noun}er.",
        wrong_state=f"Bara en inlämnad {noun} kan granskas.", check=check, mutate=mutate,
        kommentar=kommentar or ("Godkänd" if godkann else ""),
    )


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
    _allow(permissions.can_report_for(user, insats), "Du får inte rapportera för den här insatsen.")
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
        if insats.inriktning == Inriktning.INDIVID:
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
        locked = _submit_report(Slutrapport, rapport=rapport, user=user, validate=validate_final_report,
                                noun="Slutrapporten", wrong_state="Slutrapporten är redan inlämnad.")
        dokument.final_report_submitted(locked, user)
    return locked


FINAL_STATUS = {
    Slutrapport.Utfall.IMPLEMENTERAD: Insats.Status.IMPLEMENTERAD,
    Slutrapport.Utfall.AVVECKLAD: Insats.Status.AVSLUTAD,
    Slutrapport.Utfall.AVBRUTEN: Insats.Status.AVBRUTEN,
}


def slutrapport_review(*, rapport, user, godkann: bool, kommentar: str = ""):
    """Staff approve the final report, which ends the insats, or ask for completion."""
    def end_insats(locked):
        insats = Insats.objects.select_for_update().get(pk=locked.insats_id)
        previous = insats.status
        insats.status = Insats.Status.AVSLUTAD if insats.kompetenshojande else FINAL_STATUS[locked.utfall]
        insats._history_user = user
        insats.save(update_fields=["status"])
        lifecycle.record(insats, fran=previous, till=insats.status, user=user, kommentar="Slutrapporten godkänd")

    return _review_report(Slutrapport, rapport=rapport, user=user, godkann=godkann, kommentar=kommentar,
                          noun="slutrapport", on_approve=end_insats)


