"""Invoices (rekvisitioner), year-end transfers and the per-insats economy."""

import datetime

import pytest
from django.utils import timezone
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext

from insatser import services
from insatser.models import Insats, Overforing, Rekvisition
from insatser.selectors import insats_economy
from rar.errors import DomainError, NotAllowed
from tests.factories import granted_insats

D = datetime.date


@pytest.fixture
def insats(owner_a, staff, af):
    """Granted 500 000 kr for 2025 and 500 000 kr for 2026 (today's date in the tests is later)."""
    return granted_insats(owner_a, staff, af, years=((2025, 500_000), (2026, 500_000)), beslutsdatum=D(2024, 12, 1))


def submit(insats, user, start=D(2025, 1, 1), end=D(2025, 6, 30), **costs):
    return services.rekvisition_submit(insats=insats, user=user, period_start=start, period_slut=end,
                                       kostnader=costs or {"personal": 200_000})


def test_an_owner_submits_an_invoice_whose_amount_is_the_sum_of_its_costs(insats, owner_a):
    rekvisition = submit(insats, owner_a, personal=150_000, lokaler=30_000, resor=5_000, ovrigt=1_234)
    assert (rekvisition.belopp, rekvisition.ar, rekvisition.nummer, rekvisition.status) == (186_234, 2025, 1, "inskickad")


def test_an_invoice_over_the_remaining_grant_is_refused(insats, owner_a):
    submit(insats, owner_a, personal=400_000)
    with pytest.raises(DomainError, match="överstiger vad som återstår av beviljade medel för 2025 \\(100\u202f000\u00a0kr\\)"):
        submit(insats, owner_a, start=D(2025, 7, 1), end=D(2025, 12, 31), personal=100_001)
    assert Rekvisition.objects.filter(insats=insats).count() == 1


def test_staff_may_approve_an_advance_from_next_year_for_an_invoice_over_the_remaining_grant(insats, owner_a, staff):
    submit(insats, owner_a, personal=400_000)
    rekvisition = services.rekvisition_submit(
        insats=insats, user=staff, period_start=D(2025, 7, 1), period_slut=D(2025, 12, 31),
        kostnader={"personal": 150_000}, forskott_motivering="Fler deltagare än planerat under hösten.")
    advance = Overforing.objects.get(rekvisition=rekvisition)
    assert (advance.typ, advance.fran_ar, advance.till_ar, advance.belopp) == ("forskott", 2026, 2025, 50_000)
    economy = insats_economy(insats, today=D(2026, 11, 23))
    assert (economy.year(2025).aterstar, economy.year(2026).aterstar) == (0, 450_000)


def test_an_owner_cannot_take_an_advance_from_next_year(insats, owner_a):
    with pytest.raises(NotAllowed, match="Bara förbundets kansli kan godkänna ett förskott"):
        services.rekvisition_submit(insats=insats, user=owner_a, period_start=D(2025, 1, 1), period_slut=D(2025, 6, 30),
                                    kostnader={"personal": 600_000}, forskott_motivering="Jag vill")


def test_an_invoice_on_a_phase_not_yet_released_is_refused(insats, owner_a, staff):
    services.fas_add(insats=insats, user=staff, belopp=300_000, mal="Team på plats")
    second = services.fas_add(insats=insats, user=staff, belopp=700_000, mal="20 deltagare")
    with pytest.raises(DomainError, match="Fas 2 är inte släppt än"):
        services.rekvisition_submit(insats=insats, user=owner_a, period_start=D(2025, 1, 1), period_slut=D(2025, 3, 31),
                                    kostnader={"personal": 10_000}, fas=second)
    assert not Rekvisition.objects.exists()


def test_an_invoice_must_name_a_phase_when_the_insats_has_phases(insats, owner_a, staff):
    services.fas_add(insats=insats, user=staff, belopp=300_000, mal="Team på plats")
    with pytest.raises(DomainError, match="ange vilken fas"):
        submit(insats, owner_a)


