"""Förhinder: a member reports in the app that they cannot come; their own organisation's substitute is called at
once (notice and e-mail) and the attendance is prepared; withdrawing is allowed before the meeting."""

import pytest
from django.core import mail

from rar.errors import DomainError
from rar.models import Forhinder, Narvaro, Notis, Uppdrag
from rar.moten import forhinder
from rar.moten import services as moten
from tests.factories import OrganisationFactory, UserFactory
from tests.rar.moten.bodies import *  # noqa: F403
from tests.rar.moten.bodies import TERM, days_from_today, hold, plan


@pytest.fixture
def called(staff, board):
    meeting = plan(staff, board.styrelse, days_from_today(4))
    moten.sammantrade_kalla(sammantrade=meeting, user=staff)
    return meeting


def row(meeting, person):
    return Narvaro.objects.get(sammantrade=meeting, person=person)


def test_a_member_reports_forhinder_and_their_own_substitute_is_called(called, board, staff,
                                                                        django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        report = forhinder.forhinder_anmal(sammantrade=called, user=board.member_b)
    assert report.ersattare == board.sub_b
    assert Notis.objects.filter(mottagare=board.sub_b, handelse="ersattare_kallad", url=called.get_absolute_url()).exists()
    assert "erik@example.se" in [m.to[0] for m in mail.outbox]
    assert Notis.objects.filter(mottagare=staff, handelse="forhinder").exists()
    member, substitute, other = row(called, board.member_b), row(called, board.sub_b), row(called, board.sub_a)
    assert not member.narvarande
    assert substitute.narvarande and substitute.tjanstgor_for == board.member_b and substitute.tjanstgorande
    assert not other.narvarande and other.tjanstgor_for is None  # Nyköping's substitute is not Eskilstuna's


def test_no_substitute_of_another_organisation_is_called(called, board, staff, bodies):
    lonely = UserFactory(username="ensam", first_name="Elsa", roles=["Styrelse"])
    Uppdrag.objects.create(person=lonely, organ=bodies.styrelse, organisation=OrganisationFactory(namn="Trosa kommun"),
                           roll="ledamot", fran=TERM)
    meeting = plan(staff, bodies.styrelse, days_from_today(6))
    moten.sammantrade_kalla(sammantrade=meeting, user=staff)
    report = forhinder.forhinder_anmal(sammantrade=meeting, user=lonely)
    assert report.ersattare is None
    assert not Narvaro.objects.filter(sammantrade=meeting, tjanstgor_for__isnull=False).exists()
    notice = Notis.objects.get(mottagare=staff, handelse="forhinder")
    assert "ingen ersättare" in notice.text


def test_withdrawing_forhinder_before_the_meeting_releases_the_substitute(called, board,
                                                                        django_capture_on_commit_callbacks):
    forhinder.forhinder_anmal(sammantrade=called, user=board.member_b)
    with django_capture_on_commit_callbacks(execute=True):
        forhinder.forhinder_aterkalla(sammantrade=called, user=board.member_b)
    substitute = row(called, board.sub_b)
    assert not substitute.narvarande and substitute.tjanstgor_for is None
    report = Forhinder.objects.get(sammantrade=called, person=board.member_b)
    assert report.aterkallat is not None and report.history.count() == 2
    assert Notis.objects.filter(mottagare=board.sub_b, handelse="ersattare_kallad").count() == 2
    forhinder.forhinder_anmal(sammantrade=called, user=board.member_b)  # and may report again
    assert row(called, board.sub_b).tjanstgor_for == board.member_b


def test_forhinder_is_reported_once(called, board):
    forhinder.forhinder_anmal(sammantrade=called, user=board.member_b)
    with pytest.raises(DomainError, match="redan anmält förhinder"):
        forhinder.forhinder_anmal(sammantrade=called, user=board.member_b)


@pytest.mark.parametrize("who", ["sub_b", "owner"])
def test_only_an_ordinary_member_called_to_the_meeting_reports_forhinder(called, board, owner_a, who):
    user = owner_a if who == "owner" else board.sub_b
    with pytest.raises(DomainError, match="ordinarie ledamöter"):
        forhinder.forhinder_anmal(sammantrade=called, user=user)
    assert not Forhinder.objects.exists()


def test_forhinder_is_refused_once_the_meeting_is_held(staff, board):
    meeting = hold(plan(staff, board.styrelse, days_from_today(-1)), staff, board.chair, board.member_b)
    with pytest.raises(DomainError, match="före sammanträdet"):
        forhinder.forhinder_anmal(sammantrade=meeting, user=board.member_b)


def test_forhinder_is_refused_after_the_meeting_day(staff, board):
    meeting = plan(staff, board.styrelse, days_from_today(-2))
    moten.sammantrade_kalla(sammantrade=meeting, user=staff)
    with pytest.raises(DomainError, match="före sammanträdet"):
        forhinder.forhinder_anmal(sammantrade=meeting, user=board.member_b)


def test_a_member_reports_and_withdraws_forhinder_with_the_button_on_the_meeting_page(called, board, client_for):
    client = client_for(board.member_b)
    page = client.get(called.get_absolute_url()).content.decode()
    assert "Anmäl förhinder" in page
    response = client.post(f"/sammantraden/{called.pk}/forhinder/", follow=True)
    page = response.content.decode()
    assert "Ditt förhinder är anmält" in page and "Återkalla förhinder" in page and "Erik Ersson" in page
    assert row(called, board.sub_b).tjanstgor_for == board.member_b
    response = client.post(f"/sammantraden/{called.pk}/forhinder/aterkalla/", follow=True)
    assert "Förhindret är återkallat" in response.content.decode()
    assert row(called, board.sub_b).tjanstgor_for is None


def test_the_button_is_not_offered_to_those_who_cannot_report(called, board, staff, client_for):
    assert "Anmäl förhinder" not in client_for(staff).get(called.get_absolute_url()).content.decode()
    assert "Anmäl förhinder" not in client_for(board.sub_b).get(called.get_absolute_url()).content.decode()


def test_an_outsider_cannot_report_forhinder_by_url(called, owner_a, client_for):
    assert client_for(owner_a).post(f"/sammantraden/{called.pk}/forhinder/").status_code == 404
    assert not Forhinder.objects.exists()
