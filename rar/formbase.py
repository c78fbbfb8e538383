"""The base of every form in the apps (`Form`, `ModelForm`): what holds for every field is checked here, once.

One-line text fields (a CharField drawn as anything but a textarea) refuse line breaks: a title or a name ends up
in e-mail subjects, file names, CSV cells and PDF headings, where a line break does harm.
`tests/security/test_forms.py` fails if a form class of the apps does not build on this base.
"""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

LINE_BREAK = re.compile("[\r\n\x0b\x0c\x85\u2028\u2029]")


def validate_one_line(value):
    if value and LINE_BREAK.search(str(value)):
        raise ValidationError(_("Fältet får inte innehålla radbrytningar. Skriv allt på en rad."), code="line_break")


class OneLineMixin:
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field, forms.CharField) and not isinstance(field.widget, forms.Textarea):
                field.validators.append(validate_one_line)


class Form(OneLineMixin, forms.Form):
    pass


class ModelForm(OneLineMixin, forms.ModelForm):
    pass
