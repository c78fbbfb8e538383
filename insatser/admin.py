"""The insatser admin: read-only where a decision, a signature or a payment has made a record final.

The rules (decision fields, when a record is locked) follow rar.admin_locks; the services remain the only
way to move an application, a report or an invoice on.
"""

from django.contrib import admin

from insatser.models import (
    Ansokan,
    Avtal,
    Beviljat,
    BudgetAr,
    Fas,
    Insats,
    Lagesrapport,
    Mal,
    MalRapport,
    Overforing,
    Rekvisition,
    SlutMalResultat,
    Slutrapport,
)
from rar.admin_locks import ReadOnlyInline, RecordAdmin, RecordInline, StatushandelseInline


class MalInline(RecordInline, admin.TabularInline):
    model = Mal


class BudgetArInline(RecordInline, admin.TabularInline):
    model = BudgetAr


@admin.register(Ansokan)
class AnsokanAdmin(RecordAdmin):
    """Decided applications (granted or rejected) are read-only; the decision is never edited here."""

    list_display = ["titel", "typ", "status", "agare", "period_start", "period_slut"]
    list_filter = ["status", "typ", "inriktning"]
    search_fields = ["titel", "arende__diarienummer"]
    list_select_related = ["agare", "arende"]
    decision_fields = ["status", "version", "arende", "typ", "insats", "agare", "au_rekommendation", "au_motivering",
                       "beviljat_belopp", "beslutstext", "beslutsdatum", "skapad", "inskickad"]
    inlines = [MalInline, BudgetArInline, StatushandelseInline]
    addable = deletable = False  # a case in the diarium: registered by ansokan_create, never removed

    def locked(self, obj):
        return obj.status in Ansokan.DECIDED


class BeviljatInline(ReadOnlyInline):
    model = Beviljat
    readonly_fields = ["ansokan", "ar", "belopp"]


@admin.register(Insats)
class InsatsAdmin(RecordAdmin):
    """Created by a grant: what the grant decided is read-only, an ended insats wholly."""

    list_display = ["namn", "agare", "status", "period_start", "period_slut"]
    list_filter = ["status", "inriktning", "langsiktig", "lansovergripande"]
    search_fields = ["namn"]
    list_select_related = ["agare"]
    decision_fields = ["status", "arende", "ansokan", "agare", "parter", "period_start", "period_slut"]
    inlines = [BeviljatInline]
    addable = deletable = False

    def locked(self, obj):
        return obj.status in Insats.ENDED


@admin.register(Avtal)
class AvtalAdmin(RecordAdmin):
    """Terms may be corrected until a party has accepted the agreement; signatures are never edited here."""

    list_display = ["insats", "period_start", "period_slut", "agare_signerad_tid", "forbund_signerad_tid"]
    list_select_related = ["insats"]
    decision_fields = ["insats", "ansokan", "agare_signerad_av", "agare_signerad_tid", "forbund_signerad_av",
                       "forbund_signerad_tid"]
    addable = deletable = False

    def locked(self, obj):
        return obj.agare_signerad_tid is not None or obj.forbund_signerad_tid is not None


class MalRapportInline(RecordInline, admin.TabularInline):
    model = MalRapport
    decision_fields = ["mal"]
    addable = deletable = False


@admin.register(Lagesrapport)
class LagesrapportAdmin(RecordAdmin):
    """The owner's report: read-only once submitted or approved; its status moves only by submit and review."""

    list_display = ["insats", "period_start", "period_slut", "forfaller", "status"]
    list_filter = ["status"]
    list_select_related = ["insats"]
    decision_fields = ["status", "version", "insats", "period_start", "period_slut", "inlamnad", "inlamnad_av",
                       "kommentar_kansli"]
    inlines = [MalRapportInline, StatushandelseInline]
    addable = deletable = False  # scheduled by the signed agreement

    def locked(self, obj):
        return obj.status not in Lagesrapport.OWNER_EDITABLE


@admin.register(Fas)
class FasAdmin(RecordAdmin):
    """A released phase is money paid out step by step: read-only once released."""

    list_display = ["insats", "nummer", "belopp", "slappt_tid", "mal_bekraftade_tid"]
    list_select_related = ["insats"]
    decision_fields = ["insats", "nummer", "slappt_tid", "mal_bekraftade_tid", "mal_bekraftade_av"]
    addable = False  # fas_add numbers phases and releases the first

    def locked(self, obj):
        return obj.slappt


class SlutMalResultatInline(RecordInline, admin.TabularInline):
    model = SlutMalResultat
    decision_fields = ["mal"]
    addable = deletable = False


@admin.register(Slutrapport)
class SlutrapportAdmin(RecordAdmin):
    list_display = ["insats", "status", "utfall", "inlamnad"]
    list_filter = ["status", "utfall"]
    list_select_related = ["insats"]
    decision_fields = ["status", "version", "insats", "inlamnad", "kommentar_kansli"]
    inlines = [SlutMalResultatInline, StatushandelseInline]
    addable = deletable = False

    def locked(self, obj):
        return obj.status not in Slutrapport.OWNER_EDITABLE


@admin.register(Rekvisition)
class RekvisitionAdmin(RecordAdmin):
    """Never edited here: invoices change state through insatser.services (checks, four eyes, history, mail).

    Only a submitted invoice nobody has decided on may be removed; approved, rejected and paid ones stay.
    """

    list_display = ["insats", "nummer", "ar", "belopp", "status", "inskickad", "betald_datum"]
    list_filter = ["status", "ar"]
    list_select_related = ["insats"]
    inlines = [StatushandelseInline]
    addable = editable = False

    def locked(self, obj):
        return obj.status != Rekvisition.Status.INSKICKAD


@admin.register(Overforing)
class OverforingAdmin(RecordAdmin):
    """A recorded decision on a year's money: shown, never changed or removed here."""

    list_display = ["insats", "typ", "fran_ar", "till_ar", "belopp", "beslutad_av", "beslutad"]
    list_filter = ["typ", "fran_ar"]
    list_select_related = ["insats", "beslutad_av"]
    addable = editable = deletable = False
