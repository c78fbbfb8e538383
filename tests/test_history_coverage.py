"""Every write leaves history: every concrete model of the four apps carries django-simple-history, or stands
on the short allow-list in rar.history.UNTRACKED with a reason."""

from pathlib import Path

import pytest
from django.apps import apps
from django.db import models

from rar.history import UNTRACKED

APPS = ["rar", "insatser", "esf", "uppfoljning"]
ROOT = Path(__file__).resolve().parent.parent


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


def run_as_app_code(source: str, **names):
    """Run a statement as if it stood in insatser/services.py, where the history guard watches writes."""
    exec(compile(source, str(ROOT / "insatser" / "services.py"), "exec"), names)


def test_app_code_that_updates_a_tracked_table_around_the_history_is_refused(db):
    from insatser.models import Mal

    with pytest.raises(AssertionError, match="insatser.Mal without history"):
        run_as_app_code("Mal.objects.filter(pk=0).update(indikator='x')", Mal=Mal)


def test_app_code_that_bulk_inserts_or_deletes_on_a_tracked_table_is_refused(db):
    from insatser.models import Mal

    with pytest.raises(AssertionError, match="bulk-inserts into insatser.Mal"):
        run_as_app_code("Mal.objects.bulk_create([])", Mal=Mal)
    with pytest.raises(AssertionError, match="deletes from insatser.Mal"):
        run_as_app_code("Mal.objects.filter(pk=0).delete()", Mal=Mal)


def test_app_code_may_update_fields_the_history_leaves_out_and_untracked_tables(db):
    from insatser.models import Lagesrapport
    from rar.models import Notis

    run_as_app_code("Lagesrapport.objects.filter(pk=0).update(paminnelse_skickad=None)", Lagesrapport=Lagesrapport)
    run_as_app_code("Notis.objects.filter(pk=0).update(last=None)", Notis=Notis)


def test_the_history_helpers_write_through_the_guard(db, staff):
    from rar.history import bulk_create
    from rar.models import Organisation

    run_as_app_code("bulk_create(Organisation, [Organisation(namn='Ny', typ='region')], user=staff)",
                    bulk_create=bulk_create, Organisation=Organisation, staff=staff)
    assert Organisation.history.get(namn="Ny").history_user == staff


def rows_without_a_user_since(start) -> dict:
    """Model label → number of history rows written since `start` that name no acting user."""
    counts = {}
    for model in concrete_models():
        if tracked(model):
            count = model.history.filter(history_date__gte=start, history_user__isnull=True).count()
            if count:
                counts[model._meta.label] = count
    return counts
