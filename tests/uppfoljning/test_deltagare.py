import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection

from insatser import services as insats_services
from insatser.models import Insats
from rar.errors import DomainError, NotAllowed
from tests.factories import application_ready_for_board
from uppfoljning import selectors, services
from uppfoljning.models import Deltagare, DeltagarVisning, reference_hash

D = datetime.date
HEADER = "referens;kon;aldersband;inskriven;avslutad;forsorjning_start;forsorjning_slut;utfall;plan_efter\n"


@pytest.fixture
def insats(owner_a, staff, af):
    ansokan = application_ready_for_board(owner_a, staff, af, years=((2021, 500_000), (2022, 500_000)))
    insats_services.ansokan_decide(ansokan=ansokan, utfall="full", belopp=None, beslutstext="", user=staff,
                                   beslutsdatum=D(2020, 12, 1))
    return Insats.objects.get(ansokan=ansokan)


def csv_file(*rows):
    return SimpleUploadedFile("deltagare.csv", (HEADER + "".join(r + "\n" for r in rows)).encode())


def test_a_valid_file_is_imported(insats, owner_a):
    result = services.deltagare_import_csv(insats=insats, user=owner_a, upload=csv_file(
        "A-1;kvinna;20-24;2021-02;;aktivitetsersattning;;;",
        "A-2;man;25-29;2021-03;2021-11;forsorjningsstod;ingen;arbete;ja"))
    assert result == {"nya": 2, "uppdaterade": 0}
    assert Deltagare.objects.filter(insats=insats).count() == 2


def test_a_file_with_one_bad_row_is_rejected_whole_with_row_numbers(insats, owner_a):
    with pytest.raises(services.ImportErrors) as error:
        services.deltagare_import_csv(insats=insats, user=owner_a, upload=csv_file(
            "A-1;kvinna;20-24;2021-02;;aktivitetsersattning;;;",
            "A-2;okänd;25-29;2021-03;;forsorjningsstod;;;",
            "A-3;man;25-29;2021-13;;forsorjningsstod;;;"))
    assert error.value.errors == [(3, "okänt värde för kön: ”okänd”"), (4, "inskrivningsmånad ska anges som ÅÅÅÅ-MM, inte ”2021-13”")]
    assert not Deltagare.objects.exists()


def test_reimporting_the_same_references_updates_instead_of_duplicating(insats, owner_a):
    services.deltagare_import_csv(insats=insats, user=owner_a, upload=csv_file("A-1;kvinna;20-24;2021-02;;aktivitetsersattning;;;"))
    result = services.deltagare_import_csv(insats=insats, user=owner_a, upload=csv_file(
        "A-1;kvinna;20-24;2021-02;2021-10;aktivitetsersattning;ingen;studier;ja"))
    assert result == {"nya": 0, "uppdaterade": 1}
    row = Deltagare.objects.get()
    assert (row.avslutad, row.utfall, row.plan_efter) == (D(2021, 10, 1), "studier", True)


def test_no_participant_reference_is_stored_in_clear(insats, owner_a):
    services.deltagare_import_csv(insats=insats, user=owner_a, upload=csv_file("HEMLIG-REF-4711;kvinna;20-24;2021-02;;saknas;;;"))
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM uppfoljning_deltagare")
        stored = " ".join(str(value) for row in cursor.fetchall() for value in row)
        cursor.execute("SELECT * FROM uppfoljning_historicaldeltagare")
        history = " ".join(str(value) for row in cursor.fetchall() for value in row)
    assert "HEMLIG-REF-4711" not in stored and "4711" not in stored and "4711" not in history
    assert Deltagare.objects.get().referens_hash == reference_hash(insats.pk, "HEMLIG-REF-4711")


def test_unknown_free_text_columns_are_refused(insats, owner_a):
    upload = SimpleUploadedFile("x.csv", "referens;kon;aldersband;inskriven;forsorjning_start;namn\nA;kvinna;20-24;2021-01;saknas;Anna\n".encode())
    with pytest.raises(services.ImportErrors, match="fel") as error:
        services.deltagare_import_csv(insats=insats, user=owner_a, upload=upload)
    assert error.value.errors == [(1, "okända kolumner (inga fritextfält tillåts): namn")]


def test_the_same_reference_twice_in_a_file_is_refused(insats, owner_a):
    with pytest.raises(services.ImportErrors) as error:
        services.deltagare_import_csv(insats=insats, user=owner_a, upload=csv_file(
            "A;kvinna;20-24;2021-01;;saknas;;;", "A;kvinna;20-24;2021-01;;saknas;;;"))
    assert error.value.errors == [(3, "samma referens som rad 2")]


def test_an_outcome_for_someone_still_enrolled_is_refused(insats, owner_a):
    with pytest.raises(services.ImportErrors, match="fel"):
        services.deltagare_import_csv(insats=insats, user=owner_a, upload=csv_file("A;kvinna;20-24;2021-01;;saknas;;arbete;"))


