"""The demo data, loaded once per test run: a test that asks for `demo_data` runs on a copy of it.

Right after pytest-django has created and migrated the (empty) test database, and only if a collected test needs
the demo, the test database is cloned (`CREATE DATABASE … TEMPLATE`) and `rar.demo.load` fills the clone once:
`<test>_demo`, the template, never connected to again. A test asking for `demo_data` runs on a third database,
`<test>_demo_work`, cloned from the template: the default connection is closed and pointed there before
pytest-django opens the test's transaction (our `_django_db_helper` asks for the switch before pytest-django's own),
and pointed back after it is rolled back. A test in a transaction leaves the copy as it found it; a transactional
test (live_server, the browser tests) commits, so the copy is dropped and cloned again before the next demo test.
Every other test runs on the test database, which stays empty.
"""

import shutil
from contextlib import contextmanager
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import override_settings
from django.utils import timezone

# Set for every test (tests/conftest.py) and for loading the demo: PBKDF2's deliberate slowness costs ~0.3 s per
# persona, and tests do not test hashing strength; tasks run at once (test_notiser.py checks the database backend).
TEST_SETTINGS = {
    "PASSWORD_HASHERS": ["django.contrib.auth.hashers.MD5PasswordHasher"],
    "TASKS": {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}},
}

# The fixture every user of the demo depends on: a collected test with it in its closure makes the run build the demo.
NEEDS_DEMO = "demo_databases"


def _quote(name: str) -> str:
    return connection.ops.quote_name(name)


def _recreate(name: str, *, template: str) -> None:
    """`name` as a fresh copy of `template`; the template must have no connection, so ours is closed first."""
    connection.close()
    with connection._nodb_cursor() as cursor:  # the 'postgres' database, as Django's own test set-up uses
        cursor.execute(f"DROP DATABASE IF EXISTS {_quote(name)} WITH (FORCE)")
        cursor.execute(f"CREATE DATABASE {_quote(name)} TEMPLATE {_quote(template)}")


def _drop(name: str) -> None:
    connection.close()
    with connection._nodb_cursor() as cursor:
        cursor.execute(f"DROP DATABASE IF EXISTS {_quote(name)} WITH (FORCE)")


def _point_default_at(name: str) -> None:
    """As Django's test set-up names the test database: the connection's settings and settings.DATABASES (one dict
    today; both, in case a settings override copied it). New connections in other threads (the live server's) follow.
    Django caches content types per connection alias, not per database, and a flush after a transactional test
    makes them again under new ids: the cache is emptied, or a history or event row would point at a missing id."""
    from django.contrib.contenttypes.models import ContentType

    connection.close()
    connection.settings_dict["NAME"] = name
    settings.DATABASES["default"]["NAME"] = name
    ContentType.objects.clear_cache()


class DemoDatabases:
    def __init__(self, media: Path):
        self.test = connection.settings_dict["NAME"]
        self.template = f"{self.test}_demo"
        self.work = f"{self.test}_demo_work"
        self.media = media  # the demo's uploaded documents (demo tests get a copy in their own MEDIA_ROOT)
        self.built_on = None
        self.work_is_pristine = False

    def build(self) -> None:
        from rar import demo

        _recreate(self.template, template=self.test)
        shutil.rmtree(self.media, ignore_errors=True)
        self.media.mkdir(parents=True)
        with self.connected(self.template), override_settings(MEDIA_ROOT=self.media, **TEST_SETTINGS):
            demo.load(StringIO())
        self.built_on = timezone.localdate()  # the demo is dated from today: a run past midnight builds it again
        self.work_is_pristine = False

    def drop(self) -> None:
        for name in (self.work, self.template):
            _drop(name)

    @contextmanager
    def connected(self, name: str):
        _point_default_at(name)
        try:
            yield
        finally:
            _point_default_at(self.test)

    def enter_work_copy(self, *, commits: bool) -> None:
        """The default connection on a pristine copy of the demo; `commits`: the test commits (a transactional one)."""
        if self.built_on != timezone.localdate():
            self.build()
        if not self.work_is_pristine:
            _recreate(self.work, template=self.template)
        self.work_is_pristine = not commits
        _point_default_at(self.work)

    def leave_work_copy(self) -> None:
        _point_default_at(self.test)

    def copy_media(self, media_root) -> None:
        shutil.copytree(self.media, media_root, dirs_exist_ok=True)


def _commits(request) -> bool:
    """Whether pytest-django runs this test as a TransactionTestCase (its own rule, in _django_db_helper)."""
    from pytest_django.fixtures import validate_django_db

    marker = request.node.get_closest_marker("django_db")
    transactional, reset_sequences = validate_django_db(marker)[:2] if marker else (False, False)
    return bool(transactional or reset_sequences or {"transactional_db", "live_server", "django_db_reset_sequences"}
                & set(request.fixturenames))


_STASH = pytest.StashKey[DemoDatabases]()


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker, request, tmp_path_factory):
    """pytest-django's test database; then, at once (no other connection to clone around), the demo template if any
    collected test uses the demo. Both demo databases are dropped before pytest-django drops the test database."""
    demo = DemoDatabases(tmp_path_factory.mktemp("demo") / "media")
    request.config.stash[_STASH] = demo
    if any(NEEDS_DEMO in item.fixturenames for item in request.session.items):
        with django_db_blocker.unblock():
            demo.build()
    yield
    with django_db_blocker.unblock():
        demo.drop()



@pytest.fixture(scope="session")
def demo_databases(django_db_setup, django_db_blocker, request) -> DemoDatabases:
    demo = request.config.stash[_STASH]
    if demo.built_on is None:  # asked for on the fly (getfixturevalue), not seen at collection
        with django_db_blocker.unblock():
            demo.build()
    return demo


@pytest.fixture
def _demo_database(request, django_db_blocker):
    """For a test that uses `demo_data`: the default connection on a pristine copy of the demo, from before the
    test's transaction is opened until after it is rolled back."""
    if "demo_data" not in request.fixturenames:
        yield
        return
    demo = request.getfixturevalue("demo_databases")
    with django_db_blocker.unblock():
        demo.enter_work_copy(commits=_commits(request))
    yield
    with django_db_blocker.unblock():
        demo.leave_work_copy()


@pytest.fixture
def _django_db_helper(_demo_database, _django_db_helper):
    """pytest-django's helper (the test's transaction or flush), inside the demo switch when the test uses the demo."""
    yield


@pytest.fixture
def demo_data(db, demo_databases, settings):
    """The full demo data set, as after `make run` (loaded once per run; this test gets a pristine copy)."""
    assert connection.settings_dict["NAME"] == demo_databases.work, "demo_data must be asked for by name"
    demo_databases.copy_media(settings.MEDIA_ROOT)
