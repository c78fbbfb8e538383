"""One shape for every state change (applications, invoices, status and final reports, ESF projects, meetings).

`transition` opens a transaction, locks the row with SELECT … FOR UPDATE, checks the user's right and the
current state *after* locking, runs the caller's check and change, bumps the version, saves with the acting
user for the audit trail, writes a `Statushandelse` (who, when, from, to, why) and notifies after commit.
A right refused is `NotAllowed` (a PermissionDenied: the 403 page shows the reason); a state or rule refused
is a `DomainError` (the view turns it into a message). `events_for` reads an object's log for its page.
"""

from collections.abc import Callable, Iterable

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction

from rar.errors import DomainError, NotAllowed
from rar.models import Statushandelse
from rar.models.statushandelse import status_label


def record(obj: models.Model, *, fran: str, till: str, user, kommentar: str = "") -> Statushandelse:
    """Append one step to the object's event log (inside the caller's transaction)."""
    event = Statushandelse(objekt_typ=ContentType.objects.get_for_model(obj), objekt_id=obj.pk, fran_status=fran or "",
                           till_status=till, anvandare=user if user is not None and user.is_authenticated else None,
                           kommentar=kommentar or "")
    event._history_user = user
    event.save()
    return event


def transition(obj: models.Model, *, user, to: str, allowed_from: Iterable[str], right: Callable | None = None,
               refusal: str = "", wrong_state: str | Callable | None = None, check: Callable | None = None,
               mutate: Callable | None = None, kommentar: str | Callable = "", notify: Callable | None = None,
               queryset: models.QuerySet | None = None, save: Callable | None = None) -> models.Model:
    """Move `obj` to status `to` from one of `allowed_from`; return the locked, saved row.

    right(locked) → bool is the user's right, refused with NotAllowed(refusal). wrong_state is the message (or
    locked → message) when the status does not allow the step; by default "<Objekt> har status ”x” och kan inte gå till ”y” nu.".
    check(locked) may raise DomainError; mutate(locked) sets what else changes; notify(locked) runs after commit.
    kommentar may be a callable(locked) when it can only be written once the checks have passed.
    save(locked) replaces the default save (version + 1, acting user, save()).
    """
    model = type(obj)
    allowed_from = list(allowed_from)
    with transaction.atomic():
        locked = (queryset if queryset is not None else model.objects).select_for_update(of=("self",)).get(pk=obj.pk)
        if right is not None and not right(locked):
            raise NotAllowed(refusal)
        previous = locked.status
        if previous not in allowed_from:
            if callable(wrong_state):
                raise DomainError(wrong_state(locked))
            raise DomainError(wrong_state or f"{str(model._meta.verbose_name).capitalize()} har status "
                                             f"”{status_label(model, previous).lower()}” och kan inte gå till "
                                             f"”{status_label(model, to).lower()}” nu.")
        if check is not None:
            check(locked)
        if mutate is not None:
            mutate(locked)
        locked.status = to
        if save is not None:
            save(locked)
        else:
            if hasattr(locked, "version"):
                locked.version += 1
            locked._history_user = user
            locked.save()
        record(locked, fran=previous, till=to, user=user, kommentar=kommentar(locked) if callable(kommentar) else kommentar)
        if notify is not None:
            transaction.on_commit(lambda: notify(locked))
    return locked


def events_for(obj: models.Model):
    """The object's event log, oldest first, with who acted (one query)."""
    return (Statushandelse.objects.filter(objekt_typ=ContentType.objects.get_for_model(obj), objekt_id=obj.pk)
            .select_related("anvandare").order_by("tid", "pk"))
