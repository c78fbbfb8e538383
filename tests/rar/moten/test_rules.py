"""The meeting rules: each refusal with its Swedish message, the input kept on the page, and the allowed edge."""

import datetime

import pytest
from django.utils import timezone

from rar.errors import DomainError
from rar.models import Narvaro, Paragraf, Sammantrade
from rar.moten import services as moten
from rar.moten.signing import protokoll_importera_justering
from tests.pdf import pdf_text
from tests.rar.moten.conftest import attend, convene, days_ago, decide, plan, send_and_sign, snapshot

# --- Quorum: more than half of the seats take part ---------------------------------------------------


def test_a_decision_is_refused_when_half_or_fewer_take_part(staff, board):
    meeting, item = convene(staff, board, present=board.members[:2])  # 2 of 4
    before = snapshot(meeting)
    with pytest.raises(DomainError, match=r"inte beslutsför i § \d+: 2 av 4 ledamöter deltar; minst 3 måste delta"):
        decide(item, staff)
    assert snapshot(meeting) == before


def test_a_decision_is_allowed_when_exactly_half_plus_one_take_part(staff, board):
    meeting, item = convene(staff, board, present=board.members[:3])  # 3 of 4
    assert decide(item, staff).beslut == "Styrelsen antar verksamhetsplanen."


def test_members_with_jav_do_not_count_towards_the_quorum(staff, board):
    meeting, item = convene(staff, board, present=board.members[:3])
    with pytest.raises(DomainError, match="2 av 4 ledamöter deltar"):
        decide(item, staff, javiga=[board.members[2]])


def test_a_serving_substitute_counts_towards_the_quorum(staff, board):
    meeting, item = convene(staff, board, present=board.members[:2])
    attend(meeting, staff, board.members[:2], serving={board.substitutes["Vingåkers kommun"]: board.members[2]})
    assert decide(item, staff).beslut


def test_the_decision_page_refuses_without_quorum_and_keeps_the_text(staff, board, client_for):
    meeting, item = convene(staff, board, present=board.members[:2])
    response = client_for(staff).post(f"/paragrafer/{item.pk}/beslut/", {"beslut": "Min beslutstext som ska stå kvar."})
    html = response.content.decode()
    assert response.status_code == 400
    assert "inte beslutsför" in html and "Min beslutstext som ska stå kvar." in html
    assert Paragraf.objects.get(pk=item.pk).beslut == ""


# --- Votes: no more votes than those taking part ------------------------------------------------------

VOTE = {"ja_betyder": "bifall", "nej_betyder": "avslag", "rostlista": ""}


def test_more_votes_than_those_taking_part_are_refused(staff, board):
    meeting, item = convene(staff, board)
    with pytest.raises(DomainError, match=r"Rösterna \(3 ja, 2 nej, 0 avstår\) är fler än de 4 som deltar i beslutet i § \d+"):
        decide(item, staff, votering={"ja": 3, "nej": 2, "avstar": 0, **VOTE})


def test_votes_equal_to_those_taking_part_are_allowed(staff, board):
    meeting, item = convene(staff, board)
    decide(item, staff, votering={"ja": 2, "nej": 1, "avstar": 1, **VOTE})
    assert item.votering.ja == 2


def test_a_member_with_jav_has_no_vote(staff, board):
    meeting, item = convene(staff, board)
    with pytest.raises(DomainError, match="fler än de 3 som deltar"):
        decide(item, staff, javiga=[board.members[3]], votering={"ja": 2, "nej": 2, "avstar": 0, **VOTE})


def test_the_decision_page_refuses_20_yes_and_2_no_with_10_taking_part_and_keeps_the_input(staff, board, client_for):
    meeting, item = convene(staff, board)
    response = client_for(staff).post(f"/paragrafer/{item.pk}/beslut/", {
        "beslut": "Bifall.", "ja": "20", "nej": "2", "ja_betyder": "bifall", "nej_betyder": "avslag"})
    html = response.content.decode()
    assert response.status_code == 400 and "är fler än de 4 som deltar" in html
    assert 'value="20"' in html and "Bifall." in html


