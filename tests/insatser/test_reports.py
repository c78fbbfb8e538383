import datetime

import pytest
from django.core import mail
from django.core.management import call_command

from insatser import services
from insatser.models import Avtal, Insats, Lagesrapport
from rar.case_handlers import Beslutsutfall
from rar.errors import DomainError, NotAllowed
from tests.factories import application_ready_for_board, sign_agreement


@pytest.fixture
def insats(owner_a, staff, af):
    owner_a.email = "anna@nykoping.example"
    owner_a.save()
    ansokan = application_ready_for_board(owner_a, staff, af, years=((2027, 600_000), (2028, 400_000)))
    services.ansokan_decide(ansokan=ansokan, utfall=Beslutsutfall.FULL, belopp=None, beslutstext="", user=staff,
                            beslutsdatum=datetime.date(2026, 11, 1))
    return Insats.objects.get(ansokan=ansokan)


@pytest.fixture
def signed(insats, owner_a, staff):
    sign_agreement(insats, owner_a, staff)
    return insats


def test_report_periods_follow_the_interval_and_end_with_the_period():
    periods = services.report_periods(datetime.date(2027, 1, 1), datetime.date(2028, 3, 31), 6)
    assert [(s.isoformat(), e.isoformat(), d.isoformat()) for s, e, d in periods] == [
        ("2027-01-01", "2027-06-30", "2027-07-30"),
        ("2027-07-01", "2027-12-31", "2028-01-30"),
        ("2028-01-01", "2028-03-31", "2028-04-30"),
    ]


def test_signing_by_both_parties_creates_the_report_schedule(signed):
    assert signed.lagesrapporter.count() == 4
    avtal = Avtal.objects.get(insats=signed)
    assert avtal.signerat and "Anna" in avtal.agare_signerad_av


def test_one_signature_creates_no_reports(insats, owner_a):
    services.avtal_sign(avtal=Avtal.objects.get(insats=insats), user=owner_a, part="agare")
    assert not insats.lagesrapporter.exists()


def test_owner_of_another_organisation_cannot_sign(insats, owner_b):
    with pytest.raises(NotAllowed, match="Bara insatsägaren"):
        services.avtal_sign(avtal=Avtal.objects.get(insats=insats), user=owner_b, part="agare")


def test_terms_are_frozen_once_a_party_signed(insats, owner_a, staff):
    avtal = services.avtal_sign(avtal=Avtal.objects.get(insats=insats), user=owner_a, part="agare")
    with pytest.raises(DomainError, match="redan godkänt"):
        services.avtal_update_terms(avtal=avtal, user=staff, rapportintervall_manader=3, villkor="Nya")


def fill(rapport, owner, **fields):
    goal = services.report_goals(rapport.insats).first()
    values = {"inskrivna": 10, "avslutade": 3, "till_arbete_studier": 1, "kostnader": 250_000} | fields
    return services.lagesrapport_save(rapport=rapport, user=owner, version=rapport.version, fields=values,
                                      malrapporter={goal.pk: {"status": "enligt_plan", "varde": "1", "kommentar": ""}})


def test_owner_files_a_report_and_staff_approve_it(signed, owner_a, staff):
    rapport = fill(signed.lagesrapporter.first(), owner_a)
    rapport = services.lagesrapport_submit(rapport=rapport, user=owner_a)
    assert rapport.status == Lagesrapport.Status.INLAMNAD and rapport.inlamnad_av == owner_a
    assert services.lagesrapport_review(rapport=rapport, user=staff, godkann=True).status == Lagesrapport.Status.GODKAND


def test_staff_ask_for_completion_with_a_comment(signed, owner_a, staff):
    rapport = services.lagesrapport_submit(rapport=fill(signed.lagesrapporter.first(), owner_a), user=owner_a)
    rapport = services.lagesrapport_review(rapport=rapport, user=staff, godkann=False, kommentar="Redovisa kostnaderna per post.")
    assert rapport.status == Lagesrapport.Status.KOMPLETTERING
    assert services.lagesrapport_submit(rapport=rapport, user=owner_a).status == Lagesrapport.Status.INLAMNAD


def test_a_report_without_participants_cannot_be_submitted(signed, owner_a):
    rapport = fill(signed.lagesrapporter.first(), owner_a, inskrivna=None)
    with pytest.raises(DomainError, match="Ange antal deltagare inskrivna under perioden"):
        services.lagesrapport_submit(rapport=rapport, user=owner_a)


def test_more_to_work_than_ended_is_refused(signed, owner_a):
    with pytest.raises(DomainError, match="kan inte vara fler än de avslutade"):
        fill(signed.lagesrapporter.first(), owner_a, avslutade=1, till_arbete_studier=2)


def test_owner_of_another_organisation_cannot_report(signed, owner_b):
    with pytest.raises(NotAllowed, match="får inte rapportera"):
        fill(signed.lagesrapporter.first(), owner_b)


def test_reminders_are_sent_once_before_due_and_once_when_overdue(signed):
    first = signed.lagesrapporter.order_by("forfaller").first()  # due 2027-07-30
    due = first.forfaller
    before = due - datetime.timedelta(days=10)
    assert services.send_report_reminders(today=before - datetime.timedelta(days=10)) == {"paminnelse": 0, "forsening": 0}
    with_callbacks = services.send_report_reminders(today=before)
    assert with_callbacks == {"paminnelse": 1, "forsening": 0}
    assert services.send_report_reminders(today=before + datetime.timedelta(days=1)) == {"paminnelse": 0, "forsening": 0}
    after = due + datetime.timedelta(days=1)
    assert services.send_report_reminders(today=after) == {"paminnelse": 0, "forsening": 1}
    assert services.send_report_reminders(today=after + datetime.timedelta(days=5)) == {"paminnelse": 0, "forsening": 0}


def test_reminder_mails_go_to_the_contact_person(signed, django_capture_on_commit_callbacks):
    due = signed.lagesrapporter.order_by("forfaller").first().forfaller
    with django_capture_on_commit_callbacks(execute=True):
        call_command("skicka_paminnelser", "--datum", (due - datetime.timedelta(days=3)).isoformat(), stdout=None)
    assert [m.to for m in mail.outbox] == [["anna@nykoping.example"]]
    assert "ska lämnas senast 2027-07-30" in mail.outbox[0].subject
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("skicka_paminnelser", "--datum", (due + datetime.timedelta(days=1)).isoformat(), stdout=None)
    assert len(mail.outbox) == 1 and "Försenad lägesrapport" in mail.outbox[0].subject


def test_a_submitted_report_gets_no_reminder(signed, owner_a):
    first = signed.lagesrapporter.order_by("forfaller").first()
    services.lagesrapport_submit(rapport=fill(first, owner_a), user=owner_a)
    assert services.send_report_reminders(today=first.forfaller + datetime.timedelta(days=2))["forsening"] == 0


@pytest.mark.parametrize("persona", ["board_member", "evaluator", "reader"])
def test_a_report_not_yet_handed_in_is_read_only_by_the_owner_and_staff(signed, owner_a, staff, client_for, persona, request):
    rapport = fill(signed.lagesrapporter.order_by("period_start").first(), owner_a, risker="Utkast: personalbrist")
    url = f"/lagesrapporter/{rapport.pk}/"
    assert client_for(request.getfixturevalue(persona)).get(url).status_code == 404
    assert client_for(owner_a).get(url).status_code == 200 and client_for(staff).get(url).status_code == 200
    services.lagesrapport_submit(rapport=rapport, user=owner_a)
    assert client_for(request.getfixturevalue(persona)).get(url).status_code == 200
