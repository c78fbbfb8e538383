"""Shared personas: staff, owner of A, owner of B, board member, evaluator, reader, outsider."""

import pytest

from rar import roles
from rar.models import Organisation
from tests.demo_database import (  # noqa: F401 (the demo data, loaded once per run: see tests/demo_database.py)
    TEST_SETTINGS, _demo_database, _django_db_helper, demo_data, demo_databases, django_db_setup)
from tests.factories import OrganisationFactory, UserFactory
from tests.history_guard import history_guard  # noqa: F401 (autouse: app code never writes around the history)
from tests.suite_timing import pytest_sessionfinish, pytest_sessionstart  # noqa: F401 (a whole run's duration, for make bench)


@pytest.fixture(autouse=True)
def _test_settings(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    for name, value in TEST_SETTINGS.items():  # fast password hashing; tasks run at once
        setattr(settings, name, value)


@pytest.fixture
def org_a(db):
    return OrganisationFactory(namn="Nyköpings kommun", typ=Organisation.Typ.KOMMUN, lansdel="ostra")


@pytest.fixture
def org_b(db):
    return OrganisationFactory(namn="Eskilstuna kommun", typ=Organisation.Typ.KOMMUN, lansdel="norra")


@pytest.fixture
def staff(db):
    """Kansli, also admin (is_staff, with the Kansli group's admin permissions), as in the demo."""
    roles.grant_kansli_admin_permissions()
    return UserFactory(username="kansli", first_name="Karin", roles=[roles.KANSLI], is_staff=True)


@pytest.fixture
def staff2(db):
    """A second Kansli member: the other pair of eyes on money (approves what staff registered, pays what staff approved)."""
    roles.grant_kansli_admin_permissions()
    return UserFactory(username="kansli2", first_name="Kim", last_name="Kassör", roles=[roles.KANSLI], is_staff=True)


@pytest.fixture
def superuser(db):
    return UserFactory(username="admin", first_name="Ada", is_staff=True, is_superuser=True)


@pytest.fixture
def owner_a(org_a):
    return UserFactory(username="agare_a", first_name="Anna", organisation=org_a, roles=[roles.INSATSAGARE])


@pytest.fixture
def owner_b(org_b):
    return UserFactory(username="agare_b", first_name="Bo", organisation=org_b, roles=[roles.INSATSAGARE])


@pytest.fixture
def board_member(db):
    return UserFactory(username="styrelse", first_name="Sven", roles=[roles.STYRELSE])


@pytest.fixture
def evaluator(db):
    return UserFactory(username="utvarderare", first_name="Ulla", roles=[roles.UTVARDERARE])


@pytest.fixture
def reader(db):
    return UserFactory(username="lasare", first_name="Lars", roles=[roles.LASARE])


@pytest.fixture
def outsider(db):
    return UserFactory(username="utomstaende", first_name="Olle")


@pytest.fixture
def client_for(client):
    """Log the test client in as a persona: `client_for(staff)`."""

    def login(user):
        client.force_login(user)
        return client

    return login


@pytest.fixture
def af(db):
    return OrganisationFactory(namn="Arbetsförmedlingen", typ=Organisation.Typ.STAT, lansdel="")
