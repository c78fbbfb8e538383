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
            self.groups.set([Group.objects.get(name=name) for name in extracted])
