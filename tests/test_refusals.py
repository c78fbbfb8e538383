"""One idiom for refusals: a right refused is NotAllowed, rendered with its reason by the one 403 handler."""

import ast

from django.conf import settings

APPS = ("rar", "insatser", "esf", "uppfoljning")


def test_no_view_renders_the_403_page_by_hand():
    offenders = []
    for app in APPS:
        for path in (settings.BASE_DIR / app).rglob("*.py"):
            if "migrations" in path.parts:
                continue
            for node in ast.walk(ast.parse(path.read_text())):
                if isinstance(node, ast.Constant) and node.value == "403.html":
                    offenders.append(f"{path.relative_to(settings.BASE_DIR)}:{node.lineno}")
    assert offenders == ["rar/views.py:" + str(_handler_line())]


def _handler_line() -> int:
    source = (settings.BASE_DIR / "rar" / "views.py").read_text()
    handler = next(n for n in ast.parse(source).body if isinstance(n, ast.FunctionDef) and n.name == "forbidden")
    return next(n.lineno for n in ast.walk(handler) if isinstance(n, ast.Constant) and n.value == "403.html")


def test_a_refused_right_shows_its_reason_on_the_403_page(client_for, owner_a):
    response = client_for(owner_a).get("/budget/2026/poster/")
    assert response.status_code == 403 and "Bara förbundets kansli ändrar budgeten." in response.content.decode()
