"""Every form class of the apps, found by importing their modules (a new form is covered without a list)."""

import importlib
import pkgutil

from django import forms

APPS = ("rar", "insatser", "esf", "uppfoljning")
SKIP_MODULES = ("migrations", "management", "settings", "wsgi", "asgi", "embedded_db")


def _import_all():
    for app in APPS:
        package = importlib.import_module(app)
        for info in pkgutil.walk_packages(package.__path__, prefix=f"{app}."):
            if not any(part in SKIP_MODULES for part in info.name.split(".")):
                importlib.import_module(info.name)


def _subclasses(cls):
    for sub in cls.__subclasses__():
        yield sub
        yield from _subclasses(sub)


def app_form_classes() -> list[type]:
    _import_all()
    found = {cls for cls in _subclasses(forms.BaseForm) if cls.__module__.split(".")[0] in APPS}
    return sorted(found, key=lambda cls: f"{cls.__module__}.{cls.__qualname__}")
