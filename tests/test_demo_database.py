"""The demo data loaded once per run (tests/demo_database.py) keeps the tests apart: a test without the demo sees an
empty database, and what a demo test writes, in its transaction or committed, is gone for the next one.

pytest-django runs the tests in a transaction first and the transactional ones after all of them (Django's order);
within each group, in the order of this file. The pairs below rely on that."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db import connection

from rar.models import Organisation
from tests.factories import OrganisationFactory

DEMO_MEMBERS = 12


def rename(namn: str, to: str) -> None:
    organisation = Organisation.objects.get(namn=namn)
    organisation.namn = to
    organisation.save()


def own_content_type_is_used() -> bool:
    """Django caches content types per connection alias, not per database: the cached one must be this database's."""
    content_type = ContentType.objects.get_for_model(Organisation)
    return ContentType.objects.filter(pk=content_type.pk, app_label="rar", model="organisation").exists()


def test_a_demo_test_sees_the_demo(demo_data):
    assert Organisation.objects.count() == DEMO_MEMBERS
    assert get_user_model().objects.filter(username="kansli").exists()


def test_a_test_without_the_demo_sees_an_empty_database(db):
    assert Organisation.objects.count() == 0 and not get_user_model().objects.exists()


def test_a_demo_test_writes_in_its_transaction(demo_data):
    rename("Trosa kommun", "Omdöpt kommun")
    OrganisationFactory(namn="Tillfällig kommun")
    assert Organisation.objects.count() == DEMO_MEMBERS + 1


def test_the_next_demo_test_sees_none_of_it(demo_data):
    assert Organisation.objects.filter(namn="Trosa kommun").exists()
    assert not Organisation.objects.filter(namn__in=["Omdöpt kommun", "Tillfällig kommun"]).exists()


def test_the_demo_documents_are_in_the_tests_own_media_root(demo_data, settings):
    from rar.models import Handling

    handlingar = Handling.objects.all()
    assert handlingar and all(h.fil.path.startswith(str(settings.MEDIA_ROOT)) and h.fil.size > 0 for h in handlingar)


# --- transactional: after every test above (and every other test in a transaction) ---------------------------------


@pytest.mark.django_db(transaction=True)
def test_a_transactional_test_without_the_demo_sees_an_empty_database():
    """Its flush afterwards makes the test database's content types again, under new ids."""
    assert Organisation.objects.count() == 0 and own_content_type_is_used()


@pytest.mark.django_db(transaction=True)
def test_a_transactional_demo_test_commits(demo_data):
    assert own_content_type_is_used()  # not the ids the flush above made in the test database
    rename("Gnesta kommun", "Omdöpt kommun")
    OrganisationFactory(namn="Tillfällig kommun")
    assert not connection.in_atomic_block  # committed


@pytest.mark.django_db(transaction=True)
def test_the_next_demo_test_sees_none_of_that(demo_data):
    assert Organisation.objects.filter(namn="Gnesta kommun").exists() and Organisation.objects.count() == DEMO_MEMBERS


@pytest.mark.django_db(transaction=True)
def test_the_next_test_without_the_demo_sees_the_empty_database_again():
    assert Organisation.objects.count() == 0 and own_content_type_is_used()  # not the demo copy's ids


@pytest.mark.django_db(transaction=True)
def test_content_types_follow_the_database_the_connection_is_pointed_at(demo_databases, django_db_blocker):
    """Run in parallel (pytest-xdist, --dist loadfile), a test in a transaction can follow a flush, so ids differ
    between the test database and the demo copy while Django's cache holds one side's: switching empties it."""
    ContentType.objects.filter(app_label="rar", model="organisation").delete()  # made again under a new id
    ContentType.objects.clear_cache()
    assert own_content_type_is_used()
    with django_db_blocker.unblock():
        demo_databases.enter_work_copy(commits=True)
        try:
            assert own_content_type_is_used()
        finally:
            demo_databases.leave_work_copy()
    assert own_content_type_is_used()
