"""The owner's decision notice goes out after justering, with a link to the extract; the application and insats
pages link to the extract once the paragraph is adjusted."""

import pytest
from django.core import mail

from insatser.models import Insats
from rar.models import Notis
from rar.moten import services as moten
from tests.rar.moten.bodies import *  # noqa: F403
from tests.rar.moten.bodies import adjust, days_from_today, hold, plan


@pytest.fixture
def decided(staff, board, ready_case, owner_a, django_capture_on_commit_callbacks):
    """A held board meeting that granted the ready case; the owner has an e-mail address."""
    owner_a.email = "anna@example.se"
    owner_a.save(update_fields=["email"])
    meeting = hold(plan(staff, board.styrelse, days_from_today(-1), cases=[ready_case]), staff, board.chair, board.member_b)
    paragraph = meeting.paragrafer.get(typ="beslut")
    with django_capture_on_commit_callbacks(execute=True):
        moten.paragraf_besluta(paragraf=paragraph, user=staff, beslut="Full finansiering beviljas.", utfall="full")
    return meeting, paragraph


def owner_notices(owner):
    return list(Notis.objects.filter(mottagare=owner, handelse="beslut_fattat"))


def test_the_owner_hears_nothing_of_a_decision_before_justering(decided, owner_a):
    assert owner_notices(owner_a) == []
    assert [m for m in mail.outbox if "anna@example.se" in m.to] == []


def test_after_justering_the_owner_is_told_with_a_link_to_the_extract(decided, staff, board, owner_a,
                                                                      django_capture_on_commit_callbacks):
    meeting, paragraph = decided
    with django_capture_on_commit_callbacks(execute=True):
        adjust(meeting, staff, board.chair, board.member_b)
    [notice] = owner_notices(owner_a)
    assert notice.url == f"/paragrafer/{paragraph.pk}/utdrag/"
    [sent] = [m for m in mail.outbox if m.to == ["anna@example.se"]]
    assert f"/paragrafer/{paragraph.pk}/utdrag/" in sent.body and "justerat" in sent.body


def test_a_paragraph_adjusted_at_once_tells_the_owner_at_once_and_only_once(decided, staff, board, owner_a,
                                                                            django_capture_on_commit_callbacks):
    meeting, paragraph = decided
    with django_capture_on_commit_callbacks(execute=True):
        moten.paragraf_justera_omedelbart(paragraf=paragraph, user=board.chair)
    assert owner_notices(owner_a) == []  # the chair alone does not adjust the §
    with django_capture_on_commit_callbacks(execute=True):
        moten.paragraf_justera_omedelbart(paragraf=paragraph, user=board.member_b)
    assert len(owner_notices(owner_a)) == 1
    with django_capture_on_commit_callbacks(execute=True):
        adjust(meeting, staff, board.chair, board.member_b)
    assert len(owner_notices(owner_a)) == 1


def test_the_owner_opens_the_extract_of_a_paragraph_adjusted_at_once(decided, board, owner_a, owner_b, client_for):
    _, paragraph = decided
    for signer in (board.chair, board.member_b):
        moten.paragraf_justera_omedelbart(paragraf=paragraph, user=signer)
    response = client_for(owner_a).get(f"/paragrafer/{paragraph.pk}/utdrag/")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"


def test_the_extract_of_a_paragraph_not_yet_adjusted_stays_closed_to_the_owner(decided, owner_a, client_for):
    _, paragraph = decided
    assert client_for(owner_a).get(f"/paragrafer/{paragraph.pk}/utdrag/").status_code == 404


def test_the_application_page_links_to_the_extract_only_once_the_paragraph_is_adjusted(decided, staff, board, owner_a,
                                                                                      ready_case, client_for):
    meeting, paragraph = decided
    link = f'href="/paragrafer/{paragraph.pk}/utdrag/"'
    client = client_for(owner_a)
    assert link not in client.get(ready_case.get_absolute_url()).content.decode()
    adjust(meeting, staff, board.chair, board.member_b)
    assert link in client.get(ready_case.get_absolute_url()).content.decode()


def test_the_insats_page_links_to_the_extract(decided, staff, board, owner_a, ready_case, client_for):
    meeting, paragraph = decided
    insats = Insats.objects.get(ansokan=ready_case)
    link = f'href="/paragrafer/{paragraph.pk}/utdrag/"'
    client = client_for(owner_a)
    assert link not in client.get(insats.get_absolute_url()).content.decode()
    adjust(meeting, staff, board.chair, board.member_b)
    page = client.get(insats.get_absolute_url()).content.decode()
    assert link in page and f"Protokollsutdrag § {paragraph.nummer}" in page
