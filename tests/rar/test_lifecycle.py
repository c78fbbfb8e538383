"""Every life cycle moves through rar.lifecycle: an illegal step is refused with its message and writes nothing, a
legal one writes an event with who and when, and the object's page shows its log the same way."""

import datetime

import pytest

from django.utils import timezone
from esf import services as esf_services
from insatser import services
from insatser.models import Ansokan, Lagesrapport, Rekvisition, Slutrapport
from rar import lifecycle
from rar.errors import DomainError, NotAllowed
from rar.moten import services as moten
from rar.moten.models import Sammantrade
from tests.factories import complete_application, granted_insats, sign_agreement
from tests.insatser.test_phases_and_final_report import final_report
from tests.insatser.test_reports import fill
from tests.rar.moten.bodies import bodies, plan  # noqa: F401 (fixture)

D = datetime.date


def steps(obj):
    return [(e.fran_status, e.till_status, e.anvandare.username) for e in lifecycle.events_for(obj)]


@pytest.fixture
def insats(owner_a, staff, af):
    return granted_insats(owner_a, staff, af, years=((2025, 500_000), (2026, 500_000)), beslutsdatum=D(2024, 12, 1))


def test_an_application_step_out_of_order_is_refused_and_a_legal_one_is_logged(owner_a, staff, af):
    ansokan = complete_application(owner_a, af)
    with pytest.raises(DomainError, match="Ansökan har status ”utkast” och kan inte gå till ”under beredning” nu."):
        services.ansokan_start_review(ansokan=ansokan, user=staff)
    services.ansokan_submit(ansokan=ansokan, user=owner_a)
    assert steps(ansokan) == [("", Ansokan.Status.UTKAST, "agare_a"), (Ansokan.Status.UTKAST, Ansokan.Status.INSKICKAD, "agare_a")]


def test_an_invoice_decision_out_of_order_is_refused_and_a_legal_one_is_logged(insats, owner_a, staff):
    rekvisition = services.rekvisition_submit(insats=insats, user=owner_a, period_start=D(2025, 1, 1),
                                              period_slut=D(2025, 6, 30), kostnader={"personal": 100_000})
    with pytest.raises(DomainError, match="Rekvisitionen är inskickad och kan inte bli betald."):
        services.rekvisition_pay(rekvisition=rekvisition, user=staff, betald_datum=timezone.localdate())
    services.rekvisition_approve(rekvisition=rekvisition, user=staff)
    S = Rekvisition.Status
    assert steps(rekvisition) == [("", S.INSKICKAD, "agare_a"), (S.INSKICKAD, S.GODKAND, "kansli")]


def test_a_status_report_review_before_it_is_handed_in_is_refused_and_handing_in_is_logged(insats, owner_a, staff):
    sign_agreement(insats, owner_a, staff)
    rapport = insats.lagesrapporter.order_by("period_start").first()
    with pytest.raises(DomainError, match="Bara en inlämnad lägesrapport kan granskas."):
        services.lagesrapport_review(rapport=rapport, user=staff, godkann=True)
    services.lagesrapport_submit(rapport=fill(rapport, owner_a), user=owner_a)
    S = Lagesrapport.Status
    assert steps(rapport) == [(S.EJ_INLAMNAD, S.INLAMNAD, "agare_a")]


def test_a_final_report_handed_in_twice_is_refused_and_its_approval_is_logged(insats, owner_a, staff):
    rapport = services.slutrapport_submit(rapport=final_report(insats, owner_a), user=owner_a)
    with pytest.raises(DomainError, match="Slutrapporten är redan inlämnad."):
        services.slutrapport_submit(rapport=rapport, user=owner_a)
    services.slutrapport_review(rapport=rapport, user=staff, godkann=True)
    S = Slutrapport.Status
    assert steps(rapport) == [(S.EJ_INLAMNAD, S.INLAMNAD, "agare_a"), (S.INLAMNAD, S.GODKAND, "kansli")]


def test_an_esf_step_out_of_order_is_refused_and_a_legal_one_is_logged(staff, org_a, af):
    projekt = esf_services.projekt_create(user=staff, namn="Unga i arbete", roll="medfinansiar", agare=org_a, parter=[af],
                                          period_start=D(2020, 1, 1), period_slut=D(2022, 12, 31))
    with pytest.raises(DomainError, match="Projektet har status ”idé” och kan inte gå till ”beviljad”."):
        esf_services.projekt_bevilja(projekt=projekt, user=staff)
    esf_services.projekt_skicka(projekt=projekt, user=staff)
    assert [e.till_status for e in lifecycle.events_for(projekt)] == ["ide", "inskickad"]


def test_a_meeting_held_before_it_was_called_is_refused_and_the_notice_is_logged(bodies, staff):  # noqa: F811
    meeting = plan(staff, bodies.styrelse, timezone.localdate())
    with pytest.raises(DomainError, match="Bara ett kallat sammanträde kan markeras som genomfört."):
        moten.sammantrade_genomfor(sammantrade=meeting, user=staff)
    moten.sammantrade_kalla(sammantrade=meeting, user=staff)
    S = Sammantrade.Status
    assert steps(meeting) == [("", S.PLANERAT, "kansli"), (S.PLANERAT, S.KALLAT, "kansli")]


def test_a_step_without_the_right_is_refused_with_not_allowed_and_logs_nothing(owner_a, board_member, af):
    ansokan = complete_application(owner_a, af)
    with pytest.raises(NotAllowed, match="Bara insatsägarens kontaktpersoner kan skicka in ansökan."):
        services.ansokan_submit(ansokan=ansokan, user=board_member)
    assert len(steps(ansokan)) == 1  # only its creation


def test_the_pages_of_an_application_an_invoice_and_a_meeting_show_their_log(client_for, insats, owner_a, staff, bodies):  # noqa: F811
    rekvisition = services.rekvisition_submit(insats=insats, user=owner_a, period_start=D(2025, 1, 1),
                                              period_slut=D(2025, 6, 30), kostnader={"personal": 100_000})
    meeting = plan(staff, bodies.styrelse, timezone.localdate())
    client = client_for(staff)
    for url, title in ((f"/ansokningar/{insats.ansokan_id}/", "Ärendets gång"),
                       (rekvisition.get_absolute_url(), "Rekvisitionens gång"),
                       (meeting.get_absolute_url(), "Sammanträdets gång")):
        html = client.get(url).content.decode()
        assert title in html and "Inga händelser ännu." not in html, url
