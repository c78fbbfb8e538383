import datetime

import pytest

from insatser import services
from insatser.models import Ansokan, Insats, Slutrapport
from rar.case_handlers import Beslutsutfall
from rar.errors import DomainError, NotAllowed
from tests.factories import application_ready_for_board


@pytest.fixture
def insats(owner_a, staff, af):
    ansokan = application_ready_for_board(owner_a, staff, af)
    services.ansokan_decide(ansokan=ansokan, utfall=Beslutsutfall.FULL, belopp=None, beslutstext="", user=staff,
                            beslutsdatum=datetime.date(2026, 11, 1))
    return Insats.objects.get(ansokan=ansokan)


def test_the_first_phase_is_released_at_once_the_next_waits(insats, staff):
    first = services.fas_add(insats=insats, user=staff, belopp=400_000, mal="Team på plats")
    second = services.fas_add(insats=insats, user=staff, belopp=600_000, mal="20 deltagare inskrivna")
    assert first.slappt and not second.slappt


def test_the_next_phase_is_released_only_when_the_previous_goals_are_confirmed(insats, staff):
    first = services.fas_add(insats=insats, user=staff, belopp=400_000, mal="Team på plats")
    second = services.fas_add(insats=insats, user=staff, belopp=600_000, mal="20 deltagare")
    with pytest.raises(DomainError, match="Fas 2 är inte släppt än: bekräfta först målen för fas 1"):
        services.fas_confirm_goals(fas=second, user=staff)
    services.fas_confirm_goals(fas=first, user=staff)
    second.refresh_from_db()
    assert second.slappt


def test_phases_cannot_exceed_the_grant(insats, staff):
    services.fas_add(insats=insats, user=staff, belopp=900_000, mal="Fas 1")
    with pytest.raises(DomainError, match="100000 kr återstår"):
        services.fas_add(insats=insats, user=staff, belopp=200_000, mal="Fas 2")


def test_only_staff_confirm_phase_goals(insats, staff, owner_a):
    fas = services.fas_add(insats=insats, user=staff, belopp=100_000, mal="Fas 1")
    with pytest.raises(NotAllowed, match="kansli"):
        services.fas_confirm_goals(fas=fas, user=owner_a)


def final_report(insats, owner, **fields):
    rapport = services.slutrapport_for(insats=insats, user=owner)
    goal = services.report_goals(insats).first()
    values = {"deltagare_totalt": 40, "avslutade_totalt": 30, "till_arbete_studier_totalt": 12, "utfall": "implementerad",
              "overtagen_av": "Socialnämnden, beslut 2028-11-12 § 88", "lardomar": "Gemensamt team fungerar.",
              "total_kostnad": 980_000} | fields
    return services.slutrapport_save(rapport=rapport, user=owner, version=rapport.version, fields=values,
                                     malresultat={goal.pk: {"uppfyllelse": "uppnatt", "resultat": "40 % till arbete"}})


def test_an_approved_final_report_ends_the_insats_as_implemented(insats, owner_a, staff):
    rapport = services.slutrapport_submit(rapport=final_report(insats, owner_a), user=owner_a)
    services.slutrapport_review(rapport=rapport, user=staff, godkann=True)
    insats.refresh_from_db()
    assert insats.status == Insats.Status.IMPLEMENTERAD


@pytest.mark.parametrize("utfall, status", [("avvecklad", Insats.Status.AVSLUTAD), ("avbruten", Insats.Status.AVBRUTEN)])
def test_a_wound_down_insats_ends_with_its_status(insats, owner_a, staff, utfall, status):
    rapport = final_report(insats, owner_a, utfall=utfall, overtagen_av="", avvecklad_varfor="Ingen huvudman tog över.")
    services.slutrapport_review(rapport=services.slutrapport_submit(rapport=rapport, user=owner_a), user=staff, godkann=True)
    insats.refresh_from_db()
    assert insats.status == status


def test_implementation_needs_who_takes_over(insats, owner_a):
    rapport = final_report(insats, owner_a, overtagen_av="")
    with pytest.raises(DomainError, match="Ange vem som tar över insatsen"):
        services.slutrapport_submit(rapport=rapport, user=owner_a)


