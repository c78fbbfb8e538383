"""Admin for bodies, mandates and meetings."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from rar.models import JusteringSignatur, Narvaro, Organ, Paragraf, Sammantrade, Uppdrag 
from rar.models import Beslutsbesked, Forhinder, Protokollkommentar


@admin.register(Organ)
class OrganAdmin(SimpleHistoryAdmin):
    list_display = ["namn", "typ", "lansdel"]


@admin.register(Uppdrag)
class UppdragAdmin(SimpleHistoryAdmin):
    list_display = ["person", "organ", "organisation", "roll", "presidium", "fran", "till"]
    list_filter = ["organ", "roll"]
    list_select_related = ["person", "organ", "organisation"]


class NarvaroInline(admin.TabularInline):
    model = Narvaro
    extra = 0
    readonly_fields = ["person", "organisation", "grupp", "narvarande", "via_lank", "tjanstgor_for"]

    def has_add_permission(self, request, obj=None):
        return False


class ParagrafInline(admin.TabularInline):
    model = Paragraf
    extra = 0
    fields = ["nummer", "rubrik", "typ", "beslut"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Sammantrade)
class SammantradeAdmin(SimpleHistoryAdmin):
    """Read-mostly: meetings change through rar.services.moten so numbering and justering rules hold."""

    list_display = ["organ", "datum", "status", "plats"]
    list_filter = ["organ", "status"]
    readonly_fields = ["status", "version", "kallad_tid", "justerat_tid", "anslag_uppsatt", "anslag_nedtas"]
    inlines = [NarvaroInline, ParagrafInline]

    def has_add_permission(self, request):
        return False


@admin.register(Paragraf)
class ParagrafAdmin(SimpleHistoryAdmin):
    list_display = ["nummer", "rubrik", "sammantrade", "typ"]
    list_filter = ["organ", "ar", "typ"]
    list_select_related = ["sammantrade__organ"]
    readonly_fields = ["nummer", "ordning", "organ", "ar", "sammantrade", "utfall", "belopp", "beslut_registrerat",
                       "omedelbart_justerad_tid"]

    def has_add_permission(self, request):
        return False


@admin.register(JusteringSignatur)
class JusteringSignaturAdmin(admin.ModelAdmin):
    list_display = ["sammantrade", "person", "roll", "tid"]
    readonly_fields = ["sammantrade", "person", "roll", "tid"]

    def has_add_permission(self, request):
        return False


class _RecordAdmin(SimpleHistoryAdmin):
    """Kept as written: förhinder, comments on the draft protocol and decision notices change only in the app."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


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
