import datetime

from rar import demo, services
from rar.models import Arende, Organisation


def test_an_update_records_who_when_and_what_changed(client_for, staff, org_a):
    arende = services.arende_register(titel="Ärende", organisation=org_a, registrerad=datetime.date(2026, 1, 5), user=staff)
    client_for(staff).post(f"/diarium/{arende.pk}/status/avsluta/")
    latest = Arende.history.filter(id=arende.pk).order_by("-history_id").first()
    assert latest.history_type == "~"
    assert latest.history_user == staff
    assert latest.status == Arende.Status.AVSLUTAT
    delta = latest.diff_against(latest.prev_record)
    assert [(c.field, c.old, c.new) for c in delta.changes] == [("status", "oppet", "avslutat")]


def test_staff_see_the_history_on_the_case_page(client_for, staff, org_a):
    arende = services.arende_register(titel="Ärende", organisation=org_a, registrerad=datetime.date(2026, 1, 5), user=staff)
    services.arende_set_status(arende=arende, status=Arende.Status.AVSLUTAT, user=staff)
    html = client_for(staff).get(f"/diarium/{arende.pk}/").content.decode()
    assert "Historik" in html
    assert "Status</strong>: Öppet → Avslutat" in html


def test_owners_do_not_see_the_audit_trail(client_for, staff, owner_a, org_a):
    arende = services.arende_register(titel="Ärende", organisation=org_a, registrerad=datetime.date(2026, 1, 5), user=staff)
    html = client_for(owner_a).get(f"/diarium/{arende.pk}/").content.decode()
    assert "Historik" not in html


def test_an_organisation_change_is_recorded(staff, org_a):
    org_a.lansdel = "vastra"
    org_a._history_user = staff
    org_a.save()
    record = Organisation.history.filter(id=org_a.pk).latest("history_id")
    assert (record.lansdel, record.history_user) == ("vastra", staff)


def test_demodata_twice_changes_nothing(demo_data):
    from io import StringIO

    counts = (Organisation.history.count(), Organisation.objects.count())
    demo.load(StringIO())
    assert (Organisation.history.count(), Organisation.objects.count()) == counts == (12, 12)


def test_history_shows_labels_yes_no_and_party_names(owner_a, staff, org_b):
    from insatser import services as insats_services
    from rar.history import history_rows

    ansokan = insats_services.ansokan_create(user=owner_a, titel="Läsbar historik")
    insats_services.ansokan_save(ansokan=ansokan, user=owner_a, version=ansokan.version, parter=[org_b],
                                 fields={"inriktning": "individ", "langsiktig": False, "prioriterade_grupper": ["unga_vuxna"]})
    changes = {str(label): (old, new) for row in history_rows(ansokan) if row.action == "Ändrad"
               for label, old, new in row.changes}
    assert changes["inriktning"] == ("–", "Individinriktad")
    assert changes["långsiktig insats"] == ("Ja", "Nej")
    assert changes["medsökande parter"] == ("–", "Eskilstuna kommun")
    assert changes["prioriterade målgrupper"][1].startswith("Unga vuxna med psykisk")
