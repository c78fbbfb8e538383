"""The due table: exactly what each role must act on, overdue first."""

import datetime

import pytest

from insatser import services
from insatser.models import Avtal, Insats
from rar.case_handlers import Beslutsutfall
from rar.due import due_for
from tests.factories import application_ready_for_board

D = datetime.date
TODAY = D(2026, 11, 23)


def granted(owner, staff, partner, titel):
    ansokan = application_ready_for_board(owner, staff, partner, titel=titel, years=((2026, 500_000), (2027, 500_000)))
    services.ansokan_decide(ansokan=ansokan, utfall=Beslutsutfall.FULL, belopp=None, beslutstext="", user=staff,
                            beslutsdatum=D(2025, 12, 1))
    return Insats.objects.get(ansokan=ansokan)


@pytest.fixture
def cases(owner_a, owner_b, staff, af):
    a = granted(owner_a, staff, af, "A-insatsen")
    b = granted(owner_b, staff, af, "B-insatsen")
    avtal = Avtal.objects.get(insats=a)  # A's agreement fully signed: reports are scheduled
    services.avtal_sign(avtal=avtal, user=owner_a, part="agare")
    services.avtal_sign(avtal=avtal, user=staff, part="forbund")
    services.rekvisition_submit(insats=a, user=owner_a, period_start=D(2026, 1, 1), period_slut=D(2026, 6, 30),
                                kostnader={"personal": 100_000})
    return a, b


def kinds(user):
    return sorted((item.typ, item.rubrik.split(" ")[0]) for item in due_for(user, TODAY))


def test_staff_see_every_case_and_their_own_review_and_payment_work(cases, staff):
    result = kinds(staff)
    assert ("Granska rekvisition", "A-insatsen") in result
    assert ("Avtal att godkänna", "B-insatsen") in result and ("Avtal att godkänna för förbundet", "B-insatsen") in result
    assert any(typ == "Lägesrapport" and name == "A-insatsen" for typ, name in result)


def test_an_owner_sees_only_their_own_cases_and_no_staff_work(cases, owner_a):
    result = kinds(owner_a)
    assert all(name == "A-insatsen" for _, name in result)
    assert not any(typ.startswith("Granska") or typ.startswith("Betala") for typ, _ in result)
    assert any(typ == "Lägesrapport" for typ, _ in result)


def test_the_other_owner_sees_their_unsigned_agreement_only(cases, owner_b):
    assert kinds(owner_b) == [("Avtal att godkänna", "B-insatsen")]


def test_overdue_reports_are_marked(cases, owner_a):
    a, _ = cases
    first = a.lagesrapporter.order_by("forfaller").first()
    late = due_for(owner_a, first.forfaller + datetime.timedelta(days=1))
    assert any(item.forsenad and item.typ == "Lägesrapport" for item in late)


def test_a_board_member_sees_the_next_meetings_decision_list(staff, board_member, org_a):
    from rar.models import Organ, Uppdrag
    from rar.moten import services as moten

    styrelse = Organ.objects.create(namn="Förbundsstyrelsen", typ="styrelse")
    Uppdrag.objects.create(person=board_member, organ=styrelse, organisation=org_a, roll="ledamot", fran=D(2023, 4, 1))
    meeting = moten.sammantrade_create(user=staff, organ=styrelse, datum=D(2026, 12, 11), tid_fran=datetime.time(9),
                                       plats="Flen")
    from rar.models import Sammantrade

    Sammantrade.objects.filter(pk=meeting.pk).update(status="kallat")
    assert [(i.typ, i.url) for i in due_for(board_member, TODAY)] == [("Beslutslista", f"/sammantraden/{meeting.pk}/beslutslista/")]


def test_the_page_lists_the_items(cases, client_for, owner_a):
    html = client_for(owner_a).get("/att-gora/").content.decode()
    assert "A-insatsen" in html and "B-insatsen" not in html
