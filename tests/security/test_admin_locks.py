"""The admin is a safe tool: final money and records are read-only there, decisions are never edited there,
and a document is never deleted there. Each test drives the admin's own forms as a logged-in Kansli user
(is_staff, with the Kansli group's model permissions) would in a browser."""

import datetime
from django.utils import timezone
from types import SimpleNamespace

import pytest
from django.contrib import admin
from django.core.files.uploadedfile import SimpleUploadedFile
from django.forms.models import model_to_dict
from django.urls import reverse

from insatser import services
from insatser.models import Ansokan, Avtal, Beviljat, Insats, Lagesrapport, Overforing, Rekvisition
from rar import roles
from rar import services as rar_services
from rar.models import Handling
from tests.admin_forms import change_form
from tests.factories import application_ready_for_board, granted_insats

D = datetime.date


@pytest.fixture
def money(owner_a, staff, staff2, af):
    """A granted insats with a signed agreement, a paid invoice, a closed year and an owner's document."""
    insats = granted_insats(owner_a, staff, af, years=((2025, 500_000), (2026, 500_000)), beslutsdatum=D(2024, 12, 1),
                            beslutstext="Beviljas.")
    ansokan = insats.ansokan
    avtal = services.avtal_sign(avtal=Avtal.objects.get(insats=insats), user=owner_a, part="agare")
    avtal = services.avtal_sign(avtal=avtal, user=staff, part="forbund")
    paid = services.rekvisition_submit(insats=insats, user=owner_a, period_start=D(2025, 1, 1),
                                       period_slut=D(2025, 6, 30), kostnader={"personal": 50_000})
    paid = services.rekvisition_approve(rekvisition=paid, user=staff)
    paid = services.rekvisition_pay(rekvisition=paid, user=staff2, betald_datum=timezone.localdate())
    transfer = services.insats_close_year(insats=insats, user=staff, ar=2025, overfor=True, motivering="Sen start")
    handling = rar_services.handling_add(arende=insats.arende, titel="Region intern: lönelista projektledare",
                                         upload=SimpleUploadedFile("lonelista.pdf", b"%PDF-1.4\n%%EOF\n"), user=owner_a)
    return SimpleNamespace(ansokan=Ansokan.objects.get(pk=ansokan.pk), insats=insats, avtal=avtal, paid=paid,
                           transfer=transfer, handling=handling,
                           rapport=Lagesrapport.objects.filter(insats=insats).order_by("forfaller").first())


def admin_url(obj, view):
    return reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_{view}", args=[obj.pk])


def test_staff_cannot_delete_a_paid_invoice_in_the_admin(money, staff, client_for):
    client = client_for(staff)
    url = admin_url(money.paid, "delete")
    assert client.get(url).status_code == 403
    assert client.post(url, {"post": "yes"}).status_code == 403
    assert Rekvisition.objects.get(pk=money.paid.pk).status == Rekvisition.Status.BETALD


def test_staff_cannot_delete_a_paid_invoice_from_the_admin_list(money, staff, client_for):
    client_for(staff).post(reverse("admin:insatser_rekvisition_changelist"),
                           {"action": "delete_selected", "_selected_action": [money.paid.pk], "post": "yes"})
    assert Rekvisition.objects.filter(pk=money.paid.pk).exists()


def test_staff_cannot_delete_a_year_end_transfer_in_the_admin(money, staff, client_for):
    client = client_for(staff)
    url = admin_url(money.transfer, "delete")
    assert client.get(url).status_code == 403
    assert client.post(url, {"post": "yes"}).status_code == 403
    assert Overforing.objects.filter(pk=money.transfer.pk).exists()


def test_staff_cannot_change_a_signed_agreements_terms_in_the_admin(money, staff, client_for):
    client = client_for(staff)
    url = admin_url(money.avtal, "change")
    data, names = change_form(client, url)
    assert "villkor" not in names and "rapportintervall_manader" not in names  # shown, not editable
    data["villkor"] = ["Nya villkor: inga rapporter."]
    assert client.post(url, data).status_code == 403
    assert Avtal.objects.get(pk=money.avtal.pk).villkor == services.DEFAULT_VILLKOR


def test_staff_cannot_set_a_status_report_to_approved_in_the_admin(money, staff, client_for):
    client = client_for(staff)
    url = admin_url(money.rapport, "change")
    data, names = change_form(client, url)
    assert "status" not in names
    data["status"] = ["godkand"]
    client.post(url, data)
    assert Lagesrapport.objects.get(pk=money.rapport.pk).status == Lagesrapport.Status.EJ_INLAMNAD


