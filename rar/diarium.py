"""The documents of a case (handlingar): one numbering, and one way to register what the process creates.

Every document of a case has a running number within the case (RAR 2026/12-3 is document 3 of case
RAR 2026/12), taken under a row lock on the case, a direction (inkommande / upprättad / utgående) and a date.
Uploads go through rar.services.handling_add; documents the process itself creates or receives (the
submitted application as PDF, completion requests, extracts, the signed agreement, reports, invoices) go
through `handling_register`, which registers each source (`kalla`) once.

The apps call `register_after_commit`: the step that produced the document commits first, then the
document is rendered and registered in a transaction of its own. A failing render is logged and leaves
nothing behind (no row, no file); the step itself stays done.
"""

import datetime
import logging

from django.core.files.base import ContentFile
from django.db import DatabaseError, transaction
from django.db.models import Max

from rar.models import Arende, Handling

log = logging.getLogger(__name__)

Riktning = Handling.Riktning


def next_number(arende_id: int) -> int:
    """Lock the case and take the next running number of its documents. Runs inside the caller's transaction.

    The lock makes two registrations in the same case wait for each other; the unique constraint on
    (case, number) is the last guard.
    """
    Arende.objects.select_for_update().filter(pk=arende_id).values_list("pk", flat=True).get()
    return (Handling.objects.filter(arende_id=arende_id).aggregate(m=Max("nummer"))["m"] or 0) + 1


def handling_register(*, arende: Arende, titel: str, riktning: str, datum: datetime.date, content, filnamn: str,
                      kalla: str, user, content_type: str = "application/pdf", delad_med_parter: bool = False) -> Handling:
    """Register a document the process created or received, once per (case, source).

    `content` is the file's bytes, or a function of the document's number returning them (so a PDF can
    carry its own document number). A second call with the same source returns the first document and
    writes nothing. `delad_med_parter`: the case's parties (co-applicants, partners) see it too. The content is produced before anything is written: if that fails, nothing is.
    """
    if not kalla:
        raise ValueError("A registered document needs its source key (kalla).")
    if riktning not in Riktning.values:
        raise ValueError(f"Unknown direction {riktning!r}")
    with transaction.atomic():
        nummer = next_number(arende.pk)  # the case lock also serialises two registrations of one source
        existing = Handling.objects.filter(arende_id=arende.pk, kalla=kalla).first()
        if existing is not None:
            return existing
        data = content(nummer) if callable(content) else content
        handling = Handling(arende=arende, nummer=nummer, titel=titel[:250], riktning=riktning, datum=datum, kalla=kalla,
                            filnamn=filnamn[:255], content_type=content_type, storlek=len(data), uppladdad_av=user,
                            delad_med_parter=delad_med_parter)
        handling.fil.save(filnamn, ContentFile(data), save=False)  # deleted again if the row is not committed
        handling._history_user = user
        handling.save()
    return handling


def register_after_commit(register, what: str) -> None:
    """Run `register()` once the caller's transaction has committed, in its own transaction.

    The step is done by then, so this is a fallback: a failure rolls back only the registration, is logged with
    `what` (e.g. "ansökan 12") and neither turns the done step into a server error nor stops the callbacks after it.
    """

    def run():
        try:
            register()
        except (OSError, DatabaseError):  # the storage or the database
            log.exception("Handlingen kunde inte registreras i diariet: %s", what)
        except Exception:  # a fault in the code or the render: logged as one, but the step stays done
            log.exception("Handlingen kunde inte registreras i diariet (fel i programmet): %s", what)

    transaction.on_commit(run)
