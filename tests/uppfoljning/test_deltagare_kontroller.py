"""Participant data that makes sense, and no personal identity numbers: months from 2000 on, inside the insats's
period (with a grace for late exits), errors that name the row, and nothing written when any row fails."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from rar.errors import DomainError
from tests.factories import granted_insats
from uppfoljning import services
from uppfoljning.models import Deltagare

D = datetime.date
HEADER = "referens;kon;aldersband;inskriven;avslutad;forsorjning_start;forsorjning_slut;utfall;plan_efter\n"
PNR = "19850101-1236"  # a valid personnummer


@pytest.fixture
def insats(owner_a, staff, af):
    """Runs 2021-01-01 to 2022-12-31."""
    return granted_insats(owner_a, staff, af, years=((2021, 500_000), (2022, 500_000)))


def csv_file(*rows, header=HEADER):
    return SimpleUploadedFile("deltagare.csv", (header + "".join(r + "\n" for r in rows)).encode())


def import_errors(insats, user, *rows, **kwargs):
    with pytest.raises(services.ImportErrors) as error:
        services.deltagare_import_csv(insats=insats, user=user, upload=csv_file(*rows, **kwargs))
    assert not Deltagare.objects.exists() and not Deltagare.history.exists()
    return error.value.errors


GOOD = "A-1;kvinna;20-24;2021-02;;aktivitetsersattning;;;"


def test_a_month_before_2000_is_refused_naming_the_row(insats, owner_a):
    assert import_errors(insats, owner_a, GOOD, "A-2;man;25-29;0001-01;;saknas;;;") == [
        (3, "inskrivningsmånaden ska vara januari 2000 eller senare")]


def test_an_exit_month_before_2000_is_refused(insats, owner_a):
    assert import_errors(insats, owner_a, "A-2;man;25-29;2021-01;1999-12;saknas;ingen;arbete;ja") == [
        (2, "avslutsmånaden ska vara januari 2000 eller senare")]


def test_enrolment_before_the_insats_started_is_refused(insats, owner_a):
    assert import_errors(insats, owner_a, GOOD, "A-2;man;25-29;2020-12;;saknas;;;") == [
        (3, "inskrivningsmånaden 2020-12 ligger före insatsens start (2021-01)")]


def test_enrolment_after_the_insats_ended_is_refused(insats, owner_a):
    assert import_errors(insats, owner_a, "A-2;man;25-29;2023-01;;saknas;;;", GOOD) == [
        (2, "inskrivningsmånaden 2023-01 ligger efter insatsens slut (2022-12)")]


def test_an_exit_within_the_grace_after_the_insats_ended_is_accepted(insats, owner_a, settings):
    settings.PARTICIPANT_EXIT_GRACE_MONTHS = 3
    services.deltagare_import_csv(insats=insats, user=owner_a, upload=csv_file(
        "A-1;kvinna;20-24;2022-11;2023-03;aktivitetsersattning;ingen;arbete;ja"))
    assert Deltagare.objects.get().avslutad == D(2023, 3, 1)


def test_an_exit_after_the_grace_is_refused(insats, owner_a, settings):
    settings.PARTICIPANT_EXIT_GRACE_MONTHS = 3
    assert import_errors(insats, owner_a, "A-1;kvinna;20-24;2022-11;2023-04;aktivitetsersattning;ingen;arbete;ja") == [
        (2, "avslutsmånaden 2023-04 ligger mer än 3 månader efter insatsens slut (2022-12)")]


def test_the_grace_for_late_exits_is_a_setting(insats, owner_a, settings):
    settings.PARTICIPANT_EXIT_GRACE_MONTHS = 0
    assert import_errors(insats, owner_a, "A-1;kvinna;20-24;2022-11;2023-01;aktivitetsersattning;ingen;arbete;ja") == [
        (2, "avslutsmånaden 2023-01 ligger efter insatsens slut (2022-12)")]


def test_an_exit_before_enrolment_is_refused(insats, owner_a):
    assert import_errors(insats, owner_a, "A-1;kvinna;20-24;2021-05;2021-04;saknas;ingen;arbete;ja") == [
        (2, "avslutsmånaden ligger före inskrivningsmånaden")]


def test_one_row_outside_the_period_refuses_the_whole_file(insats, owner_a):
    rows = [f"A-{n};kvinna;20-24;2021-0{1 + n % 9};;saknas;;;" for n in range(1, 30)] + ["B;man;20-24;2019-05;;saknas;;;"]
    assert import_errors(insats, owner_a, *rows) == [(31, "inskrivningsmånaden 2019-05 ligger före insatsens start (2021-01)")]


def test_a_participant_entered_by_form_follows_the_same_rules(insats, owner_a):
    values = {"referens": "F-1", "kon": "kvinna", "aldersband": "20-24", "inskriven": "0001-01", "avslutad": "",
              "forsorjning_start": "saknas", "forsorjning_slut": "", "utfall": "", "plan_efter": ""}
    with pytest.raises(DomainError, match="Inskrivningsmånaden ska vara januari 2000 eller senare"):
        services.deltagare_save(insats=insats, user=owner_a, values=values)
    with pytest.raises(DomainError, match="ligger före insatsens start"):
        services.deltagare_save(insats=insats, user=owner_a, values={**values, "inskriven": "2020-06"})
    assert not Deltagare.objects.exists()


# --- personnummer --------------------------------------------------------------------------------------------------

def test_a_personnummer_as_reference_is_refused_naming_the_row_without_echoing_it(insats, owner_a):
    errors = import_errors(insats, owner_a, GOOD, f"{PNR};man;25-29;2021-03;;saknas;;;", "8501011236;man;25-29;2021-03;;saknas;;;")
    assert errors == [(3, "referensen liknar ett personnummer eller samordningsnummer; använd en egen löpande referens"),
                      (4, "referensen liknar ett personnummer eller samordningsnummer; använd en egen löpande referens")]


def test_a_personnummer_in_any_column_is_refused_without_echoing_it(insats, owner_a):
    errors = import_errors(insats, owner_a, f"A-1;{PNR};25-29;2021-03;;saknas;;;")
    assert errors == [(2, "kolumnen kon innehåller något som liknar ett personnummer")]
    assert "1236" not in str(errors)


def test_a_personnummer_in_the_header_is_refused_without_echoing_it(insats, owner_a):
    errors = import_errors(insats, owner_a, GOOD, header=HEADER.strip() + f";{PNR}\n")
    assert "1236" not in str(errors) and "850101" not in str(errors)
    assert (1, "rubrikraden innehåller något som liknar ett personnummer") in errors


def test_the_import_page_never_shows_the_number(client_for, owner_a, insats):
    response = client_for(owner_a).post(f"/uppfoljning/insatser/{insats.pk}/deltagare/", {
        "fil": csv_file(GOOD, f"{PNR};man;25-29;2021-03;;saknas;;;")})
    html = response.content.decode()
    assert response.status_code == 400
    assert "Rad 3" in html or "rad 3" in html
    assert "1236" not in html and "850101" not in html
    assert not Deltagare.objects.exists()


def test_a_personnummer_entered_by_form_as_reference_is_refused(client_for, owner_a, insats):
    response = client_for(owner_a).post(f"/uppfoljning/insatser/{insats.pk}/deltagare/", {
        "referens": PNR, "kon": "kvinna", "aldersband": "20-24", "inskriven": "2021-02", "forsorjning_start": "saknas"})
    assert response.status_code == 400
    assert "Personnummer och samordningsnummer får inte sparas" in response.content.decode()
    assert not Deltagare.objects.exists()


def test_the_database_refuses_a_month_before_2000_written_past_the_service(insats):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError, match="deltagare_months_from_2000"), transaction.atomic():
        Deltagare.objects.create(insats=insats, referens_hash="x" * 64, kon="kvinna", aldersband="20-24",
                                 inskriven=D(1, 1, 1), forsorjning_start="saknas")