# --- Substitutes serve for their own organisation's absent member --------------------------------------


def test_a_substitute_cannot_serve_for_another_organisations_member(staff, board):
    meeting = plan(staff, board)
    trosa_substitute, vingaker_member = board.substitutes["Trosa kommun"], board.members[2]
    before = snapshot(meeting)
    with pytest.raises(DomainError, match=r"Anders Lund \(Trosa kommun\) kan inte tjänstgöra för Rolf Skog \(Vingåkers kommun\)"):
        attend(meeting, staff, board.members[:2], serving={trosa_substitute: vingaker_member})
    assert snapshot(meeting) == before


def test_a_substitute_serves_for_their_own_organisations_absent_member(staff, board):
    meeting = plan(staff, board)
    attend(meeting, staff, board.members[:2], serving={board.substitutes["Vingåkers kommun"]: board.members[2]})
    row = Narvaro.objects.get(sammantrade=meeting, person=board.substitutes["Vingåkers kommun"])
    assert row.tjanstgor_for == board.members[2] and row.tjanstgorande


def test_the_attendance_page_offers_a_substitute_only_their_own_organisations_members(staff, board, client_for):
    meeting = plan(staff, board)
    trosa_substitute, vingaker_member = board.substitutes["Trosa kommun"], board.members[2]
    response = client_for(staff).post(f"/sammantraden/{meeting.pk}/narvaro/", {
        f"narvarande_{trosa_substitute.pk}": "on", f"tjanstgor_for_{trosa_substitute.pk}": vingaker_member.pk,
        "ovriga_narvarande": "Ekonom, kansliet"})
    html = response.content.decode()
    assert response.status_code == 400
    assert "tjänstgör bara för en frånvarande ordinarie ledamot från sin egen organisation" in html
    assert "Ekonom, kansliet" in html
    assert not Narvaro.objects.filter(sammantrade=meeting, narvarande=True).exists()


# --- Dates: held on or after its day, justering within 14 days, anslag within 2, up 3 weeks ----------


def test_a_meeting_cannot_be_held_before_its_date(staff, board):
    next_week = timezone.localdate() + datetime.timedelta(days=7)
    meeting, item = convene(staff, board, day=next_week)
    with pytest.raises(DomainError, match=f"genomfört före sitt datum \\({next_week:%Y-%m-%d}\\)"):
        moten.sammantrade_genomfor(sammantrade=meeting, user=staff)
    with pytest.raises(DomainError, match="Beslut kan inte registreras före sammanträdets datum"):
        decide(item, staff)
    assert Sammantrade.objects.get(pk=meeting.pk).status == Sammantrade.Status.KALLAT


def test_a_meeting_can_be_held_on_its_day(staff, board):
    meeting, item = convene(staff, board, day=timezone.localdate())
    decide(item, staff)
    assert moten.sammantrade_genomfor(sammantrade=meeting, user=staff).status == Sammantrade.Status.GENOMFORT


def test_a_protocol_cannot_be_adjusted_before_the_meeting(staff, board):
    meeting, item = convene(staff, board, day=days_ago(3))
    decide(item, staff)
    moten.sammantrade_genomfor(sammantrade=meeting, user=staff)
    moten.protokoll_skicka_for_justering(sammantrade=meeting, user=staff)
    too_early = timezone.now() - datetime.timedelta(days=5)
    with pytest.raises(DomainError, match="kan inte justeras före sammanträdet"):
        protokoll_importera_justering(sammantrade=meeting, user=staff, signerat={board.chair: too_early, board.adjuster: too_early})


def _held_and_sent(staff, board, day):
    meeting, item = convene(staff, board, day=day)
    decide(item, staff)
    moten.sammantrade_genomfor(sammantrade=meeting, user=staff)
    moten.protokoll_skicka_for_justering(sammantrade=meeting, user=staff)
    moten.protokoll_justera(sammantrade=meeting, user=board.chair)
    return meeting


