"""Every write in a meeting leaves history with the acting user: attendance, agenda, motions, votes,
reservations and the adjustment signatures."""

import datetime

from django.utils import timezone

from rar.models import JusteringSignatur, Narvaro, Paragraf, Reservation, Votering, Yrkande
from rar.moten import services as moten
from tests.rar.moten.test_moten import decision_item, held, meeting, members, ready_application, styrelse  # noqa: F401
from tests.test_history_coverage import rows_without_a_user_since

D = datetime.date
VOTE = {"ja": 1, "nej": 1, "avstar": 0, "ja_betyder": "bifall", "nej_betyder": "avslag", "rostlista": ""}


def trail(model, **filters):
    return sorted((r.history_type, r.history_user.username) for r in model.history.filter(**filters))


def decide(item, staff, yrkanden, reservationer, votering):
    moten.paragraf_besluta(paragraf=item, user=staff, beslut="Bordläggs.", yrkanden=yrkanden,
                           reservationer=reservationer, votering=votering)


def test_motions_a_vote_and_a_reservation_leave_history_with_the_user(held, staff):
    item = decision_item(held)
    decide(item, staff, [("Anna", "bifall"), ("Bo", "avslag")], [("Lena", "Jag ville bifalla.")], VOTE)
    assert trail(Yrkande, paragraf=item) == [("+", "kansli"), ("+", "kansli")]
    assert trail(Votering, paragraf=item) == [("+", "kansli")]
    assert trail(Reservation, paragraf=item) == [("+", "kansli")]


def test_deciding_again_records_only_the_changed_motion_and_what_was_taken_away(held, staff):
    item = decision_item(held)
    decide(item, staff, [("Anna", "bifall"), ("Bo", "avslag")], [("Lena", "Jag ville bifalla.")], VOTE)
    decide(item, staff, [("Anna", "bifall"), ("Bo", "återremiss")], [], None)
    changed = Yrkande.history.get(paragraf=item, history_type="~")
    assert (changed.av, changed.text, changed.history_user) == ("Bo", "återremiss", staff)
    assert trail(Reservation, paragraf=item, history_type="-") == [("-", "kansli")]
    assert trail(Votering, paragraf=item, history_type="-") == [("-", "kansli")]


def test_each_adjustment_signature_leaves_history_with_the_signer(held, staff, members):
    chair, other, _ = members
    decide(decision_item(held), staff, [], [], None)
    moten.protokoll_skicka_for_justering(sammantrade=held, user=staff)
    moten.protokoll_justera(sammantrade=held, user=chair)
    moten.protokoll_justera(sammantrade=held, user=other)
    assert trail(JusteringSignatur, sammantrade=held) == sorted([("+", chair.username), ("+", other.username)])


def test_attendance_and_standard_items_of_a_new_meeting_carry_the_user(staff, styrelse, members):
    m = meeting(staff, styrelse, D(2026, 2, 6))
    assert trail(Narvaro, sammantrade=m) == [("+", "kansli")] * 3
    created = Paragraf.history.filter(sammantrade=m, history_type="+")
    assert [r.history_user for r in created] == [staff] * 4
    assert set(Paragraf.history.filter(sammantrade=m).values_list("history_user", flat=True)) == {staff.pk}


def test_an_item_added_before_the_closing_item_records_that_the_closing_item_moved(staff, styrelse):
    m = meeting(staff, styrelse, D(2026, 2, 6))
    moten.agenda_add_item(sammantrade=m, user=staff, typ="information", rubrik="Info")
    closing = Paragraf.objects.get(sammantrade=m, rubrik="Avslutning")
    moved = closing.history.filter(history_type="~", ordning=5).order_by("history_id").first()
    assert (moved.ordning, moved.prev_record.ordning, moved.history_user) == (5, 4, staff)


def test_a_removed_item_leaves_a_deletion_row_with_the_user(staff, styrelse):
    m = meeting(staff, styrelse, D(2026, 2, 6))
    item = moten.agenda_add_item(sammantrade=m, user=staff, typ="information", rubrik="Info")
    moten.agenda_remove(paragraf=item, user=staff)
    assert trail(Paragraf, id=item.pk, history_type="-") == [("-", "kansli")]


def test_no_history_row_of_a_meeting_from_planning_to_notice_lacks_its_user(staff, styrelse, members, ready_application):
    chair, other, _ = members
    start = timezone.now()
    m = meeting(staff, styrelse, D(2026, 11, 20))
    moten.agenda_add_cases(sammantrade=m, user=staff, arenden=[ready_application.arende])
    moten.agenda_add_item(sammantrade=m, user=staff, typ="information", rubrik="Info")
    moten.sammantrade_kalla(sammantrade=m, user=staff)
    moten.narvaro_save(sammantrade=m, user=staff, rows=[{"person_id": chair.pk, "narvarande": True},
                                                         {"person_id": other.pk, "narvarande": True}])
    moten.sammantrade_set_officers(sammantrade=m, user=staff, sekreterare=staff, ordforande=chair, justerare=[other])
    moten.sammantrade_genomfor(sammantrade=m, user=staff)
    for item in m.paragrafer.all():
        moten.paragraf_besluta(paragraf=item, user=staff, beslut="Beslutat.", utfall="full" if item.arende_id else "",
                               yrkanden=[("Anna", "bifall")], votering=VOTE, reservationer=[("Lena", "Nej.")])
    moten.protokoll_skicka_for_justering(sammantrade=m, user=staff)
    moten.protokoll_justera(sammantrade=m, user=chair)
    moten.protokoll_justera(sammantrade=m, user=other)
    moten.protokoll_ansla(sammantrade=m, user=staff, uppsatt=timezone.localdate())
    assert rows_without_a_user_since(start) == {}
