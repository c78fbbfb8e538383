"""The house: the apps depend one way (rar ← insatser, esf ← uppfoljning; the core never imports an app above
it), no module grows past 500 lines, views leave writing to the services, and every model change has its migration."""

import ast
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

# What each app may import from the project's own apps.
ALLOWED = {
    "rar": set(),
    "insatser": {"rar"},
    "esf": {"rar"},
    "uppfoljning": {"rar", "insatser", "esf"},
}


def project_imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(), filename=str(path))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names & set(ALLOWED)


@pytest.mark.parametrize("app", sorted(ALLOWED))
def test_app_imports_only_the_apps_below_it(app):
    offending = []
    for path in (settings.BASE_DIR / app).rglob("*.py"):
        if "migrations" in path.parts:
            continue
        for name in project_imports(path) - ALLOWED[app] - {app}:
            offending.append(f"{path.relative_to(settings.BASE_DIR)} imports {name}")
    assert offending == []


APPS = sorted(ALLOWED)
MAX_LINES = 500


def app_modules():
    for app in APPS:
        for path in sorted((settings.BASE_DIR / app).rglob("*.py")):
            if "migrations" not in path.parts:
                yield path


def test_no_module_of_the_apps_is_over_500_lines():
    long = []
    for path in app_modules():
        lines = len(path.read_text().splitlines())
        if lines > MAX_LINES:
            long.append(f"{path.relative_to(settings.BASE_DIR)}: {lines} lines")
    assert long == [], "Split these modules:\n" + "\n".join(long)


# A view reads the request, calls a service and renders: the services write (and keep the history and the rules).
ORM_WRITES = {"save", "delete", "update", "create", "bulk_create", "bulk_update", "get_or_create", "update_or_create"}
NOT_ORM = {
    ("context", "update"),  # the template context, a dict
    ("initial", "update"),  # a form's initial values, a dict
}


def views_modules():
    for path in app_modules():
        if path.name.startswith("views") or "views" in path.relative_to(settings.BASE_DIR).parts[:-1]:
            yield path


def orm_writes(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(), filename=str(path))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in ORM_WRITES:
            if (ast.unparse(node.func.value), node.func.attr) not in NOT_ORM:
                found.append(f"{path.relative_to(settings.BASE_DIR)}:{node.lineno}: {ast.unparse(node)}")
    return found


def test_the_views_modules_are_found_in_every_app_whether_module_or_package():
    names = [path.relative_to(settings.BASE_DIR).as_posix() for path in views_modules()]
    for prefix in ("rar/views", "rar/moten/views", "insatser/views", "esf/views", "uppfoljning/views"):
        assert any(name.startswith(prefix) for name in names), prefix


def test_no_view_writes_through_the_orm():
    writes = [write for path in views_modules() for write in orm_writes(path)]
    assert writes == [], "Move these writes into a service:\n" + "\n".join(writes)


def test_every_model_change_has_its_migration(db):
    """makemigrations --check writes nothing, but reads the applied migrations: hence the db fixture."""
    out = StringIO()
    try:
        call_command("makemigrations", "--check", "--dry-run", stdout=out, stderr=out)
    except SystemExit:
        pytest.fail(f"A model changed without its migration (run makemigrations):\n{out.getvalue()}")
