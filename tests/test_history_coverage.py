"""Every write leaves history: every concrete model of the four apps carries django-simple-history, or stands
on the short allow-list in rar.history.UNTRACKED with a reason."""

from django.apps import apps
from django.db import models

from rar.history import UNTRACKED

APPS = ["rar", "insatser", "esf", "uppfoljning"]


def concrete_models():
    for label in APPS:
        for model in apps.get_app_config(label).get_models():
            if not model._meta.proxy and not model.__name__.startswith("Historical"):
                yield model


def tracked(model) -> bool:
    return hasattr(model._meta, "simple_history_manager_attribute")


def test_every_model_of_the_four_apps_has_history_or_a_reason_not_to():
    missing = sorted(model._meta.label for model in concrete_models() if not tracked(model) and model._meta.label not in UNTRACKED)
    assert missing == []


def test_the_allow_list_is_short_has_a_reason_per_entry_and_names_only_untracked_models():
    labels = {model._meta.label: model for model in concrete_models()}
    assert len(UNTRACKED) <= 6
    for label, reason in UNTRACKED.items():
        assert label in labels, f"{label} is not a model of the four apps"
        assert not tracked(labels[label]), f"{label} has history: take it off the allow-list"
        assert len(str(reason).split()) >= 5, f"{label} needs a reason"


def test_every_many_to_many_field_of_a_tracked_model_is_in_its_history():
    missing = []
    for model in concrete_models():
        if not tracked(model):
            continue
        history_m2m = {field.name for field in getattr(model.history.model, "_history_m2m_fields", [])}
        for field in model._meta.get_fields():
            if isinstance(field, models.ManyToManyField) and field.name not in history_m2m:
                missing.append(f"{model._meta.label}.{field.name}")
    assert missing == []
