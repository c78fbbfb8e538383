from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from esf.models import Delprojekt, EsfPengar, EsfProjekt, EsfResultat, Utlysning


@admin.register(Utlysning)
class UtlysningAdmin(SimpleHistoryAdmin):
    list_display = ["nummer", "titel", "program", "oppnar", "stanger", "bevakning"]
    list_filter = ["program", "bevakning"]


class DelprojektInline(admin.TabularInline):
    model = Delprojekt
    extra = 0


class PengarInline(admin.TabularInline):
    model = EsfPengar
    extra = 0


class ResultatInline(admin.TabularInline):
    model = EsfResultat
    extra = 0


@admin.register(EsfProjekt)
class EsfProjektAdmin(SimpleHistoryAdmin):
    list_display = ["namn", "roll", "agare", "status", "period_start", "period_slut"]
    list_filter = ["status", "roll"]
    list_select_related = ["agare"]
    readonly_fields = ["status", "arende"]  # moved by esf.services
    inlines = [DelprojektInline, PengarInline, ResultatInline]
