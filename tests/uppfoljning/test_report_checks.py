"""Status reports are checked: costs beyond the money at hand are refused, costs ahead of time are flagged to
staff, and the reported participant figures are compared with the participant rows."""

import datetime

import pytest

from insatser import services
from insatser.models import Lagesrapport, Overforing
from rar.errors import DomainError
from tests.factories import granted_insats
from uppfoljning.models import Deltagare

D = datetime.date


@pytest.fixture
def insats(owner_a, staff, af):
    return granted_insats(owner_a, staff, af, years=((2021, 600_000), (2022, 600_000)))


def report(insats, start, end, **values):
    return Lagesrapport.objects.create(insats=insats, period_start=start, period_slut=end, forfaller=end + datetime.timedelta(days=30),
                                       **values)


def save(rapport, user, **fields):
    return services.lagesrapport_save(rapport=rapport, user=user, version=rapport.version, fields=fields, malrapporter={})


def test_costs_above_the_years_grant_are_refused_and_nothing_is_saved(insats, owner_a):
    rapport = report(insats, D(2021, 1, 1), D(2021, 6, 30))
    with pytest.raises(DomainError, match="överstiger"):
        save(rapport, owner_a, kostnader=99_999_999_999_999_999, risker="Inga")
    rapport.refresh_from_db()
    assert (rapport.kostnader, rapport.risker, rapport.version) == (None, "", 1)


def test_costs_of_all_the_years_reports_count_against_the_years_money(insats, owner_a):
    report(insats, D(2021, 1, 1), D(2021, 6, 30), kostnader=500_000)
    second = report(insats, D(2021, 7, 1), D(2021, 12, 31))
    with pytest.raises(DomainError, match="600\u202f000\u00a0kr"):
        save(second, owner_a, kostnader=100_001)
    assert save(second, owner_a, kostnader=100_000).kostnader == 100_000


def test_money_carried_over_from_last_year_adds_to_the_years_room(insats, owner_a, staff):
    Overforing.objects.create(insats=insats, typ=Overforing.Typ.OVERFORD, fran_ar=2021, till_ar=2022, belopp=150_000,
                              beslutad_av=staff)
    rapport = report(insats, D(2022, 1, 1), D(2022, 12, 31))
    assert save(rapport, owner_a, kostnader=750_000).kostnader == 750_000


def test_costs_ahead_of_the_time_passed_are_flagged_to_staff_only(insats, owner_a, staff, client_for):
    # 1 080 000 kr of 1 200 000 kr (90 %) reported when half of the period has passed.
    rapport = report(insats, D(2021, 1, 1), D(2021, 12, 31), kostnader=600_000, status=Lagesrapport.Status.INLAMNAD)
    second = report(insats, D(2022, 1, 1), D(2022, 1, 31), kostnader=480_000, status=Lagesrapport.Status.INLAMNAD)
    staff_page = client_for(staff).get(f"/lagesrapporter/{second.pk}/").content.decode()
    assert "Kostnaderna ligger före tiden" in staff_page
    assert "Kostnaderna ligger före tiden" not in client_for(staff).get(f"/lagesrapporter/{rapport.pk}/").content.decode()
    assert "Kostnaderna ligger före tiden" not in client_for(owner_a).get(f"/lagesrapporter/{second.pk}/").content.decode()


def add(insats, ref, start, end=None, utfall=""):
    Deltagare.objects.create(insats=insats, referens_hash=ref, kon="man", aldersband="20-24", inskriven=start, avslutad=end,
                             forsorjning_start="ingen", forsorjning_slut="ingen" if end else "", utfall=utfall)


def test_a_difference_between_reported_figures_and_participant_rows_is_shown_to_staff(insats, owner_a, staff, client_for):
    rapport = report(insats, D(2021, 1, 1), D(2021, 6, 30), inskrivna=18, avslutade=12, till_arbete_studier=2,
                     kostnader=100_000, status=Lagesrapport.Status.INLAMNAD)
    add(insats, "a", D(2021, 2, 1), D(2021, 5, 1), "arbete")
    add(insats, "b", D(2021, 3, 1))
    add(insats, "c", D(2020, 12, 1))  # enrolled before the period
    html = client_for(staff).get(f"/lagesrapporter/{rapport.pk}/").content.decode()
    assert "Rapporten och deltagarraderna skiljer sig" in html
    assert "inskrivna: 18 i rapporten, 2 i deltagarraderna" in html
    assert "avslutade: 12 i rapporten, 1 i deltagarraderna" in html
    assert "till arbete eller studier: 2 i rapporten, 1 i deltagarraderna" in html
    assert "Rapporten och deltagarraderna skiljer sig" not in client_for(owner_a).get(f"/lagesrapporter/{rapport.pk}/").content.decode()
    sheet = client_for(staff).get(f"/uppfoljning/insatser/{insats.pk}/resultatblad/").content.decode()
    assert "Rapporten och deltagarraderna skiljer sig" in sheet and "18 i rapporten, 2 i deltagarraderna" in sheet


def test_no_difference_no_notice(insats, staff, client_for):
    rapport = report(insats, D(2021, 1, 1), D(2021, 6, 30), inskrivna=1, avslutade=1, till_arbete_studier=1,
                     kostnader=100_000, status=Lagesrapport.Status.INLAMNAD)
    add(insats, "a", D(2021, 2, 1), D(2021, 5, 1), "arbete")
    assert "skiljer sig" not in client_for(staff).get(f"/lagesrapporter/{rapport.pk}/").content.decode()
