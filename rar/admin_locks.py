"""What the admin may change, in one place.

The admin is a tool for correcting reference data, not a second door past the services. Every domain
admin builds on `RecordAdmin` (its inlines on `RecordInline`) and states four things:

- `decision_fields`: never editable in the admin, for any object. State, decisions, signatures and who
  did what move only through the services, which check the user's right, write events and history, and
  mail after commit.
- `locked(obj)`: the record is final (paid, signed, granted, adjusted or closed). The admin then shows it
  read-only: no change and no delete, and its inlines follow it.
- `addable`, `editable`, `deletable`: switch add, change or delete off for a whole model (rows the
  process creates, records that are never edited, records that are never removed).
- The history page shows earlier versions and never writes one back: a revert would write an old state
  (or a forged one) past the services and past these locks.

Superusers are bound by the same locks: a final record is corrected by a new decision, not by an edit.
"""

from django.contrib import admin
from django.contrib.contenttypes.admin import GenericTabularInline
from django.core.exceptions import PermissionDenied
from simple_history.admin import SimpleHistoryAdmin

from rar.models import Statushandelse


class LockRules:
    """The switches shared by model admins and inlines (see the module docstring)."""

    decision_fields = ()
    addable = True
    editable = True
    deletable = True

    def locked(self, obj) -> bool:
        return False

    def get_readonly_fields(self, request, obj=None):
        return list(dict.fromkeys([*super().get_readonly_fields(request, obj), *self.decision_fields]))


class RecordAdmin(LockRules, SimpleHistoryAdmin):
    def has_add_permission(self, request):
        return self.addable and super().has_add_permission(request)

    def has_change_permission(self, request, obj=None):
        if not self.editable or (obj is not None and self.locked(obj)):
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if not self.deletable or (obj is not None and self.locked(obj)):
            return False
        return super().has_delete_permission(request, obj)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method == "POST":
            raise PermissionDenied  # look at an old version, never write it back
        return super().history_form_view(request, object_id, version_id, extra_context)


class RecordInline(LockRules):
    """Rows shown inside their parent's page: read-only whenever the parent is locked.

    Use as `class XInline(RecordInline, admin.TabularInline)`.
    """

    extra = 0

    def _parent_locked(self, obj):
        parent_admin = self.admin_site.get_model_admin(self.parent_model) if self.admin_site.is_registered(self.parent_model) else None
        return obj is not None and parent_admin is not None and parent_admin.locked(obj)

    def has_add_permission(self, request, obj=None):
        return self.addable and not self._parent_locked(obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return self.editable and not self._parent_locked(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self.deletable and not self._parent_locked(obj) and super().has_delete_permission(request, obj)


class ReadOnlyInline(RecordInline, admin.TabularInline):
    """Rows written only by the process (events, granted money, documents): shown, never edited here."""

    addable = editable = deletable = False


class StatushandelseInline(RecordInline, GenericTabularInline):
    """An object's event log (rar.lifecycle): written only by the services' state changes, shown here read-only."""

    model = Statushandelse
    ct_field, ct_fk_field = "objekt_typ", "objekt_id"
    fields = readonly_fields = ["fran_status", "till_status", "anvandare", "tid", "kommentar"]
    addable = editable = deletable = False