def test_a_justering_after_14_days_needs_a_recorded_reason(staff, board):
    meeting = _held_and_sent(staff, board, days_ago(15))
    with pytest.raises(DomainError, match=f"efter fristen \\(senast {days_ago(1):%Y-%m-%d}\\). Ange skälet"):
        moten.protokoll_justera(sammantrade=meeting, user=board.adjuster)
    adjusted = moten.protokoll_justera(sammantrade=meeting, user=board.adjuster, forsening="Justeraren var sjuk.")
    assert adjusted.status == Sammantrade.Status.JUSTERAT and adjusted.justering_forsening == "Justeraren var sjuk."


def test_a_justering_on_the_14th_day_needs_no_reason(staff, board):
    meeting = _held_and_sent(staff, board, days_ago(14))
    assert moten.protokoll_justera(sammantrade=meeting, user=board.adjuster).status == Sammantrade.Status.JUSTERAT


def test_the_signing_form_asks_for_the_reason_and_keeps_it(staff, board, client_for):
    meeting = _held_and_sent(staff, board, days_ago(20))
    client = client_for(board.adjuster)
    page = client.get(f"/sammantraden/{meeting.pk}/").content.decode()
    assert "Skäl till att protokollet justeras efter fristen" in page
    response = client.post(f"/sammantraden/{meeting.pk}/steg/justera/", {"forsening": "   "})
    assert response.status_code == 400 and "Ange skälet" in response.content.decode()
    client.post(f"/sammantraden/{meeting.pk}/steg/justera/", {"forsening": "Sammanträdet följdes av helgledighet."})
    meeting.refresh_from_db()
    assert meeting.status == Sammantrade.Status.JUSTERAT
    text = pdf_text(client.get(f"/sammantraden/{meeting.pk}/protokoll/", {"format": "pdf"}).content)
    assert "Sammanträdet följdes av helgledighet." in text


def _adjusted_days_ago(staff, board, days):
    meeting, item = convene(staff, board, day=days_ago(days + 2))
    decide(item, staff)
    moten.sammantrade_genomfor(sammantrade=meeting, user=staff)
    moten.protokoll_skicka_for_justering(sammantrade=meeting, user=staff)
    when = timezone.now() - datetime.timedelta(days=days)
    return protokoll_importera_justering(sammantrade=meeting, user=staff, signerat={board.chair: when, board.adjuster: when})


def test_an_anslag_more_than_2_days_after_justering_needs_a_reason(staff, board):
    meeting = _adjusted_days_ago(staff, board, 5)
    with pytest.raises(DomainError, match="mer än två dagar efter justeringen .* Ange skälet"):
        moten.protokoll_ansla(sammantrade=meeting, user=staff, uppsatt=timezone.localdate())
    posted = moten.protokoll_ansla(sammantrade=meeting, user=staff, uppsatt=timezone.localdate(), forsening="Kansliet var stängt.")
    assert posted.status == Sammantrade.Status.ANSLAGET and posted.anslag_forsening == "Kansliet var stängt."


def test_an_anslag_2_days_after_justering_needs_no_reason(staff, board):
    meeting = _adjusted_days_ago(staff, board, 2)
    assert moten.protokoll_ansla(sammantrade=meeting, user=staff, uppsatt=timezone.localdate()).status == Sammantrade.Status.ANSLAGET


def test_an_anslag_cannot_be_dated_in_the_future(staff, board):
    meeting = _adjusted_days_ago(staff, board, 1)
    with pytest.raises(DomainError, match="senare datum än i dag"):
        moten.protokoll_ansla(sammantrade=meeting, user=staff, uppsatt=timezone.localdate() + datetime.timedelta(days=1))


def test_an_anslag_cannot_come_down_before_three_weeks(staff, board):
    meeting = _adjusted_days_ago(staff, board, 1)
    today = timezone.localdate()
    with pytest.raises(DomainError, match=f"minst tre veckor: det kan tas ned tidigast {today + datetime.timedelta(weeks=3):%Y-%m-%d}"):
        moten.protokoll_ansla(sammantrade=meeting, user=staff, uppsatt=today, nedtas=today + datetime.timedelta(days=20))
    posted = moten.protokoll_ansla(sammantrade=meeting, user=staff, uppsatt=today, nedtas=today + datetime.timedelta(days=21))
    assert posted.anslag_nedtas == today + datetime.timedelta(weeks=3)


