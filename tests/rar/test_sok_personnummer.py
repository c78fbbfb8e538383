"""`manage.py sok_personnummer` reports every personnummer already stored in a text column, history tables
included, masked."""

import datetime
import io

import pytest
from django.core.management import call_command

from insatser import services
from insatser.models import Insats
from tests.factories import granted_insats

PNR = "19850101-1236"


@pytest.fixture
def insats(owner_a, staff, af):
    return granted_insats(owner_a, staff, af, years=((2025, 500_000),))


def run():
    out = io.StringIO()
    call_command("sok_personnummer", stdout=out)
    return out.getvalue()


def test_a_stored_personnummer_is_reported_masked_with_its_table_column_and_row(insats, owner_a, staff):
    # Stored before the forms refused them (the service itself takes what it is given).
    services.insats_set_styrgrupp(insats=insats, user=staff, styrgrupp=f"Eva Ek {PNR}, ordförande")
    services.rekvisition_submit(insats=insats, user=owner_a, period_start=datetime.date(2025, 1, 1),
                                period_slut=datetime.date(2025, 3, 31), kostnader={"personal": 1000},
                                beskrivning="Handledare 8501611233")
    report = run()
    history_row = Insats.history.filter(styrgrupp__contains="1236").latest("history_id")
    assert f"insatser_insats.styrgrupp (id {insats.pk}): 198501**-****" in report
    assert f"insatser_historicalinsats.styrgrupp (history_id {history_row.history_id}): 198501**-****" in report
    assert "insatser_rekvisition.beskrivning" in report and "8501******" in report
    assert "insatser_historicalrekvisition.beskrivning" in report
    assert "1236" not in report and "1233" not in report
    assert "4 träffar" in report


def test_a_database_without_personnummer_is_reported_clean(insats):
    # Ordinary numbers (amounts, twelve digits without separator and with an invalid check digit) are not reported.
    insats.styrgrupp = "Eva Ek, budget 2 700 000 kr, ref 198501011234"
    insats.save()
    assert "Inga personnummer eller samordningsnummer hittades" in run()
