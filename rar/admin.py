from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from rar.models import Arende, Befolkning, Budgetpost, Diarieserie, EgetKapital, Handling, Medlemsbidrag, Organisation, User


class BefolkningInline(admin.TabularInline):
    model = Befolkning
    extra = 0


@admin.register(Organisation)
class OrganisationAdmin(SimpleHistoryAdmin):
    list_display = ["namn", "typ", "lansdel", "aktiv_fran", "aktiv_till", "betalar_statens_andel"]
    list_filter = ["typ", "lansdel"]
    search_fields = ["namn"]
    inlines = [BefolkningInline]


@admin.register(Befolkning)
class BefolkningAdmin(SimpleHistoryAdmin):
    list_display = ["organisation", "ar", "antal_16_64", "kalla"]
    list_filter = ["ar"]
    list_select_related = ["organisation"]


@admin.register(User)
class RarUserAdmin(SimpleHistoryAdmin, UserAdmin):
    fieldsets = UserAdmin.fieldsets + ((_("Förbundet"), {"fields": ["organisation", "titel", "telefon"]}),)
    list_display = ["username", "first_name", "last_name", "organisation", "is_active"]
    list_filter = ["groups", "organisation", "is_active"]
    list_select_related = ["organisation"]


@admin.register(Medlemsbidrag)
class MedlemsbidragAdmin(SimpleHistoryAdmin):
    list_display = ["ar", "totalt", "beslut"]


@admin.register(Budgetpost)
class BudgetpostAdmin(SimpleHistoryAdmin):
    list_display = ["ar", "slag", "namn", "belopp", "ordning"]
    list_filter = ["ar", "slag"]


@admin.register(Diarieserie)
class DiarieserieAdmin(admin.ModelAdmin):
    list_display = ["ar", "senaste"]

    def has_change_permission(self, request, obj=None):
        return False  # numbers are taken only by rar.services.arende_register

    def has_add_permission(self, request):
        return False


class HandlingInline(admin.TabularInline):
    model = Handling
    extra = 0
    fields = ["titel", "filnamn", "content_type", "storlek", "uppladdad", "uppladdad_av"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Arende)
class ArendeAdmin(SimpleHistoryAdmin):
    list_display = ["diarienummer", "titel", "typ", "status", "organisation", "registrerad"]
    list_filter = ["ar", "typ", "status"]
    search_fields = ["titel", "diarienummer"]
    list_select_related = ["organisation"]
    readonly_fields = ["diarienummer", "registrerad_av"]
    inlines = [HandlingInline]

    def has_add_permission(self, request):
        return False  # register through the app so the number is taken safely


@admin.register(Handling)
class HandlingAdmin(SimpleHistoryAdmin):
    list_display = ["titel", "arende", "filnamn", "storlek", "uppladdad"]
    list_select_related = ["arende"]
    readonly_fields = ["fil", "filnamn", "content_type", "storlek", "uppladdad", "uppladdad_av"]

    def has_add_permission(self, request):
        return False  # uploads go through rar.services.handling_add, which checks type and size


@admin.register(EgetKapital)
class EgetKapitalAdmin(SimpleHistoryAdmin):
    list_display = ["ar", "utgaende", "rekommenderat_tak", "kalla"]


from rar.moten import admin as moten_admin  # noqa: E402,F401 (registers the meeting admin)
