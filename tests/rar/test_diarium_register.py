"""The documents of a case: a running number per case under a lock, direction and date, each source registered once."""

import datetime
import threading
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from rar import diarium, services
from rar.errors import DomainError, NotAllowed
from rar.models import Handling

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
INKOMMANDE, UPPRATTAD, UTGAENDE = Handling.Riktning.values


@pytest.fixture
def arende(staff, org_a):
    return services.arende_register(titel="Ansökan Unga på väg", typ="ansokan", organisation=org_a, user=staff)


def upload(arende, user, name="bilaga.pdf", **kwargs):
    return services.handling_add(arende=arende, titel=name, upload=SimpleUploadedFile(name, PDF), user=user, **kwargs)


def register(arende, user, kalla, titel="Protokollsutdrag", riktning=UTGAENDE, content=PDF):
    return diarium.handling_register(arende=arende, titel=titel, riktning=riktning, datum=datetime.date(2026, 3, 2),
                                     content=content, filnamn="utdrag.pdf", kalla=kalla, user=user)


def stored_files():
    root = Path(settings.MEDIA_ROOT)
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


def test_documents_of_a_case_are_numbered_from_one_in_the_order_they_come(arende, staff, owner_a, org_a):
    assert upload(arende, owner_a).nummer == 1
    assert register(arende, staff, "utdrag:1").nummer == 2
    assert upload(arende, staff).nummer == 3
    other = services.arende_register(titel="Annat ärende", organisation=org_a, user=staff)
    assert upload(other, staff).nummer == 1


def test_a_document_is_named_by_its_case_number_and_running_number(arende, staff):
    handling = register(arende, staff, "utdrag:1")
    assert handling.beteckning == f"{arende.diarienummer}-1"


def test_an_upload_is_incoming_and_dated_today(arende, owner_a):
    handling = upload(arende, owner_a)
    assert (handling.riktning, handling.datum, handling.kalla) == (INKOMMANDE, timezone.localdate(), "")


def test_staff_may_file_a_document_as_drawn_up_or_outgoing_an_owner_only_as_incoming(arende, staff, owner_a):
    assert upload(arende, staff, riktning=UTGAENDE).riktning == UTGAENDE
    with pytest.raises(NotAllowed, match="Bara förbundets kansli registrerar upprättade och utgående handlingar."):
        upload(arende, owner_a, riktning=UPPRATTAD)


def test_the_same_source_is_registered_once(arende, staff):
    first = register(arende, staff, "avtal:7")
    again = register(arende, staff, "avtal:7", titel="Annan titel", content=b"%PDF-1.4 annat")
    assert again.pk == first.pk and again.titel == "Protokollsutdrag"
    assert Handling.objects.filter(arende=arende).count() == 1
    assert len(stored_files()) == 1


def test_the_same_source_in_two_cases_is_two_documents(arende, staff, org_a):
    other = services.arende_register(titel="Annat ärende", organisation=org_a, user=staff)
    assert register(arende, staff, "utdrag:3").pk != register(other, staff, "utdrag:3").pk


def test_the_document_can_carry_its_own_number(arende, staff):
    upload(arende, staff)
    handling = register(arende, staff, "utdrag:1", content=lambda nummer: f"%PDF-1.4 dokument {nummer}".encode())
    assert handling.fil.read() == b"%PDF-1.4 dokument 2"


def test_a_failing_render_writes_neither_row_nor_file(arende, staff):
    def broken(nummer):
        raise RuntimeError("PDF-motorn föll")

    with pytest.raises(RuntimeError):
        register(arende, staff, "utdrag:1", content=broken)
    assert not Handling.objects.filter(arende=arende).exists()
    assert stored_files() == []
    assert register(arende, staff, "utdrag:1").nummer == 1  # the number was given back


def test_a_failed_registration_after_commit_is_logged_and_leaves_nothing(arende, staff, caplog,
                                                                         django_capture_on_commit_callbacks):
    def broken(nummer):
        raise OSError(28, "No space left on device")

    with django_capture_on_commit_callbacks(execute=True):
        diarium.register_after_commit(lambda: register(arende, staff, "utdrag:1", content=broken), "utdrag § 1")
    assert "Handlingen kunde inte registreras i diariet: utdrag § 1" in caplog.text
    assert not Handling.objects.filter(arende=arende).exists()


def test_a_fault_in_a_render_after_commit_is_logged_as_a_fault_and_the_next_registrations_still_run(
        arende, staff, caplog, django_capture_on_commit_callbacks):
    def broken(nummer):
        raise RuntimeError("PDF-motorn föll")

    with django_capture_on_commit_callbacks(execute=True):
        diarium.register_after_commit(lambda: register(arende, staff, "utdrag:1", content=broken), "utdrag § 1")
        diarium.register_after_commit(lambda: register(arende, staff, "utdrag:2"), "utdrag § 2")
    [error] = [record for record in caplog.records if record.exc_info]
    assert error.getMessage() == "Handlingen kunde inte registreras i diariet (fel i programmet): utdrag § 1"
    assert error.exc_info[0] is RuntimeError
    assert list(Handling.objects.filter(arende=arende).values_list("kalla", flat=True)) == ["utdrag:2"]


