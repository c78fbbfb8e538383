"""A guard for the whole test run: app code never writes to a tracked table in a way the history cannot see.

QuerySet.update(), bulk_create() and bulk_update() write no history rows; QuerySet.delete() writes them
without the acting user. While the tests run, these methods refuse (AssertionError) when the code calling
them is in one of the four apps and the model carries history, unless the write touches only fields the
history leaves out. The rar.history helpers (through django-simple-history) and test set-up code are not
affected. EXEMPT names the two places that may, with the reason.
"""

import sys
from pathlib import Path

import django
import pytest
import simple_history
from django.db.models.query import QuerySet

from rar.history import is_tracked, tracked_field_names

ROOT = Path(__file__).resolve().parent.parent
APP_DIRS = tuple(f"{ROOT / name}/" for name in ("rar", "insatser", "esf", "uppfoljning"))
SKIPPED = (f"{Path(django.__file__).parent}/",)
HISTORY_DIR = f"{Path(simple_history.__file__).parent}/"

# (file, function or None for the whole file) → why it may write around the history.
EXEMPT = {
    ("uppfoljning/scale.py", None): "generera_skala fills the benchmark's own databases with synthetic rows; "
                                    "nobody changed anything, and the benchmark measures bulk-imported data",
    ("uppfoljning/services.py", "deltagare_gallra"): "retention must leave no trace of the rows: they are deleted "
                                                     "together with their whole history",
}


def app_caller():
    """(path inside the repository, function) of the app code behind this write, or None if none is."""
    frame = sys._getframe(2)
    while frame is not None and frame.f_code.co_filename.startswith(SKIPPED):
        frame = frame.f_back
    if frame is None or frame.f_code.co_filename.startswith(HISTORY_DIR):
        return None
    filename = frame.f_code.co_filename
    if not filename.startswith(APP_DIRS):
        return None
    where = (str(Path(filename).relative_to(ROOT)), frame.f_code.co_name)
    if (where[0], None) in EXEMPT or where in EXEMPT:
        return None
    return where


def refuse(model, how, where):
    raise AssertionError(
        f"{where[0]}:{where[1]} {how} {model._meta.label} without history: use obj._history_user + save()/delete() "
        "or rar.history.bulk_create / bulk_update / delete_rows / sync_rows")


def touches_history(model, fields) -> bool:
    return is_tracked(model) and bool(set(fields) & tracked_field_names(model))


@pytest.fixture(autouse=True, scope="session")
def history_guard():
    original = {name: getattr(QuerySet, name) for name in ("update", "bulk_create", "bulk_update", "delete")}

    def update(self, **kwargs):
        if touches_history(self.model, kwargs) and (where := app_caller()):
            refuse(self.model, "updates", where)
        return original["update"](self, **kwargs)

    def bulk_create(self, objs, *args, **kwargs):
        if is_tracked(self.model) and (where := app_caller()):
            refuse(self.model, "bulk-inserts into", where)
        return original["bulk_create"](self, objs, *args, **kwargs)

    def bulk_update(self, objs, fields, *args, **kwargs):
        if touches_history(self.model, fields) and (where := app_caller()):
            refuse(self.model, "bulk-updates", where)
        return original["bulk_update"](self, objs, fields, *args, **kwargs)

    def delete(self):
        if is_tracked(self.model) and (where := app_caller()):
            refuse(self.model, "deletes from", where)
        return original["delete"](self)

    delete.alters_data = delete.queryset_only = True
    update.alters_data = bulk_create.alters_data = bulk_update.alters_data = True
    patched = {"update": update, "bulk_create": bulk_create, "bulk_update": bulk_update, "delete": delete}
    for name, method in patched.items():
        setattr(QuerySet, name, method)
    yield
    for name, method in original.items():
        setattr(QuerySet, name, method)
