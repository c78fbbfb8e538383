"""What holds for every form of the apps: they build on one base, and one-line fields refuse line breaks."""

import pytest

from rar.formbase import OneLineMixin
from rar.models import Arende
from tests.forms_catalogue import app_form_classes


def test_every_form_class_of_the_apps_builds_on_the_common_base():
    outside = [f"{cls.__module__}.{cls.__qualname__}" for cls in app_form_classes() if not issubclass(cls, OneLineMixin)]
    assert outside == []


@pytest.mark.parametrize("titel", ["Rubrik\r\nBcc: alla@example.se", "Rubrik\nrad två", "Rubrik\rrad två",
                                   "Rubrik\u2028rad två"])
def test_a_line_break_in_a_case_title_is_refused_in_swedish_and_nothing_is_registered(client_for, staff, titel):
    response = client_for(staff).post("/diarium/nytt/", {"titel": titel, "typ": "ovrigt"})
    assert response.status_code == 200  # the form again, with the error (this page answers 200, as before)
    assert "Fältet får inte innehålla radbrytningar." in response.content.decode()
    assert 'value="Rubrik' in response.content.decode()  # what was typed is kept
    assert not Arende.objects.exists()


def test_a_line_break_in_a_text_area_is_kept(client_for, staff):
    from insatser.forms import KommentarForm

    form = KommentarForm({"kommentar": "Rad ett\r\nRad två"})
    assert form.is_valid(), form.errors


def test_every_one_line_text_field_of_every_form_refuses_a_line_break():
    from django import forms

    from rar.formbase import validate_one_line

    missing = []
    for cls in app_form_classes():
        try:
            form = cls()
        except (TypeError, ValueError):  # needs arguments (or is an abstract base): the fuzz tests use its page
            continue
        for name, field in form.fields.items():
            if isinstance(field, forms.CharField) and not isinstance(field.widget, forms.Textarea):
                if validate_one_line not in field.validators:
                    missing.append(f"{cls.__name__}.{name}")
    assert missing == []
