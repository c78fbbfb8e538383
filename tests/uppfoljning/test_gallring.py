"""Retention (gallring): participant rows leave the database a set number of years after their insats ended."""

import datetime
from io import StringIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from insatser import services as insats_services
from insatser.models import Insats
from tests.factories import application_ready_for_board
from uppfoljning import services
from uppfoljning.models import Deltagare, DeltagarVisning

D = datetime.date
HEADER = "referens;kon;aldersband;inskriven;avslutad;forsorjning_start;forsorjning_slut;utfall;plan_efter\n"


def granted(owner, staff, partner, titel, years):
    ansokan = application_ready_for_board(owner, staff, partner, titel=titel, years=years)
    insats_services.ansokan_decide(ansokan=ansokan, utfall="full", belopp=None, beslutstext="", user=staff,
                                   beslutsdatum=D(2018, 12, 1))
    return Insats.objects.get(ansokan=ansokan)


@pytest.fixture
def old_and_recent(owner_a, staff, af):
    old = granted(owner_a, staff, af, "Gammal", ((2019, 100_000), (2020, 100_000)))  # ended 2020-12-31
    recent = granted(owner_a, staff, af, "Ny", ((2023, 100_000),))  # ended 2023-12-31
    for insats in (old, recent):
        services.deltagare_import_csv(insats=insats, user=owner_a, upload=SimpleUploadedFile("d.csv", (
            HEADER + f"R-1;kvinna;20-24;{insats.period_start:%Y-%m};;aktivitetsersattning;;;\n").encode()))
        Deltagare.objects.get(insats=insats).save()  # an edit leaves a history row
        DeltagarVisning.objects.create(insats=insats, anvandare=owner_a)
    return old, recent


def test_rows_of_an_insats_that_ended_before_the_cut_off_are_removed_with_their_history(old_and_recent):
    old, recent = old_and_recent
    counts = services.deltagare_gallra(today=D(2026, 11, 23), years=3)  # cut-off 2023-01-01
    assert (counts["deltagare"], counts["visningar"]) == (1, 1) and counts["historik"] >= 1
    assert list(Deltagare.objects.values_list("insats", flat=True)) == [recent.pk]
    assert not Deltagare.history.filter(insats=old).exists() and Deltagare.history.filter(insats=recent).exists()
    assert not DeltagarVisning.objects.filter(insats=old).exists()


def test_a_dry_run_removes_nothing(old_and_recent):
    counts = services.deltagare_gallra(today=D(2026, 11, 23), years=3, dry_run=True)
    assert counts["deltagare"] == 1 and Deltagare.objects.count() == 2


def test_the_command_reports_what_it_removed(old_and_recent):
    out = StringIO()
    call_command("gallra_deltagare", "--idag", "2026-11-23", stdout=out)
    assert out.getvalue().startswith("Tog bort 1 deltagarrader") and "före 2023-01-01" in out.getvalue()
    assert Deltagare.objects.count() == 1
