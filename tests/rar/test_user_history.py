"""Changes to users (roles, flags, organisation, password) are recorded; the password hash never is."""

from django.contrib.auth.models import Group

from rar import roles
from rar.models import User
from tests.factories import UserFactory


def test_a_change_to_a_users_flags_is_recorded_with_who_made_it(staff, owner_a):
    owner_a.is_superuser = True
    owner_a._history_user = staff
    owner_a.save()
    record = User.history.filter(id=owner_a.pk).latest("history_id")
    assert record.history_user == staff
    assert record.diff_against(record.prev_record).changed_fields == ["is_superuser"]


def test_a_change_of_roles_is_recorded(staff, owner_a):
    owner_a._history_user = staff
    owner_a.groups.add(Group.objects.get_or_create(name=roles.KANSLI)[0])
    record = User.history.filter(id=owner_a.pk).latest("history_id")
    assert sorted(g.group.name for g in record.groups.all()) == [roles.INSATSAGARE, roles.KANSLI]
    assert record.history_user == staff


def test_the_history_of_a_user_holds_neither_password_hash_nor_last_login():
    columns = {field.name for field in User.history.model._meta.fields}
    assert "password" not in columns and "last_login" not in columns


def test_a_password_reset_in_the_admin_is_recorded_with_who_did_it(client, db):
    admin = UserFactory(username="admin", is_staff=True, is_superuser=True)
    chair = UserFactory(username="ordforande")
    client.force_login(admin)
    response = client.post(f"/admin/rar/user/{chair.pk}/password/",
                           {"password1": "ett-nytt-losen-99", "password2": "ett-nytt-losen-99", "usable_password": "true"})
    assert response.status_code == 302
    record = User.history.filter(id=chair.pk).latest("history_id")
    assert (record.history_type, record.history_user, record.history_change_reason) == ("~", admin, "Lösenordet ändrat")


def test_logging_in_writes_no_history_row(client, owner_a):
    before = User.history.filter(id=owner_a.pk).count()
    response = client.post("/logga-in/", {"username": "agare_a", "password": "testlosen-123"})
    assert response.status_code == 302
    owner_a.refresh_from_db()
    assert owner_a.last_login is not None
    assert User.history.filter(id=owner_a.pk).count() == before
