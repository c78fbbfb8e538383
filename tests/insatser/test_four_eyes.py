"""Four eyes on money: who approves an invoice did not register it, and who marks it paid did not approve it."""

import datetime

import pytest
from django.utils import timezone
from django.urls import reverse

from insatser import services
from insatser.models import Rekvisition
from rar.errors import DomainError
from tests.factories import granted_insats

D = datetime.date
TODAY = timezone.localdate()


@pytest.fixture
def insats(owner_a, staff, af):
    return granted_insats(owner_a, staff, af, years=((2025, 500_000), (2026, 500_000)), beslutsdatum=D(2024, 12, 1))


def register(insats, user):
    return services.rekvisition_submit(insats=insats, user=user, period_start=D(2025, 1, 1), period_slut=D(2025, 6, 30),
                                       kostnader={"personal": 50_000})


def test_one_staff_login_cannot_register_approve_and_pay_an_invoice(insats, staff):
    rekvisition = register(insats, staff)
    with pytest.raises(DomainError, match=f"en annan handläggare än {staff.get_full_name()} ska godkänna"):
        services.rekvisition_approve(rekvisition=rekvisition, user=staff)
    assert Rekvisition.objects.get(pk=rekvisition.pk).status == Rekvisition.Status.INSKICKAD


def test_the_staff_member_who_approved_an_invoice_cannot_mark_it_paid(insats, owner_a, staff):
    rekvisition = services.rekvisition_approve(rekvisition=register(insats, owner_a), user=staff)
    with pytest.raises(DomainError, match=f"en annan handläggare än {staff.get_full_name()} ska markera"):
        services.rekvisition_pay(rekvisition=rekvisition, user=staff, betald_datum=TODAY)
    assert Rekvisition.objects.get(pk=rekvisition.pk).status == Rekvisition.Status.GODKAND


def test_a_second_staff_member_approves_and_pays_and_both_are_recorded(insats, staff, staff2):
    rekvisition = services.rekvisition_approve(rekvisition=register(insats, staff), user=staff2)
    rekvisition = services.rekvisition_pay(rekvisition=rekvisition, user=staff, betald_datum=TODAY)
    assert (rekvisition.status, rekvisition.inskickad_av, rekvisition.beslutad_av, rekvisition.betald_av) == (
        Rekvisition.Status.BETALD, staff, staff2, staff)


def test_a_one_person_office_may_relax_only_the_payment_rule(insats, owner_a, staff, settings):
    settings.FOUR_EYES_PAYMENT_STRICT = False
    rekvisition = services.rekvisition_approve(rekvisition=register(insats, owner_a), user=staff)
    assert services.rekvisition_pay(rekvisition=rekvisition, user=staff, betald_datum=TODAY).status == "betald"
    own = services.rekvisition_submit(insats=insats, user=staff, period_start=D(2025, 7, 1), period_slut=D(2025, 12, 31),
                                      kostnader={"personal": 10_000})
    with pytest.raises(DomainError, match="en annan handläggare"):
        services.rekvisition_approve(rekvisition=own, user=staff)


def test_the_invoice_page_shows_the_refusal_as_a_message(insats, owner_a, staff, client_for):
    rekvisition = services.rekvisition_approve(rekvisition=register(insats, owner_a), user=staff)
    url = reverse("insatser:rekvisition_action", kwargs={"pk": rekvisition.pk, "action": "betala"})
    response = client_for(staff).post(url, {"betald_datum": TODAY.isoformat()}, follow=True)
    assert response.status_code == 200
    assert f"en annan handläggare än {staff.get_full_name()} ska markera" in response.content.decode()
    assert Rekvisition.objects.get(pk=rekvisition.pk).status == Rekvisition.Status.GODKAND
