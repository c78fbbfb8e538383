"""The top bar's search: a diarienummer exactly, words stemmed in Swedish, grouped by type, and only what the
user may see."""

from rar.models import Arende
from tests.factories import complete_application


def _groups(html):
    import re

    return re.findall(r'<h2 class="h4" id="grupp-\d+">([^<]+?) <span', html)


def test_a_diarienummer_finds_its_application_and_its_case(client_for, staff, owner_a, af):
    ansokan = complete_application(owner_a, af, titel="Unga på väg")
    dnr = ansokan.arende.diarienummer
    html = client_for(staff).get("/sok/", {"q": dnr}).content.decode()
    assert "Ansökningar" in _groups(html) and "Ärenden i diariet" in _groups(html)
    assert f"/ansokningar/{ansokan.pk}/" in html
    year, number = dnr.split()[-1].split("/")
    assert f"/ansokningar/{ansokan.pk}/" in client_for(staff).get("/sok/", {"q": f"{year}/{number}"}).content.decode()


def test_a_stemmed_swedish_word_finds_a_title(client_for, staff, owner_a, af):
    ansokan = complete_application(owner_a, af, titel="Stöd till ungdom i Nyköping")
    html = client_for(staff).get("/sok/", {"q": "ungdomar"}).content.decode()
    assert f"/ansokningar/{ansokan.pk}/" in html


def test_an_owner_finds_only_what_the_organisation_may_see(client_for, staff, owner_a, owner_b, af):
    own = complete_application(owner_a, af, titel="Arbete för unga vuxna")
    html_b = client_for(owner_b).get("/sok/", {"q": "unga vuxna"}).content.decode()
    assert f"/ansokningar/{own.pk}/" not in html_b and "Inga träffar" in html_b
    assert "/ansokningar/" not in client_for(owner_b).get("/sok/", {"q": own.arende.diarienummer}).content.decode().split("<main")[1]
    assert f"/ansokningar/{own.pk}/" in client_for(owner_a).get("/sok/", {"q": "unga vuxna"}).content.decode()


def test_organisations_are_found_by_name(client_for, staff, org_a):
    html = client_for(staff).get("/sok/", {"q": "Nyköpings"}).content.decode()
    assert "Organisationer" in _groups(html) and f"/medlemmar/{org_a.pk}/" in html


def test_the_top_bar_has_the_search_box_on_every_page(client_for, staff):
    html = client_for(staff).get("/").content.decode()
    assert 'role="search"' in html and 'action="/sok/"' in html and 'name="q"' in html


def test_an_empty_or_hostile_search_is_an_ordinary_page(client_for, staff):
    client = client_for(staff)
    for q in ("", "   ", "\"'&|!:*()", "a" * 500, "2026/", "RAR 9999/999999"):
        assert client.get("/sok/", {"q": q}).status_code == 200


def test_a_search_runs_a_bounded_number_of_queries(client_for, staff, owner_a, af, django_assert_max_num_queries):
    for n in range(12):
        Arende.objects.create(ar=2018, lopnummer=n + 1, diarienummer=f"RAR 2018/{n + 1}", titel=f"Remiss om ungdom {n}",
                              registrerad_av=staff)
    client = client_for(staff)
    client.get("/")
    with django_assert_max_num_queries(14):
        client.get("/sok/", {"q": "ungdom"})


def test_the_start_of_a_word_finds_the_title_as_the_list_filters_do(client_for, staff, owner_a, af):
    ansokan = complete_application(owner_a, af, titel="Arbetsträning i samverkan med Drivhuset")
    client = client_for(staff)
    for start in ("Drivhus", "samver", "Arbetsträn", "arbetsträning samv"):
        assert f"/ansokningar/{ansokan.pk}/" in client.get("/sok/", {"q": start}).content.decode(), start
    assert f"/ansokningar/{ansokan.pk}/" not in client.get("/sok/", {"q": "samver ungdom"}).content.decode()
