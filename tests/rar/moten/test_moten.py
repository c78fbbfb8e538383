import datetime

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from insatser.models import Ansokan, Insats
from rar.errors import DomainError, NotAllowed
from rar.models import Narvaro, Organ, Paragraf, Sammantrade, Uppdrag
from rar.moten import services as moten
from tests.factories import UserFactory, application_ready_for_board

D = datetime.date
T = datetime.time
RECENTLY = timezone.localdate() - datetime.timedelta(days=3)  # held meetings lie in the past (the rules check dates)


@pytest.fixture
def styrelse(db):
    return Organ.objects.create(namn="Förbundsstyrelsen", typ=Organ.Typ.STYRELSE)


@pytest.fixture
def au(db):
    return Organ.objects.create(namn="Arbetsutskottet", typ=Organ.Typ.ARBETSUTSKOTT)


@pytest.fixture
def members(styrelse, board_member, org_a, org_b):
    """Chair (board_member), one more ordinary member, one substitute."""
    other = UserFactory(username="ledamot2", first_name="Lena")
    substitute = UserFactory(username="ersattare", first_name="Erik")
    Uppdrag.objects.create(person=board_member, organ=styrelse, organisation=org_a, roll="ledamot", presidium="ordforande", fran=D(2019, 4, 1))
    Uppdrag.objects.create(person=other, organ=styrelse, organisation=org_b, roll="ledamot", fran=D(2019, 4, 1))
    Uppdrag.objects.create(person=substitute, organ=styrelse, organisation=org_b, roll="ersattare", fran=D(2019, 4, 1))
    return board_member, other, substitute


def meeting(staff, organ, day, **kwargs):
    return moten.sammantrade_create(user=staff, organ=organ, datum=day, tid_fran=T(13), plats="Flen", **kwargs)


def numbers(meeting_obj):
    return list(Paragraf.objects.filter(sammantrade=meeting_obj).order_by("ordning").values_list("nummer", flat=True))


def test_a_new_meeting_gets_the_standard_items_numbered_from_one(staff, styrelse):
    m = meeting(staff, styrelse, D(2026, 2, 6))
    assert numbers(m) == [1, 2, 3, 4]
    assert list(m.paragrafer.order_by("ordning").values_list("rubrik", flat=True)) == [
        "Mötets öppnande", "Dagordningens godkännande", "Val av protokolljusterare", "Avslutning"]


def test_numbering_continues_through_the_year_and_restarts_per_body_and_year(staff, styrelse, au):
    first = meeting(staff, styrelse, D(2026, 2, 6))
    second = meeting(staff, styrelse, D(2026, 4, 10))
    committee = meeting(staff, au, D(2026, 3, 1))
    next_year = meeting(staff, styrelse, D(2027, 2, 5))
    assert numbers(first) == [1, 2, 3, 4]
    assert numbers(second) == [5, 6, 7, 8]
    assert numbers(committee) == [1, 2, 3, 4]
    assert numbers(next_year) == [1, 2, 3, 4]


def test_an_item_added_to_an_earlier_draft_renumbers_the_later_draft(staff, styrelse):
    first = meeting(staff, styrelse, D(2026, 2, 6))
    second = meeting(staff, styrelse, D(2026, 4, 10))
    item = moten.agenda_add_item(sammantrade=first, user=staff, typ="information", rubrik="Information från förbundschefen")
    assert item.nummer == 4 and numbers(first) == [1, 2, 3, 4, 5]
    assert numbers(second) == [6, 7, 8, 9]


def test_moving_an_item_renumbers_the_agenda(staff, styrelse):
    m = meeting(staff, styrelse, D(2026, 2, 6))
    info = moten.agenda_add_item(sammantrade=m, user=staff, typ="information", rubrik="Info")
    moten.agenda_move(paragraf=info, user=staff, steg=-1)
    titles = list(m.paragrafer.order_by("nummer").values_list("rubrik", flat=True))
    assert titles == ["Mötets öppnande", "Dagordningens godkännande", "Info", "Val av protokolljusterare", "Avslutning"]


