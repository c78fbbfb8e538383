"""The apps depend one way: rar ← insatser, esf ← uppfoljning. The core never imports an app above it."""

import ast
from pathlib import Path

import pytest
from django.conf import settings

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
