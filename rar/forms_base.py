"""The base classes of every form in the apps. Free text never carries a personal identity number: every text
field (CharField and its kinds) refuses a personnummer or samordningsnummer, and so does an uploaded file's name.

Attached here, once, for every field the form has when it is cleaned — also fields a form adds in its own
__init__. `tests/security/test_personnummer_forms.py` walks every form class of the apps and fails for a form
that does not inherit from these classes."""

from django import forms

from rar.validators import validate_no_personnummer


def validate_file_name_has_no_personnummer(upload) -> None:
    validate_no_personnummer(getattr(upload, "name", ""))


class NoPersonnummerMixin:
    def full_clean(self):
        for field in self.fields.values():
            if isinstance(field, forms.CharField):
                check = validate_no_personnummer
            elif isinstance(field, forms.FileField):
                check = validate_file_name_has_no_personnummer
            else:
                continue
            if check not in field.validators:  # the form's fields are its own copies: this changes no other form
                field.validators.append(check)
        super().full_clean()


class Form(NoPersonnummerMixin, forms.Form):
    pass


class ModelForm(NoPersonnummerMixin, forms.ModelForm):
    pass
