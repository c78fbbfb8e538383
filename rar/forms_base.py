"""The base classes of every form in the apps. Free text never carries a personal identity number: every text
field (CharField and its kinds, passwords aside: they are only stored hashed) refuses a personnummer or
samordningsnummer, and so does an uploaded file's name. One-line text fields (a CharField drawn as anything but
a textarea) refuse line breaks: a title or a name ends up in e-mail subjects, file names, CSV cells and PDF
headings, where a line break does harm (`tests/security/test_forms.py`).

Attached here, once, for every field the form has when it is cleaned — also fields a form adds in its own
__init__. The admin's forms get the same check from `protect_admin_forms` (called in RarConfig.ready).
`tests/security/test_personnummer_forms.py` walks every form class of the apps and every admin form and fails
for a form without the check.

Every select starts with EMPTY_CHOICE ("– Välj –") where the framework would put its own empty choice
(Django 6.1's "- Select an option -", or "---------"); a label a form chooses itself ("Välj paragraf") stays.
The same text reaches the admin and any other form through locale/sv/LC_MESSAGES/django.po."""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.db.models.utils import get_blank_choice_label
from django.utils.translation import gettext_lazy as _

from rar.validators import validate_no_personnummer

LINE_BREAK = re.compile("[\r\n\x0b\x0c\x85\u2028\u2029]")

EMPTY_CHOICE = "– Välj –"
FRAMEWORK_EMPTY_LABELS = {"- Select an option -", "---------"}


def validate_one_line(value) -> None:
    if value and LINE_BREAK.search(str(value)):
        raise ValidationError(_("Fältet får inte innehålla radbrytningar. Skriv allt på en rad."), code="line_break")


def validate_file_name_has_no_personnummer(upload) -> None:
    validate_no_personnummer(getattr(upload, "name", ""))


class NoPersonnummerMixin:
    def full_clean(self):
        for field in self.fields.values():
            if isinstance(field.widget, forms.PasswordInput):
                continue
            if isinstance(field, forms.CharField):
                check = validate_no_personnummer
            elif isinstance(field, forms.FileField):
                check = validate_file_name_has_no_personnummer
            else:
                continue
            if check not in field.validators:  # the form's fields are its own copies: this changes no other form
                field.validators.append(check)
        super().full_clean()


class OneLineMixin:
    def full_clean(self):
        for field in self.fields.values():
            if (isinstance(field, forms.CharField) and not isinstance(field.widget, forms.Textarea)
                    and validate_one_line not in field.validators):
                field.validators.append(validate_one_line)
        super().full_clean()


def _framework_empty_label(label) -> bool:
    return label is not None and (str(label) in FRAMEWORK_EMPTY_LABELS or str(label) == str(get_blank_choice_label()))


def swedish_empty_choice(field: forms.Field) -> None:
    """Give a select's framework empty choice the Swedish label (idempotent)."""
    if isinstance(field, forms.ModelChoiceField):
        if _framework_empty_label(field.empty_label):
            field.empty_label = EMPTY_CHOICE
    elif isinstance(field, forms.ChoiceField) and not getattr(field, "_swedish_empty_choice", False):
        choices = list(field.choices)  # a model field's choices come as a callable: read them once, as drawing would
        field._swedish_empty_choice = True
        if choices and choices[0][0] in ("", None) and _framework_empty_label(choices[0][1]):
            field.choices = [(choices[0][0], EMPTY_CHOICE), *choices[1:]]


class SwedishEmptyChoiceMixin:
    """Relabels when a field is drawn, not in __init__: a form's own __init__ may add or change fields after."""

    def __getitem__(self, name):
        if name in self.fields:
            swedish_empty_choice(self.fields[name])
        return super().__getitem__(name)


class Form(NoPersonnummerMixin, OneLineMixin, SwedishEmptyChoiceMixin, forms.Form):
    pass


class ModelForm(NoPersonnummerMixin, OneLineMixin, SwedishEmptyChoiceMixin, forms.ModelForm):
    pass


def protect_admin_forms(site, app_labels) -> None:
    """Give every ModelAdmin and inline of the apps a form with the same check (their forms are built by the admin)."""
    for model, model_admin in site._registry.items():
        if model._meta.app_label not in app_labels:
            continue
        for holder in [model_admin, *model_admin.inlines]:
            for attribute in ("form", "add_form"):  # add_form: the user admin's creation form
                form = getattr(holder, attribute, None)
                if form is not None and not issubclass(form, NoPersonnummerMixin):
                    setattr(holder, attribute, type(form.__name__, (NoPersonnummerMixin, form), {"__module__": __name__}))
