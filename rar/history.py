"""The audit trail (django-simple-history): how writes record their user, and how pages show the trail.

Writing. Every write to a tracked table leaves a history row naming the acting user, set explicitly by the
service that writes: `obj._history_user = user` before a single `save()` or `delete()`, and the helpers
below for many rows (`bulk_create`, `bulk_update`, `delete_rows`, `sync_rows`), which pass the same user to
django-simple-history. `HistoryRequestMiddleware` only fills in the user for writes outside the services
(the admin). `QuerySet.update()`, plain `bulk_create`/`bulk_update` and `QuerySet.delete()` are never used
on tracked tables: the first three write no history at all, the last records no user. The few tables
without history are listed in UNTRACKED with the reason.

Reading. `history_rows` turns the records into rows a person can read: who, when, and every field that
changed as "label: before → after". Values are shown as users know them: choice labels instead of codes,
Ja/Nej, dates, amounts, and related objects (also many-to-many, e.g. co-applicants) by name. A page can
add the rows of the parts it shows (an application's goals and budget years, an insats's invoices), each
named ("Budget 2027"). The number of queries does not grow with the number of rows.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field as dataclass_field

from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.db.models import Q
from django.utils import formats, timezone
from django.utils.text import capfirst
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

# Concrete models of rar, insatser, esf and uppfoljning that deliberately carry no HistoricalRecords, each
# with the reason. tests/test_history_coverage.py fails for any other model without history.
UNTRACKED = {
    "rar.Diarieserie": "a counter: each number it hands out is recorded as the case that got it (Arende's history)",
    "rar.Formularkvitto": "a one-time form key against double submits; what the form created has its own history",
    "rar.Notis": "an in-app notification derived from events that are recorded elsewhere; read marks are not case data",
    "rar.Notisval": "a user's own e-mail preference per kind of event, with no bearing on any case or money",
    "uppfoljning.DeltagarVisning": "itself an access log (who saw which participant list when); it is only appended to",
    "uppfoljning.DeltagarManad": "derived counts kept by PostgreSQL triggers on Deltagare, whose own history records "
                                 "every change; never written by the app",
}


def is_tracked(model) -> bool:
    return hasattr(model._meta, "simple_history_manager_attribute")


def tracked_field_names(model) -> set[str]:
    """Fields whose changes the history records (excluded bookkeeping fields such as `version` are not)."""
    history = getattr(model, model._meta.simple_history_manager_attribute).model
    names = {f.name for f in history.tracked_fields} | {f.attname for f in history.tracked_fields}
    return names | {f.name for f in history._history_m2m_fields}


# --- Writing ------------------------------------------------------------------------------------------------


def bulk_create(model, objs, *, user, batch_size=None) -> list:
    """Insert many rows and one '+' history row each, with `user` as author."""
    objs = list(objs)
    if not objs:
        return []
    return bulk_create_with_history(objs, model, batch_size=batch_size, default_user=user)


def bulk_update(model, objs, fields, *, user, batch_size=None) -> int:
    """Update many rows with one '~' history row each, with `user` as author.

    A change only to fields the history leaves out (bookkeeping such as reminder stamps) writes no history
    row: there would be nothing to show in it.
    """
    objs = list(objs)
    if not objs:
        return 0
    if not is_tracked(model) or not set(fields) & tracked_field_names(model):
        return model._default_manager.bulk_update(objs, fields, batch_size=batch_size)
    return bulk_update_with_history(objs, model, fields, batch_size=batch_size, default_user=user)


def delete_rows(rows, *, user) -> int:
    """Delete row by row, each leaving a '-' history row with `user` as author."""
    count = 0
    for row in rows:
        row._history_user = user
        row.delete()
        count += 1
    return count


def sync_rows(model, existing: dict, wanted: dict, *, user, parent: dict, delete_missing=True) -> None:
    """Make a parent's child rows (e.g. an application's budget years) be `wanted`, keyed like `existing`.

    `existing` maps key → row, `wanted` maps key → field values. Rows that stay keep their id and get a
    history row only if a value changed; new keys are inserted and (unless `delete_missing` is false)
    missing keys deleted, each with `user`.
    """
    created, changed = [], []
    fields = set()
    for key, values in wanted.items():
        row = existing.get(key)
        if row is None:
            created.append(model(**parent, **values))
            continue
        differing = {name for name, value in values.items() if getattr(row, name) != value}
        if differing:
            for name in differing:
                setattr(row, name, values[name])
            fields |= differing
            changed.append(row)
    if delete_missing:
        delete_rows([row for key, row in existing.items() if key not in wanted], user=user)
    bulk_update(model, changed, sorted(fields), user=user)
    bulk_create(model, created, user=user)


# --- Reading ------------------------------------------------------------------------------------------------


@dataclass
class HistoryRow:
    when: object
    who: object
    action: str
    changes: list  # (field label, old, new) as display strings
    subject: str = ""  # which part of the object, for a part's row ("Budget 2027")
    reason: str = ""  # what the writer said about a change the fields do not show ("Lösenordet ändrat")


@dataclass(frozen=True)
class Part:
    """Rows of another model shown in an object's history, e.g. the goals on the application page.

    `parent_field` is the part's foreign key to the object; `subject` names a history record from its own
    columns (no queries), e.g. `lambda r: f"Budget {r.ar}"`.
    """

    model: type
    parent_field: str
    subject: Callable = dataclass_field(default=None)


ACTIONS = {"+": "Skapad", "~": "Ändrad", "-": "Borttagen"}
EMPTY = "–"
_MONEY_FIELDS = {"belopp", "beviljat_belopp", "totalt", "kostnader", "total_kostnad"}


def _choice_label(field, value):
    return str(dict(field.flatchoices).get(value, value))


def _is_money(field) -> bool:
    return isinstance(field, (models.PositiveBigIntegerField, models.BigIntegerField)) and (
        field.name in _MONEY_FIELDS or "(kr)" in str(field.verbose_name)
    )


def _display(field, value, names):
    if value is None or value == "" or value == [] or value == set():
        return EMPTY
    if isinstance(field, models.ManyToManyField):
        return ", ".join(sorted(names.get((field.related_model, pk), str(pk)) for pk in value)) or EMPTY
    if isinstance(field, models.ForeignKey):
        return names.get((field.related_model, value), str(value))
    if isinstance(field, models.BooleanField):
        return "Ja" if value else "Nej"
    if isinstance(field, ArrayField):
        return ", ".join(_choice_label(field.base_field, v) if field.base_field.choices else str(v) for v in value)
    if field.choices:
        return _choice_label(field, value)
    if isinstance(value, datetime.datetime):
        return formats.date_format(timezone.localtime(value), "Y-m-d H:i")
    if isinstance(value, datetime.date):
        return value.isoformat()
    if _is_money(field):
        return f"{value:,}".replace(",", "\u00a0") + "\u00a0kr"
    return str(value)


class _Trail:
    """The history records of one model (the object itself, or one kind of part), newest first, each with
    the record before it of the same row, and the many-to-many ids of both, in a fixed number of queries."""

    def __init__(self, model, queryset, limit, skip=()):
        self.model = model
        history = queryset.model
        self.pk = model._meta.pk.attname
        self.fields = [f for f in history.tracked_fields if f.editable and not f.primary_key and f.name not in skip]
        self.m2m = list(history._history_m2m_fields)
        self.records = list(queryset.select_related("history_user").order_by("-history_date", "-history_id")[:limit])
        self.previous = self._previous(history)
        self.m2m_ids = self._m2m_ids(history)

    def _previous(self, history) -> dict:
        """history_id → the record before it of the same row (one query for those not already fetched)."""
        previous, newer_of = {}, {}
        for record in self.records:  # newest first: a row's older record follows its newer one
            row_id = getattr(record, self.pk)
            if row_id in newer_of:
                previous[newer_of[row_id].history_id] = record
            newer_of[row_id] = record
        missing = [r for r in newer_of.values() if r.history_type == "~"]
        if missing:
            older = Q()
            for record in missing:
                older |= Q(**{self.pk: getattr(record, self.pk)}) & (
                    Q(history_date__lt=record.history_date) | Q(history_date=record.history_date, history_id__lt=record.history_id))
            found = {getattr(r, self.pk): r for r in history.objects.filter(older)
                     .order_by(self.pk, "-history_date", "-history_id").distinct(self.pk)}
            for record in missing:
                if getattr(record, self.pk) in found:
                    previous[record.history_id] = found[getattr(record, self.pk)]
        return previous

    def _m2m_ids(self, history) -> dict:
        """(field name, history_id) → set of related ids, one query per many-to-many field."""
        ids = {}
        history_ids = [r.history_id for r in self.records] + [r.history_id for r in self.previous.values()]
        for m2m in self.m2m:
            through = history.__dict__[m2m.name].model
            target = m2m.m2m_reverse_field_name()
            for history_id in history_ids:
                ids[(m2m.name, history_id)] = set()
            for history_id, pk in through.objects.filter(history_id__in=history_ids).values_list("history_id", target):
                ids[(m2m.name, history_id)].add(pk)
        return ids

    def _value(self, record, field):
        if record is None:
            return None
        if isinstance(field, models.ManyToManyField):
            return self.m2m_ids[(field.name, record.history_id)]
        return getattr(record, field.attname)

    def changes(self, record) -> list:
        """(field, old, new) for every field that differs from the record before (none before: from empty)."""
        before = self.previous.get(record.history_id) if record.history_type == "~" else None
        result = []
        for field in [*self.fields, *self.m2m]:
            old, new = self._value(before, field), self._value(record, field)
            if record.history_type == "-":
                old, new = new, None
            if old != new and not (old in (None, "", [], set()) and new in (None, "", [], set())):
                result.append((self.model._meta.get_field(field.name), old, new))
        return result


def _related_names(wanted: dict) -> dict:
    """One query per related model for every id the changes mention (with the objects their names use)."""
    names = {}
    for related, ids in wanted.items():
        joined = [f.name for f in related._meta.concrete_fields if isinstance(f, models.ForeignKey) and not f.null]
        queryset = related._default_manager.filter(pk__in=ids)
        for obj in queryset.select_related(*joined) if joined else queryset:
            names[(related, obj.pk)] = str(obj)
    return names


def history_rows(obj, *, parts=(), limit=50) -> list[HistoryRow]:
    """The object's audit trail and that of its parts, newest first, each row with the fields it changed.

    A row that changed no field the trail shows (a save without changes, or a change only to bookkeeping
    fields left out of the history) says nothing and is left out, unless it carries a reason.
    """
    model = type(obj)
    trails = [(_Trail(model, obj.history.all(), limit), None)]
    for part in parts:
        queryset = part.model.history.filter(**{part.parent_field: obj.pk})
        trails.append((_Trail(part.model, queryset, limit, skip={part.parent_field}), part))
    entries = []
    for trail, part in trails:
        for record in trail.records:
            entries.append((record, trail, part, trail.changes(record)))
    entries.sort(key=lambda e: (e[0].history_date, e[0].history_id), reverse=True)
    entries = [e for e in entries if e[3] or e[0].history_change_reason][:limit]
    wanted = {}
    for _, _, _, changes in entries:
        for field, old, new in changes:
            if isinstance(field, (models.ForeignKey, models.ManyToManyField)):
                for value in (old, new):
                    values = value if isinstance(value, set) else {value}
                    wanted.setdefault(field.related_model, set()).update(v for v in values if v is not None)
    names = _related_names(wanted)
    rows = []
    for record, trail, part, changes in entries:
        shown = [(field.verbose_name, _display(field, old, names), _display(field, new, names))
                 for field, old, new in changes]
        subject = ""
        if part is not None:
            subject = part.subject(record) if part.subject else capfirst(part.model._meta.verbose_name)
        rows.append(HistoryRow(record.history_date, record.history_user, ACTIONS.get(record.history_type, "?"), shown, subject,
                               record.history_change_reason or ""))
    return rows
