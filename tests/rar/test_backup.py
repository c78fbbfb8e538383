"""Backup and restore: one archive with the database dump, the documents and a manifest of SHA-256 checksums.
Dump, wipe the database and the documents, restore — every table's row count, every money total and every
file's checksum come back; a damaged or changed archive is refused before anything is touched."""

import datetime
import hashlib
import io
import json
import shutil
import tarfile
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from insatser import services
from rar import services as rar_services
from rar.models import Organisation
from tests.factories import OrganisationFactory, granted_insats

pytestmark = pytest.mark.django_db(transaction=True)

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def tables():
    return sorted(connection.introspection.table_names())


def money_columns():
    """Every bigint column that is not a key: the money (whole kronor) and the file sizes."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = current_schema() "
                       "AND data_type = 'bigint' AND column_name <> 'id' AND column_name NOT LIKE '%%\\_id' ORDER BY 1, 2")
        return cursor.fetchall()


def snapshot():
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        counts = {}
        for table in tables():
            cursor.execute(f"SELECT count(*) FROM {quote(table)}")
            counts[table] = cursor.fetchone()[0]
        totals = {}
        for table, column in money_columns():
            cursor.execute(f"SELECT coalesce(sum({quote(column)}), 0) FROM {quote(table)}")
            totals[f"{table}.{column}"] = cursor.fetchone()[0]
    media = Path(settings.MEDIA_ROOT)
    files = {str(p.relative_to(media)): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(media.rglob("*")) if p.is_file()}
    return {"rader": counts, "pengar": totals, "filer": files}


def wipe():
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(f"TRUNCATE {', '.join(quote(t) for t in tables())} RESTART IDENTITY CASCADE")
    shutil.rmtree(settings.MEDIA_ROOT)


# The application and the invoice filed as PDF by the process, the invoice's attachment and the uploaded extract.
DOCUMENTS = 4


@pytest.fixture
def data(owner_a, staff, af):
    """A granted insats with an invoice whose attachment is a document, and one more document on the case."""
    insats = granted_insats(owner_a, staff, af, years=((2025, 400_001), (2026, 300_000)))
    services.rekvisition_submit(insats=insats, user=owner_a, period_start=datetime.date(2025, 1, 1),
                                period_slut=datetime.date(2025, 6, 30), kostnader={"personal": 123_456},
                                bilaga=SimpleUploadedFile("underlag.pdf", PDF))
    rar_services.handling_add(arende=insats.ansokan.arende, titel="Protokollsutdrag", user=staff,
                              upload=SimpleUploadedFile("utdrag.txt", "Beslut: beviljas.\n".encode()))
    return insats


def backup(tmp_path):
    archive = tmp_path / "rar.tar"
    out = io.StringIO()
    call_command("sakerhetskopiera", "-o", str(archive), stdout=out)
    assert str(archive) in out.getvalue()
    return archive


def test_a_backup_is_one_archive_with_the_dump_the_documents_and_a_manifest_of_checksums(data, tmp_path):
    archive = backup(tmp_path)
    with tarfile.open(archive) as tar:
        names = set(tar.getnames())
        manifest = json.load(tar.extractfile("manifest.json"))
        listed = {entry["namn"]: entry["sha256"] for entry in manifest["filer"]}
        for name, checksum in listed.items():
            assert hashlib.sha256(tar.extractfile(name).read()).hexdigest() == checksum
    documents = {n for n in names if n.startswith("handlingar/")}
    assert len(documents) == DOCUMENTS
    assert names == {"manifest.json", "databas.dump", *documents}
    assert set(listed) == {"databas.dump", *documents}


def test_a_backup_restores_every_table_money_total_and_document_after_a_wipe(data, tmp_path):
    before = snapshot()
    assert len(before["filer"]) == DOCUMENTS and before["pengar"]["insatser_rekvisition.belopp"] == 123_456
    archive = backup(tmp_path)

    wipe()
    assert Organisation.objects.count() == 0 and not Path(settings.MEDIA_ROOT).exists()

    out = io.StringIO()
    call_command("aterstall", str(archive), "--ja", stdout=out)
    assert f"{DOCUMENTS} handlingar" in out.getvalue()
    assert snapshot() == before


def test_a_restore_replaces_documents_added_after_the_backup(data, tmp_path):
    before = snapshot()
    archive = backup(tmp_path)
    stray = Path(settings.MEDIA_ROOT) / "arenden" / "2099" / "efter.pdf"
    stray.parent.mkdir(parents=True)
    stray.write_bytes(PDF)
    OrganisationFactory(namn="Ny efter kopian")
    call_command("aterstall", str(archive), "--ja", stdout=io.StringIO())
    assert snapshot() == before


def rewrite(archive, change):
    """A copy of the archive with one member's bytes changed by `change(name, data) -> data or None (drop)`."""
    changed = archive.with_name("andrad.tar")
    with tarfile.open(archive) as source, tarfile.open(changed, "w") as target:
        for member in source.getmembers():
            data = change(member.name, source.extractfile(member).read())
            if data is None:
                continue
            member.size = len(data)
            target.addfile(member, io.BytesIO(data))
    return changed


def assert_refused_and_untouched(archive, message):
    organisations = Organisation.objects.count()
    OrganisationFactory(namn="Finns före återställningen")
    files = snapshot()["filer"]
    with pytest.raises(CommandError, match=message):
        call_command("aterstall", str(archive), "--ja", stdout=io.StringIO())
    assert Organisation.objects.count() == organisations + 1
    assert snapshot()["filer"] == files
    assert not any(p.name.startswith(".aterstall") for p in Path(settings.MEDIA_ROOT).iterdir())


def test_a_changed_document_in_the_archive_is_refused_before_anything_is_restored(data, tmp_path):
    archive = rewrite(backup(tmp_path), lambda name, data: data + b"x" if name.startswith("handlingar/") else data)
    assert_refused_and_untouched(archive, "Säkerhetskopian är skadad eller ändrad: kontrollsumman för handlingar/.* stämmer inte")


def test_a_changed_database_dump_in_the_archive_is_refused(data, tmp_path):
    archive = rewrite(backup(tmp_path), lambda name, data: data[:-10] + b"0" * 10 if name == "databas.dump" else data)
    assert_refused_and_untouched(archive, "kontrollsumman för databas.dump stämmer inte")


def test_a_file_missing_from_the_archive_is_refused(data, tmp_path):
    archive = rewrite(backup(tmp_path), lambda name, data: None if name.startswith("handlingar/") else data)
    assert_refused_and_untouched(archive, "Säkerhetskopian är skadad eller ändrad: .* saknas i arkivet")


def test_a_file_not_in_the_manifest_is_refused(data, tmp_path):
    archive = backup(tmp_path)
    with tarfile.open(archive, "a") as tar:
        info = tarfile.TarInfo("handlingar/../../utanfor.txt")
        info.size = 3
        tar.addfile(info, io.BytesIO(b"hej"))
    assert_refused_and_untouched(archive, "Säkerhetskopian är skadad eller ändrad: .*finns inte i manifestet")


def test_a_file_that_is_not_a_backup_archive_is_refused(tmp_path, db):
    dump = tmp_path / "gammal.dump"
    dump.write_bytes(b"PGDMP\x01\x0e")
    with pytest.raises(CommandError, match="inte en säkerhetskopia från sakerhetskopiera"):
        call_command("aterstall", str(dump), "--ja")


def test_restore_refuses_without_confirmation(tmp_path):
    with pytest.raises(CommandError, match="--ja"):
        call_command("aterstall", str(tmp_path / "x.tar"))
