from django.contrib import admin

from esf.models import Delprojekt, EsfPengar, EsfProjekt, EsfResultat, Utlysning
from rar.admin_locks import RecordAdmin, RecordInline, StatushandelseInline


@admin.register(Utlysning)
class UtlysningAdmin(RecordAdmin):
    list_display = ["nummer", "titel", "program", "oppnar", "stanger", "bevakning"]
    list_filter = ["program", "bevakning"]
    decision_fields = ["bevakning"]  # the watch status moves in the app, which checks it against the closing date


class DelprojektInline(RecordInline, admin.TabularInline):
    model = Delprojekt


class PengarInline(RecordInline, admin.TabularInline):
    model = EsfPengar


class ResultatInline(RecordInline, admin.TabularInline):
    model = EsfResultat


@admin.register(EsfProjekt)
class EsfProjektAdmin(RecordAdmin):
    """A closed project (avslutad) is read-only, its money and results too; the status moves by esf.services."""

    list_display = ["namn", "roll", "agare", "status", "period_start", "period_slut"]
    list_filter = ["status", "roll"]
    list_select_related = ["agare"]
    decision_fields = ["status", "arende"]
    inlines = [DelprojektInline, PengarInline, ResultatInline, StatushandelseInline]
    addable = False  # registered through the app, which takes the case number
    deletable = False

    def locked(self, obj):
        return obj.status == EsfProjekt.Status.AVSLUTAD
