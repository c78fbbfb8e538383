"""Only superusers manage users, roles, the staff and superuser flags and passwords: Kansli cannot escalate.

Kansli is staff with every model permission of the product's apps (as in the demo); the tests post the
admin's own forms, plus the fields a forged request would add."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from rar import roles
from tests.admin_forms import change_form
from tests.factories import UserFactory

ACCESS_FIELDS = {"is_superuser", "is_staff", "is_active", "groups", "user_permissions", "organisation", "username"}


@pytest.fixture
def chair(db):
    return UserFactory(username="ordforande", first_name="Sven", last_name="Styrelius", roles=[roles.STYRELSE])


def user_url(user, view="change"):
    if view == "password":
        return reverse("admin:auth_user_password_change", args=[user.pk])  # Django's fixed name for it
    return reverse(f"admin:rar_user_{view}", args=[user.pk])


@pytest.mark.parametrize("target", ["chair", "staff"])
def test_kansli_cannot_make_anyone_superuser_staff_or_give_roles_in_the_admin(target, chair, staff, client_for):
    user = {"chair": chair, "staff": staff}[target]
    client = client_for(staff)
    data, names = change_form(client, user_url(user))
    assert not names & ACCESS_FIELDS
    kansli = Group.objects.get(name=roles.KANSLI)
    data.update(is_superuser=["on"], is_staff=["on"], groups=[str(kansli.pk)],
                user_permissions=[str(Permission.objects.get(codename="change_user").pk)])
    client.post(user_url(user), data)
    user.refresh_from_db()
    assert not user.is_superuser
    assert user.is_staff == (target == "staff")
    assert not user.user_permissions.exists()
    assert list(user.groups.values_list("name", flat=True)) == [roles.STYRELSE if target == "chair" else roles.KANSLI]


def test_kansli_may_correct_a_persons_name_and_contact_details(chair, staff, client_for):
    client = client_for(staff)
    data, names = change_form(client, user_url(chair))
    assert {"first_name", "last_name", "email", "titel", "telefon"} <= names
    data["titel"], data["email"] = ["Ordförande"], ["sven@region.example"]
    assert client.post(user_url(chair), data).status_code == 302
    chair.refresh_from_db()
    assert (chair.titel, chair.email) == ("Ordförande", "sven@region.example")


def test_kansli_cannot_set_the_chairs_password_in_the_admin(chair, staff, client_for):
    client = client_for(staff)
    url = user_url(chair, "password")
    assert client.get(url).status_code == 403
    response = client.post(url, {"password1": "kansli-tog-over-1", "password2": "kansli-tog-over-1",
                                 "usable_password": "true"})
    assert response.status_code == 403
    chair.refresh_from_db()
    assert chair.check_password("testlosen-123") and not chair.check_password("kansli-tog-over-1")


def test_kansli_cannot_add_or_delete_users_in_the_admin(chair, staff, client_for):
    client = client_for(staff)
    assert client.get(reverse("admin:rar_user_add")).status_code == 403
    assert client.post(user_url(chair, "delete"), {"post": "yes"}).status_code == 403
    chair.refresh_from_db()


def test_kansli_cannot_change_a_role_in_the_admin_even_when_granted_group_permissions(staff, client_for):
    kansli = Group.objects.get(name=roles.KANSLI)
    kansli.permissions.add(*Permission.objects.filter(content_type__app_label="auth"))
    styrelse = Group.objects.get_or_create(name=roles.STYRELSE)[0]
    client = client_for(staff)
    url = reverse("admin:auth_group_change", args=[styrelse.pk])
    assert client.get(url).status_code == 200  # shown read-only
    assert client.post(url, {"name": "Styrelse", "permissions": [p.pk for p in Permission.objects.all()]}).status_code == 403
    assert client.get(reverse("admin:auth_group_add")).status_code == 403
    assert client.post(reverse("admin:auth_group_delete", args=[styrelse.pk]), {"post": "yes"}).status_code == 403
    assert not styrelse.permissions.exists()


def test_a_superuser_manages_flags_roles_and_passwords(chair, superuser, client_for):
    client = client_for(superuser)
    data, names = change_form(client, user_url(chair))
    assert {"is_superuser", "is_staff", "groups", "is_active"} <= names
    data["is_staff"] = ["on"]
    assert client.post(user_url(chair), data).status_code == 302
    assert client.post(user_url(chair, "password"), {"password1": "ny-stark-fras-42", "password2": "ny-stark-fras-42",
                                                            "usable_password": "true"}).status_code == 302
    chair.refresh_from_db()
    assert chair.is_staff and chair.check_password("ny-stark-fras-42")
