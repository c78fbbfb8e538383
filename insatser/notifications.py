"""Notifications about applications, reports and invoices. Called after commit by the services.

Each becomes an in-app notice for its recipients; e-mail follows by a background task as each user
chooses (`rar.notiser`).
"""

from django.contrib.auth import get_user_model

from rar import lifecycle, roles
from rar.models import Handelse
from rar.notiser import notify
from rar.templatetags.rar_format import kronor


def _staff():
    return list(get_user_model().objects.filter(groups__name=roles.KANSLI, is_active=True).distinct())


def _send(subject, body, recipients, handelse, url=""):
    notify(users=recipients, handelse=handelse, rubrik=subject, text=body, url=url)


def _contact(ansokan):
    return [ansokan.kontaktperson]


def application_received(ansokan):
    _send(
        f"Ansökan inkommen: {ansokan.titel}",
        f"{ansokan.agare} har lämnat in ansökan ”{ansokan.titel}” ({ansokan.arende.diarienummer}).",
        _staff(),
        Handelse.ANSOKAN_INKOMMEN,
        ansokan.get_absolute_url(),
    )


def completion_received(ansokan):
    """The owner answered a completion request: the same application comes back, not a new one."""
    _send(
        f"Komplettering inkommen: {ansokan.titel}",
        f"{ansokan.agare} har lämnat komplettering av ansökan ”{ansokan.titel}” ({ansokan.arende.diarienummer}).",
        _staff(),
        Handelse.KOMPLETTERING_INKOMMEN,
        ansokan.get_absolute_url(),
    )


def completion_requested(ansokan):
    last = lifecycle.events_for(ansokan).last()
    _send(
        f"Komplettering begärd: {ansokan.titel}",
        f"Förbundets kansli ber om komplettering av ansökan ”{ansokan.titel}” ({ansokan.arende.diarienummer}):\n\n"
        f"{last.kommentar if last else ''}",
        _contact(ansokan),
        Handelse.KOMPLETTERING_BEGARD,
        ansokan.get_absolute_url(),
    )


def decision_taken(ansokan, utdrag_url):
    """The board's decision, sent once its § is adjusted (with the protocol or at once), linking the extract."""
    _send(
        f"Beslut: {ansokan.titel}",
        f"Styrelsens beslut om ansökan ”{ansokan.titel}” ({ansokan.arende.diarienummer}) är justerat: "
        f"{ansokan.get_status_display().lower()}.\n\n{ansokan.beslutstext}\n\nProtokollsutdraget med beslutet finns "
        "på länken nedan och på ansökans sida.",
        _contact(ansokan),
        Handelse.BESLUT_FATTAT,
        utdrag_url,
    )


def report_submitted(rapport):
    _send(
        f"Lägesrapport inlämnad: {rapport.insats}",
        f"Lägesrapporten för {rapport.insats} ({rapport.period_start:%Y-%m-%d}–{rapport.period_slut:%Y-%m-%d}) är inlämnad.",
        _staff(),
        Handelse.RAPPORT_INLAMNAD,
        rapport.get_absolute_url(),
    )


def report_completion_requested(rapport):
    _send(
        f"Komplettera lägesrapport: {rapport.insats}",
        f"Förbundets kansli ber om komplettering av lägesrapporten för {rapport.insats}:\n\n{rapport.kommentar_kansli}",
        _contact(rapport.insats.ansokan),
        Handelse.KOMPLETTERING_BEGARD,
        rapport.get_absolute_url(),
    )


def report_due(rapport):
    _send(
        f"Lägesrapport ska lämnas senast {rapport.forfaller:%Y-%m-%d}: {rapport.insats}",
        f"Påminnelse: lägesrapporten för {rapport.insats} för perioden {rapport.period_start:%Y-%m-%d}–"
        f"{rapport.period_slut:%Y-%m-%d} ska lämnas senast {rapport.forfaller:%Y-%m-%d}.",
        _contact(rapport.insats.ansokan),
        Handelse.RAPPORT_FORFALLER,
        rapport.get_absolute_url(),
    )


def report_overdue(rapport):
    _send(
        f"Försenad lägesrapport: {rapport.insats}",
        f"Lägesrapporten för {rapport.insats} för perioden {rapport.period_start:%Y-%m-%d}–{rapport.period_slut:%Y-%m-%d} "
        f"skulle ha lämnats senast {rapport.forfaller:%Y-%m-%d}. Lämna den så snart som möjligt.",
        _contact(rapport.insats.ansokan),
        Handelse.RAPPORT_FORSENAD,
        rapport.get_absolute_url(),
    )


def invoice_decided(rekvisition):
    if rekvisition.status == rekvisition.Status.AVSLAGEN:
        subject = f"Rekvisition {rekvisition.nummer} avslagen: {rekvisition.insats}"
        body = (f"Förbundets kansli har avslagit rekvisition {rekvisition.nummer} för {rekvisition.insats} "
                f"({kronor(rekvisition.belopp)}):\n\n{rekvisition.avslag_motivering}")
    else:
        subject = f"Rekvisition {rekvisition.nummer} {rekvisition.get_status_display().lower()}: {rekvisition.insats}"
        body = (f"Rekvisition {rekvisition.nummer} för {rekvisition.insats} ({kronor(rekvisition.belopp)}) är "
                f"{rekvisition.get_status_display().lower()}"
                + (f" {rekvisition.betald_datum:%Y-%m-%d}." if rekvisition.betald_datum else "."))
    _send(subject, body, [rekvisition.inskickad_av, *_contact(rekvisition.insats.ansokan)], Handelse.REKVISITION_BESLUTAD,
          rekvisition.get_absolute_url())


def invoice_submitted(rekvisition):
    _send(
        f"Rekvisition inkommen: {rekvisition.insats}",
        f"{rekvisition.insats.agare} har skickat in rekvisition {rekvisition.nummer} för {rekvisition.insats}: "
        f"{kronor(rekvisition.belopp)} för {rekvisition.period_start:%Y-%m-%d}–{rekvisition.period_slut:%Y-%m-%d}.",
        _staff(),
        Handelse.REKVISITION_INKOMMEN,
        rekvisition.get_absolute_url(),
    )
