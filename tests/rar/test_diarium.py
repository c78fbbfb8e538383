import datetime
import threading

import pytest
from django.db import IntegrityError, connection, transaction

from rar import services
from rar.errors import DomainError, NotAllowed
from rar.models import Arende, Diarieserie


def register(user, titel="Ärende", date=datetime.date(2026, 3, 1), **kwargs):
    return services.arende_register(titel=titel, registrerad=date, user=user, **kwargs)


def test_first_case_of_a_year_gets_number_one_with_federation_prefix(staff):
    arende = register(staff)
    assert (arende.ar, arende.lopnummer, arende.diarienummer) == (2026, 1, "RAR 2026/1")


def test_numbers_follow_each_other_within_a_year(staff):
    numbers = [register(staff).diarienummer for _ in range(3)]
    assert numbers == ["RAR 2026/1", "RAR 2026/2", "RAR 2026/3"]


def test_a_new_year_starts_again_at_one(staff):
    register(staff, date=datetime.date(2025, 12, 31))
    register(staff, date=datetime.date(2025, 12, 31))
    assert register(staff, date=datetime.date(2026, 1, 1)).diarienummer == "RAR 2026/1"


def test_a_rolled_back_registration_leaves_no_gap(staff):
    register(staff)
    with pytest.raises(RuntimeError):
        with transaction.atomic():
            register(staff)
            raise RuntimeError("the caller's transaction fails after the number was taken")
    assert register(staff).diarienummer == "RAR 2026/2"


def test_database_refuses_a_duplicate_number(staff):
    arende = register(staff)
    with pytest.raises(IntegrityError), transaction.atomic():
        Arende.objects.create(
            ar=arende.ar, lopnummer=arende.lopnummer, diarienummer="RAR 2026/1b", titel="Dubblett"
        )


def test_only_staff_may_register_a_case(owner_a):
    with pytest.raises(NotAllowed, match="Bara förbundets kansli"):
        register(owner_a)


def test_a_case_needs_a_title(staff):
    with pytest.raises(DomainError, match="rubrik"):
        register(staff, titel="   ")


@pytest.mark.django_db(transaction=True)
def test_concurrent_registrations_get_unique_gap_free_numbers(django_user_model):
    from django.contrib.auth.models import Group

    from rar.roles import KANSLI

    user = django_user_model.objects.create_user("samtidig", password="x-12345678")
    user.groups.add(Group.objects.get_or_create(name=KANSLI)[0])
    threads_count, per_thread = 6, 5
    barrier = threading.Barrier(threads_count)
    errors = []

    def work():
        try:
            barrier.wait()
            for _ in range(per_thread):
                register(user, titel="Samtidigt")
        except Exception as error:  # pragma: no cover - reported below
            errors.append(error)
        finally:
            connection.close()  # each thread has its own database connection

    threads = [threading.Thread(target=work) for _ in range(threads_count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    numbers = sorted(Arende.objects.filter(ar=2026).values_list("lopnummer", flat=True))
    assert numbers == list(range(1, threads_count * per_thread + 1))
    assert Diarieserie.objects.get(ar=2026).senaste == threads_count * per_thread


@pytest.mark.django_db(transaction=True)
def test_a_second_registration_waits_for_the_first_transaction(django_user_model):
    """Prove the lock: while connection A holds the series row, B cannot take a number; after A commits, B gets A+1."""
    from django.contrib.auth.models import Group

    from rar.roles import KANSLI

    user = django_user_model.objects.create_user("lasande", password="x-12345678")
    user.groups.add(Group.objects.get_or_create(name=KANSLI)[0])
    register(user)  # the series row exists
    a_has_number = threading.Event()
    a_may_commit = threading.Event()
    results = {}

    def first():
        try:
            with transaction.atomic():
                results["a"] = register(user).lopnummer
                a_has_number.set()
                a_may_commit.wait(5)
        finally:
            connection.close()

    def second():
        try:
            a_has_number.wait(5)
            results["b"] = register(user).lopnummer
        finally:
            connection.close()

    thread_a, thread_b = threading.Thread(target=first), threading.Thread(target=second)
    thread_a.start()
    thread_b.start()
    thread_b.join(0.5)
    assert thread_b.is_alive(), "B must wait for A's lock"
    assert "b" not in results
    a_may_commit.set()
    thread_a.join()
    thread_b.join()
    assert (results["a"], results["b"]) == (2, 3)


def test_closing_a_closed_case_is_refused_in_swedish(staff):
    arende = register(staff)
    services.arende_set_status(arende=arende, status=Arende.Status.AVSLUTAT, user=staff)
    with pytest.raises(DomainError, match="Ärendet är redan avslutat."):
        services.arende_set_status(arende=arende, status=Arende.Status.AVSLUTAT, user=staff)
