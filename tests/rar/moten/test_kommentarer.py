"""Before signing, the chair and adjusters comment on each § of the draft protocol; the secretary answers or
changes the draft; the comments and answers are kept with the meeting and shown on its page."""

import pytest

from rar.errors import DomainError, NotAllowed
from rar.models import Notis, Protokollkommentar
from rar.moten import kommentarer
from rar.moten import services as moten
from tests.rar.moten.bodies import *  # noqa: F403
from tests.rar.moten.bodies import days_from_today, hold, plan


@pytest.fixture
def draft(staff, board, ready_case):
    """A held board meeting, its funding § decided, the protocol sent for justering (chair and Lena adjust)."""
    meeting = hold(plan(staff, board.styrelse, days_from_today(-2), cases=[ready_case]), staff, board.chair, board.member_b)
    moten.paragraf_besluta(paragraf=meeting.paragrafer.get(typ="beslut"), user=staff, beslut="Full finansiering beviljas.",
                           utfall="full")
    opening = meeting.paragrafer.get(rubrik="Mötets öppnande")
    moten.protokoll_skicka_for_justering(sammantrade=meeting, user=staff)
    meeting.refresh_from_db()
    return meeting, opening


def test_the_adjuster_comments_on_a_paragraph_and_staff_are_told(draft, board, staff):
    meeting, opening = draft
    comment = kommentarer.kommentar_skriv(paragraf=opening, user=board.member_b, text="Ordföranden hette Sven, inte Sune.")
    assert (comment.sammantrade, comment.paragraf, comment.forfattare) == (meeting, opening, board.member_b)
    assert Notis.objects.filter(mottagare=staff, handelse="protokollkommentar", url__contains=f"#paragraf-{opening.pk}").exists()


@pytest.mark.parametrize("who", ["sub_b", "owner"])
def test_only_the_chair_and_the_adjusters_comment(draft, board, owner_a, who):
    _, opening = draft
    with pytest.raises(NotAllowed, match="ordföranden och justerarna"):
        kommentarer.kommentar_skriv(paragraf=opening, user=owner_a if who == "owner" else board.sub_b, text="Synpunkt")
    assert not Protokollkommentar.objects.exists()


def test_an_empty_comment_is_refused(draft, board):
    with pytest.raises(DomainError, match="Skriv"):
        kommentarer.kommentar_skriv(paragraf=draft[1], user=board.chair, text="   ")


def test_no_comment_before_the_draft_is_sent_for_justering(staff, board):
    meeting = hold(plan(staff, board.styrelse, days_from_today(-2)), staff, board.chair, board.member_b)
    with pytest.raises(DomainError, match="skickat för justering"):
        kommentarer.kommentar_skriv(paragraf=meeting.paragrafer.first(), user=board.chair, text="För tidigt")


def test_from_the_chairs_signature_on_nothing_is_commented_or_changed(draft, board, staff):
    meeting, opening = draft
    comment = kommentarer.kommentar_skriv(paragraf=opening, user=board.member_b, text="Stavfel")
    moten.protokoll_justera(sammantrade=meeting, user=board.chair)
    assert kommentarer.draft_editable_in_justering(meeting) is False
    with pytest.raises(DomainError, match="signerat"):
        kommentarer.kommentar_skriv(paragraf=opening, user=board.member_b, text="Sent")
    with pytest.raises(DomainError, match="signerat"):
        kommentarer.paragraf_andra_utkast(paragraf=opening, user=staff, text="Ändrat sent", beslut=opening.beslut)
    with pytest.raises(DomainError, match="signerat"):
        kommentarer.kommentar_svara(kommentar=comment, user=staff, text="Sent svar")
    opening.refresh_from_db()
    assert opening.text != "Ändrat sent"


def test_the_secretary_answers_and_the_commenter_is_told(draft, board, staff):
    _, opening = draft
    comment = kommentarer.kommentar_skriv(paragraf=opening, user=board.member_b, text="Stämmer tiden?")
    answer = kommentarer.kommentar_svara(kommentar=comment, user=staff, text="Ja, mötet öppnades kl 9.")
    assert answer.svar_pa == comment and answer.paragraf == opening
    assert Notis.objects.filter(mottagare=board.member_b, handelse="protokollkommentar").exists()


def test_only_staff_answer(draft, board):
    comment = kommentarer.kommentar_skriv(paragraf=draft[1], user=board.member_b, text="Fråga")
    with pytest.raises(NotAllowed, match="kansli"):
        kommentarer.kommentar_svara(kommentar=comment, user=board.chair, text="Svar")


