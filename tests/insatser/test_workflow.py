import datetime

import pytest
from django.core import mail

from insatser import services
from insatser.models import Ansokan, Avtal, Beviljat, Insats
from rar import lifecycle
from rar import case_handlers
from rar.errors import DomainError, NotAllowed
from tests.factories import application_ready_for_board, complete_application

S = Ansokan.Status


def test_owner_creates_a_draft_registered_in_the_diarium(owner_a):
    ansokan = services.ansokan_create(user=owner_a, titel="Unga på väg")
    assert ansokan.status == S.UTKAST
    assert ansokan.arende.diarienummer.startswith("RAR ")
    assert ansokan.arende.organisation == owner_a.organisation
    assert ansokan.agare == owner_a.organisation and ansokan.kontaktperson == owner_a


def test_owner_cannot_apply_for_another_organisation(owner_a, org_b):
    with pytest.raises(NotAllowed, match="egen organisation"):
        services.ansokan_create(user=owner_a, titel="X", agare=org_b)


def test_board_member_cannot_create_an_application(board_member):
    with pytest.raises(NotAllowed, match="behörighet"):
        services.ansokan_create(user=board_member, titel="X")


def test_owner_submits_a_complete_application(owner_a, af):
    ansokan = services.ansokan_submit(ansokan=complete_application(owner_a, af), user=owner_a)
    assert ansokan.status == S.INSKICKAD and ansokan.inskickad is not None


def test_submit_notifies_staff_after_commit(owner_a, af, staff, django_capture_on_commit_callbacks):
    staff.email = "kansli@rar.example"
    staff.save()
    ansokan = complete_application(owner_a, af)
    with django_capture_on_commit_callbacks(execute=True):
        services.ansokan_submit(ansokan=ansokan, user=owner_a)
    assert [m.to for m in mail.outbox] == [["kansli@rar.example"]]
    assert "Ansökan inkommen" in mail.outbox[0].subject


def test_every_step_writes_a_history_row_with_the_user(owner_a, staff, af):
    ansokan = application_ready_for_board(owner_a, staff, af)
    steps = list(lifecycle.events_for(ansokan).values_list("till_status", "anvandare__username"))
    assert steps == [
        (S.UTKAST, "agare_a"), (S.INSKICKAD, "agare_a"), (S.UNDER_BEREDNING, "kansli"),
        (S.HOS_AU, "kansli"), (S.KLAR_FOR_STYRELSEN, "kansli"),
    ]


def test_staff_request_completion_and_owner_completes(owner_a, staff, af):
    ansokan = services.ansokan_submit(ansokan=complete_application(owner_a, af), user=owner_a)
    ansokan = services.ansokan_start_review(ansokan=ansokan, user=staff)
    ansokan = services.ansokan_request_completion(ansokan=ansokan, user=staff, kommentar="Skärp målen.")
    assert ansokan.status == S.KOMPLETTERING
    ansokan = services.ansokan_save(ansokan=ansokan, user=owner_a, version=ansokan.version, fields={"syfte": "Skärpt syfte"},
                                    parter=[af], mal=[{"typ": "kvantitativt", "beskrivning": "Till arbete", "indikator": "Antal", "malvarde": "15"}],
                                    budget=[(2027, 600_000)])
    ansokan = services.ansokan_submit_completion(ansokan=ansokan, user=owner_a)
    assert ansokan.status == S.UNDER_BEREDNING


def test_completion_request_needs_a_comment(owner_a, staff, af):
    ansokan = services.ansokan_submit(ansokan=complete_application(owner_a, af), user=owner_a)
    ansokan = services.ansokan_start_review(ansokan=ansokan, user=staff)
    with pytest.raises(DomainError, match="Skriv vad som ska kompletteras"):
        services.ansokan_request_completion(ansokan=ansokan, user=staff, kommentar=" ")


@pytest.mark.parametrize("persona", ["owner_a", "owner_b", "board_member", "evaluator", "reader"])
def test_only_staff_may_start_preparation(request, owner_a, af, persona):
    ansokan = services.ansokan_submit(ansokan=complete_application(owner_a, af), user=owner_a)
    with pytest.raises(NotAllowed, match="kansli"):
        services.ansokan_start_review(ansokan=ansokan, user=request.getfixturevalue(persona))


@pytest.mark.parametrize("persona", ["owner_a", "board_member", "reader"])
def test_only_staff_may_record_the_au_recommendation(request, owner_a, staff, af, persona):
    ansokan = services.ansokan_submit(ansokan=complete_application(owner_a, af), user=owner_a)
    ansokan = services.ansokan_send_to_au(ansokan=services.ansokan_start_review(ansokan=ansokan, user=staff), user=staff)
    with pytest.raises(NotAllowed):
        services.ansokan_au_recommend(ansokan=ansokan, user=request.getfixturevalue(persona), rekommendation="tillstyrks", motivering="x")


def test_owner_of_another_organisation_cannot_submit(owner_a, owner_b, af):
    with pytest.raises(NotAllowed, match="kontaktpersoner"):
        services.ansokan_submit(ansokan=complete_application(owner_a, af), user=owner_b)


def test_a_step_out_of_order_is_refused_with_the_current_status(owner_a, staff, af):
    ansokan = complete_application(owner_a, af)
    with pytest.raises(DomainError, match="Ansökan har status ”utkast” och kan inte gå till ”hos arbetsutskottet” nu"):
        services.ansokan_send_to_au(ansokan=ansokan, user=staff)


