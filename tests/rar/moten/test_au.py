"""The working committee (arbetsutskottet, AU) as a body: its meetings, its recommendation as a § in its minutes,
and the one step from the AU to the board."""

import pytest

from insatser.models import Ansokan
from rar.errors import DomainError
from rar.moten import services as moten
from tests.pdf import pdf_text
from tests.rar.moten.bodies import *  # noqa: F403
from tests.rar.moten.bodies import adjust, days_from_today, hold, plan

PROPOSAL = "Arbetsutskottet föreslår att styrelsen beviljar full finansiering."


@pytest.fixture
def au_held(staff, board, case_at_au):
    """A held AU meeting with the case on its agenda."""
    meeting = hold(plan(staff, board.au, days_from_today(-3), cases=[case_at_au]), staff, board.chair, board.member_b)
    return meeting, meeting.paragrafer.get(typ="beslut")


@pytest.fixture
def recommended(staff, au_held):
    meeting, paragraph = au_held
    moten.paragraf_besluta(paragraf=paragraph, user=staff, beslut=PROPOSAL, utfall="tillstyrks")
    paragraph.refresh_from_db()
    return meeting, paragraph


def test_staff_no_longer_type_the_au_recommendation_on_the_application_page(staff, case_at_au, client_for):
    client = client_for(staff)
    page = client.get(case_at_au.get_absolute_url()).content.decode()
    assert "/steg/rekommendation/" not in page and "hos arbetsutskottet" in page.lower()
    response = client.post(f"/ansokningar/{case_at_au.pk}/steg/rekommendation/",
                           {"rekommendation": "tillstyrks", "motivering": "Skrivet av kansliet."})
    assert response.status_code == 404
    case_at_au.refresh_from_db()
    assert case_at_au.status == Ansokan.Status.HOS_AU and case_at_au.au_motivering == ""


def test_the_au_meeting_page_offers_the_cases_handed_to_the_committee(staff, board, case_at_au, client_for):
    meeting = plan(staff, board.au, days_from_today(5))
    page = client_for(staff).get(meeting.get_absolute_url()).content.decode()
    assert "Ärenden hos arbetsutskottet" in page and case_at_au.arende.diarienummer in page


def test_a_case_at_the_au_goes_on_the_au_agenda_but_not_on_the_boards(staff, board, case_at_au):
    [item] = moten.agenda_add_cases(sammantrade=plan(staff, board.au, days_from_today(5)), user=staff,
                                    arenden=[case_at_au.arende])
    assert item.typ == "beslut" and item.arende == case_at_au.arende and item.organ == board.au
    with pytest.raises(DomainError, match="inte klart för beslut"):
        moten.agenda_add_cases(sammantrade=plan(staff, board.styrelse, days_from_today(6)), user=staff,
                               arenden=[case_at_au.arende])


def test_the_au_decision_form_asks_for_a_recommendation_not_a_grant(staff, au_held, client_for):
    _, paragraph = au_held
    page = client_for(staff).get(f"/paragrafer/{paragraph.pk}/beslut/").content.decode()
    assert "Arbetsutskottets rekommendation" in page and "Tillstyrks" in page and "Avstyrks" in page
    assert "Full finansiering beviljas" not in page


def test_an_au_paragraph_cannot_grant_money(staff, au_held, case_at_au):
    _, paragraph = au_held
    with pytest.raises(DomainError, match="Arbetsutskottet"):
        moten.paragraf_besluta(paragraf=paragraph, user=staff, beslut="Full finansiering beviljas.", utfall="full")
    case_at_au.refresh_from_db()
    assert case_at_au.status == Ansokan.Status.HOS_AU


def test_the_decided_au_paragraph_makes_the_case_ready_for_the_board(recommended, case_at_au):
    case_at_au.refresh_from_db()
    assert case_at_au.status == Ansokan.Status.KLAR_FOR_STYRELSEN
    assert (case_at_au.au_rekommendation, case_at_au.au_motivering) == ("tillstyrks", PROPOSAL)


def test_the_board_paragraph_takes_the_au_proposal_and_links_the_au_paragraph(staff, board, recommended, case_at_au, client_for):
    au_meeting, au_paragraph = recommended
    meeting = plan(staff, board.styrelse, days_from_today(7), cases=[case_at_au])
    item = meeting.paragrafer.get(typ="beslut")
    assert (item.forslag, item.forslag_av) == (PROPOSAL, "Arbetsutskottet")
    page = client_for(staff).get(meeting.get_absolute_url()).content.decode()
    assert "Arbetsutskottets förslag" in page
    assert f'href="/sammantraden/{au_meeting.pk}/#paragraf-{au_paragraph.pk}"' in page
    au_page = client_for(staff).get(au_meeting.get_absolute_url()).content.decode()
    assert f'id="paragraf-{au_paragraph.pk}"' in au_page


