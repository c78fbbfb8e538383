"""Login throttling keyed on user name + the real client address (behind a reverse proxy too), and a limit per
address across user names (password spraying)."""

import pytest
from django.test import Client

from tests.factories import UserFactory

PROXY = "10.0.0.1"
ATTACKER, VICTIM = "203.0.113.66", "198.51.100.7"


def attempt(username, password, *, remote=PROXY, forwarded=None):
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return Client().post("/logga-in/", {"username": username, "password": password}, **extra)


@pytest.fixture
def behind_one_proxy(settings):
    settings.TRUSTED_PROXY_COUNT = 1


@pytest.fixture
def staff_password(staff):
    staff.set_password("ratt-losenord-123")
    staff.save()
    return "ratt-losenord-123"


def test_behind_a_proxy_an_attacker_locks_out_only_their_own_address(behind_one_proxy, settings, staff, staff_password):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        attempt(staff.username, "fel", forwarded=ATTACKER)
    assert attempt(staff.username, staff_password, forwarded=ATTACKER).status_code == 429
    assert attempt(staff.username, staff_password, forwarded=VICTIM).status_code == 302


def test_a_forged_forwarded_header_does_not_get_round_the_lockout(behind_one_proxy, settings, staff, staff_password):
    # The proxy appends the address it saw: what the client wrote in the header stands to the left of it.
    for n in range(settings.AXES_FAILURE_LIMIT):
        attempt(staff.username, "fel", forwarded=f"192.0.2.{n}, {ATTACKER}")
    assert attempt(staff.username, staff_password, forwarded=f"{VICTIM}, {ATTACKER}").status_code == 429


def test_without_a_trusted_proxy_the_forwarded_header_is_ignored(settings, staff, staff_password):
    assert settings.TRUSTED_PROXY_COUNT == 0
    for n in range(settings.AXES_FAILURE_LIMIT):
        attempt(staff.username, "fel", remote=ATTACKER, forwarded=f"192.0.2.{n}")
    assert attempt(staff.username, staff_password, remote=ATTACKER, forwarded=VICTIM).status_code == 429


def test_two_proxies_find_the_address_the_outer_one_saw(settings, staff, staff_password):
    settings.TRUSTED_PROXY_COUNT = 2
    for _ in range(settings.AXES_FAILURE_LIMIT):
        attempt(staff.username, "fel", forwarded=f"192.0.2.9, {ATTACKER}, 10.0.0.2")
    assert attempt(staff.username, staff_password, forwarded=f"{ATTACKER}, 10.0.0.2").status_code == 429
    assert attempt(staff.username, staff_password, forwarded=f"{VICTIM}, 10.0.0.2").status_code == 302


@pytest.fixture
def many_users(db, settings):
    assert settings.AXES_ADDRESS_FAILURE_LIMIT == 30  # the default; a smaller one keeps these tests quick
    settings.AXES_ADDRESS_FAILURE_LIMIT = 8
    return [UserFactory(username=f"anvandare{n}").username for n in range(settings.AXES_ADDRESS_FAILURE_LIMIT + 1)]


def test_password_spraying_from_one_address_is_stopped_across_user_names(settings, many_users, staff, staff_password):
    assert settings.AXES_ADDRESS_FAILURE_LIMIT > settings.AXES_FAILURE_LIMIT
    for username in many_users[: settings.AXES_ADDRESS_FAILURE_LIMIT - 1]:
        assert attempt(username, "Sommar2026!", remote=ATTACKER).status_code == 200  # one try each: no pair limit
    assert attempt(many_users[-1], "Sommar2026!", remote=ATTACKER).status_code == 429  # the limit is reached
    assert attempt(staff.username, staff_password, remote=ATTACKER).status_code == 429


def test_spraying_from_one_address_leaves_other_addresses_alone(settings, many_users, staff, staff_password):
    for username in many_users[: settings.AXES_ADDRESS_FAILURE_LIMIT]:
        attempt(username, "Sommar2026!", remote=ATTACKER)
    assert attempt(staff.username, staff_password, remote=VICTIM).status_code == 302


def test_a_login_of_ones_own_does_not_reset_the_count_for_the_address(settings, many_users, owner_a):
    owner_a.set_password("agarens-losenord-1")
    owner_a.save()
    half = settings.AXES_ADDRESS_FAILURE_LIMIT // 2
    for username in many_users[:half]:
        attempt(username, "Sommar2026!", remote=ATTACKER)
    assert attempt(owner_a.username, "agarens-losenord-1", remote=ATTACKER).status_code == 302
    for username in many_users[half: settings.AXES_ADDRESS_FAILURE_LIMIT]:
        attempt(username, "Sommar2026!", remote=ATTACKER)
    assert attempt(many_users[-1], "Sommar2026!", remote=ATTACKER).status_code == 429
