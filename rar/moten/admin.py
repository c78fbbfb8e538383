"""Admin for bodies, mandates and meetings.

Meetings change through rar.moten.services so numbering, the meeting rules and the locks hold. What is
locked (rar.moten.locks) the admin shows read-only: no change and no delete, per object and in the inlines.
Signatures are never changed or deleted here; paragraphs are removed only from the agenda (renumbering).
"""

from django.contrib import admin

from rar.admin_locks import RecordAdmin, StatushandelseInline
from rar.models import (
    Beslutsbesked, Forhinder, JusteringSignatur, Narvaro, Organ, Paragraf, ParagrafSignatur, Protokollkommentar, Sammantrade,
    Uppdrag,
)
from rar.moten import locks


@admin.register(Organ)
class OrganAdmin(RecordAdmin):
    list_display = ["namn", "typ", "lansdel"]


@admin.register(Uppdrag)
class UppdragAdmin(RecordAdmin):
    list_display = ["person", "organ", "organisation", "roll", "presidium", "fran", "till"]
    list_filter = ["organ", "roll"]
    list_select_related = ["person", "organ", "organisation"]


class _LockedMeetingInline:
    """Inline rows of a meeting whose date, place, attendance or officers are locked: read-only, no delete."""

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and (obj is None or locks.meeting_lock(obj) is None)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and (obj is None or locks.meeting_lock(obj) is None)


class NarvaroInline(_LockedMeetingInline, admin.TabularInline):
    model = Narvaro
    extra = 0
    readonly_fields = ["person", "organisation", "grupp", "narvarande", "via_lank", "tjanstgor_for"]

    def has_add_permission(self, request, obj=None):
        return False


class ParagrafInline(_LockedMeetingInline, admin.TabularInline):
    model = Paragraf
    extra = 0
    fields = ["nummer", "rubrik", "typ", "beslut"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False  # removed only from the agenda, which renumbers


@admin.register(Sammantrade)
class SammantradeAdmin(RecordAdmin):
    """Read-mostly: meetings change through rar.moten.services so numbering and justering rules hold."""

    list_display = ["organ", "datum", "status", "plats"]
    list_filter = ["organ", "status"]
    readonly_fields = ["status", "version", "kallad_tid", "justerat_tid", "anslag_uppsatt", "anslag_nedtas",
                       "justering_forsening", "anslag_forsening"]
    inlines = [NarvaroInline, ParagrafInline, StatushandelseInline]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and (obj is None or locks.meeting_lock(obj) is None)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and (obj is None or locks.meeting_lock(obj) is None)


@admin.register(Paragraf)
class ParagrafAdmin(RecordAdmin):
    list_display = ["nummer", "rubrik", "sammantrade", "typ"]
    list_filter = ["organ", "ar", "typ"]
    list_select_related = ["sammantrade__organ"]
    readonly_fields = ["nummer", "ordning", "organ", "ar", "sammantrade", "utfall", "belopp", "beslut_registrerat",
                       "omedelbart_justerad_tid", "rattar"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and (obj is None or locks.paragraph_lock(obj) is None)

    def has_delete_permission(self, request, obj=None):
        return False  # removed only from the agenda, which renumbers and checks the locks


class _RecordAdmin(RecordAdmin):
    """Kept as written: förhinder, comments on the draft protocol, decision notices and signatures change only in
    the app."""

    addable = editable = deletable = False


class _SignaturAdmin(_RecordAdmin):
    """Signatures are shown, never added, changed or deleted here."""

    readonly_fields = ["person", "roll", "tid", "ip", "user_agent", "inloggning", "importerad"]


@admin.register(JusteringSignatur)
class JusteringSignaturAdmin(_SignaturAdmin):
    list_display = ["sammantrade", "person", "roll", "tid", "ip"]
    list_select_related = ["sammantrade__organ", "person"]


@admin.register(ParagrafSignatur)
class ParagrafSignaturAdmin(_SignaturAdmin):
    list_display = ["paragraf", "person", "roll", "tid", "ip"]
    list_select_related = ["paragraf", "person"]


@admin.register(Forhinder)
class ForhinderAdmin(_RecordAdmin):
    list_display = ["sammantrade", "person", "ersattare", "anmalt", "aterkallat"]
    list_select_related = ["sammantrade__organ", "person", "ersattare"]


@admin.register(Protokollkommentar)
class ProtokollkommentarAdmin(_RecordAdmin):
    list_display = ["sammantrade", "paragraf", "forfattare", "skapad", "svar_pa"]
    list_select_related = ["sammantrade__organ", "paragraf", "forfattare", "svar_pa"]


@admin.register(Beslutsbesked)
class BeslutsbeskedAdmin(_RecordAdmin):
    list_display = ["paragraf", "skickat"]
    list_select_related = ["paragraf"]
