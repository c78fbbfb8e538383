"""E-mails about applications and reports. Called after commit by the services, never inside a transaction."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail

from rar import roles


def _staff_addresses():
    users = get_user_model().objects.filter(groups__name=roles.KANSLI, is_active=True).exclude(email="")
    return sorted(set(users.values_list("email", flat=True)))


def _send(subject, body, recipients):
    recipients = [address for address in recipients if address]
    if recipients:
        send_mail(f"[{settings.FORBUND['kortnamn']} Insats] {subject}", body, None, recipients)


def _contact(ansokan):
    return [ansokan.kontaktperson.email]


def application_received(ansokan):
    _send(
        f"Ansökan inkommen: {ansokan.titel}",
        f"{ansokan.agare} har lämnat in ansökan ”{ansokan.titel}” ({ansokan.arende.diarienummer}).",
        _staff_addresses(),
    )


def completion_requested(ansokan):
    last = ansokan.handelser.order_by("-tid", "-pk").first()
    _send(
        f"Komplettering begärd: {ansokan.titel}",
        f"Förbundets kansli ber om komplettering av ansökan ”{ansokan.titel}” ({ansokan.arende.diarienummer}):\n\n"
        f"{last.kommentar if last else ''}",
        _contact(ansokan),
    )


def decision_taken(ansokan):
    _send(
        f"Beslut: {ansokan.titel}",
        f"Styrelsen har fattat beslut om ansökan ”{ansokan.titel}” ({ansokan.arende.diarienummer}): "
        f"{ansokan.get_status_display().lower()}.\n\n{ansokan.beslutstext}",
        _contact(ansokan),
    )


def report_submitted(rapport):
    _send(
        f"Lägesrapport inlämnad: {rapport.insats}",
        f"Lägesrapporten för {rapport.insats} ({rapport.period_start:%Y-%m-%d}–{rapport.period_slut:%Y-%m-%d}) är inlämnad.",
        _staff_addresses(),
    )


def report_completion_requested(rapport):
    _send(
        f"Komplettera lägesrapport: {rapport.insats}",
        f"Förbundets kansli ber om komplettering av lägesrapporten för {rapport.insats}:\n\n{rapport.kommentar_kansli}",
        _contact(rapport.insats.ansokan),
    )


def report_due(rapport):
    _send(
        f"Lägesrapport ska lämnas senast {rapport.forfaller:%Y-%m-%d}: {rapport.insats}",
        f"Påminnelse: lägesrapporten för {rapport.insats} för perioden {rapport.period_start:%Y-%m-%d}–"
        f"{rapport.period_slut:%Y-%m-%d} ska lämnas senast {rapport.forfaller:%Y-%m-%d}.",
        _contact(rapport.insats.ansokan),
    )


def report_overdue(rapport):
    _send(
        f"Försenad lägesrapport: {rapport.insats}",
        f"Lägesrapporten för {rapport.insats} för perioden {rapport.period_start:%Y-%m-%d}–{rapport.period_slut:%Y-%m-%d} "
        f"skulle ha lämnats senast {rapport.forfaller:%Y-%m-%d}. Lämna den så snart som möjligt.",
        _contact(rapport.insats.ansokan),
    )


def invoice_decided(rekvisition):
    if rekvisition.status == rekvisition.Status.AVSLAGEN:
        subject = f"Rekvisition {rekvisition.nummer} avslagen: {rekvisition.insats}"
        body = (f"Förbundets kansli har avslagit rekvisition {rekvisition.nummer} för {rekvisition.insats} "
                f"({rekvisition.belopp} kr):\n\n{rekvisition.avslag_motivering}")
    else:
        subject = f"Rekvisition {rekvisition.nummer} {rekvisition.get_status_display().lower()}: {rekvisition.insats}"
        body = (f"Rekvisition {rekvisition.nummer} för {rekvisition.insats} ({rekvisition.belopp} kr) är "
                f"{rekvisition.get_status_display().lower()}"
                + (f" {rekvisition.betald_datum:%Y-%m-%d}." if rekvisition.betald_datum else "."))
    _send(subject, body, sorted({rekvisition.inskickad_av.email, *_contact(rekvisition.insats.ansokan)}))


def invoice_submitted(rekvisition):
    _send(
        f"Rekvisition inkommen: {rekvisition.insats}",
        f"{rekvisition.insats.agare} har skickat in rekvisition {rekvisition.nummer} för {rekvisition.insats}: "
        f"{rekvisition.belopp} kr för {rekvisition.period_start:%Y-%m-%d}–{rekvisition.period_slut:%Y-%m-%d}.",
        _staff_addresses(),
    )
