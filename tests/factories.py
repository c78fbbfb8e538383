"""Factories for test data. Money in whole kronor, never floats."""

import datetime

import factory
from django.contrib.auth.models import Group

from rar.models import Befolkning, Medlemsbidrag, Organisation, User


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation
        django_get_or_create = ["namn"]

    namn = factory.Sequence(lambda n: f"Testkommun {n}")
    typ = Organisation.Typ.KOMMUN
    lansdel = "ostra"
    aktiv_fran = datetime.date(2005, 1, 1)


class BefolkningFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Befolkning

    organisation = factory.SubFactory(OrganisationFactory)
    ar = 2021
    antal_16_64 = 10_000


class MedlemsbidragFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Medlemsbidrag
        django_get_or_create = ["ar"]

    ar = 2021
    totalt = 16_000_000


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ["username"]
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = "Test"
    last_name = factory.Sequence(lambda n: f"Person {n}")
    password = factory.django.Password("testlosen-123")

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        if create and extracted:
            self.groups.set([Group.objects.get_or_create(name=name)[0] for name in extracted])


def complete_application(owner, partner, *, titel="Unga på väg", years=((2027, 600_000), (2028, 400_000)), **overrides):
    """A draft application that passes every submit rule, built through the services as an owner would."""
    from insatser import services
    from insatser.models import Ansokan

    ansokan = services.ansokan_create(user=owner, titel=titel, typ=overrides.pop("typ", Ansokan.Typ.NY))
    fields = {
        "inriktning": "individ",
        "karaktar": "operativ",
        "malgrupp": "Unga vuxna 18–29 år med aktivitetsersättning",
        "prioriterade_grupper": ["unga_vuxna"],
        "bakgrund": "Många unga med aktivitetsersättning saknar samordnat stöd.",
        "syfte": "Att fler unga närmar sig arbete eller studier.",
        "metod": "Gemensamt team med coach från kommunen och handläggare från AF.",
        "implementering": "Socialnämnden beslutar 2028 om att teamet blir ordinarie verksamhet.",
        "lansovergripande": True,
        "langsiktig": True,
        "period_start": datetime.date(min(y for y, _ in years), 1, 1),
        "period_slut": datetime.date(max(y for y, _ in years), 12, 31),
        "planerade_deltagare": 40,
        "deltagaruppfoljning": "Steg-för-steg-modellen vid start, var tredje månad och vid avslut.",
        "utvarderingsplan": "FoUiS utvärderar processen och resultaten.",
    }
    fields.update(overrides)
    goals = [{"typ": "kvantitativt", "beskrivning": "Deltagare till arbete eller studier", "indikator": "Andel avslutade", "malvarde": "40 %"}]
    return services.ansokan_save(
        ansokan=ansokan, user=owner, version=ansokan.version, fields=fields, parter=[partner], mal=goals, budget=list(years)
    )


def application_ready_for_board(owner, staff, partner, **kwargs):
    from insatser import services

    ansokan = complete_application(owner, partner, **kwargs)
    ansokan = services.ansokan_submit(ansokan=ansokan, user=owner)
    ansokan = services.ansokan_start_review(ansokan=ansokan, user=staff)
    ansokan = services.ansokan_send_to_au(ansokan=ansokan, user=staff)
    return services.ansokan_au_recommend(ansokan=ansokan, user=staff, rekommendation="tillstyrks", motivering="Väl förankrad.")


def sign_agreement(insats, owner, staff):
    """Both parties accept the insats's agreement (the owner first), which schedules its status reports."""
    from insatser import services
    from insatser.models import Avtal

    avtal = Avtal.objects.get(insats=insats)
    services.avtal_sign(avtal=avtal, user=owner, part="agare")
    return services.avtal_sign(avtal=avtal, user=staff, part="forbund")


def granted_insats(owner, staff, partner, *, years=((2025, 500_000), (2026, 500_000)), beslutsdatum=None, beslutstext="",
                   **kwargs):
    """An insats granted in full by the board (its period covers `years`), built through the services."""
    from insatser import services
    from insatser.models import Insats
    from rar.case_handlers import Beslutsutfall

    ansokan = application_ready_for_board(owner, staff, partner, years=years, **kwargs)
    services.ansokan_decide(ansokan=ansokan, utfall=Beslutsutfall.FULL, belopp=None, beslutstext=beslutstext, user=staff,
                            beslutsdatum=beslutsdatum or datetime.date(min(y for y, _ in years) - 1, 12, 1))
    return Insats.objects.get(ansokan=ansokan)
