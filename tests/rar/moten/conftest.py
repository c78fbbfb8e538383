"""A small board (four seats, two substitutes) and meetings in each locked state, for the lock and rule tests.

Dates are relative to today, so the deadline rules (justering within 14 days, anslag within 2) hold on any day.
"""

import datetime
from dataclasses import dataclass, field

import pytest
from django.contrib.auth.models import Group, Permission
from django.utils import timezone

from rar import roles
from rar.models import JusteringSignatur, Narvaro, Organ, Paragraf, Sammantrade, Uppdrag
from rar.moten import services as moten
from tests.factories import OrganisationFactory, UserFactory, application_ready_for_board

TERM = datetime.date(2019, 4, 1)


@dataclass
class Board:
    organ: Organ
    chair: object
    adjuster: object
    members: list  # the four ordinary members, chair first
    substitutes: dict = field(default_factory=dict)  # organisation name → substitute


@pytest.fixture
def board(db, board_member, org_a, org_b):
    """Förbundsstyrelsen: chair Sven (Nyköping), adjuster Gunnel (Eskilstuna), Rolf (Vingåker), Helena (Trosa);
    substitutes Anneli (Vingåker) and Anders (Trosa)."""
    organ = Organ.objects.create(namn="Förbundsstyrelsen", typ=Organ.Typ.STYRELSE)
    vingaker = OrganisationFactory(namn="Vingåkers kommun")
    trosa = OrganisationFactory(namn="Trosa kommun")
    adjuster = UserFactory(username="justerare", first_name="Gunnel", last_name="Justesson", roles=[roles.STYRELSE],
                           email="gunnel@example.se")
    rolf = UserFactory(username="rolf", first_name="Rolf", last_name="Skog", roles=[roles.STYRELSE])
    helena = UserFactory(username="helena", first_name="Helena", last_name="Kock", roles=[roles.STYRELSE])
    anneli = UserFactory(username="anneli", first_name="Anneli", last_name="Borg", roles=[roles.STYRELSE])
    anders = UserFactory(username="anders", first_name="Anders", last_name="Lund", roles=[roles.STYRELSE])
    board_member.email = "sven@example.se"
    board_member.save(update_fields=["email"])
    for person, org, roll, presidium in [
        (board_member, org_a, "ledamot", "ordforande"), (adjuster, org_b, "ledamot", "vice1"),
        (rolf, vingaker, "ledamot", ""), (helena, trosa, "ledamot", ""),
        (anneli, vingaker, "ersattare", ""), (anders, trosa, "ersattare", ""),
    ]:
        Uppdrag.objects.create(person=person, organ=organ, organisation=org, roll=roll, presidium=presidium, fran=TERM)
    return Board(organ=organ, chair=board_member, adjuster=adjuster, members=[board_member, adjuster, rolf, helena],
                 substitutes={"Vingåkers kommun": anneli, "Trosa kommun": anders})


def days_ago(n):
    return timezone.localdate() - datetime.timedelta(days=n)


def plan(staff, board, day=None):
    return moten.sammantrade_create(user=staff, organ=board.organ, datum=day or days_ago(2), tid_fran=datetime.time(13),
                                    plats="Flen, Skjortan")


def attend(meeting, staff, present, serving=None):
    """present: users marked present; serving: substitute → the absent ordinary member they serve for."""
    serving = serving or {}
    rows = [{"person_id": n.person_id, "narvarande": n.person in present or n.person in serving,
             "tjanstgor_for_id": serving[n.person].pk if n.person in serving else None}
            for n in Narvaro.objects.filter(sammantrade=meeting).select_related("person")]
    moten.narvaro_save(sammantrade=meeting, user=staff, rows=rows)


def convene(staff, board, day=None, present=None):
    """A called meeting with a decision item (no case), everyone present, officers set: ready for decisions."""
    meeting = plan(staff, board, day)
    item = moten.agenda_add_item(sammantrade=meeting, user=staff, typ="beslut", rubrik="Verksamhetsplan 2027",
                                 text="Förbundschefen har tagit fram ett förslag till verksamhetsplan.")
    moten.sammantrade_kalla(sammantrade=meeting, user=staff)
    attend(meeting, staff, board.members if present is None else present)
    moten.sammantrade_set_officers(sammantrade=meeting, user=staff, sekreterare=staff, ordforande=board.chair,
                                   justerare=[board.adjuster])
    return meeting, item


