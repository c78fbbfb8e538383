"""Pages for a logged-in user are never stored by a browser or a shared cache; the public catalogue may be."""

import pytest


@pytest.mark.parametrize("url", ["/", "/diarium/", "/budget/", "/notiser/", "/budget/?export=csv"])
def test_a_logged_in_page_may_not_be_stored(client_for, staff, url):
    response = client_for(staff).get(url)
    assert response.status_code == 200
    directives = {part.strip() for part in response["Cache-Control"].split(",")}
    assert {"private", "no-store"} <= directives


def test_an_htmx_request_of_a_logged_in_user_may_not_be_stored(client_for, staff):
    response = client_for(staff).get("/diarium/", HTTP_HX_REQUEST="true")
    assert {"private", "no-store"} <= {part.strip() for part in response["Cache-Control"].split(",")}


def test_a_refused_request_of_a_logged_in_user_may_not_be_stored_either(client_for, owner_a):
    response = client_for(owner_a).get("/budget/?ar=x")
    assert response.status_code in (400, 403, 404)
    assert "no-store" in response["Cache-Control"]


def test_the_public_catalogue_stays_cacheable_for_anonymous_visitors(client, db):
    response = client.get("/katalog/")
    assert response.status_code == 200
    assert "no-store" not in response.get("Cache-Control", "")
