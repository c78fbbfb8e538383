"""The demo data loaded once per run (tests/demo_database.py) keeps the tests apart: a test without the demo sees an
empty database, and what a demo test writes, in its transaction or committed, is gone for the next one. The tests
run in this order."""

import pytest
from django.contrib.auth import get_user_model
from django.db import connection

from rar.models import Organisation
from tests.factories import OrganisationFactory

DEMO_MEMBERS = 12


def test_a_demo_test_sees_the_demo(demo_data):
    assert Organisation.objects.count() == DEMO_MEMBERS
    assert get_user_model().objects.filter(username="kansli").exists()


def test_a_test_without_the_demo_sees_an_empty_database(db):
    assert Organisation.objects.count() == 0 and not get_user_model().objects.exists()


def rename(namn: str, to: str) -> None:
    organisation = Organisation.objects.get(namn=namn)
    organisation.namn = to
    organisation.save()


def test_a_demo_test_writes_in_its_transaction(demo_data):
    rename("Trosa kommun", "Omdöpt kommun")
    OrganisationFactory(namn="Tillfällig kommun")
    assert Organisation.objects.count() == DEMO_MEMBERS + 1


def test_the_next_demo_test_sees_none_of_it(demo_data):
    assert Organisation.objects.filter(namn="Trosa kommun").exists()
    assert not Organisation.objects.filter(namn="Tillfällig kommun").exists()


@pytest.mark.django_db(transaction=True)
def test_a_transactional_demo_test_commits(demo_data):
    rename("Gnesta kommun", "Omdöpt kommun")
    OrganisationFactory(namn="Tillfällig kommun")
    assert not connection.in_atomic_block  # committed


def test_the_next_demo_test_sees_none_of_that_either(demo_data):
    assert Organisation.objects.filter(namn="Gnesta kommun").exists() and Organisation.objects.count() == DEMO_MEMBERS


@pytest.mark.django_db(transaction=True)
def test_a_transactional_test_without_the_demo_sees_an_empty_database():
    assert Organisation.objects.count() == 0


def test_the_demo_documents_are_in_the_tests_own_media_root(demo_data, settings):
    from rar.models import Handling

    handlingar = Handling.objects.all()
    assert handlingar and all(h.fil.path.startswith(str(settings.MEDIA_ROOT)) and h.fil.size > 0 for h in handlingar)
