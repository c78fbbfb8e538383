"""Each submit rule with its Swedish message, and that a failed submit keeps everything typed."""

import datetime

import pytest

from insatser import services
from insatser.models import Ansokan
from tests.factories import complete_application


def messages_after(ansokan, **changes):
    for name, value in changes.items():
        setattr(ansokan, name, value)
    ansokan.save()
    return [message for _, message in services.validate_for_submit(ansokan)]


def test_a_complete_application_has_no_errors(owner_a, af):
    assert services.validate_for_submit(complete_application(owner_a, af)) == []


@pytest.mark.parametrize(
    "changes, message",
    [
        ({"syfte": ""}, "Beskriv insatsens syfte."),
        ({"malgrupp": ""}, "Beskriv målgruppen."),
        ({"inriktning": ""}, "Ange om insatsen är individinriktad eller strukturinriktad."),
        ({"karaktar": ""}, "Ange om insatsen är operativ eller strukturell."),
        ({"bakgrund": ""}, "Beskriv bakgrund och behov."),
        ({"metod": ""}, "Beskriv metoden."),
        ({"implementering": ""}, "Beskriv hur metoden ska bli ordinarie verksamhet (implementering)."),
        ({"utvarderingsplan": ""}, "Beskriv hur insatsen ska utvärderas."),
        ({"planerade_deltagare": None}, "Ange planerat antal deltagare."),
        ({"deltagaruppfoljning": ""}, "Beskriv hur deltagarnas utveckling ska följas."),
        ({"lansovergripande": False, "lansdelar": []}, "Ange om insatsen är länsövergripande eller vilka länsdelar den gäller."),
        ({"period_start": None}, "Ange periodens startdatum."),
        ({"period_slut": None}, "Ange periodens slutdatum."),
        ({"period_start": datetime.date(2028, 1, 1), "period_slut": datetime.date(2028, 12, 31)},
         "Budgetåret 2027 ligger utanför perioden 2028–2028."),
    ],
)
def test_each_submit_rule_has_its_message(owner_a, af, changes, message):
    assert message in messages_after(complete_application(owner_a, af), **changes)


def test_an_application_needs_a_co_applicant(owner_a, af):
    ansokan = complete_application(owner_a, af)
    ansokan.parter.clear()
    assert "En ansökan ska ha minst två parter: insatsägaren och minst en medsökande organisation." in messages_after(ansokan)


def test_the_owner_does_not_count_as_its_own_co_applicant(owner_a, org_a):
    ansokan = complete_application(owner_a, org_a)
    assert any("minst två parter" in m for m in messages_after(ansokan))


def test_an_application_needs_a_followable_goal(owner_a, af):
    ansokan = complete_application(owner_a, af)
    ansokan.mal.update(indikator="")
    found = messages_after(ansokan)
    assert "Mål 1 saknar indikator." in found
    assert "Ange minst ett mål som går att följa upp: typ, mål, indikator och målvärde." in found


def test_an_application_needs_a_budget(owner_a, af):
    ansokan = complete_application(owner_a, af)
    ansokan.budget.all().delete()
    assert "Ange sökt belopp för minst ett år." in messages_after(ansokan)


def test_a_zero_budget_year_is_refused(owner_a, af):
    ansokan = complete_application(owner_a, af, years=((2027, 0),))
    assert "Beloppet för 2027 ska vara större än 0 kr." in messages_after(ansokan)


def test_a_light_training_application_needs_places_but_no_goals(owner_a, af):
    ansokan = services.ansokan_create(user=owner_a, titel="Utbildning NPF", typ=Ansokan.Typ.KOMPETENS)
    ansokan = services.ansokan_save(
        ansokan=ansokan, user=owner_a, version=ansokan.version, parter=[af], budget=[(2027, 40_000)],
        fields={"syfte": "Kunskap om NPF", "malgrupp": "Handläggare", "period_start": datetime.date(2027, 3, 1),
                "period_slut": datetime.date(2027, 3, 31)},
    )
    assert [m for _, m in services.validate_for_submit(ansokan)] == ["Ange antal platser."]
    ansokan.antal_platser = 30
    ansokan.save()
    assert services.ansokan_submit(ansokan=ansokan, user=owner_a).status == Ansokan.Status.INSKICKAD


def test_a_failed_submit_keeps_the_draft_intact(owner_a, af):
    ansokan = complete_application(owner_a, af)
    ansokan = services.ansokan_save(ansokan=ansokan, user=owner_a, version=ansokan.version,
                                    fields={"metod": "", "syfte": "Mitt nya syfte"}, parter=[af],
                                    mal=[{"typ": "kvantitativt", "beskrivning": "Mål", "indikator": "I", "malvarde": "1"}],
                                    budget=[(2027, 600_000)])
    with pytest.raises(services.SubmitErrors):
        services.ansokan_submit(ansokan=ansokan, user=owner_a)
    ansokan.refresh_from_db()
    assert ansokan.status == Ansokan.Status.UTKAST
    assert ansokan.syfte == "Mitt nya syfte"
    assert list(ansokan.budget.values_list("ar", "belopp")) == [(2027, 600_000)]


def test_saving_on_an_old_version_is_refused_and_names_what_changed(owner_a, af):
    ansokan = complete_application(owner_a, af)
    old_version = ansokan.version
    services.ansokan_save(ansokan=ansokan, user=owner_a, version=old_version, fields={"syfte": "Ändrat av kollega"},
                          parter=[af], budget=[(2027, 1)])
    with pytest.raises(services.StaleVersion) as error:
        services.ansokan_save(ansokan=ansokan, user=owner_a, version=old_version, fields={"syfte": "Mitt"})
    assert "syfte" in error.value.message
    ansokan.refresh_from_db()
    assert ansokan.syfte == "Ändrat av kollega"