def test_the_database_refuses_a_duplicate_paragraph_number(staff, styrelse):
    m = meeting(staff, styrelse, D(2026, 2, 6))
    from django.db import connection

    with pytest.raises(IntegrityError), transaction.atomic():
        Paragraf.objects.create(sammantrade=m, organ=styrelse, ar=2026, nummer=1, ordning=99, typ="information", rubrik="Dubblett")
        with connection.cursor() as cursor:  # deferred constraint: checked at commit, or now when asked
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")


def test_a_held_meeting_keeps_its_numbers_and_a_later_draft_follows(staff, styrelse, members):
    chair, other, _ = members
    first = meeting(staff, styrelse, D(2026, 2, 6))
    moten.sammantrade_kalla(sammantrade=first, user=staff)
    moten.sammantrade_set_officers(sammantrade=first, user=staff, sekreterare=staff, ordforande=chair, justerare=[other])
    moten.sammantrade_genomfor(sammantrade=first, user=staff)
    with pytest.raises(DomainError, match="Dagordningen är låst"):
        moten.agenda_add_item(sammantrade=first, user=staff, typ="information", rubrik="Sent")
    second = meeting(staff, styrelse, D(2026, 4, 10))
    assert numbers(second) == [5, 6, 7, 8]


@pytest.fixture
def ready_application(owner_a, staff, af):
    return application_ready_for_board(owner_a, staff, af, years=((2027, 300_000), (2028, 200_000)))


@pytest.fixture
def held(staff, styrelse, members, ready_application):
    """A held meeting with a decision item on the ready application; the chair, Lena and Erik present."""
    chair, other, substitute = members
    m = meeting(staff, styrelse, RECENTLY)
    moten.agenda_add_cases(sammantrade=m, user=staff, arenden=[ready_application.arende])
    moten.sammantrade_kalla(sammantrade=m, user=staff)
    moten.narvaro_save(sammantrade=m, user=staff, rows=[
        {"person_id": chair.pk, "narvarande": True}, {"person_id": other.pk, "narvarande": True},
        {"person_id": substitute.pk, "narvarande": True},
    ])
    moten.sammantrade_set_officers(sammantrade=m, user=staff, sekreterare=staff, ordforande=chair, justerare=[other])
    moten.sammantrade_genomfor(sammantrade=m, user=staff)
    return m


def decision_item(m):
    return m.paragrafer.get(typ="beslut")


def test_ready_cases_become_decision_items_with_their_summary(held, ready_application):
    item = decision_item(held)
    assert item.rubrik == "Unga på väg" and item.arende == ready_application.arende
    assert "Sökt belopp 500 000 kr" in item.text and item.forslag.startswith("Tillstyrks")


def test_a_funding_decision_moves_its_application(held, staff, ready_application):
    moten.paragraf_besluta(paragraf=decision_item(held), user=staff, beslut="Full finansiering beviljas, 500 000 kr.", utfall="full")
    ready_application.refresh_from_db()
    assert ready_application.status == Ansokan.Status.BEVILJAD
    assert ready_application.beslutsdatum == RECENTLY
    assert Insats.objects.filter(ansokan=ready_application).exists()
    assert decision_item(held).belopp == 500_000


def test_a_funding_outcome_cannot_be_changed_once_applied(held, staff):
    item = decision_item(held)
    moten.paragraf_besluta(paragraf=item, user=staff, beslut="Avslag.", utfall="avslag")
    with pytest.raises(DomainError, match="kan inte ändras: beslutet är redan verkställt"):
        moten.paragraf_besluta(paragraf=item, user=staff, beslut="Full finansiering.", utfall="full")


def test_jav_leaves_the_member_out_of_the_quorum(held, staff, members):
    from rar.moten import selectors as moten_selectors

    chair, other, _ = members
    item = decision_item(held)
    quorum = moten_selectors.quorum(held, item, javiga=[other])
    assert (quorum.platser, quorum.tjanstgorande, quorum.deltar) == (2, 2, 1)
    assert quorum.beslutsfor is False
    with pytest.raises(DomainError, match="inte beslutsför"):
        moten.paragraf_besluta(paragraf=item, user=staff, beslut="Avslag.", utfall="avslag", javiga=[other])
    assert not item.javiga.exists()