def test_staff_cannot_change_a_granted_amount_in_the_admin(money, staff, client_for):
    client = client_for(staff)
    url = admin_url(money.ansokan, "change")
    data, names = change_form(client, url)
    assert "beviljat_belopp" not in names and "beslutstext" not in names
    data["beviljat_belopp"] = ["99999999"]
    assert client.post(url, data).status_code == 403
    assert Ansokan.objects.get(pk=money.ansokan.pk).beviljat_belopp == 1_000_000


def test_staff_cannot_change_the_money_granted_per_year_from_the_insats_admin(money, staff, client_for):
    client = client_for(staff)
    url = admin_url(money.insats, "change")
    data, names = change_form(client, url)
    assert not any(name.startswith("beviljat-0-") and name.endswith(("belopp", "DELETE")) for name in names)
    data["beviljat-0-belopp"], data["beviljat-0-DELETE"] = ["99999999"], ["on"]
    client.post(url, data)
    assert sorted(Beviljat.objects.filter(insats=money.insats).values_list("belopp", flat=True)) == [500_000, 500_000]


def test_deleting_a_document_in_the_admin_deletes_nothing(money, staff, client_for):
    client = client_for(staff)
    url = admin_url(money.handling, "delete")
    assert client.get(url).status_code == 403
    assert client.post(url, {"post": "yes"}).status_code == 403
    handling = Handling.objects.get(pk=money.handling.pk)
    assert handling.fil.storage.exists(handling.fil.name)


def test_a_document_cannot_be_removed_from_its_case_in_the_admin(money, staff, client_for):
    client = client_for(staff)
    url = admin_url(money.insats.arende, "change")
    data, names = change_form(client, url)
    assert not any(name.startswith("handlingar-") and name.endswith("-DELETE") for name in names)
    data["handlingar-0-DELETE"] = ["on"]
    client.post(url, data)
    assert Handling.objects.filter(pk=money.handling.pk).exists()


def test_the_admin_history_page_never_writes_an_old_or_forged_version_of_a_paid_invoice(money, staff, client_for):
    submitted = money.paid.history.order_by("history_date").first()
    url = reverse("admin:insatser_rekvisition_simple_history", args=[money.paid.pk, submitted.history_id])
    forged = {name: value.pk if hasattr(value, "pk") else value
              for name, value in model_to_dict(submitted.instance).items() if value is not None}
    forged.update(personal=9_999_999, belopp=9_999_999, status="inskickad",
                  inskickad_0=submitted.inskickad.date().isoformat(), inskickad_1="09:00:00")
    assert client_for(staff).post(url, forged).status_code == 403
    paid = Rekvisition.objects.get(pk=money.paid.pk)
    assert (paid.status, paid.belopp) == (Rekvisition.Status.BETALD, 50_000)


def test_decision_and_status_fields_are_not_editable_before_a_decision_either(owner_a, staff, af, client_for):
    ansokan = application_ready_for_board(owner_a, staff, af)
    client = client_for(staff)
    data, names = change_form(client, admin_url(ansokan, "change"))
    assert not names & {"status", "au_rekommendation", "au_motivering", "beviljat_belopp", "beslutstext", "beslutsdatum"}
    data["status"], data["beviljat_belopp"] = ["beviljad"], ["5000000"]
    client.post(admin_url(ansokan, "change"), data)
    ansokan.refresh_from_db()
    assert (ansokan.status, ansokan.beviljat_belopp) == (Ansokan.Status.KLAR_FOR_STYRELSEN, None)


def test_no_admin_form_offers_a_status_or_version_field(staff, rf):
    request = rf.get("/admin/")
    request.user = staff
    offered = []
    for model, model_admin in admin.site._registry.items():
        if model._meta.app_label not in roles.ADMIN_APPS:
            continue
        form = model_admin.get_form(request, None, change=True)
        offered += [f"{model._meta.label}.{name}" for name in ("status", "version", "bevakning") if name in form.base_fields]
    assert offered == []


def test_staff_still_correct_an_open_record_in_the_admin_and_the_history_names_them(money, staff, client_for):
    client = client_for(staff)
    url = admin_url(money.insats, "change")
    data, _names = change_form(client, url)
    data["styrgrupp"] = ["Anna Ägarsson, Nyköpings kommun, ordförande"]
    assert client.post(url, data).status_code == 302
    insats = Insats.objects.get(pk=money.insats.pk)
    assert insats.styrgrupp.startswith("Anna") and insats.history.first().history_user == staff