def test_a_final_report_needs_a_result_for_every_goal(insats, owner_a):
    rapport = services.slutrapport_for(insats=insats, user=owner_a)
    rapport = services.slutrapport_save(rapport=rapport, user=owner_a, version=rapport.version,
                                        fields={"deltagare_totalt": 1, "avslutade_totalt": 1, "till_arbete_studier_totalt": 0,
                                                "utfall": "avvecklad", "avvecklad_varfor": "x", "lardomar": "y", "total_kostnad": 1},
                                        malresultat={})
    with pytest.raises(DomainError, match="Ange resultat för mål 1."):
        services.slutrapport_submit(rapport=rapport, user=owner_a)


def test_a_training_effort_reports_attendees_and_evaluation(owner_a, staff, af):
    ansokan = services.ansokan_create(user=owner_a, titel="Utbildning NPF", typ=Ansokan.Typ.KOMPETENS)
    ansokan = services.ansokan_save(
        ansokan=ansokan, user=owner_a, version=ansokan.version, parter=[af], budget=[(2027, 40_000)],
        fields={"syfte": "Kunskap om NPF", "malgrupp": "Handläggare", "antal_platser": 30,
                "period_start": datetime.date(2027, 3, 1), "period_slut": datetime.date(2027, 3, 31)},
    )
    ansokan = services.ansokan_submit(ansokan=ansokan, user=owner_a)
    ansokan = services.ansokan_send_to_au(ansokan=services.ansokan_start_review(ansokan=ansokan, user=staff), user=staff)
    ansokan = services.ansokan_au_recommend(ansokan=ansokan, user=staff, rekommendation="tillstyrks", motivering="Behov finns.")
    services.ansokan_decide(ansokan=ansokan, utfall="full", belopp=None, beslutstext="", user=staff, beslutsdatum=datetime.date(2026, 12, 1))
    insats = Insats.objects.get(ansokan=ansokan)
    assert insats.kompetenshojande and not insats.langsiktig
    rapport = services.slutrapport_for(insats=insats, user=owner_a)
    rapport = services.slutrapport_save(rapport=rapport, user=owner_a, version=rapport.version, malresultat={},
                                        fields={"deltagare_totalt": 27, "utvardering": "Mycket nöjda.", "total_kostnad": 38_000})
    services.slutrapport_review(rapport=services.slutrapport_submit(rapport=rapport, user=owner_a), user=staff, godkann=True)
    insats.refresh_from_db()
    assert insats.status == Insats.Status.AVSLUTAD
    assert Slutrapport.objects.get(insats=insats).deltagare_totalt == 27


def test_owner_starts_and_submits_the_final_report_in_the_browser(client_for, owner_a, insats):
    client = client_for(owner_a)
    assert client.post(f"/insatser/{insats.pk}/slutrapport/").status_code == 302
    rapport = Slutrapport.objects.get(insats=insats)
    goal = services.report_goals(insats).first()
    data = {"version": rapport.version, "deltagare_totalt": "40", "avslutade_totalt": "30", "till_arbete_studier_totalt": "12",
            "utfall": "implementerad", "overtagen_av": "Socialnämnden", "avvecklad_varfor": "", "lardomar": "Mycket",
            "total_kostnad": "990000", "mal-TOTAL_FORMS": 1, "mal-INITIAL_FORMS": 1, "mal-0-mal_id": goal.pk,
            "mal-0-uppfyllelse": "uppnatt", "mal-0-resultat": "Bra", "action": "skicka"}
    assert client.post(f"/insatser/{insats.pk}/slutrapport/", data).status_code == 302
    assert Slutrapport.objects.get(insats=insats).status == Slutrapport.Status.INLAMNAD


def test_staff_add_a_phase_and_edit_the_steering_group_in_the_browser(client_for, staff, insats):
    client = client_for(staff)
    assert client.post(f"/insatser/{insats.pk}/faser/ny/", {"belopp": "500000", "mal": "Rekrytering klar"}).status_code == 302
    assert client.post(f"/insatser/{insats.pk}/styrgrupp/", {"styrgrupp": "Eva Ek, Nyköpings kommun, ordförande"}).status_code == 302
    html = client.get(f"/insatser/{insats.pk}/").content.decode()
    assert "Rekrytering klar" in html and "Eva Ek, Nyköpings kommun, ordförande" in html