def test_jav_only_for_people_present(held, staff, outsider):
    with pytest.raises(DomainError, match="närvarande"):
        moten.paragraf_besluta(paragraf=decision_item(held), user=staff, beslut="x", javiga=[outsider])


def test_a_substitute_serves_only_for_an_absent_ordinary_member(staff, styrelse, members):
    chair, other, substitute = members
    m = meeting(staff, styrelse, D(2026, 11, 20))
    with pytest.raises(DomainError, match="frånvarande"):
        moten.narvaro_save(sammantrade=m, user=staff, rows=[
            {"person_id": other.pk, "narvarande": True},
            {"person_id": substitute.pk, "narvarande": True, "tjanstgor_for_id": other.pk},
        ])
    moten.narvaro_save(sammantrade=m, user=staff, rows=[
        {"person_id": other.pk, "narvarande": False},
        {"person_id": substitute.pk, "narvarande": True, "tjanstgor_for_id": other.pk, "via_lank": True},
    ])
    entry = Narvaro.objects.get(sammantrade=m, person=substitute)
    assert entry.tjanstgorande and entry.via_lank


def adjust(meeting_obj, staff, members):
    chair, other, _ = members
    moten.protokoll_skicka_for_justering(sammantrade=meeting_obj, user=staff)
    moten.protokoll_justera(sammantrade=meeting_obj, user=chair)
    return moten.protokoll_justera(sammantrade=meeting_obj, user=other)


def test_the_protocol_is_adjusted_when_chair_and_adjuster_have_signed(held, staff, members):
    moten.paragraf_besluta(paragraf=decision_item(held), user=staff, beslut="Avslag.", utfall="avslag")
    chair, other, _ = members
    moten.protokoll_skicka_for_justering(sammantrade=held, user=staff)
    assert moten.protokoll_justera(sammantrade=held, user=chair).status == Sammantrade.Status.JUSTERING
    assert moten.protokoll_justera(sammantrade=held, user=other).status == Sammantrade.Status.JUSTERAT


def test_nothing_can_change_after_justering(held, staff, members):
    item = decision_item(held)
    moten.paragraf_besluta(paragraf=item, user=staff, beslut="Avslag.", utfall="avslag")
    adjust(held, staff, members)
    with pytest.raises(DomainError):
        moten.paragraf_besluta(paragraf=item, user=staff, beslut="Ändrat i efterhand.")
    with pytest.raises(DomainError):
        moten.narvaro_save(sammantrade=held, user=staff, rows=[])
    with pytest.raises(DomainError):
        moten.agenda_add_item(sammantrade=held, user=staff, typ="information", rubrik="Rättelse")
    item.refresh_from_db()
    assert item.beslut == "Avslag."


def test_a_protocol_with_an_undecided_item_cannot_be_sent_for_justering(held, staff):
    with pytest.raises(DomainError, match=r"Beslut saknas i § \d+"):
        moten.protokoll_skicka_for_justering(sammantrade=held, user=staff)


def test_only_chair_and_adjusters_may_adjust(held, staff, members, board_member, owner_a):
    moten.paragraf_besluta(paragraf=decision_item(held), user=staff, beslut="Avslag.", utfall="avslag")
    moten.protokoll_skicka_for_justering(sammantrade=held, user=staff)
    with pytest.raises(DomainError, match="ordförande och justerare"):
        moten.protokoll_justera(sammantrade=held, user=owner_a)


def test_a_paragraph_adjusted_at_once_is_immutable(held, staff, members):
    chair, other, _ = members
    item = decision_item(held)
    moten.paragraf_besluta(paragraf=item, user=staff, beslut="Avslag.")
    moten.paragraf_justera_omedelbart(paragraf=item, user=chair)
    moten.paragraf_justera_omedelbart(paragraf=item, user=other)
    with pytest.raises(DomainError, match="kan inte ändras: paragrafen är justerad omedelbart"):
        moten.paragraf_besluta(paragraf=item, user=staff, beslut="Annat")