def test_a_non_utf8_file_is_explained(insats, owner_a):
    upload = SimpleUploadedFile("x.csv", HEADER.encode() + "A;kvinna;20-24;2021-01;;försörjningsstöd;;;\n".encode("latin-1"))
    with pytest.raises(DomainError, match="UTF-8"):
        services.deltagare_import_csv(insats=insats, user=owner_a, upload=upload)


def test_an_owner_registers_participants_only_for_own_insatser(insats, owner_b):
    with pytest.raises(NotAllowed, match="egen organisations insatser"):
        services.deltagare_import_csv(insats=insats, user=owner_b, upload=csv_file("A;kvinna;20-24;2021-01;;saknas;;;"))


@pytest.mark.parametrize("persona, status", [("owner_a", 200), ("staff", 200), ("owner_b", 404), ("board_member", 404),
                                             ("evaluator", 404), ("reader", 404)])
def test_only_staff_and_the_owner_see_participant_rows(request, client_for, insats, persona, status):
    assert client_for(request.getfixturevalue(persona)).get(f"/uppfoljning/insatser/{insats.pk}/deltagare/").status_code == status


def test_viewing_the_participant_list_is_logged(client_for, insats, owner_a):
    client_for(owner_a).get(f"/uppfoljning/insatser/{insats.pk}/deltagare/")
    assert DeltagarVisning.objects.filter(insats=insats, anvandare=owner_a).count() == 1


def test_the_owner_imports_in_the_browser_and_sees_row_numbered_errors(client_for, insats, owner_a):
    response = client_for(owner_a).post(f"/uppfoljning/insatser/{insats.pk}/deltagare/", {"fil": csv_file(
        "A;kvinna;20-24;2021-01;;saknas;;;", "B;man;99-99;2021-01;;saknas;;;")})
    html = response.content.decode()
    assert response.status_code == 400 and "Rad 3: okänt värde för åldersgrupp: ”99-99”" in html
    assert not Deltagare.objects.exists()


def add(insats, ref, kon="kvinna", band="20-24", start=D(2021, 1, 1), end=None, utfall=""):
    Deltagare.objects.create(insats=insats, referens_hash=reference_hash(insats.pk, ref), kon=kon, aldersband=band,
                             inskriven=start, avslutad=end, forsorjning_start="forsorjningsstod",
                             forsorjning_slut="ingen" if end else "", utfall=utfall if end else "")


def test_figures_count_enrolled_ended_to_work_and_remaining_within_the_span(insats):
    add(insats, "before-span", start=D(2020, 6, 1))                                    # enrolled before, still in
    add(insats, "ended-after", start=D(2021, 3, 1), end=D(2022, 2, 1), utfall="arbete")  # ended after the span
    add(insats, "to-work", start=D(2021, 2, 1), end=D(2021, 9, 1), utfall="studier", kon="man")
    add(insats, "ended-other", start=D(2021, 4, 1), end=D(2021, 10, 1), utfall="ovriga")
    f = selectors.figures(Deltagare.objects.filter(insats=insats), 2021, 2021)
    assert (f.inskrivna, f.avslutade, f.arbete_studier, f.kvar, f.andel) == (3, 2, 1, 2, 50)
    assert f.per_kon == {"kvinna": (2, 1, 0), "man": (1, 1, 1)}


def test_no_one_ended_gives_a_dash_not_an_error(insats):
    add(insats, "x")
    assert selectors.figures(Deltagare.objects.all(), 2021, 2021).andel is None


def test_support_before_and_after_in_percentage_points(insats):
    add(insats, "a", end=D(2021, 5, 1), utfall="arbete")
    add(insats, "b", end=D(2021, 6, 1), utfall="ovriga")
    rows = {label: (b, a, d) for label, b, a, d in selectors.support_before_after(Deltagare.objects.all(), 2021, 2021)}
    assert rows["Försörjningsstöd"] == (100, 0, -100)
    assert rows["Ingen offentlig försörjning"] == (0, 100, 100)


def test_a_file_the_csv_reader_cannot_parse_is_refused_with_a_message(insats, owner_a):
    huge_field = '"' + "x" * 140_000 + '"'  # beyond the csv module's field size limit
    body = HEADER + f"{huge_field};kvinna;20-24;2021-02;;aktivitetsersattning;;;\n"
    with pytest.raises(DomainError, match="Filen kunde inte läsas som CSV"):
        services.deltagare_import_csv(insats=insats, user=owner_a, upload=SimpleUploadedFile("d.csv", body.encode()))
    assert not Deltagare.objects.exists()


def test_a_file_with_old_mac_line_endings_is_read(insats, owner_a):
    body = HEADER.replace("\n", "\r") + "A-1;kvinna;20-24;2021-02;;aktivitetsersattning;;;\r"
    result = services.deltagare_import_csv(insats=insats, user=owner_a, upload=SimpleUploadedFile("d.csv", body.encode()))
    assert result == {"nya": 1, "uppdaterade": 0}