def test_an_invoice_cannot_exceed_what_remains_of_its_phase(insats, owner_a, staff):
    first = services.fas_add(insats=insats, user=staff, belopp=300_000, mal="Team på plats")
    services.rekvisition_submit(insats=insats, user=owner_a, period_start=D(2025, 1, 1), period_slut=D(2025, 3, 31),
                                kostnader={"personal": 250_000}, fas=first)
    with pytest.raises(DomainError, match="överstiger vad som återstår av fas 1 \\(50\u202f000\u00a0kr\\)"):
        services.rekvisition_submit(insats=insats, user=owner_a, period_start=D(2025, 4, 1), period_slut=D(2025, 6, 30),
                                    kostnader={"personal": 60_000}, fas=first)


def test_an_invoice_period_must_lie_within_one_year_and_the_insats_period(insats, owner_a):
    with pytest.raises(DomainError, match="En rekvisition gäller ett år"):
        submit(insats, owner_a, start=D(2025, 11, 1), end=D(2026, 2, 28))
    with pytest.raises(DomainError, match="inom insatsens period"):
        submit(insats, owner_a, start=D(2024, 11, 1), end=D(2024, 12, 31))


def test_another_organisation_cannot_invoice_for_the_insats(insats, owner_b):
    with pytest.raises(NotAllowed, match="Bara insatsägaren"):
        submit(insats, owner_b)


def test_staff_approve_and_pay_and_the_owner_is_told(insats, owner_a, staff, staff2):
    rekvisition = submit(insats, owner_a)
    with pytest.raises(DomainError, match="är inskickad och kan inte bli betald"):
        services.rekvisition_pay(rekvisition=rekvisition, user=staff, betald_datum=timezone.localdate())
    rekvisition = services.rekvisition_approve(rekvisition=rekvisition, user=staff)
    mail.outbox.clear()
    with pytest.raises(DomainError, match="framtiden"):
        services.rekvisition_pay(rekvisition=rekvisition, user=staff2, betald_datum=timezone.localdate() + datetime.timedelta(days=1))
    rekvisition = services.rekvisition_pay(rekvisition=rekvisition, user=staff2, betald_datum=timezone.localdate())
    assert rekvisition.status == "betald" and (rekvisition.beslutad_av, rekvisition.betald_av) == (staff, staff2)
    economy = insats_economy(insats)
    assert (economy.year(2025).rekvirerat, economy.year(2025).betalt, economy.year(2025).aterstar) == (200_000, 200_000, 300_000)


def test_a_rejection_needs_a_reason_and_frees_the_money(insats, owner_a, staff):
    rekvisition = submit(insats, owner_a, personal=500_000)
    with pytest.raises(DomainError, match="Skriv varför"):
        services.rekvisition_reject(rekvisition=rekvisition, user=staff, motivering=" ")
    services.rekvisition_reject(rekvisition=rekvisition, user=staff, motivering="Underlag saknas.")
    assert insats_economy(insats).year(2025).aterstar == 500_000


def test_an_owner_cannot_approve_an_invoice(insats, owner_a):
    rekvisition = submit(insats, owner_a)
    with pytest.raises(NotAllowed, match="Bara förbundets kansli"):
        services.rekvisition_approve(rekvisition=rekvisition, user=owner_a)


def test_carry_over_moves_exactly_the_unspent_amount_to_the_next_year(insats, owner_a, staff, staff2):
    first = services.rekvisition_approve(rekvisition=submit(insats, owner_a, personal=123_457), user=staff)
    services.rekvisition_pay(rekvisition=first, user=staff2, betald_datum=timezone.localdate())
    transfer = services.insats_close_year(insats=insats, user=staff, ar=2025, overfor=True, motivering="Sen start")
    assert (transfer.typ, transfer.fran_ar, transfer.till_ar, transfer.belopp, transfer.beslutad_av) == (
        "overford", 2025, 2026, 376_543, staff)
    economy = insats_economy(insats)
    assert (economy.year(2025).aterstar, economy.year(2026).disponibelt, economy.beviljat, economy.disponibelt) == (
        0, 876_543, 1_000_000, 1_000_000)


def test_a_year_is_closed_only_once(insats, staff):
    services.insats_close_year(insats=insats, user=staff, ar=2025, overfor=False)
    with pytest.raises(DomainError, match="redan avslutat"):
        services.insats_close_year(insats=insats, user=staff, ar=2025, overfor=True)


def test_released_money_leaves_the_insats_and_the_federations_granted_total(insats, staff):
    from rar.budget import granted_per_year

    services.insats_close_year(insats=insats, user=staff, ar=2025, overfor=False)
    assert insats_economy(insats).aterfort == 500_000
    assert granted_per_year([2025, 2026]) == {2025: 0, 2026: 500_000}


