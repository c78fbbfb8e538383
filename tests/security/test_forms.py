"""What holds for every form of the apps: they build on one base, and one-line fields refuse line breaks."""

import pytest

from rar.forms_base import OneLineMixin
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


def test_every_one_line_text_field_of_every_form_refuses_a_line_break(db):
    from django import forms

    from tests.forms_catalogue import construct

    checked = []
    for cls in app_form_classes():
        probe = construct(cls, None)
        for name, field in probe.fields.items():
            if not isinstance(field, forms.CharField) or isinstance(field.widget, forms.Textarea):
                continue
            form = construct(cls, {name: "Rad ett\nRad två"})
            form.is_valid()
            assert name in form.errors, f"{cls.__qualname__}.{name} tog emot en radbrytning"
            if type(field) is forms.CharField:
                assert "Fältet får inte innehålla radbrytningar." in str(form.errors[name]), (cls, name, form.errors[name])
            checked.append(f"{cls.__qualname__}.{name}")
    assert len(checked) >= 25, checked  # the walk cannot pass by finding none (28 one-line fields today)
