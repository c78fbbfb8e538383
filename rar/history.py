"""Turn django-simple-history records into rows a person can read: who, when, what changed."""

from dataclasses import dataclass


@dataclass
class HistoryRow:
    when: object
    who: object
    action: str
    changes: list  # (field label, old, new)


ACTIONS = {"+": "Skapad", "~": "Ändrad", "-": "Borttagen"}


def history_rows(obj, limit=50) -> list[HistoryRow]:
    """The object's audit trail, newest first, each with the fields that changed from the version before."""
    records = list(obj.history.select_related("history_user").order_by("-history_date", "-history_id")[: limit + 1])
    model = type(obj)
    rows = []
    for index, record in enumerate(records[:limit]):
        previous = records[index + 1] if index + 1 < len(records) else None
        changes = []
        if previous is not None and record.history_type == "~":
            delta = record.diff_against(previous, foreign_keys_are_objs=False)
            for change in delta.changes:
                try:
                    label = model._meta.get_field(change.field).verbose_name
                except Exception:
                    label = change.field
                changes.append((label, change.old, change.new))
        rows.append(HistoryRow(record.history_date, record.history_user, ACTIONS.get(record.history_type, "?"), changes))
    return rows