def test_the_database_refuses_a_second_document_with_the_same_number(arende, staff):
    upload(arende, staff)
    with pytest.raises(IntegrityError), transaction.atomic():
        Handling.objects.create(arende=arende, nummer=1, titel="Dubblett", fil="x.pdf", filnamn="x.pdf",
                                content_type="application/pdf", storlek=1, uppladdad_av=staff)


def test_the_database_refuses_a_second_document_from_the_same_source(arende, staff):
    register(arende, staff, "avtal:7")
    with pytest.raises(IntegrityError), transaction.atomic():
        Handling.objects.create(arende=arende, nummer=2, titel="Dubblett", fil="x.pdf", filnamn="x.pdf", kalla="avtal:7",
                                content_type="application/pdf", storlek=1, uppladdad_av=staff)


def test_the_case_page_lists_the_documents_in_order_with_number_date_direction_and_title(arende, staff, client_for):
    register(arende, staff, "utdrag:1", titel="Protokollsutdrag § 5")
    upload(arende, staff, name="komplettering.pdf")
    html = client_for(staff).get(f"/diarium/{arende.pk}/").content.decode()
    first = html.index("Protokollsutdrag § 5")
    second = html.index("komplettering.pdf")
    assert first < second
    assert "2026-03-02</td>\n        <td>Utgående</td>" in html
    assert f'<abbr title="{arende.diarienummer}-1">1</abbr>' in html
    assert f'<abbr title="{arende.diarienummer}-2">2</abbr>' in html


def test_staff_choose_the_direction_when_uploading_on_the_case_page(arende, staff, client_for):
    response = client_for(staff).post(f"/diarium/{arende.pk}/handlingar/ny/", {
        "titel": "Svar till insatsägaren", "riktning": UTGAENDE, "fil": SimpleUploadedFile("svar.pdf", PDF)})
    assert response.status_code == 302
    assert Handling.objects.get(arende=arende).riktning == UTGAENDE


def test_an_owner_uploading_on_the_case_page_files_an_incoming_document(arende, owner_a, client_for):
    response = client_for(owner_a).post(f"/diarium/{arende.pk}/handlingar/ny/", {
        "titel": "Budget", "riktning": UTGAENDE, "fil": SimpleUploadedFile("budget.pdf", PDF)})
    assert response.status_code == 302
    assert Handling.objects.get(arende=arende).riktning == INKOMMANDE


@pytest.mark.django_db(transaction=True)
def test_parallel_registrations_in_one_case_get_unique_gap_free_numbers(django_user_model):
    from django.contrib.auth.models import Group

    from rar.roles import KANSLI

    user = django_user_model.objects.create_user("parallell", password="x-12345678")
    user.groups.add(Group.objects.get_or_create(name=KANSLI)[0])
    case = services.arende_register(titel="Samtidiga handlingar", user=user)
    threads_count, per_thread = 5, 4
    barrier = threading.Barrier(threads_count)
    errors = []

    def work(index):
        try:
            barrier.wait()
            for round_ in range(per_thread):
                register(case, user, f"kalla:{index}:{round_}")
        except Exception as error:  # pragma: no cover - reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=work, args=(i,)) for i in range(threads_count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    numbers = sorted(Handling.objects.filter(arende=case).values_list("nummer", flat=True))
    assert numbers == list(range(1, threads_count * per_thread + 1))


@pytest.mark.django_db(transaction=True)
def test_documents_uploaded_before_numbering_are_numbered_per_case_by_upload_time(django_user_model):
    from django.db.migrations.executor import MigrationExecutor

    before = ("rar", "0017_handling_diarium_fields")  # the fields exist, the numbering migration has not run
    executor = MigrationExecutor(connection)
    executor.migrate([before])
    old_apps = executor.loader.project_state([before]).apps
    User, Arende, Handling_ = (old_apps.get_model("rar", name) for name in ("User", "Arende", "Handling"))
    user = User.objects.create(username="arkivarie")
    cases = [Arende.objects.create(ar=2025, lopnummer=n, diarienummer=f"RAR 2025/{n}", titel=f"Ärende {n}")
             for n in (1, 2)]
    moments = [timezone.now() - datetime.timedelta(days=d) for d in (30, 10, 20)]
    rows = [Handling_.objects.create(arende=case, titel=f"H{i}", fil=f"f{i}.pdf", filnamn=f"f{i}.pdf",
                                     content_type="application/pdf", storlek=1, uppladdad=moment, uppladdad_av=user)
            for i, (case, moment) in enumerate([(cases[0], moments[0]), (cases[0], moments[1]), (cases[0], moments[2]),
                                                (cases[1], moments[1])])]
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
    numbered = dict(Handling.objects.values_list("pk", "nummer"))
    assert [numbered[row.pk] for row in rows] == [1, 3, 2, 1]
    assert Handling.objects.get(pk=rows[1].pk).datum == timezone.localdate(moments[1])
