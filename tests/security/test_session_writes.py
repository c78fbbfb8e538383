"""The staff idle timeout is read from a timestamp in the session: a staff GET does not write the session each
time, the timestamp is renewed at most once a minute, and a session idle past the limit is ended."""

from unittest import mock

from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext

from rar import middleware


def _session_writes(queries):
    return [q["sql"] for q in queries if "django_session" in q["sql"] and q["sql"].lstrip().upper().startswith(("UPDATE", "INSERT"))]


def test_a_staff_get_within_a_minute_of_the_last_does_not_write_the_session(client_for, staff):
    client = client_for(staff)
    client.get("/notiser/")
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/notiser/").status_code == 200
    assert _session_writes(queries) == []


def test_the_idle_timestamp_is_renewed_once_a_minute_has_passed(client_for, staff):
    client = client_for(staff)
    client.get("/notiser/")
    later = client.session[middleware.LAST_SEEN_KEY] + 61
    with mock.patch.object(middleware.time, "time", return_value=later), CaptureQueriesContext(connection) as queries:
        assert client.get("/notiser/").status_code == 200
    assert len(_session_writes(queries)) == 1
    assert client.session[middleware.LAST_SEEN_KEY] == later


def test_a_staff_session_idle_past_the_limit_is_ended_and_asks_for_a_login(client_for, staff):
    client = client_for(staff)
    client.get("/notiser/")
    later = client.session[middleware.LAST_SEEN_KEY] + settings.STAFF_SESSION_IDLE_SECONDS + 1
    with mock.patch.object(middleware.time, "time", return_value=later):
        response = client.get("/notiser/")
    assert response.status_code == 302 and response["Location"].startswith("/logga-in/")


def test_a_staff_session_used_within_the_limit_stays_logged_in(client_for, staff):
    client = client_for(staff)
    client.get("/notiser/")
    later = client.session[middleware.LAST_SEEN_KEY] + settings.STAFF_SESSION_IDLE_SECONDS - 5
    with mock.patch.object(middleware.time, "time", return_value=later):
        assert client.get("/notiser/").status_code == 200
