"""Every link on every role's start page leads somewhere: with the demo data, none answers 404 or 500."""

from html.parser import HTMLParser

from django.contrib.auth import get_user_model
from django.utils import timezone

from tests.rar.moten.bodies import *  # noqa: F403
from tests.rar.moten.bodies import adjust, hold, plan

ROLES = ["kansli", "styrelse", "justerare", "agare", "agare2", "utvarderare", "lasare"]


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs = []

    def handle_starttag(self, tag, attrs):
        href = dict(attrs).get("href")
        if tag == "a" and href and href.startswith("/") and not href.startswith("//"):
            self.hrefs.append(href.split("#")[0])


def links_on(html: str) -> list[str]:
    parser = _Links()
    parser.feed(html)
    return sorted(set(parser.hrefs))


def test_no_link_on_any_role_start_page_answers_404_or_500(client, demo_data):
    broken = []
    for username in ROLES:
        client.force_login(get_user_model().objects.get(username=username))
        start = client.get("/")
        assert start.status_code == 200
        hrefs = links_on(start.content.decode())
        assert len(hrefs) > 5, (username, hrefs)
        broken += [(username, href, status) for href in hrefs if (status := client.get(href).status_code) in (404, 500)]
    assert broken == []


def test_an_owner_start_page_does_not_link_to_a_decision_list_they_cannot_open(client_for, staff, board, owner_a):
    """Observed on main: a meeting of today, held and adjusted, stood on the owner's start page with a decision-list
    link that answered 404."""
    meeting = hold(plan(staff, board.styrelse, timezone.localdate()), staff, board.chair, board.member_b)
    adjust(meeting, staff, board.chair, board.member_b)
    client = client_for(owner_a)
    page = client.get("/").content.decode()
    assert f"/sammantraden/{meeting.pk}/beslutslista/" not in page
    assert [(href, status) for href in links_on(page) if (status := client.get(href).status_code) in (404, 500)] == []