def decide(item, staff, beslut="Styrelsen antar verksamhetsplanen.", **kwargs):
    return moten.paragraf_besluta(paragraf=item, user=staff, beslut=beslut, **kwargs)


def send_and_sign(meeting, staff, *signers):
    moten.sammantrade_genomfor(sammantrade=meeting, user=staff)
    moten.protokoll_skicka_for_justering(sammantrade=meeting, user=staff)
    for signer in signers:
        moten.protokoll_justera(sammantrade=meeting, user=signer)
    return Sammantrade.objects.get(pk=meeting.pk)


LOCKS = ["omedelbart_justerad", "anslaget", "verkstalld", "ordforande_har_signerat"]


def build_lock(kind, *, staff, board, owner_a, af):
    """A meeting and its § in one of the four locked states (see LOCKS)."""
    meeting, item = convene(staff, board)
    if kind == "verkstalld":
        ansokan = application_ready_for_board(owner_a, staff, af, years=((2027, 300_000), (2028, 200_000)))
        meeting = Sammantrade.objects.get(pk=meeting.pk)
        item = moten.agenda_add_cases(sammantrade=meeting, user=staff, arenden=[ansokan.arende], version=None)[0]
        decide(item, staff, beslut="Full finansiering beviljas, 500 000 kr.", utfall="full")
    elif kind == "omedelbart_justerad":
        decide(item, staff)
        moten.paragraf_justera_omedelbart(paragraf=item, user=board.chair)
        moten.paragraf_justera_omedelbart(paragraf=item, user=board.adjuster)
    elif kind == "ordforande_har_signerat":
        decide(item, staff)
        send_and_sign(meeting, staff, board.chair)
    elif kind == "anslaget":
        decide(item, staff)
        meeting = send_and_sign(meeting, staff, board.chair, board.adjuster)
        moten.protokoll_ansla(sammantrade=meeting, user=staff, uppsatt=timezone.localdate())
    return Sammantrade.objects.get(pk=meeting.pk), Paragraf.objects.get(pk=item.pk)


@pytest.fixture(params=LOCKS)
def locked(request, staff, board, owner_a, af):
    meeting, item = build_lock(request.param, staff=staff, board=board, owner_a=owner_a, af=af)
    return request.param, meeting, item


def snapshot(meeting):
    """Every row of the meeting's record, to show that a refused change wrote nothing."""
    from rar.models import Reservation, Votering, Yrkande
    from rar.moten.models import ParagrafSignatur

    paragraphs = Paragraf.objects.filter(sammantrade=meeting)
    return {
        "sammantrade": Sammantrade.objects.filter(pk=meeting.pk).values().get(),
        "paragrafer": list(paragraphs.order_by("pk").values()),
        "narvaro": list(Narvaro.objects.filter(sammantrade=meeting).order_by("pk").values()),
        "justerare": sorted(meeting.justerare.values_list("pk", flat=True)),
        "javiga": sorted(Paragraf.javiga.through.objects.filter(paragraf__in=paragraphs).values_list("paragraf_id", "user_id")),
        "yrkanden": list(Yrkande.objects.filter(paragraf__in=paragraphs).order_by("pk").values()),
        "reservationer": list(Reservation.objects.filter(paragraf__in=paragraphs).order_by("pk").values()),
        "voteringar": list(Votering.objects.filter(paragraf__in=paragraphs).order_by("pk").values()),
        "signaturer": list(JusteringSignatur.objects.filter(sammantrade=meeting).order_by("pk").values()),
        "paragrafsignaturer": list(ParagrafSignatur.objects.filter(paragraf__in=paragraphs).order_by("pk").values()),
    }


@pytest.fixture
def admin_staff(staff):
    """Kansli as the demo sets it up: staff status in the admin and every permission on the product's models."""
    staff.is_staff = True
    staff.save(update_fields=["is_staff"])
    group = Group.objects.get(name=roles.KANSLI)
    group.permissions.set(Permission.objects.filter(content_type__app_label__in=["rar", "insatser"]))
    return staff
