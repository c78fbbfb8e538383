"""Login throttling and the staff session timeout."""

from django.conf import settings
from django.test import Client


def attempt(client, username, password):
    return client.post("/logga-in/", {"username": username, "password": password})


def test_login_is_locked_after_five_wrong_passwords_even_with_the_right_one(staff):
    staff.set_password("ratt-losenord-123")
    staff.save()
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert attempt(client, staff.username, "fel").status_code == 200
    locked = attempt(client, staff.username, "fel")
    assert locked.status_code == 429 and "För många misslyckade inloggningsförsök" in locked.content.decode()
    again = attempt(client, staff.username, "ratt-losenord-123")
    assert again.status_code == 429 and "_auth_user_id" not in client.session


def test_a_lockout_for_one_user_does_not_stop_another(staff, owner_a):
    owner_a.set_password("agarens-losenord-1")
    owner_a.save()
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        attempt(client, staff.username, "fel")
    assert attempt(client, owner_a.username, "agarens-losenord-1").status_code == 302


def test_a_wrong_password_below_the_limit_shows_the_ordinary_swedish_error(staff):
    response = attempt(Client(), staff.username, "fel")
    assert response.status_code == 200 and "Ange ett korrekt" in response.content.decode()


def test_staff_sessions_end_after_thirty_idle_minutes(client_for, staff):
    client = client_for(staff)
    client.get("/")
    assert client.session.get_expiry_age() == settings.STAFF_SESSION_IDLE_SECONDS == 1800


def test_other_users_keep_the_ordinary_session_length(client_for, owner_a):
    client = client_for(owner_a)
    client.get("/")
    assert client.session.get_expiry_age() == settings.SESSION_COOKIE_AGE
