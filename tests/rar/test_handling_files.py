"""A document's file exists only if the row that names it was committed: an upload whose database write fails,
or whose transaction rolls back later, leaves no file behind."""

import datetime
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import DatabaseError, connection, transaction

from insatser import services
from insatser.models import Rekvisition
from rar import services as rar_services
from rar.models import Handling
from tests.factories import granted_insats

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def stored_files():
    media = Path(settings.MEDIA_ROOT)
    return sorted(p for p in media.rglob("*") if p.is_file()) if media.exists() else []


@pytest.fixture
def failing_insert():
    """A trigger that makes every insert into a table fail, as a full disk or a broken constraint would."""
    created = []

    def make(table):
        with connection.cursor() as cursor:
            cursor.execute("CREATE OR REPLACE FUNCTION test_refuse_insert() RETURNS trigger LANGUAGE plpgsql AS "
                           "$$ BEGIN RAISE EXCEPTION 'skrivningen misslyckades (test)'; END $$")
            cursor.execute(f"CREATE TRIGGER test_refuse_insert BEFORE INSERT ON {table} "
                           "FOR EACH ROW EXECUTE FUNCTION test_refuse_insert()")
        created.append(table)

    yield make
    with connection.cursor() as cursor:
        for table in created:
            cursor.execute(f"DROP TRIGGER IF EXISTS test_refuse_insert ON {table}")
        cursor.execute("DROP FUNCTION IF EXISTS test_refuse_insert()")


@pytest.fixture
def arende(staff, org_a):
    return rar_services.arende_register(titel="Ärende", typ="ovrigt", organisation=org_a,
                                        registrerad=datetime.date(2026, 2, 1), user=staff)


@pytest.mark.django_db(transaction=True)
def test_an_upload_whose_database_write_fails_leaves_no_file(staff, arende, failing_insert):
    failing_insert("rar_handling")
    with pytest.raises(DatabaseError, match="skrivningen misslyckades"):
        rar_services.handling_add(arende=arende, titel="Bilaga", upload=SimpleUploadedFile("bilaga.pdf", PDF), user=staff)
    assert not Handling.objects.exists()
    assert stored_files() == []


@pytest.mark.django_db(transaction=True)
def test_an_invoice_attachment_whose_invoice_cannot_be_written_leaves_no_file(owner_a, staff, af, failing_insert):
    insats = granted_insats(owner_a, staff, af, years=((2025, 500_000),))
    failing_insert("insatser_rekvisition")  # the document row is written; the invoice after it fails
    documents, files = list(Handling.objects.all()), stored_files()  # the application, filed when it was submitted
    with pytest.raises(DatabaseError, match="skrivningen misslyckades"):
        services.rekvisition_submit(insats=insats, user=owner_a, period_start=datetime.date(2025, 1, 1),
                                    period_slut=datetime.date(2025, 3, 31), kostnader={"personal": 1000},
                                    bilaga=SimpleUploadedFile("underlag.pdf", PDF))
    assert list(Handling.objects.all()) == documents and not Rekvisition.objects.exists()
    assert stored_files() == files


@pytest.mark.django_db(transaction=True)
def test_a_committed_upload_keeps_its_file(staff, arende):
    handling = rar_services.handling_add(arende=arende, titel="Bilaga", upload=SimpleUploadedFile("bilaga.pdf", PDF), user=staff)
    assert stored_files() == [Path(handling.fil.path)]
    assert Path(handling.fil.path).read_bytes() == PDF


def test_an_upload_in_a_savepoint_that_rolls_back_leaves_no_file(staff, arende):
    with pytest.raises(RuntimeError), transaction.atomic():
        rar_services.handling_add(arende=arende, titel="Bilaga", upload=SimpleUploadedFile("bilaga.pdf", PDF), user=staff)
        assert len(stored_files()) == 1  # readable inside its transaction
        raise RuntimeError("något senare i samma transaktion misslyckades")
    assert stored_files() == []
