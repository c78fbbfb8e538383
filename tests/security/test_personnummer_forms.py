"""No personal identity numbers: every free-text field of every form refuses a personnummer, in Swedish, and
nothing is stored."""

import datetime

import pytest
from django import forms

from insatser import services
from insatser.models import Insats, Rekvisition
from tests.factories import granted_insats
from tests.forms_catalogue import APPS, app_form_classes, construct

PNR = "19850101-1234"  # the number observed on main (its check digit is wrong; written this way it still counts)


@pytest.fixture
def insats(owner_a, staff, af):
    return granted_insats(owner_a, staff, af)


def test_a_personnummer_in_the_steering_group_is_refused_and_not_stored(client_for, staff, insats):
    response = client_for(staff).post(f"/insatser/{insats.pk}/styrgrupp/", {"styrgrupp": f"Eva Ek {PNR}, ordförande"})
    assert response.status_code != 302
    assert "Personnummer och samordningsnummer får inte sparas" in response.content.decode()
    insats.refresh_from_db()
    assert PNR not in insats.styrgrupp
    assert not Insats.history.filter(styrgrupp__contains="850101").exists()


def test_a_personnummer_in_an_invoice_description_is_refused_and_not_stored(client_for, owner_a, insats):
    response = client_for(owner_a).post(f"/insatser/{insats.pk}/rekvisitioner/ny/", {
        "period_start": "2025-01-01", "period_slut": "2025-03-31", "personal": "10000", "lokaler": "0", "resor": "0",
        "ovrigt": "0", "beskrivning": f"Lön till handledare {PNR}"})
    assert response.status_code == 400
    assert "Personnummer och samordningsnummer får inte sparas" in response.content.decode()
    assert not Rekvisition.objects.exists() and not Rekvisition.history.exists()


def test_a_personnummer_in_a_completion_request_comment_is_refused(client_for, owner_a, staff, af):
    from insatser.models import Ansokan
    from rar.models import Statushandelse
    from tests.factories import complete_application

    ansokan = complete_application(owner_a, af)
    services.ansokan_submit(ansokan=ansokan, user=owner_a)
    services.ansokan_start_review(ansokan=ansokan, user=staff)
    client = client_for(staff)
    response = client.post(f"/ansokningar/{ansokan.pk}/steg/komplettering/", {"kommentar": f"Gäller {PNR}"}, follow=True)
    assert "Personnummer och samordningsnummer får inte sparas" in response.content.decode()
    assert Ansokan.objects.get(pk=ansokan.pk).status == Ansokan.Status.UNDER_BEREDNING
    assert not Statushandelse.objects.filter(kommentar__contains="850101").exists()


# --- every form --------------------------------------------------------------------------------------------------

def text_fields(form):
    return [name for name, field in form.fields.items()
            if isinstance(field, forms.CharField) and not isinstance(field.widget, forms.HiddenInput)]


def test_every_text_field_of_every_form_refuses_a_personnummer(db):
    classes = app_form_classes()
    checked = []
    for cls in classes:
        probe = construct(cls, None)
        names = text_fields(probe)
        for name in names:
            form = construct(cls, {name: f"Eva Ek {PNR}"})
            form.is_valid()
            errors = [str(e) for e in form.errors.get(name, [])]
            assert any("Personnummer och samordningsnummer får inte sparas" in e for e in errors), (
                f"{cls.__module__}.{cls.__qualname__}.{name} accepterade ett personnummer: {form.errors.get(name)}")
            assert not any("1234" in e for e in errors)
            checked.append(f"{cls.__qualname__}.{name}")
    # The walk found the forms of all four apps and many text fields (it cannot pass by finding none).
    assert {c.__module__.split(".")[0] for c in classes} == set(APPS)
    assert len(checked) >= 40, checked


def test_an_uploaded_file_named_with_a_personnummer_is_refused(client_for, staff, org_a):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from rar import services as rar_services
    from rar.models import Handling

    arende = rar_services.arende_register(titel="Ärende", typ="ovrigt", organisation=org_a,
                                          registrerad=datetime.date(2026, 2, 1), user=staff)
    response = client_for(staff).post(f"/diarium/{arende.pk}/handlingar/ny/", {
        "titel": "Intyg", "fil": SimpleUploadedFile(f"intyg {PNR}.pdf", b"%PDF-1.4\n%%EOF\n")})
    assert response.status_code == 400
    assert "Personnummer och samordningsnummer får inte sparas" in response.content.decode()
    assert not Handling.objects.exists()


def test_every_text_field_of_every_admin_form_refuses_a_personnummer(rf, db):
    from django.contrib import admin

    from tests.factories import UserFactory

    request = rf.get("/admin/")
    request.user = UserFactory(username="root", is_staff=True, is_superuser=True)
    checked = []
    for model, model_admin in admin.site._registry.items():
        if model._meta.app_label not in APPS:
            continue
        form_class = model_admin.get_form(request)
        names = [n for n, f in form_class.base_fields.items()
                 if isinstance(f, forms.CharField) and not isinstance(f.widget, (forms.HiddenInput, forms.PasswordInput))
                 and not getattr(getattr(f, "base_field", None), "choices", None)]  # an array of choices takes no text
        for name in names:
            form = form_class({name: f"Eva Ek {PNR}"})
            form.is_valid()
            errors = [str(e) for e in form.errors.get(name, [])]
            assert any("Personnummer och samordningsnummer får inte sparas" in e for e in errors), (
                f"admin {model.__name__}.{name} accepterade ett personnummer: {form.errors.get(name)}")
            checked.append(f"{model.__name__}.{name}")
    assert len(checked) >= 20, checked
