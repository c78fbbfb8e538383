from django.contrib import admin
from django.contrib.admin.utils import flatten_fieldsets
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from rar.admin_locks import ReadOnlyInline, RecordAdmin, RecordInline
from rar.models import Arende, Befolkning, Budgetpost, Diarieserie, EgetKapital, Handling, Medlemsbidrag, Organisation, User


class BefolkningInline(RecordInline, admin.TabularInline):
    model = Befolkning


@admin.register(Organisation)
class OrganisationAdmin(RecordAdmin):
    list_display = ["namn", "typ", "lansdel", "aktiv_fran", "aktiv_till", "betalar_statens_andel"]
    list_filter = ["typ", "lansdel"]
    search_fields = ["namn"]
    inlines = [BefolkningInline]


@admin.register(Befolkning)
class BefolkningAdmin(RecordAdmin):
    list_display = ["organisation", "ar", "antal_16_64", "kalla"]
    list_filter = ["ar"]
    list_select_related = ["organisation"]


@admin.register(User)
class RarUserAdmin(SimpleHistoryAdmin, UserAdmin):
    """Only superusers manage users: add, remove, activate, roles (groups), permissions, the staff and superuser
    flags, the organisation a person acts for, and passwords. Kansli (staff without superuser) may correct a
    person's name and contact details, nothing that grants access. Every change is in the user's history."""

    fieldsets = UserAdmin.fieldsets + ((_("Förbundet"), {"fields": ["organisation", "titel", "telefon"]}),)
    list_display = ["username", "first_name", "last_name", "organisation", "is_active"]
    list_filter = ["groups", "organisation", "is_active"]
    list_select_related = ["organisation"]
    CONTACT_FIELDS = ("first_name", "last_name", "email", "titel", "telefon")

    def get_readonly_fields(self, request, obj=None):
        if request.user.is_superuser:
            return super().get_readonly_fields(request, obj)
        fields = flatten_fieldsets(self.get_fieldsets(request, obj))
        return [name for name in fields if name not in self.CONTACT_FIELDS]

    def has_add_permission(self, request):
        return request.user.is_superuser

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method == "POST":
            raise PermissionDenied  # look at an old version of a user, never write it back
        return super().history_form_view(request, object_id, version_id, extra_context)

    def user_change_password(self, request, id, form_url=""):
        if not request.user.is_superuser:
            raise PermissionDenied  # one's own password is changed on /losenord/, with the old one
        return super().user_change_password(request, id, form_url)


admin.site.unregister(Group)


@admin.register(Group)
class RollAdmin(GroupAdmin):
    """Roles are groups; which permissions a role has is a superuser's decision."""

    def has_add_permission(self, request):
        return request.user.is_superuser

    def has_change_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser


@admin.register(Medlemsbidrag)
class MedlemsbidragAdmin(RecordAdmin):
    list_display = ["ar", "totalt", "beslut"]


@admin.register(Budgetpost)
class BudgetpostAdmin(RecordAdmin):
    list_display = ["ar", "slag", "namn", "belopp", "ordning"]
    list_filter = ["ar", "slag"]


@admin.register(Diarieserie)
class DiarieserieAdmin(admin.ModelAdmin):
    """Numbers are taken only by rar.services.arende_register: never added, changed or removed here."""

    list_display = ["ar", "senaste"]

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class HandlingInline(ReadOnlyInline):
    model = Handling
    fields = ["titel", "filnamn", "content_type", "storlek", "uppladdad", "uppladdad_av"]
    readonly_fields = fields


@admin.register(Arende)
class ArendeAdmin(RecordAdmin):
    """A case in the diarium is never removed; a closed case is read-only (reopen it in the app)."""

    list_display = ["diarienummer", "titel", "typ", "status", "organisation", "registrerad"]
    list_filter = ["ar", "typ", "status"]
    search_fields = ["titel", "diarienummer"]
    list_select_related = ["organisation"]
    decision_fields = ["diarienummer", "registrerad", "registrerad_av", "status"]
    inlines = [HandlingInline]
    addable = False  # register through the app so the number is taken safely
    deletable = False

    def locked(self, obj):
        return obj.status == Arende.Status.AVSLUTAT


@admin.register(Handling)
class HandlingAdmin(RecordAdmin):
    """Deleting a document here deletes nothing: a case document is an allmän handling, kept with its case.

    Uploads go through rar.services.handling_add, which checks type and size.
    """

    list_display = ["arende", "nummer", "datum", "riktning", "titel", "filnamn", "storlek"]
    list_select_related = ["arende"]
    decision_fields = ["arende", "nummer", "riktning", "datum", "kalla", "fil", "filnamn", "content_type", "storlek",
                       "uppladdad", "uppladdad_av"]
    addable = deletable = False

    def locked(self, obj):
        return obj.arende.status == Arende.Status.AVSLUTAT


@admin.register(EgetKapital)
class EgetKapitalAdmin(RecordAdmin):
    locked = staticmethod(lambda obj: obj.utgaende is not None)  # the year is closed in the accounts
    list_display = ["ar", "utgaende", "rekommenderat_tak", "kalla"]


from rar.moten import admin as moten_admin  # noqa: E402,F401 (registers the meeting admin)
