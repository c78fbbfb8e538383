"""Every form class of the apps, found by importing their modules (a new form is covered without a list), and a
way to build any of them without its page."""

import importlib
import inspect
import pkgutil

from django import forms

APPS = ("rar", "insatser", "esf", "uppfoljning")


def _import_all():
    for app in APPS:
        package = importlib.import_module(app)
        for module in pkgutil.walk_packages(package.__path__, f"{app}."):
            if ".migrations" in module.name or ".management" in module.name:
                continue
            importlib.import_module(module.name)


def app_form_classes() -> list[type]:
    """Every concrete form class defined in the four apps (not the bases in rar.forms_base, nor a ModelForm
    base without a model; the admin's wrapped forms are the admin tests' business)."""
    _import_all()
    found = set()
    pending = [forms.BaseForm]
    while pending:
        cls = pending.pop()
        for sub in cls.__subclasses__():
            pending.append(sub)
            model_form_base = issubclass(sub, forms.ModelForm) and getattr(getattr(sub, "_meta", None), "model", None) is None
            if sub.__module__.split(".")[0] in APPS and not model_form_base and sub.__module__ != "rar.forms_base":
                found.add(sub)
    return sorted(found, key=lambda c: f"{c.__module__}.{c.__qualname__}")


def construct(cls, data):
    """An instance of the form with `data`, with the arguments that show its most fields."""
    from insatser.models import Ansokan, Lagesrapport, Slutrapport
    from rar.moten.models import Organ, Sammantrade

    kwargs = {}
    # A subclass may name only its own arguments and pass the rest on (**kwargs): read every class's __init__.
    parameters = {name for klass in cls.__mro__ if "__init__" in vars(klass)
                  for name in inspect.signature(vars(klass)["__init__"]).parameters}
    # meeting: one not in the database (pk 0), so it has no §§ and no earlier §§ to correct
    for name, value in {"staff": True, "phases": (), "years": (2025,), "status_choices": (), "rows": (),
                        "attendees": (), "staff_users": (), "funding": True,
                        "meeting": Sammantrade(pk=0, organ=Organ(pk=0))}.items():
        if name in parameters:
            kwargs[name] = value
    if issubclass(cls, forms.ModelForm):
        model = cls._meta.model
        kwargs["instance"] = {Ansokan: lambda: Ansokan(typ=Ansokan.Typ.NY), Lagesrapport: Lagesrapport,
                              Slutrapport: Slutrapport}.get(model, model)()
    return cls(data, **kwargs)