def test_deadlines_are_computed(held, staff, members):
    assert held.justering_senast == RECENTLY + datetime.timedelta(days=14)
    moten.paragraf_besluta(paragraf=decision_item(held), user=staff, beslut="Avslag.", utfall="avslag")
    adjusted = adjust(held, staff, members)
    from django.utils import timezone

    today = timezone.localdate(adjusted.justerat_tid)
    assert adjusted.anslag_senast == today + datetime.timedelta(days=2)
    posted = moten.protokoll_ansla(sammantrade=adjusted, user=staff, uppsatt=today)
    assert posted.anslag_nedtas == today + datetime.timedelta(days=21)
    assert posted.anslag_tidigast_ned == posted.anslag_nedtas


def test_the_notice_cannot_go_up_before_justering(held, staff, members):
    moten.paragraf_besluta(paragraf=decision_item(held), user=staff, beslut="Avslag.", utfall="avslag")
    adjusted = adjust(held, staff, members)
    with pytest.raises(DomainError, match="före justeringen"):
        moten.protokoll_ansla(sammantrade=adjusted, user=staff, uppsatt=D(2026, 1, 1))


def test_attendance_is_prefilled_from_the_mandates(staff, styrelse, members):
    m = meeting(staff, styrelse, D(2026, 11, 20))
    assert set(Narvaro.objects.filter(sammantrade=m).values_list("grupp", flat=True)) == {"ledamot", "ersattare"}
    assert m.ordforande == members[0]


def test_a_mandate_that_ended_is_not_called(staff, styrelse, org_a):
    old = UserFactory(username="gammal")
    Uppdrag.objects.create(person=old, organ=styrelse, organisation=org_a, roll="ledamot", fran=D(2015, 4, 1), till=D(2019, 3, 31))
    m = meeting(staff, styrelse, D(2026, 11, 20))
    assert not Narvaro.objects.filter(sammantrade=m, person=old).exists()


def test_only_staff_plan_meetings(owner_a, styrelse):
    with pytest.raises(NotAllowed, match="kansli"):
        meeting(owner_a, styrelse, D(2026, 2, 6))


def test_a_meeting_needs_a_place_or_link(staff, styrelse):
    with pytest.raises(DomainError, match="plats eller länk"):
        moten.sammantrade_create(user=staff, organ=styrelse, datum=D(2026, 2, 6), tid_fran=T(13))




def test_an_agenda_change_based_on_an_old_version_is_refused_and_says_what_the_agenda_is_now(staff, styrelse):
    m = meeting(staff, styrelse, D(2026, 2, 6))
    opened = Sammantrade.objects.get(pk=m.pk).version
    moten.agenda_add_item(sammantrade=m, user=staff, typ="information", rubrik="Ekonomi", version=opened)
    before = numbers(m)
    with pytest.raises(moten.StaleAgenda, match="Dagordningen har ändrats .* § 4 Ekonomi"):
        moten.agenda_remove(paragraf=m.paragrafer.get(rubrik="Val av protokolljusterare"), user=staff, version=opened)
    assert numbers(m) == before


def test_the_agenda_form_keeps_the_input_when_someone_else_changed_the_agenda(staff, styrelse, client_for):
    m = meeting(staff, styrelse, D(2026, 2, 6))
    stale = m.version
    moten.agenda_add_item(sammantrade=m, user=staff, typ="information", rubrik="Någon annans punkt")
    response = client_for(staff).post(f"/sammantraden/{m.pk}/punkt/ny/",
                                      {"typ": "information", "rubrik": "Min punkt", "text": "Min text", "version": stale})
    html = response.content.decode()
    assert response.status_code == 400 and "Dagordningen har ändrats" in html
    assert 'value="Min punkt"' in html and "Min text" in html
    assert not Paragraf.objects.filter(rubrik="Min punkt").exists()
