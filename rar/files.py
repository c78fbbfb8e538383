"""Files that follow the database transaction: a file stored while a transaction is open is deleted again
if that transaction (or the savepoint it was stored in) rolls back, so an upload whose row is never committed
leaves nothing on disk.

Django has no rollback hook, but it drops the on-commit callbacks of a transaction or savepoint that rolls back.
Each stored file registers one such callback, held by nothing else; when the callback runs (commit) the file is
kept, and when it is dropped unrun (rollback) its finalizer deletes the file. CPython frees the callback at the
moment it is dropped, so the file goes during the rollback itself."""

import weakref

from django.core.files.storage import FileSystemStorage
from django.db import transaction


class _Keeper:
    """Referenced only by the connection's list of on-commit callbacks."""

    def __init__(self, state: dict):
        self.state = state

    def keep(self):
        self.state["committed"] = True


def _delete_unless_committed(state: dict, storage, name: str) -> None:
    if not state.get("committed"):
        try:
            storage.delete(name)
        except OSError:  # already gone, or the disk refuses: nothing more to undo here
            pass


def delete_on_rollback(storage, name: str, using: str | None = None) -> None:
    """Delete the stored file `name` again unless the transaction in progress commits. Outside a transaction
    (autocommit) the callback runs at once and the file stays."""
    state = {"committed": False}
    keeper = _Keeper(state)
    weakref.finalize(keeper, _delete_unless_committed, state, storage, name)
    transaction.on_commit(keeper.keep, using=using)


class TransactionalFileSystemStorage(FileSystemStorage):
    """The documents' storage (MEDIA_ROOT): a file saved inside a transaction that rolls back is deleted."""

    def _save(self, name, content):
        name = super()._save(name, content)
        delete_on_rollback(self, name)
        return name
