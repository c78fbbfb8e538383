"""Backup and restore: dump, wipe, restore — the same rows, counts and money totals come back."""

import datetime

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.models import Sum

from insatser import services
from insatser.models import Beviljat, Insats, Rekvisition
from rar.case_handlers import Beslutsutfall
from rar.models import Arende, Organisation
from tests.factories import application_ready_for_board

pytestmark = pytest.mark.django_db(transaction=True)


def snapshot():
    return {
        "organisationer": Organisation.objects.count(),
        "arenden": sorted(Arende.objects.values_list("ar", "lopnummer", "titel")),
        "beviljat": Beviljat.objects.aggregate(s=Sum("belopp"))["s"],
        "rekvisitioner": sorted(Rekvisition.objects.values_list("nummer", "belopp", "status")),
        "historik": Insats.history.count(),
    }


def test_a_backup_restores_the_same_counts_and_totals_after_a_wipe(owner_a, staff, af, tmp_path):
    ansokan = application_ready_for_board(owner_a, staff, af, years=((2025, 400_001), (2026, 300_000)))
    services.ansokan_decide(ansokan=ansokan, utfall=Beslutsutfall.FULL, belopp=None, beslutstext="", user=staff,
                            beslutsdatum=datetime.date(2024, 12, 1))
    insats = Insats.objects.get(ansokan=ansokan)
    services.rekvisition_submit(insats=insats, user=owner_a, period_start=datetime.date(2025, 1, 1),
                                period_slut=datetime.date(2025, 6, 30), kostnader={"personal": 123_456})
    before = snapshot()
    dump = tmp_path / "rar.dump"
    call_command("sakerhetskopiera", "-o", str(dump))
    assert dump.stat().st_size > 0

    with connection.cursor() as cursor:  # wipe: every table of the project, emptied
        cursor.execute("TRUNCATE insatser_rekvisition, insatser_beviljat, insatser_insats, rar_arende, "
                       "rar_organisation RESTART IDENTITY CASCADE")
    assert Organisation.objects.count() == 0 and Rekvisition.objects.count() == 0

    call_command("aterstall", str(dump), "--ja")
    assert snapshot() == before


def test_restore_refuses_without_confirmation(tmp_path):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="--ja"):
        call_command("aterstall", str(tmp_path / "x.dump"))
