"""Registry of case-kind handlers: how the board's decision on a case reaches the app that owns it.

`rar` must not import the apps above it. Instead each app registers, in its AppConfig.ready(), a
handler for the case kinds (Arende.Typ) it owns. The meeting side calls `apply_decision(...)`, the
handler moves its own object (e.g. an application to "beviljad") and raises DomainError when the
decision does not fit the object's state.
"""

from dataclasses import dataclass
from typing import Protocol

from rar.errors import DomainError


class Beslutsutfall:
    """The outcomes of a funding decision."""

    FULL = "full"
    DELVIS = "delvis"
    AVSLAG = "avslag"
    ATERREMISS = "aterremiss"

    choices = [
        (FULL, "Full finansiering beviljas"),
        (DELVIS, "Delvis finansiering beviljas"),
        (AVSLAG, "Avslag"),
        (ATERREMISS, "Återremiss"),
    ]


class Rekommendation:
    """The working committee's (AU) recommendation to the board on a case: the outcome of an AU decision §."""

    TILLSTYRKS = "tillstyrks"
    AVSTYRKS = "avstyrks"

    choices = [(TILLSTYRKS, "Tillstyrks"), (AVSTYRKS, "Avstyrks")]


@dataclass(frozen=True)
class CaseSummary:
    """What the decision list shows of a case, as its owning app describes it."""

    titel: str
    agare: str
    parter: list
    belopp_sokt: int | None
    rekommendation: str
    regelkontroller: list  # (rubrik, ok: bool | None, text)
    url: str = ""  # the case's own page (the application), where its rule checks stand under #regelkontroller


class CaseHandler(Protocol):
    def ready_for_board(self, arende_ids=None):
        """Arende ids (of this kind) that staff have marked ready for the board."""

    def summary(self, arende) -> CaseSummary: ...

    def decide(self, *, arende, utfall: str, belopp: int | None, beslutstext: str, user, beslutsdatum): ...

    def ready_for_committee(self, arende_ids=None):
        """Arende ids (of this kind) that staff have handed to the working committee (AU)."""

    def recommend(self, *, arende, rekommendation: str, motivering: str, user):
        """The AU's decided § on the case: record its recommendation; the case is then ready for the board."""

    def decision_adjusted(self, *, arende, utfall: str, utdrag_url: str):
        """The board's § on the case is adjusted: tell the case's owner, with the link to the extract."""


_handlers: dict[str, CaseHandler] = {}


def register(kinds, handler: CaseHandler) -> None:
    for kind in kinds:
        if kind in _handlers and _handlers[kind] is not handler:
            raise RuntimeError(f"Case kind {kind!r} already has a handler")
        _handlers[kind] = handler


def handler_for(kind: str) -> CaseHandler:
    try:
        return _handlers[kind]
    except KeyError:
        raise DomainError("Ärenden av den här typen kan inte beslutas i systemet.") from None


def handlers() -> dict[str, CaseHandler]:
    return dict(_handlers)


def apply_decision(*, arende, utfall: str, belopp: int | None, beslutstext: str, user, beslutsdatum):
    """Pass a board decision to the app that owns the case. Runs in the caller's transaction."""
    if utfall not in dict(Beslutsutfall.choices):
        raise DomainError("Okänt beslutsutfall.")
    return handler_for(arende.typ).decide(
        arende=arende, utfall=utfall, belopp=belopp, beslutstext=beslutstext, user=user, beslutsdatum=beslutsdatum
    )


def apply_recommendation(*, arende, rekommendation: str, motivering: str, user):
    """Pass the working committee's recommendation to the app that owns the case. Runs in the caller's transaction."""
    if rekommendation not in dict(Rekommendation.choices):
        raise DomainError("Arbetsutskottet beslutar om en rekommendation till styrelsen (tillstyrks eller avstyrks), "
                          "inte om finansiering.")
    return handler_for(arende.typ).recommend(arende=arende, rekommendation=rekommendation, motivering=motivering, user=user)