def test_the_board_protocol_prints_the_au_proposal_with_its_paragraph(staff, board, recommended, case_at_au, client_for):
    au_meeting, au_paragraph = recommended
    meeting = hold(plan(staff, board.styrelse, days_from_today(-1), cases=[case_at_au]), staff, board.chair, board.member_b)
    moten.paragraf_besluta(paragraf=meeting.paragrafer.get(typ="beslut"), user=staff, beslut="Full finansiering beviljas.",
                           utfall="full")
    text = pdf_text(client_for(staff).get(f"/sammantraden/{meeting.pk}/protokoll/", {"format": "pdf"}).content)
    assert f"Arbetsutskottets förslag (Arbetsutskottet {au_meeting.datum:%Y-%m-%d} § {au_paragraph.nummer})" in text
    assert PROPOSAL in text


def test_the_decision_list_shows_the_au_proposal(staff, board, recommended, case_at_au, client_for):
    au_meeting, au_paragraph = recommended
    meeting = plan(staff, board.styrelse, days_from_today(7), cases=[case_at_au])
    moten.sammantrade_kalla(sammantrade=meeting, user=staff)
    page = client_for(board.member_b).get(f"/sammantraden/{meeting.pk}/beslutslista/").content.decode()
    assert "Arbetsutskottets förslag" in page and PROPOSAL in page
    assert f'href="/sammantraden/{au_meeting.pk}/#paragraf-{au_paragraph.pk}"' in page


def test_a_board_member_who_is_not_on_the_au_can_follow_the_link_to_the_au_meeting(staff, board, recommended, client_for):
    au_meeting, _ = recommended
    assert client_for(board.sub_b).get(au_meeting.get_absolute_url()).status_code == 200


def test_the_au_minutes_are_a_protocol_with_the_recommendation(staff, board, recommended, client_for):
    au_meeting, au_paragraph = recommended
    adjust(au_meeting, staff, board.chair, board.member_b)
    text = pdf_text(client_for(staff).get(f"/sammantraden/{au_meeting.pk}/protokoll/", {"format": "pdf"}).content)
    assert "PROTOKOLL" in text and "Arbetsutskottet" in text and f"§ {au_paragraph.nummer} " in text and PROPOSAL in text
    assert "Summa beviljade medel" not in text


def test_the_application_page_shows_the_au_recommendation_and_links_its_paragraph_once_the_owner_may_read_it(
        staff, board, recommended, case_at_au, owner_a, client_for):
    au_meeting, au_paragraph = recommended
    link = f'href="/sammantraden/{au_meeting.pk}/#paragraf-{au_paragraph.pk}"'
    client = client_for(owner_a)
    page = client.get(case_at_au.get_absolute_url()).content.decode()
    assert PROPOSAL in page and link not in page  # the AU minutes are not adjusted yet: the owner cannot open them
    adjust(au_meeting, staff, board.chair, board.member_b)
    assert link in client.get(case_at_au.get_absolute_url()).content.decode()
    assert client.get(au_meeting.get_absolute_url()).status_code == 200


def test_the_demo_board_meeting_takes_the_proposals_of_the_au_meeting_of_2020_09_04(demo_data, staff, client_for):
    from rar.models import Sammantrade

    committee = Sammantrade.objects.get(organ__typ="au", datum="2020-09-04")
    assert committee.status == Sammantrade.Status.ANSLAGET
    assert committee.paragrafer.filter(typ="beslut", utfall="tillstyrks").count() == 5
    slussen = Sammantrade.objects.get(organ__typ="styrelse", datum="2020-09-18").paragrafer.get(nummer=21)
    au_paragraph = committee.paragrafer.get(rubrik="SLUSSEN")
    text = pdf_text(client_for(staff).get(f"/paragrafer/{slussen.pk}/utdrag/").content)
    assert (f"Arbetsutskottets förslag (Arbetsutskottet 2020-09-04 § {au_paragraph.nummer}): Arbetsutskottet föreslår att "
            "styrelsen beviljar full finansiering, 4 047 000 kr.") in text


def test_the_to_do_list_of_an_au_member_names_the_committee_not_the_board(staff, board, case_at_au, client_for):
    meeting = plan(staff, board.au, days_from_today(5), cases=[case_at_au])
    moten.sammantrade_kalla(sammantrade=meeting, user=staff)
    page = client_for(board.member_b).get("/att-gora/").content.decode()
    assert "Ledamöterna i Arbetsutskottet" in page and f"/sammantraden/{meeting.pk}/beslutslista/" in page
