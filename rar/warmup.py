"""Load once, in gunicorn's master (gunicorn.conf.py, preload_app), what each worker would otherwise load on its
first requests: the Swedish translation catalogues, the URL resolver and every compiled template.

The workers are forked from the master, so a worker that replaces a recycled one (max_requests) starts with all
of it in place. Without this, a new worker's first request took 0.4–0.5 s, and the workers, recycled at about the
same time under an even load, left the clients waiting for over a second (`make bench`, 20 clients).
"""

from pathlib import Path

from django.conf import settings
from django.db import connections
from django.template import TemplateDoesNotExist, TemplateSyntaxError, engines
from django.urls import get_resolver
from django.utils import translation

TEMPLATE_SUFFIXES = {".html", ".txt", ".xml", ".svg"}


def template_names(directory: Path):
    for path in sorted(directory.rglob("*")):
        if path.suffix in TEMPLATE_SUFFIXES and path.is_file():
            yield path.relative_to(directory).as_posix()


def warm() -> dict:
    """Returns what it loaded (counts), for the log."""
    for language, _ in settings.LANGUAGES:
        with translation.override(language):
            translation.gettext("Spara")  # loads the language's catalogues of every app
    resolver = get_resolver()
    patterns = len(resolver.reverse_dict)  # builds the resolver's reverse lookup (and with it the whole URL tree)
    loaded = failed = 0
    for engine in engines.all():
        for directory in engine.template_dirs:
            for name in template_names(Path(directory)):
                try:
                    engine.get_template(name)  # the cached loader keeps the compiled template
                    loaded += 1
                except (TemplateDoesNotExist, TemplateSyntaxError, UnicodeDecodeError):
                    failed += 1  # a third-party template for a library we do not install (or not a template)
    connections.close_all()  # nothing above queries, but a connection must never be shared with a forked worker
    return {"url_names": patterns, "templates": loaded, "skipped": failed}
