"""A participant import leaves a history row per participant, with the importing user."""

import datetime

from tests.uppfoljning.test_deltagare import csv_file, insats  # noqa: F401 (fixture)
from uppfoljning import services
from uppfoljning.models import Deltagare

D = datetime.date


def test_a_participant_import_leaves_a_history_row_per_participant_with_the_user(insats, owner_a):
    services.deltagare_import_csv(insats=insats, user=owner_a, upload=csv_file(
        "A-1;kvinna;20-24;2021-02;;aktivitetsersattning;;;",
        "A-2;man;25-29;2021-03;2021-11;forsorjningsstod;ingen;arbete;ja"))
    rows = Deltagare.history.filter(insats=insats)
    assert sorted((r.history_type, r.history_user.username) for r in rows) == [("+", "agare_a"), ("+", "agare_a")]


def test_a_reimport_leaves_a_change_row_only_for_the_participant_that_changed(insats, owner_a):
    services.deltagare_import_csv(insats=insats, user=owner_a, upload=csv_file(
        "A-1;kvinna;20-24;2021-02;;aktivitetsersattning;;;", "A-2;man;25-29;2021-03;;forsorjningsstod;;;"))
    services.deltagare_import_csv(insats=insats, user=owner_a, upload=csv_file(
        "A-1;kvinna;20-24;2021-02;2021-10;aktivitetsersattning;ingen;studier;ja", "A-2;man;25-29;2021-03;;forsorjningsstod;;;"))
    changed = Deltagare.history.get(insats=insats, history_type="~")
    assert changed.history_user == owner_a
    assert sorted(changed.diff_against(changed.prev_record).changed_fields) == [
        "andrad", "avslutad", "forsorjning_slut", "plan_efter", "utfall"]


def test_a_participant_saved_by_form_carries_the_user(insats, owner_a):
    services.deltagare_save(insats=insats, user=owner_a, values={
        "referens": "B-1", "kon": "kvinna", "aldersband": "20-24", "inskriven": "2021-02", "forsorjning_start": "saknas"})
    assert [(r.history_type, r.history_user) for r in Deltagare.history.filter(insats=insats)] == [("+", owner_a)]


def test_retention_removes_participants_and_their_history_without_leaving_new_rows(insats, owner_a):
    services.deltagare_import_csv(insats=insats, user=owner_a, upload=csv_file("A-1;kvinna;20-24;2021-02;;aktivitetsersattning;;;"))
    services.deltagare_gallra(today=D(2030, 1, 1), years=3)
    assert not Deltagare.objects.exists() and not Deltagare.history.exists()
