import datetime
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile

from rar import services
from rar.models import Handling

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def arende_a(staff, org_a):
    return services.arende_register(
        titel="Ansökan Unga på väg", typ="ansokan", organisation=org_a, registrerad=datetime.date(2026, 2, 1), user=staff
    )


def upload(client, arende, name, content, titel="Bilaga"):
    return client.post(
        f"/diarium/{arende.pk}/handlingar/ny/", {"titel": titel, "fil": SimpleUploadedFile(name, content)}
    )


def test_staff_uploads_a_pdf_stored_outside_the_static_root(client_for, staff, arende_a):
    response = upload(client_for(staff), arende_a, "budget.pdf", PDF)
    assert response.status_code == 302
    handling = Handling.objects.get()
    stored = Path(handling.fil.path).resolve()
    assert stored.is_relative_to(Path(settings.MEDIA_ROOT).resolve())
    assert not stored.is_relative_to(Path(settings.STATIC_ROOT).resolve())
    assert not stored.is_relative_to((settings.BASE_DIR / "static").resolve())
    assert (handling.filnamn, handling.content_type, handling.storlek) == ("budget.pdf", "application/pdf", len(PDF))


def test_a_wrong_file_type_is_refused_with_a_swedish_message(client_for, staff, arende_a):
    response = upload(client_for(staff), arende_a, "virus.exe", b"MZ\x90\x00")
    assert response.status_code == 400
    assert "Filtypen ”exe” är inte tillåten" in response.content.decode()
    assert Handling.objects.count() == 0


def test_an_oversize_file_is_refused_with_a_swedish_message(client_for, staff, arende_a, settings):
    settings.HANDLING_MAX_BYTES = 1024
    response = upload(client_for(staff), arende_a, "stor.pdf", PDF + b"0" * 2048)
    assert response.status_code == 400
    assert "Filen är för stor" in response.content.decode()
    assert "Största tillåtna storlek är 1,0\u00a0kB" in response.content.decode()
    assert Handling.objects.count() == 0


def test_content_that_does_not_match_the_extension_is_refused(client_for, staff, arende_a):
    response = upload(client_for(staff), arende_a, "falsk.pdf", b"<html><script>alert(1)</script></html>")
    assert response.status_code == 400
    assert "Filens innehåll stämmer inte med filändelsen ”pdf”" in response.content.decode()


def test_a_refused_upload_keeps_the_typed_title(client_for, staff, arende_a):
    response = upload(client_for(staff), arende_a, "virus.exe", b"MZ", titel="Min viktiga bilaga")
    assert 'value="Min viktiga bilaga"' in response.content.decode()


def test_the_service_refuses_a_bad_file_even_without_the_form(staff, arende_a):
    from rar.errors import DomainError

    with pytest.raises(DomainError, match="inte tillåten"):
        services.handling_add(arende=arende_a, titel="x", upload=SimpleUploadedFile("a.js", b"alert(1)"), user=staff)


def test_owner_uploads_to_own_organisations_case(client_for, owner_a, arende_a):
    assert upload(client_for(owner_a), arende_a, "plan.pdf", PDF).status_code == 302


def test_owner_of_another_organisation_cannot_see_or_upload(client_for, owner_b, arende_a):
    client = client_for(owner_b)
    assert client.get(f"/diarium/{arende_a.pk}/").status_code == 404
    assert upload(client, arende_a, "plan.pdf", PDF).status_code == 404


def test_download_is_served_only_to_users_who_see_the_case(client, client_for, staff, owner_b, arende_a):
    services.handling_add(
        arende=arende_a, titel="Budget", upload=SimpleUploadedFile("budget.pdf", PDF), user=staff
    )
    handling = Handling.objects.get()
    anonymous = client.get(f"/handlingar/{handling.pk}/")
    assert anonymous.status_code == 302 and "/logga-in/" in anonymous["Location"]
    assert client_for(owner_b).get(f"/handlingar/{handling.pk}/").status_code == 404
    response = client_for(staff).get(f"/handlingar/{handling.pk}/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"


def test_board_member_reads_but_cannot_upload(client_for, board_member, arende_a):
    client = client_for(board_member)
    assert client.get(f"/diarium/{arende_a.pk}/").status_code == 200
    assert upload(client, arende_a, "plan.pdf", PDF).status_code == 403