def test_the_secretary_changes_the_paragraph_in_the_draft_and_the_change_is_kept(draft, board, staff):
    meeting, opening = draft
    comment = kommentarer.kommentar_skriv(paragraf=opening, user=board.member_b, text="Ordföranden hette Sven.")
    changed = kommentarer.paragraf_andra_utkast(paragraf=opening, user=staff, text="Ordförande Sven hälsade välkommen.",
                                                beslut=opening.beslut, svar_pa=comment, svar="Rättat.")
    assert changed.text == "Ordförande Sven hälsade välkommen."
    last = changed.history.first()
    assert last.history_user == staff and last.text == changed.text
    answer = comment.svar.get()
    assert answer.forfattare == staff and "Rättat." in answer.text
    assert Notis.objects.filter(mottagare=board.chair, handelse="protokollkommentar").exists()


def test_an_executed_funding_decision_is_not_changed_in_the_draft(draft, staff):
    meeting, _ = draft
    funding = meeting.paragrafer.get(typ="beslut")
    with pytest.raises(DomainError, match="verkställt"):
        kommentarer.paragraf_andra_utkast(paragraf=funding, user=staff, text=funding.text, beslut="Avslag.")
    funding.refresh_from_db()
    assert funding.beslut == "Full finansiering beviljas."


def test_a_change_cannot_empty_a_paragraph(draft, staff):
    meeting, _ = draft
    item = meeting.paragrafer.get(rubrik="Val av protokolljusterare")
    with pytest.raises(DomainError, match="Skriv"):
        kommentarer.paragraf_andra_utkast(paragraf=item, user=staff, text="  ", beslut="")  # both empty


def test_comments_answers_and_changes_go_through_the_meeting_page(draft, board, staff, client_for):
    meeting, opening = draft
    adjuster = client_for(board.member_b)
    page = adjuster.get(meeting.get_absolute_url()).content.decode()
    assert "Synpunkter på protokollsutkastet" in page and f'action="/sammantraden/{meeting.pk}/synpunkter/"' in page
    adjuster.post(f"/sammantraden/{meeting.pk}/synpunkter/", {"paragraf": opening.pk, "text": "Fel tid i § 1."})
    comment = Protokollkommentar.objects.get()
    office = client_for(staff)
    page = office.get(meeting.get_absolute_url()).content.decode()
    assert "Fel tid i § 1." in page and f"/paragrafer/{opening.pk}/utkast/?kommentar={comment.pk}" in page
    form = office.get(f"/paragrafer/{opening.pk}/utkast/?kommentar={comment.pk}")
    assert form.status_code == 200
    office.post(f"/paragrafer/{opening.pk}/utkast/", {"text": "Mötet öppnades kl 9.05.", "beslut": opening.beslut,
                                                      "svar": "Tiden rättad.", "kommentar": comment.pk})
    opening.refresh_from_db()
    assert opening.text == "Mötet öppnades kl 9.05."
    page = client_for(board.chair).get(meeting.get_absolute_url()).content.decode()
    assert "Fel tid i § 1." in page and "Tiden rättad." in page


def test_a_bad_change_keeps_what_the_secretary_typed(draft, staff, client_for):
    meeting, _ = draft
    funding = meeting.paragrafer.get(typ="beslut")
    response = client_for(staff).post(f"/paragrafer/{funding.pk}/utkast/", {"text": "Mitt utkast", "beslut": "Avslag.",
                                                                             "svar": ""})
    page = response.content.decode()
    assert response.status_code == 400 and "Mitt utkast" in page and "verkställt" in page
    funding.refresh_from_db()
    assert funding.text != "Mitt utkast"


def test_comments_are_not_shown_to_others(draft, board, owner_a, client_for):
    meeting, opening = draft
    kommentarer.kommentar_skriv(paragraf=opening, user=board.member_b, text="Intern synpunkt")
    assert "Intern synpunkt" not in client_for(board.sub_b).get(meeting.get_absolute_url()).content.decode()


def test_the_admin_shows_comments_but_cannot_change_or_delete_them(draft, board, client_for):
    from rar.models import User

    comment = kommentarer.kommentar_skriv(paragraf=draft[1], user=board.member_b, text="Synpunkt i admin")
    admin_user = User.objects.create_superuser("admin_k", "admin@example.se", "losenord-123456")
    client = client_for(admin_user)
    assert client.get("/admin/rar/protokollkommentar/").status_code == 200
    assert client.post(f"/admin/rar/protokollkommentar/{comment.pk}/change/", {"text": "Ändrad"}).status_code == 403
    assert client.post(f"/admin/rar/protokollkommentar/{comment.pk}/delete/", {"post": "yes"}).status_code == 403
    comment.refresh_from_db()
    assert comment.text == "Synpunkt i admin"