def test_au_recommendation_needs_a_reason(owner_a, staff, af):
    ansokan = services.ansokan_submit(ansokan=complete_application(owner_a, af), user=owner_a)
    ansokan = services.ansokan_send_to_au(ansokan=services.ansokan_start_review(ansokan=ansokan, user=staff), user=staff)
    with pytest.raises(DomainError, match="motivering"):
        services.ansokan_au_recommend(ansokan=ansokan, user=staff, rekommendation="avstyrks", motivering="")


def test_owner_cannot_edit_once_submitted(owner_a, af):
    ansokan = services.ansokan_submit(ansokan=complete_application(owner_a, af), user=owner_a)
    with pytest.raises(DomainError, match="”inskickad” och kan inte ändras av dig"):
        services.ansokan_save(ansokan=ansokan, user=owner_a, version=ansokan.version, fields={"syfte": "nytt"})


def decide(ansokan, staff, utfall, belopp=None):
    return case_handlers.apply_decision(
        arende=ansokan.arende, utfall=utfall, belopp=belopp, beslutstext="Beslut", user=staff,
        beslutsdatum=datetime.date(2026, 11, 20),
    )


def test_full_grant_through_the_registry_creates_the_insats_money_and_agreement(owner_a, staff, af):
    ansokan = decide(application_ready_for_board(owner_a, staff, af), staff, "full")
    assert ansokan.status == S.BEVILJAD and ansokan.beviljat_belopp == 1_000_000
    insats = Insats.objects.get(ansokan=ansokan)
    assert list(insats.parter.all()) == [af]
    assert list(Beviljat.objects.filter(insats=insats).values_list("ar", "belopp")) == [(2027, 600_000), (2028, 400_000)]
    assert Avtal.objects.get(ansokan=ansokan).period_slut == datetime.date(2028, 12, 31)


def test_partial_grant_splits_the_amount_over_the_years_exactly(owner_a, staff, af):
    ansokan = decide(application_ready_for_board(owner_a, staff, af), staff, "delvis", 500_001)
    rows = list(Beviljat.objects.filter(ansokan=ansokan).values_list("ar", "belopp"))
    assert rows == [(2027, 300_001), (2028, 200_000)] and sum(b for _, b in rows) == 500_001


def test_partial_grant_must_be_less_than_applied(owner_a, staff, af):
    with pytest.raises(DomainError, match="mellan 0 och 1000000 kr"):
        decide(application_ready_for_board(owner_a, staff, af), staff, "delvis", 1_000_000)


def test_rejection_creates_no_insats(owner_a, staff, af):
    ansokan = decide(application_ready_for_board(owner_a, staff, af), staff, "avslag")
    assert ansokan.status == S.AVSLAGEN and not Insats.objects.exists()


def test_sent_back_case_returns_to_preparation(owner_a, staff, af):
    ansokan = decide(application_ready_for_board(owner_a, staff, af), staff, "aterremiss")
    assert ansokan.status == S.ATERREMITTERAD
    assert services.ansokan_resume_review(ansokan=ansokan, user=staff).status == S.UNDER_BEREDNING


def test_a_case_not_ready_for_the_board_cannot_be_decided(owner_a, staff, af):
    ansokan = services.ansokan_submit(ansokan=complete_application(owner_a, af), user=owner_a)
    with pytest.raises(DomainError, match="”inskickad” och kan inte gå till ”beviljad”"):
        decide(ansokan, staff, "full")


def test_ready_cases_are_offered_to_the_board(owner_a, staff, af):
    ready = application_ready_for_board(owner_a, staff, af)
    complete_application(owner_a, af, titel="Ej klar")
    handler = case_handlers.handler_for("ansokan")
    assert handler.ready_for_board() == [ready.arende_id]
    summary = handler.summary(ready.arende)
    assert summary.belopp_sokt == 1_000_000 and summary.rekommendation.startswith("Tillstyrks")


def test_extension_lengthens_the_insats_and_adds_money(owner_a, staff, af):
    original = decide(application_ready_for_board(owner_a, staff, af), staff, "full")
    insats = Insats.objects.get(ansokan=original)
    ext = services.ansokan_create(user=owner_a, titel="Unga på väg, förlängning", typ="forlangning", insats=insats)
    assert ext.arende.typ == "forlangning" and ext.period_start == datetime.date(2029, 1, 1)
    ext = services.ansokan_save(
        ansokan=ext, user=owner_a, version=ext.version,
        fields={"period_slut": datetime.date(2029, 12, 31), "planerade_deltagare": 20},
        parter=[af], mal=[{"typ": "kvantitativt", "beskrivning": "Till arbete", "indikator": "Andel", "malvarde": "45 %"}],
        budget=[(2029, 300_000)],
    )
    ext = services.ansokan_au_recommend(
        ansokan=services.ansokan_send_to_au(
            ansokan=services.ansokan_start_review(ansokan=services.ansokan_submit(ansokan=ext, user=owner_a), user=staff),
            user=staff),
        user=staff, rekommendation="tillstyrks", motivering="Goda resultat.")
    decide(ext, staff, "full")
    insats.refresh_from_db()
    assert insats.period_slut == datetime.date(2029, 12, 31)
    assert sum(insats.beviljat.values_list("belopp", flat=True)) == 1_300_000