def test_a_year_cannot_be_closed_before_it_ends_or_while_invoices_wait(insats, owner_a, staff):
    with pytest.raises(DomainError, match="Året 2026 är inte slut än"):
        services.insats_close_year(insats=insats, user=staff, ar=2026, overfor=False)
    submit(insats, owner_a)
    with pytest.raises(DomainError, match="väntar på beslut"):
        services.insats_close_year(insats=insats, user=staff, ar=2025, overfor=True)


def test_money_cannot_move_past_the_insats_period(insats, staff):
    Insats.objects.filter(pk=insats.pk).update(period_slut=D(2025, 12, 31))
    insats.refresh_from_db()
    with pytest.raises(DomainError, match="pågår inte under 2026"):
        services.insats_close_year(insats=insats, user=staff, ar=2025, overfor=True)


def test_the_burn_rate_compares_invoiced_money_with_the_time_passed(insats, owner_a):
    submit(insats, owner_a, personal=250_000)
    economy = insats_economy(insats, today=D(2025, 12, 31))
    assert (economy.forbrukat_andel, economy.period_andel) == (25, 50)


def test_the_economy_takes_three_queries_whatever_the_number_of_invoices(insats, owner_a):
    for month in range(1, 11):
        submit(insats, owner_a, start=D(2025, month, 1), end=D(2025, month, 28), personal=1_000)
    with CaptureQueriesContext(connection) as queries:
        economy = insats_economy(insats)
    assert len(queries) == 3 and economy.rekvirerat == 10_000


def test_an_owner_sees_only_their_own_invoices(insats, owner_a, owner_b, staff, af, client_for):
    mine = submit(insats, owner_a)
    other = granted_insats(owner_b, staff, af, titel="Annan insats", years=((2025, 300_000),), beslutsdatum=D(2024, 12, 1))
    theirs = submit(other, owner_b, personal=99_999)
    html = client_for(owner_a).get("/rekvisitioner/").content.decode()
    assert f"/rekvisitioner/{mine.pk}/" in html and f"/rekvisitioner/{theirs.pk}/" not in html
    assert client_for(owner_a).get(f"/rekvisitioner/{theirs.pk}/").status_code == 404
    staff_html = client_for(staff).get("/rekvisitioner/").content.decode()
    assert f"/rekvisitioner/{mine.pk}/" in staff_html and f"/rekvisitioner/{theirs.pk}/" in staff_html


def test_a_party_sees_the_insats_but_not_its_invoices(insats, owner_a, org_b, client_for):
    from tests.factories import UserFactory
    from rar import roles

    submit(insats, owner_a, personal=77_777)
    insats.parter.add(org_b)
    party_user = UserFactory(organisation=org_b, roles=[roles.INSATSAGARE])
    html = client_for(party_user).get(insats.get_absolute_url()).content.decode().replace("\u00a0", " ").replace("\u202f", " ")
    assert "Ekonomi och rekvisitioner" not in html and "77 777" not in html


def test_the_invoice_form_keeps_the_input_and_explains_a_refusal(insats, owner_a, client_for):
    response = client_for(owner_a).post(f"/insatser/{insats.pk}/rekvisitioner/ny/", {
        "period_start": "2025-01-01", "period_slut": "2025-06-30", "personal": "600000", "lokaler": "0", "resor": "0",
        "ovrigt": "0", "beskrivning": "Mitt underlag"})
    html = response.content.decode()
    assert response.status_code == 400
    assert "överstiger vad som återstår av beviljade medel för 2025" in html and "Mitt underlag" in html and 'value="600000"' in html


def test_the_invoice_export_has_one_row_per_invoice_with_exact_amounts(insats, owner_a, staff, client_for):
    submit(insats, owner_a, personal=100_001, ovrigt=2)
    submit(insats, owner_a, start=D(2025, 7, 1), end=D(2025, 9, 30), lokaler=3)
    body = client_for(staff).get("/rekvisitioner/?export=csv").content.decode("utf-8-sig")
    lines = body.strip().splitlines()
    assert len(lines) == 3 and lines[0].startswith("Diarienummer;Insats")
    assert any(";100003;" in line for line in lines) and any(";3;Inskickad;" in line for line in lines)
