"""The monthly participant counts (uppfoljning.DeltagarManad) that PostgreSQL keeps for the statistics page:
after any write to the participants, bulk or not, they equal the counts taken from the participants themselves."""

import datetime

import pytest
from django.db import IntegrityError, connection, transaction

from tests.uppfoljning.test_deltagare import add, insats  # noqa: F401 (fixture)
from uppfoljning.kategorier import TILL_ARBETE_STUDIER
from uppfoljning.models import Deltagare, DeltagarManad

D = datetime.date


def kept() -> dict:
    return {row.manad: (row.inskrivna, row.avslutade, row.arbete_studier)
            for row in DeltagarManad.objects.all() if (row.inskrivna, row.avslutade, row.arbete_studier) != (0, 0, 0)}


def counted() -> dict:
    months = {}
    for d in Deltagare.objects.all():
        months.setdefault(d.inskriven, [0, 0, 0])[0] += 1
        if d.avslutad:
            row = months.setdefault(d.avslutad, [0, 0, 0])
            row[1] += 1
            row[2] += d.utfall in TILL_ARBETE_STUDIER
    return {month: tuple(row) for month, row in months.items()}


def test_the_monthly_counts_follow_inserts_updates_and_deletes(insats):  # noqa: F811
    add(insats, "A", start=D(2021, 1, 1))
    add(insats, "B", start=D(2021, 1, 1), end=D(2021, 6, 1), utfall="arbete")
    add(insats, "C", start=D(2021, 3, 1), end=D(2021, 6, 1), utfall="fortsatt_rehab")
    assert kept() == counted() == {D(2021, 1, 1): (2, 0, 0), D(2021, 3, 1): (1, 0, 0), D(2021, 6, 1): (0, 2, 1)}
    Deltagare.objects.filter(utfall="fortsatt_rehab").update(utfall="studier", avslutad=D(2021, 7, 1))
    Deltagare.objects.filter(avslutad__isnull=True).update(inskriven=D(2021, 2, 1))
    assert kept() == counted() == {D(2021, 1, 1): (1, 0, 0), D(2021, 2, 1): (1, 0, 0), D(2021, 3, 1): (1, 0, 0),
                                   D(2021, 6, 1): (0, 1, 1), D(2021, 7, 1): (0, 1, 1)}
    Deltagare.objects.filter(utfall="arbete").delete()
    assert kept() == counted()


def test_a_bulk_import_counts_every_row_in_one_statement(insats):  # noqa: F811
    rows = [Deltagare(insats=insats, referens_hash=f"{n:064x}", kon="kvinna", aldersband="20-24",
                      inskriven=D(2020 + n % 3, 1 + n % 12, 1), forsorjning_start="forsorjningsstod",
                      avslutad=D(2023, 1 + n % 12, 1) if n % 2 else None, forsorjning_slut="ingen" if n % 2 else "",
                      utfall=("arbete", "ovriga", "studier")[n % 3] if n % 2 else "") for n in range(500)]
    Deltagare.objects.bulk_create(rows)
    assert kept() == counted() and sum(i for i, _, _ in kept().values()) == 500


def test_a_truncate_of_the_participants_empties_the_counts(insats):  # noqa: F811
    add(insats, "A", start=D(2021, 1, 1), end=D(2021, 2, 1), utfall="arbete")
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # Django's deferred foreign keys: a truncate waits for none
        cursor.execute("TRUNCATE uppfoljning_deltagare CASCADE")
    assert not DeltagarManad.objects.exists()


def test_the_counts_cannot_say_more_went_to_work_than_ended(insats):  # noqa: F811
    add(insats, "A", start=D(2021, 1, 1), end=D(2021, 2, 1), utfall="ovriga")
    with pytest.raises(IntegrityError), transaction.atomic():
        DeltagarManad.objects.filter(manad=D(2021, 2, 1)).update(arbete_studier=2)
