import datetime
import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.urls import reverse

from rar import services


def test_unauthenticated_visitor_is_sent_to_login(client, db):
    for name in ["start", "arende_list", "arende_create", "organisation_list", "medlemsbidrag", "budget"]:
        response = client.get(reverse(name))
        assert response.status_code == 302, name
        assert response["Location"].startswith(reverse("login")), name


def test_login_page_is_swedish(client, db):
    html = client.get(reverse("login")).content.decode()
    assert '<html lang="sv">' in html and "Logga in" in html and "Användarnamn" in html


def test_login_with_wrong_password_gives_a_swedish_message(client, staff):
    response = client.post(reverse("login"), {"username": "kansli", "password": "fel"})
    assert "Ange ett korrekt användarnamn och lösenord" in response.content.decode()


@pytest.fixture
def cases(staff, org_a, org_b):
    day = datetime.date(2026, 4, 1)
    services.arende_register(titel="Ärende hos A", typ="ansokan", organisation=org_a, registrerad=day, user=staff)
    services.arende_register(titel="Ärende hos B", typ="ansokan", organisation=org_b, registrerad=day, user=staff)


@pytest.mark.parametrize(
    "persona, expected",
    [
        ("staff", "Registrera ärende"),
        ("owner_a", "Ärenden för din organisation"),
        ("board_member", "Beslutslistor och protokoll"),
        ("evaluator", "Utvärderare"),
        ("reader", "Läsbehörighet"),
        ("outsider", "Ditt konto har ingen roll ännu"),
    ],
)
def test_each_role_has_its_start_page(request, client_for, cases, persona, expected):
    response = client_for(request.getfixturevalue(persona)).get("/")
    assert response.status_code == 200
    assert expected in response.content.decode()


def test_owner_start_page_lists_only_own_organisations_cases(client_for, owner_a, cases):
    html = client_for(owner_a).get("/").content.decode()
    assert "Ärende hos A" in html and "Ärende hos B" not in html


def test_staff_start_page_lists_all_cases(client_for, staff, cases):
    html = client_for(staff).get("/").content.decode()
    assert "Ärende hos A" in html and "Ärende hos B" in html


def test_staff_register_a_case_through_the_form(client_for, staff, org_a):
    response = client_for(staff).post(
        "/diarium/nytt/", {"titel": "Ny ansökan", "typ": "ansokan", "organisation": org_a.pk, "registrerad": "2026-05-02"}
    )
    assert response.status_code == 302
    follow = client_for(staff).get(response["Location"])
    assert "RAR 2026/1" in follow.content.decode()


def test_a_case_form_without_title_keeps_input_and_explains(client_for, staff, org_a):
    response = client_for(staff).post("/diarium/nytt/", {"titel": "", "typ": "ekonomi"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Detta fält måste fyllas i." in html
    assert '<option value="ekonomi" selected>' in html


def test_owner_cannot_open_the_register_form(client_for, owner_a):
    assert client_for(owner_a).get("/diarium/nytt/").status_code == 403


def test_diarium_list_runs_the_same_queries_for_few_and_many_cases(client_for, staff, org_a, django_assert_num_queries):
    client = client_for(staff)
    client.get("/")  # the session's first request writes its idle timestamp; the page's own queries are counted
    day = datetime.date(2026, 4, 1)

    def count_queries():
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as ctx:
            assert client.get("/diarium/").status_code == 200
        return len(ctx.captured_queries)

    for _ in range(3):
        services.arende_register(titel="Ärende", organisation=org_a, registrerad=day, user=staff)
    few = count_queries()
    for _ in range(60):
        services.arende_register(titel="Ärende", organisation=org_a, registrerad=day, user=staff)
    assert count_queries() == few


def test_diarium_search_finds_by_case_number(client_for, staff, cases):
    html = client_for(staff).get("/diarium/", {"q": "2026/2"}).content.decode()
    assert "Ärende hos B" in html and "Ärende hos A" not in html


def test_check_deploy_is_clean_with_production_settings():
    env = {
        **os.environ,
        "DEBUG": "0",
        "SECRET_KEY": "x" * 20 + "production-like-secret-key-for-the-check-only-9f8e7d6c",
        "DATABASE_URL": "postgres://rar@127.0.0.1:1/rar",
        "ALLOWED_HOSTS": "rar.example.se",
    }
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)  # set by the browser tests for their own process only
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=settings.BASE_DIR, env=env, capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_settings_refuse_to_start_without_a_secret_key():
    env = {**os.environ, "DATABASE_URL": "postgres://rar@127.0.0.1:1/rar"}
    env.pop("SECRET_KEY", None)
    result = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=settings.BASE_DIR, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode != 0
    assert "SECRET_KEY måste sättas" in result.stderr