def test_the_anslag_form_refuses_a_late_anslag_and_keeps_the_dates(staff, board, client_for):
    meeting = _adjusted_days_ago(staff, board, 5)
    today = timezone.localdate()
    response = client_for(staff).post(f"/sammantraden/{meeting.pk}/steg/ansla/", {"uppsatt": f"{today:%Y-%m-%d}", "forsening": ""})
    html = response.content.decode()
    assert response.status_code == 400 and "Ange skälet till det sena anslaget" in html
    assert f'value="{today:%Y-%m-%d}"' in html
    assert Sammantrade.objects.get(pk=meeting.pk).status == Sammantrade.Status.JUSTERAT


# --- Immediate justering needs the chair's and an adjuster's signatures -----------------------------------


def test_the_secretary_alone_cannot_adjust_a_paragraph(staff, board, client_for):
    meeting, item = convene(staff, board)
    decide(item, staff)
    with pytest.raises(DomainError, match=r"Bara sammanträdets ordförande och justerare kan justera § \d+"):
        moten.paragraf_justera_omedelbart(paragraf=item, user=staff)
    text = pdf_text(client_for(staff).get(f"/paragrafer/{item.pk}/utdrag/").content)
    assert "Utdrag ur ej justerat protokoll." in text and "överensstämmer med det justerade" not in text


def test_a_paragraph_signed_by_the_chair_alone_is_not_yet_adjusted(staff, board, client_for):
    meeting, item = convene(staff, board)
    decide(item, staff)
    signed = moten.paragraf_justera_omedelbart(paragraf=item, user=board.chair)
    assert signed.omedelbart_justerad_tid is None
    text = pdf_text(client_for(staff).get(f"/paragrafer/{item.pk}/utdrag/").content)
    assert "Utdrag ur ej justerat protokoll." in text


def test_a_paragraph_signed_by_chair_and_adjuster_is_adjusted_and_certified(staff, board, client_for):
    meeting, item = convene(staff, board)
    decide(item, staff)
    client_for(board.chair).post(f"/paragrafer/{item.pk}/omedelbar-justering/")
    client_for(board.adjuster).post(f"/paragrafer/{item.pk}/omedelbar-justering/")
    assert Paragraf.objects.get(pk=item.pk).omedelbart_justerad_tid is not None
    text = pdf_text(client_for(staff).get(f"/paragrafer/{item.pk}/utdrag/").content)
    assert "Utdraget överensstämmer med det justerade protokollet." in text
    assert "Sven" in text and "Gunnel Justesson" in text and "justerades omedelbart" in text


# --- A protocol goes to justering only with a decision or text in every § -------------------------------


def test_a_protocol_with_empty_paragraphs_cannot_go_to_justering(staff, board):
    meeting, item = convene(staff, board)
    info = moten.agenda_add_item(sammantrade=meeting, user=staff, typ="information", rubrik="Information från förbundschefen")
    moten.sammantrade_genomfor(sammantrade=meeting, user=staff)
    before = snapshot(meeting)
    with pytest.raises(DomainError, match=f"Beslut saknas i § {item.nummer}. Text saknas i § {info.nummer}."):
        moten.protokoll_skicka_for_justering(sammantrade=meeting, user=staff)
    assert snapshot(meeting) == before


def test_standard_items_get_their_default_text_and_the_protocol_goes_to_justering(staff, board):
    meeting, item = convene(staff, board)
    decide(item, staff)
    sent = send_and_sign(meeting, staff)
    texts = dict(sent.paragrafer.filter(typ="standard").values_list("rubrik", "text"))
    assert sent.status == Sammantrade.Status.JUSTERING
    assert texts["Mötets öppnande"] == "Ordföranden förklarade mötet öppnat."
    assert texts["Val av protokolljusterare"] == "Gunnel Justesson valdes att jämte ordföranden justera protokollet."
