"""Budget room and the 75/25 balance on a hand-built case."""

import datetime

import pytest

from insatser import selectors, services
from rar.case_handlers import Beslutsutfall
from rar.models import Budgetpost
from tests.factories import OrganisationFactory, application_ready_for_board


@pytest.fixture
def frame(db):
    # The insats frame 2027: 1 000 000 already-planned grants + 500 000 for new insatser = 1 500 000.
    Budgetpost.objects.create(ar=2027, slag="kostnad", namn="Beviljade insatser", belopp=1_000_000, insatsram=True)
    Budgetpost.objects.create(ar=2027, slag="kostnad", namn="Medel tillgängligt nya insatser", belopp=500_000, insatsram=True)
    Budgetpost.objects.create(ar=2027, slag="kostnad", namn="Kansli", belopp=3_000_000)  # not in the frame


def grant(owner, staff, partner, years, **kwargs):
    ansokan = application_ready_for_board(owner, staff, partner, years=years, **kwargs)
    return services.ansokan_decide(ansokan=ansokan, utfall=Beslutsutfall.FULL, belopp=None, beslutstext="", user=staff,
                                   beslutsdatum=datetime.date(2026, 11, 1))


def checks_by_title(ansokan):
    return {check.rubrik: check for check in selectors.rule_checks(ansokan)}


def test_budget_room_is_the_frame_minus_granted_minus_applied(owner_a, staff, af, frame):
    grant(owner_a, staff, af, ((2027, 900_000),), titel="Redan beviljad")
    ansokan = application_ready_for_board(owner_a, staff, af, years=((2027, 400_000),), titel="Ny")
    check = checks_by_title(ansokan)["Budgetutrymme 2027"]
    assert check.ok is True
    assert "Ram för insatser 1 500 000 kr, redan beviljat 900 000 kr, sökt 400 000 kr: kvar 200 000 kr" in check.text.replace("\u00a0", " ").replace("\u202f", " ")


def test_budget_room_exceeded_is_flagged(owner_a, staff, af, frame):
    grant(owner_a, staff, af, ((2027, 1_400_000),), titel="Stor")
    ansokan = application_ready_for_board(owner_a, staff, af, years=((2027, 400_000),), titel="Ny")
    check = checks_by_title(ansokan)["Budgetutrymme 2027"]
    assert check.ok is False and "överskrids med 300 000 kr" in check.text.replace("\u00a0", " ").replace("\u202f", " ")


def test_75_25_counts_long_county_wide_money_including_the_application(owner_a, staff, af, frame):
    grant(owner_a, staff, af, ((2027, 600_000),), titel="Lång länsövergripande", langsiktig=True, lansovergripande=True)
    grant(owner_a, staff, af, ((2027, 200_000),), titel="Kort lokal", langsiktig=False, lansovergripande=False, lansdelar=["ostra"])
    short = application_ready_for_board(owner_a, staff, af, years=((2027, 200_000),), titel="Ny kort",
                                        langsiktig=False, lansovergripande=False, lansdelar=["ostra"])
    check = checks_by_title(short)["Fördelning 75/25"]
    # 600 000 of 1 000 000 after the decision = 60 % < 75 %
    assert check.ok is False and "går 60 % av beviljade medel" in check.text


def test_75_25_is_met_when_long_county_wide_money_dominates(owner_a, staff, af, frame):
    grant(owner_a, staff, af, ((2027, 200_000),), titel="Kort", langsiktig=False, lansovergripande=False, lansdelar=["ostra"])
    long = application_ready_for_board(owner_a, staff, af, years=((2027, 800_000),), titel="Lång")
    check = checks_by_title(long)["Fördelning 75/25"]
    assert check.ok is True and "går 80 %" in check.text


def test_party_and_priority_checks(owner_a, staff, af, frame):
    ansokan = application_ready_for_board(owner_a, staff, af, prioriterade_grupper=[])
    checks = checks_by_title(ansokan)
    assert checks["Minst två parter"].ok is True and "Arbetsförmedlingen" in checks["Minst två parter"].text
    assert checks["Prioriterad målgrupp"].ok is False


def test_a_municipality_from_another_part_counts_as_a_party(owner_a, staff, frame):
    partner = OrganisationFactory(namn="Trosa kommun", lansdel="ostra")
    ansokan = application_ready_for_board(owner_a, staff, partner)
    assert checks_by_title(ansokan)["Minst två parter"].ok is True
