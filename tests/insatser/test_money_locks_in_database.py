"""The last line for money: PostgreSQL itself refuses to change or remove final money rows, whatever the route
(a raw QuerySet.update() or delete(), a script, the admin). The services still write what they legitimately write."""

import datetime

import pytest
from django.utils import timezone
from django.db import IntegrityError, transaction

from insatser import services
from insatser.models import Avtal, Beviljat, Overforing, Rekvisition
from tests.factories import granted_insats

D = datetime.date


@pytest.fixture
def insats(owner_a, staff, af):
    return granted_insats(owner_a, staff, af, years=((2025, 500_000), (2026, 500_000)), beslutsdatum=D(2024, 12, 1))


@pytest.fixture
def paid(insats, owner_a, staff, staff2):
    rekvisition = services.rekvisition_submit(insats=insats, user=owner_a, period_start=D(2025, 1, 1),
                                              period_slut=D(2025, 6, 30), kostnader={"personal": 50_000})
    rekvisition = services.rekvisition_approve(rekvisition=rekvisition, user=staff)
    return services.rekvisition_pay(rekvisition=rekvisition, user=staff2, betald_datum=timezone.localdate())


def refused(write):
    with pytest.raises(IntegrityError), transaction.atomic():
        write()


def test_a_paid_invoice_row_cannot_be_updated_or_deleted_in_the_database(paid):
    rows = Rekvisition.objects.filter(pk=paid.pk)
    refused(lambda: rows.update(personal=99_999_999, belopp=99_999_999))
    refused(lambda: rows.update(status="godkand", betald_datum=None))
    refused(lambda: rows.delete())
    assert rows.get().belopp == 50_000


def test_a_granted_amount_cannot_change_or_go_in_the_database(insats):
    rows = Beviljat.objects.filter(insats=insats, ar=2025)
    refused(lambda: rows.update(belopp=99_999_999))
    refused(lambda: rows.delete())
    assert rows.get().belopp == 500_000


def test_a_year_end_transfer_cannot_be_changed_or_deleted_in_the_database(insats, staff):
    transfer = services.insats_close_year(insats=insats, user=staff, ar=2025, overfor=True, motivering="Sen start")
    rows = Overforing.objects.filter(pk=transfer.pk)
    refused(lambda: rows.update(belopp=1))
    refused(lambda: rows.delete())
    assert rows.get().belopp == 500_000


def test_an_advance_goes_back_only_with_its_rejected_invoice(insats, owner_a, staff, staff2):
    def invoice_with_advance(start, end):
        return services.rekvisition_submit(insats=insats, user=staff, period_start=start, period_slut=end,
                                           kostnader={"personal": 600_000}, forskott_motivering="Tidig rekrytering")

    rejected = invoice_with_advance(D(2025, 1, 1), D(2025, 6, 30))
    services.rekvisition_reject(rekvisition=rejected, user=staff2, motivering="Fel period.")
    assert not Overforing.objects.filter(rekvisition=rejected).exists()  # the service's own delete still works
    approved = services.rekvisition_approve(rekvisition=invoice_with_advance(D(2025, 7, 1), D(2025, 12, 31)), user=staff2)
    refused(lambda: Overforing.objects.filter(rekvisition=approved).delete())
    assert Overforing.objects.get(rekvisition=approved).belopp == 100_000


def test_a_signed_agreements_terms_and_signatures_cannot_change_in_the_database(insats, owner_a):
    avtal = services.avtal_sign(avtal=Avtal.objects.get(insats=insats), user=owner_a, part="agare")
    rows = Avtal.objects.filter(pk=avtal.pk)
    refused(lambda: rows.update(villkor="Inga villkor."))
    refused(lambda: rows.update(rapportintervall_manader=12))
    refused(lambda: rows.update(agare_signerad_av="Någon annan"))
    refused(lambda: rows.delete())
    assert rows.get().villkor == services.DEFAULT_VILLKOR


def test_the_services_still_sign_approve_and_pay(insats, owner_a, staff, paid):
    avtal = services.avtal_sign(avtal=Avtal.objects.get(insats=insats), user=owner_a, part="agare")
    assert services.avtal_sign(avtal=avtal, user=staff, part="forbund").signerat
    assert Rekvisition.objects.get(pk=paid.pk).status == Rekvisition.Status.BETALD
