"""Turn django-simple-history records into rows a person can read: who, when, what changed.

Values are shown as users know them: choice labels instead of codes, Ja/Nej, dates, amounts, and
related objects (also many-to-many, e.g. co-applicants) by name.
"""

import datetime
from dataclasses import dataclass

from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.utils import formats, timezone


@dataclass
class HistoryRow:
    when: object
    who: object
    action: str
    changes: list  # (field label, old, new) as display strings


ACTIONS = {"+": "Skapad", "~": "Ändrad", "-": "Borttagen"}
EMPTY = "–"

# Concrete models of rar, insatser, esf and uppfoljning that deliberately carry no HistoricalRecords, each
# with the reason. tests/test_history_coverage.py fails for any other model without history.
UNTRACKED = {}


def _choice_label(field, value):
    return str(dict(field.flatchoices).get(value, value))


def _display(field, value, names):
    if value is None or value == "" or value == []:
        return EMPTY
    if isinstance(field, models.ManyToManyField):
        ids = [row.get(field.m2m_reverse_field_name()) for row in value] if value and isinstance(value[0], dict) else value
        return ", ".join(sorted(names.get((field.related_model, pk), str(pk)) for pk in ids)) or EMPTY
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
    if isinstance(field, (models.PositiveBigIntegerField, models.BigIntegerField)) and field.name in _MONEY_FIELDS:
        return f"{value:,}".replace(",", "\u00a0") + "\u00a0kr"
    return str(value)


_MONEY_FIELDS = {"belopp", "beviljat_belopp", "totalt", "kostnader", "total_kostnad"}


def _related_names(model, deltas) -> dict:
    """One query per related model for every id the changes mention."""
    wanted = {}
    for delta in deltas:
        for change in delta.changes:
            field = model._meta.get_field(change.field)
            if isinstance(field, models.ManyToManyField):
                for value in (change.old, change.new):
                    for row in value or []:
                        pk = row.get(field.m2m_reverse_field_name()) if isinstance(row, dict) else row
                        wanted.setdefault(field.related_model, set()).add(pk)
            elif isinstance(field, models.ForeignKey):
                wanted.setdefault(field.related_model, set()).update(v for v in (change.old, change.new) if v is not None)
    names = {}
    for related, ids in wanted.items():
        for obj in related._default_manager.filter(pk__in=ids):
            names[(related, obj.pk)] = str(obj)
    return names


def history_rows(obj, limit=50) -> list[HistoryRow]:
    """The object's audit trail, newest first, each with the fields that changed from the version before."""
    records = list(obj.history.select_related("history_user").order_by("-history_date", "-history_id")[: limit + 1])
    model = type(obj)
    deltas = []
    for index, record in enumerate(records[:limit]):
        previous = records[index + 1] if index + 1 < len(records) else None
        delta = None
        if previous is not None and record.history_type == "~":
            delta = record.diff_against(previous, foreign_keys_are_objs=False)
        deltas.append(delta)
    names = _related_names(model, [d for d in deltas if d is not None])
    rows = []
    for record, delta in zip(records[:limit], deltas):
        changes = []
        for change in delta.changes if delta is not None else []:
            field = model._meta.get_field(change.field)
            changes.append((field.verbose_name, _display(field, change.old, names), _display(field, change.new, names)))
        rows.append(HistoryRow(record.history_date, record.history_user, ACTIONS.get(record.history_type, "?"), changes))
    return rows
