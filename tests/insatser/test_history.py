"""The audit trail of an application through its grant: goals, budget, money per year, insats and agreement."""

import datetime

from insatser import services
from insatser.models import Ansokan, Avtal, Beviljat, BudgetAr, Insats, Lagesrapport, Mal
from rar.case_handlers import Beslutsutfall
from tests.factories import application_ready_for_board, complete_application

D = datetime.date


def full_grant(owner, staff, partner):
    ansokan = application_ready_for_board(owner, staff, partner, years=((2027, 600_000), (2028, 400_000)))
    services.ansokan_decide(ansokan=ansokan, utfall=Beslutsutfall.FULL, belopp=None, beslutstext="Beviljas.",
                            user=staff, beslutsdatum=D(2026, 12, 1))
    return Ansokan.objects.get(pk=ansokan.pk), Insats.objects.get(ansokan=ansokan)


def trail(model, **filters):
    return sorted((r.history_type, r.history_user.username if r.history_user else None)
                  for r in model.history.filter(**filters))


def test_a_full_grant_leaves_history_for_the_money_per_year_with_the_deciding_user(owner_a, staff, af):
    _, insats = full_grant(owner_a, staff, af)
    assert trail(Beviljat, insats=insats) == [("+", "kansli"), ("+", "kansli")]
    assert sorted(Beviljat.history.filter(insats=insats).values_list("ar", "belopp")) == [(2027, 600_000), (2028, 400_000)]


def test_a_full_grant_leaves_history_for_the_goals_and_budget_written_by_the_owner(owner_a, staff, af):
    ansokan, _ = full_grant(owner_a, staff, af)
    assert trail(Mal, ansokan=ansokan) == [("+", "agare_a")]
    assert trail(BudgetAr, ansokan=ansokan) == [("+", "agare_a"), ("+", "agare_a")]


def test_the_insats_and_agreement_created_by_a_grant_carry_the_deciding_user(owner_a, staff, af):
    _, insats = full_grant(owner_a, staff, af)
    assert trail(Insats, id=insats.pk)[0] == ("+", "kansli")
    assert trail(Avtal, insats=insats) == [("+", "kansli")]


def test_saving_an_application_again_changes_only_the_goal_and_year_that_changed(owner_a, af):
    ansokan = complete_application(owner_a, af, years=((2027, 600_000), (2028, 400_000)))
    goal = ansokan.mal.get()
    goals = [{"typ": "kvantitativt", "beskrivning": goal.beskrivning, "indikator": "Andel av alla", "malvarde": "40 %"}]
    services.ansokan_save(ansokan=ansokan, user=owner_a, version=ansokan.version, fields={}, parter=[af], mal=goals,
                          budget=[(2027, 650_000), (2028, 400_000)])
    assert ansokan.mal.get().pk == goal.pk
    changed = Mal.history.filter(ansokan=ansokan, history_type="~").get()
    assert changed.diff_against(changed.prev_record).changed_fields == ["indikator"]
    assert sorted(BudgetAr.history.filter(ansokan=ansokan).values_list("history_type", "ar")) == [
        ("+", 2027), ("+", 2028), ("~", 2027)]


def test_a_removed_goal_and_year_leave_a_deletion_row_with_the_user(owner_a, af):
    ansokan = complete_application(owner_a, af, years=((2027, 600_000), (2028, 400_000)))
    services.ansokan_save(ansokan=ansokan, user=owner_a, version=ansokan.version, fields={}, parter=[af], mal=[],
                          budget=[(2027, 600_000)])
    assert trail(Mal, ansokan=ansokan, history_type="-") == [("-", "agare_a")]
    assert list(BudgetAr.history.filter(ansokan=ansokan, history_type="-").values_list("ar", flat=True)) == [2028]


def test_signing_an_agreement_leaves_history_for_each_scheduled_status_report(owner_a, staff, af):
    _, insats = full_grant(owner_a, staff, af)
    avtal = insats.avtal.get()
    services.avtal_sign(avtal=avtal, user=owner_a, part="agare")
    services.avtal_sign(avtal=avtal, user=staff, part="forbund")
    reports = Lagesrapport.objects.filter(insats=insats).count()
    assert reports > 0
    assert trail(Lagesrapport, insats=insats) == [("+", "kansli")] * reports


def test_no_history_row_of_a_case_from_application_to_final_report_lacks_its_user(owner_a, staff, staff2, af):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.utils import timezone

    from insatser.models import MalRapport, SlutMalResultat
    from tests.test_history_coverage import rows_without_a_user_since
    from uppfoljning import services as uppfoljning_services

    start = timezone.now()
    ansokan = application_ready_for_board(owner_a, staff, af, years=((2025, 500_000), (2026, 500_000)))
    services.ansokan_decide(ansokan=ansokan, utfall=Beslutsutfall.FULL, belopp=None, beslutstext="", user=staff,
                            beslutsdatum=D(2024, 12, 1))
    insats = Insats.objects.get(ansokan=ansokan)
    avtal = insats.avtal.get()
    services.avtal_sign(avtal=avtal, user=owner_a, part="agare")
    services.avtal_sign(avtal=avtal, user=staff, part="forbund")
    goal = services.report_goals(insats).get()
    rapport = insats.lagesrapporter.order_by("forfaller").first()
    rapport = services.lagesrapport_save(rapport=rapport, user=owner_a, version=rapport.version,
                                         fields={"inskrivna": 10, "avslutade": 3, "till_arbete_studier": 1, "kostnader": 250_000},
                                         malrapporter={goal.pk: {"status": "enligt_plan", "varde": "1", "kommentar": ""}})
    services.lagesrapport_review(rapport=services.lagesrapport_submit(rapport=rapport, user=owner_a), user=staff, godkann=True)
    services.send_report_reminders(today=D(2026, 12, 31))
    fas = services.fas_add(insats=insats, user=staff, belopp=500_000, mal="Team på plats")
    services.fas_confirm_goals(fas=fas, user=staff)
    invoice = services.rekvisition_submit(insats=insats, user=owner_a, period_start=D(2025, 1, 1), period_slut=D(2025, 6, 30),
                                          kostnader={"personal": 200_000}, fas=fas)
    invoice = services.rekvisition_approve(rekvisition=invoice, user=staff)
    services.rekvisition_pay(rekvisition=invoice, user=staff2, betald_datum=timezone.localdate())
    services.insats_close_year(insats=insats, user=staff, ar=2025, overfor=True, motivering="Sen start.")
    upload = SimpleUploadedFile("d.csv", b"referens;kon;aldersband;inskriven;forsorjning_start\nA-1;kvinna;20-24;2025-02;saknas\n")
    uppfoljning_services.deltagare_import_csv(insats=insats, user=owner_a, upload=upload)
    final = services.slutrapport_for(insats=insats, user=owner_a)
    final = services.slutrapport_save(rapport=final, user=owner_a, version=final.version, fields={
        "deltagare_totalt": 40, "avslutade_totalt": 30, "till_arbete_studier_totalt": 12, "utfall": "implementerad",
        "overtagen_av": "Socialnämnden", "lardomar": "Gemensamt team fungerar.", "total_kostnad": 980_000},
        malresultat={goal.pk: {"uppfyllelse": "uppnatt", "resultat": "40 % till arbete"}})
    services.slutrapport_review(rapport=services.slutrapport_submit(rapport=final, user=owner_a), user=staff, godkann=True)
    assert MalRapport.history.filter(history_user=owner_a).exists()
    assert SlutMalResultat.history.filter(history_user=owner_a).exists()
    assert rows_without_a_user_since(start) == {}
