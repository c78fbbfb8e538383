"""The data's version: a number PostgreSQL raises once for every committed transaction that wrote to an app
table. Cached list fragments (`rar.lists`) are keyed on it, so a write shows at once in every worker, whatever
wrote it (a page, the admin, a bulk update, the shell, a migration). `cached()` keeps any other value computed
from the data the same way (the participant page's figures).

How: a statement trigger on every app table notes the writing transaction in `rar_dataversion_bump` (one row
per transaction, no lock shared with other transactions); a deferred constraint trigger on that table raises
`rar_dataversion.version` at commit and removes the note. A transaction that has written and not yet committed
sees its own changes but not a new version, so `current()` returns None for it and the caller does not use
the cache. The triggers are (re)attached after every migrate (`attach_triggers`), so a new table gets one;
`tests/rar/test_dataversion.py` checks that every app table has it.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.db import connection

APP_PREFIXES = ("rar_", "insatser_", "esf_", "uppfoljning_")
# The version's own tables, and the access log of participant lists: every look at such a list appends to it
# (uppfoljning.services.deltagare_visning_log) and no list shows it, so it must not make every cached list stale.
EXEMPT = ("rar_dataversion", "rar_dataversion_bump", "uppfoljning_deltagarvisning")
TRIGGER = "rar_dataversion_note"

FUNCTIONS = """
CREATE TABLE IF NOT EXISTS rar_dataversion (id integer PRIMARY KEY CHECK (id = 1), version bigint NOT NULL);
INSERT INTO rar_dataversion (id, version) VALUES (1, 0) ON CONFLICT DO NOTHING;
CREATE TABLE IF NOT EXISTS rar_dataversion_bump (txid xid8 PRIMARY KEY);
CREATE OR REPLACE FUNCTION rar_dataversion_note() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO rar_dataversion_bump (txid) VALUES (pg_current_xact_id()) ON CONFLICT DO NOTHING;
    RETURN NULL;
END $$;
CREATE OR REPLACE FUNCTION rar_dataversion_raise() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE rar_dataversion SET version = version + 1 WHERE id = 1;
    DELETE FROM rar_dataversion_bump WHERE txid = NEW.txid;
    RETURN NULL;
END $$;
DROP TRIGGER IF EXISTS rar_dataversion_raise ON rar_dataversion_bump;
CREATE CONSTRAINT TRIGGER rar_dataversion_raise AFTER INSERT ON rar_dataversion_bump
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION rar_dataversion_raise();
"""


def app_tables(cursor) -> list[str]:
    cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = current_schema()")
    return sorted(name for (name,) in cursor.fetchall()
                  if name.startswith(APP_PREFIXES) and name not in EXEMPT and "historical" not in name)


def attach_triggers(using="default", **kwargs) -> None:
    from django.db import connections

    with connections[using].cursor() as cursor:
        cursor.execute(FUNCTIONS)
        for table in app_tables(cursor):
            cursor.execute(f'CREATE OR REPLACE TRIGGER {TRIGGER} AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "{table}" '
                           f"FOR EACH STATEMENT EXECUTE FUNCTION rar_dataversion_note()")
        cursor.execute("SELECT c.relname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
                       "WHERE t.tgname = %s AND c.relname = ANY(%s) AND c.relnamespace = current_schema()::regnamespace",
                       [TRIGGER, list(EXEMPT)])
        for (table,) in cursor.fetchall():  # a table exempted after its trigger was attached
            cursor.execute(f'DROP TRIGGER {TRIGGER} ON "{table}"')


def current() -> int | None:
    """The committed data's version, or None inside a transaction that has written (it sees what others don't)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT version, pg_current_xact_id_if_assigned() IS NULL FROM rar_dataversion WHERE id = 1")
        row = cursor.fetchone()
    if row is None or not row[1]:
        return None
    return row[0]


def cached(kind: str, parts, compute, timeout: int = 300):
    """`compute()`, or the value it gave for the same `kind` and `parts` on the same committed data (the version
    and the database are in the key). Computed afresh, and not kept, inside a transaction (see `current`) or with
    the setting LIST_FRAGMENT_CACHE off. The version is read before computing, so a value is never filed under a
    version newer than the data it was computed from."""
    version = current() if settings.LIST_FRAGMENT_CACHE and not connection.in_atomic_block else None
    if version is None:
        return compute()
    raw = "|".join((kind, connection.settings_dict["NAME"], str(version), *(str(part) for part in parts)))
    key = "data:" + hashlib.sha256(raw.encode()).hexdigest()
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, timeout)
    return value
