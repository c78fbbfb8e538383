from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from insatser.models import (
    Overforing,
    Rekvisition,
    Ansokan,
    AnsokanHandelse,
    Avtal,
    Beviljat,
    BudgetAr,
    Fas,
    Insats,
    Lagesrapport,
    Mal,
    MalRapport,
    SlutMalResultat,
    Slutrapport,
)


class MalInline(admin.TabularInline):
    model = Mal
    extra = 0


class BudgetArInline(admin.TabularInline):
    model = BudgetAr
    extra = 0


class HandelseInline(admin.TabularInline):
    model = AnsokanHandelse
    extra = 0
    readonly_fields = ["fran_status", "till_status", "anvandare", "tid", "kommentar"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Ansokan)
class AnsokanAdmin(SimpleHistoryAdmin):
    list_display = ["titel", "typ", "status", "agare", "period_start", "period_slut"]
    list_filter = ["status", "typ", "inriktning"]
    search_fields = ["titel", "arende__diarienummer"]
    list_select_related = ["agare", "arende"]
    readonly_fields = ["status", "version", "arende"]  # moved only by the workflow services
    inlines = [MalInline, BudgetArInline, HandelseInline]


class BeviljatInline(admin.TabularInline):
    model = Beviljat
    extra = 0
    readonly_fields = ["ansokan", "ar", "belopp"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Insats)
class InsatsAdmin(SimpleHistoryAdmin):
    list_display = ["namn", "agare", "status", "period_start", "period_slut"]
    list_filter = ["status", "inriktning", "langsiktig", "lansovergripande"]
    search_fields = ["namn"]
    list_select_related = ["agare"]
    inlines = [BeviljatInline]


@admin.register(Avtal)
class AvtalAdmin(SimpleHistoryAdmin):
    list_display = ["insats", "period_start", "period_slut", "agare_signerad_tid", "forbund_signerad_tid"]
    list_select_related = ["insats"]


class MalRapportInline(admin.TabularInline):
    model = MalRapport
    extra = 0


@admin.register(Lagesrapport)
class LagesrapportAdmin(SimpleHistoryAdmin):
    list_display = ["insats", "period_start", "period_slut", "forfaller", "status"]
    list_filter = ["status"]
    list_select_related = ["insats"]
    inlines = [MalRapportInline]


@admin.register(Fas)
class FasAdmin(SimpleHistoryAdmin):
    list_display = ["insats", "nummer", "belopp", "slappt_tid", "mal_bekraftade_tid"]
    list_select_related = ["insats"]
    readonly_fields = ["slappt_tid", "mal_bekraftade_tid", "mal_bekraftade_av"]  # moved by insatser.services


class SlutMalResultatInline(admin.TabularInline):
    model = SlutMalResultat
    extra = 0


@admin.register(Slutrapport)
class SlutrapportAdmin(SimpleHistoryAdmin):
    list_display = ["insats", "status", "utfall", "inlamnad"]
    list_filter = ["status", "utfall"]
    list_select_related = ["insats"]
    readonly_fields = ["status"]
    inlines = [SlutMalResultatInline]


@admin.register(Rekvisition)
class RekvisitionAdmin(SimpleHistoryAdmin):
    """Read-only here: invoices change state through insatser.services (checks, history, mail)."""

    list_display = ["insats", "nummer", "ar", "belopp", "status", "inskickad", "betald_datum"]
    list_filter = ["status", "ar"]
    list_select_related = ["insats"]

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False


@admin.register(Overforing)
class OverforingAdmin(SimpleHistoryAdmin):
    list_display = ["insats", "typ", "fran_ar", "till_ar", "belopp", "beslutad_av", "beslutad"]
    list_filter = ["typ", "fran_ar"]
    list_select_related = ["insats", "beslutad_av"]

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False
