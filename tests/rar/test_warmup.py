"""rar/warmup.py: what gunicorn's master loads before it forks the workers (gunicorn.conf.py)."""

from django.db import connections
from django.template import engines

from rar import warmup


def _cached_names(engine) -> set:
    cached = next(loader for loader in engine.engine.template_loaders if hasattr(loader, "get_template_cache"))
    return set(cached.get_template_cache)


def test_the_warm_up_compiles_every_template_of_every_engine_and_skips_none():
    loaded = warmup.warm()
    assert loaded["skipped"] == 0
    assert loaded["templates"] > 100  # the project's own, the admin's, crispy's and django-filter's
    names = _cached_names(engines["django"])
    assert {"base.html", "partials/list_results.html", "partials/list_filters.html",
            "bootstrap5/field.html", "admin/base.html"} <= names


def test_the_warm_up_builds_the_url_resolver_and_opens_no_database_connection():
    loaded = warmup.warm()
    assert loaded["url_names"] > 50
    assert all(connection.connection is None for connection in connections.all())
