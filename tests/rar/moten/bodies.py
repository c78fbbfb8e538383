"""Fixtures for the board and its working committee (AU): two member organisations, each with an ordinary
member and a substitute on the board; the chair and Eskilstuna's member also sit on the AU.

Import the fixtures into a test module with `from tests.rar.moten.bodies import *  # noqa: F403`.
"""

import datetime
from types import SimpleNamespace

import pytest
from django.utils import timezone

from rar.models import Narvaro, Organ, Uppdrag
from rar.moten import services as moten
from tests.factories import UserFactory, application_ready_for_board

__all__ = ["bodies", "board", "case_at_au", "ready_case", "plan", "hold", "adjust", "days_from_today"]

TERM = datetime.date(2019, 4, 1)


def days_from_today(days: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=days)


@pytest.fixture
def bodies(db):
    return SimpleNamespace(styrelse=Organ.objects.create(namn="Förbundsstyrelsen", typ=Organ.Typ.STYRELSE),
                           au=Organ.objects.create(namn="Arbetsutskottet", typ=Organ.Typ.ARBETSUTSKOTT))


@pytest.fixture
def board(bodies, board_member, org_a, org_b):
    """chair (board_member, Nyköping), sub_a (Nyköping's substitute), member_b and sub_b (Eskilstuna)."""
    sub_a = UserFactory(username="ersattare_a", first_name="Ester", last_name="Ersättare", email="ester@example.se",
                        roles=["Styrelse"])
    member_b = UserFactory(username="ledamot_b", first_name="Lena", last_name="Ledamot", email="lena@example.se",
                           roles=["Styrelse"])
    sub_b = UserFactory(username="ersattare_b", first_name="Erik", last_name="Ersson", email="erik@example.se",
                        roles=["Styrelse"])
    board_member.email = "sven@example.se"
    board_member.save(update_fields=["email"])
    for person, org, roll, presidium in [(board_member, org_a, "ledamot", "ordforande"), (sub_a, org_a, "ersattare", ""),
                                         (member_b, org_b, "ledamot", ""), (sub_b, org_b, "ersattare", "")]:
        Uppdrag.objects.create(person=person, organ=bodies.styrelse, organisation=org, roll=roll, presidium=presidium, fran=TERM)
    Uppdrag.objects.create(person=board_member, organ=bodies.au, organisation=org_a, roll="ledamot", presidium="ordforande",
                           fran=TERM)
    Uppdrag.objects.create(person=member_b, organ=bodies.au, organisation=org_b, roll="ledamot", fran=TERM)
    return SimpleNamespace(chair=board_member, sub_a=sub_a, member_b=member_b, sub_b=sub_b, **vars(bodies))


@pytest.fixture
def case_at_au(owner_a, staff, af):
    """An application the staff have prepared and handed to the working committee (hos arbetsutskottet)."""
    from insatser import services
    from tests.factories import complete_application

    ansokan = complete_application(owner_a, af)
    ansokan = services.ansokan_submit(ansokan=ansokan, user=owner_a)
    ansokan = services.ansokan_start_review(ansokan=ansokan, user=staff)
    return services.ansokan_send_to_au(ansokan=ansokan, user=staff)


@pytest.fixture
def ready_case(owner_a, staff, af):
    return application_ready_for_board(owner_a, staff, af)


def plan(staff, organ, day, cases=(), **kwargs):
    kwargs.setdefault("plats", "Nyköping")
    meeting = moten.sammantrade_create(user=staff, organ=organ, datum=day, tid_fran=datetime.time(9), **kwargs)
    if cases:
        moten.agenda_add_cases(sammantrade=meeting, user=staff, arenden=[c.arende for c in cases])
    return meeting


STANDARD_DECISIONS = {"Mötets öppnande": "Ordföranden förklarade mötet öppnat.",
                      "Dagordningens godkännande": "Dagordningen godkändes.",
                      "Val av protokolljusterare": "Protokollet justeras av ordföranden och en justerare.",
                      "Avslutning": "Ordföranden avslutade mötet."}


def hold(meeting, staff, chair, adjuster):
    """Call the meeting, every ordinary member present, officers set, held, the standard items decided."""
    if meeting.status == "planerat":
        moten.sammantrade_kalla(sammantrade=meeting, user=staff)
    rows = [{"person_id": n.person_id, "narvarande": n.grupp == Narvaro.Grupp.LEDAMOT}
            for n in Narvaro.objects.filter(sammantrade=meeting)]
    moten.narvaro_save(sammantrade=meeting, user=staff, rows=rows)
    moten.sammantrade_set_officers(sammantrade=meeting, user=staff, sekreterare=staff, ordforande=chair, justerare=[adjuster])
    moten.sammantrade_genomfor(sammantrade=meeting, user=staff)
    for item in meeting.paragrafer.filter(typ="standard"):
        moten.paragraf_besluta(paragraf=item, user=staff, beslut=STANDARD_DECISIONS[item.rubrik])
    meeting.refresh_from_db()
    return meeting


def adjust(meeting, staff, chair, adjuster):
    moten.protokoll_skicka_for_justering(sammantrade=meeting, user=staff)
    moten.protokoll_justera(sammantrade=meeting, user=chair)
    return moten.protokoll_justera(sammantrade=meeting, user=adjuster)
