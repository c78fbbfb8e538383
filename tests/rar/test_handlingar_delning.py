"""Documents by need to know: a co-applicant (a party organisation that is not the owner) sees, and may
download, only the documents the owner or staff have shared with the parties."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from esf import services as esf_services
from rar import roles
from rar import services as rar_services
from rar.errors import DomainError, NotAllowed
from rar.models import Handling
from tests.factories import UserFactory, granted_insats

INTERNAL = "Region intern: lönelista projektledare"
SHARED = "Projektplan för parterna"


def pdf(name="fil.pdf"):
    return SimpleUploadedFile(name, b"%PDF-1.4\n%%EOF\n")


@pytest.fixture
def party(af):
    """A contact person of Arbetsförmedlingen, co-applicant (part) of the owner's insats."""
    return UserFactory(username="af_kontakt", first_name="Per", organisation=af, roles=[roles.INSATSAGARE])


@pytest.fixture
def insats(owner_a, staff, af):
    return granted_insats(owner_a, staff, af, years=((2027, 600_000),), beslutsdatum=datetime.date(2026, 11, 1))


@pytest.fixture
def documents(insats, owner_a):
    internal = rar_services.handling_add(arende=insats.arende, titel=INTERNAL, upload=pdf(), user=owner_a)
    shared = rar_services.handling_add(arende=insats.arende, titel=SHARED, upload=pdf(), user=owner_a)
    shared = rar_services.handling_set_shared(handling=shared, user=owner_a, delad=True)
    return internal, shared


def test_a_document_the_owner_uploads_is_not_shared_by_default(insats, owner_a):
    handling = rar_services.handling_add(arende=insats.arende, titel=INTERNAL, upload=pdf(), user=owner_a)
    assert handling.delad_med_parter is False


def test_a_co_applicant_sees_only_shared_documents_on_the_insats_page(documents, insats, party, client_for):
    page = client_for(party).get(insats.get_absolute_url()).content.decode()
    assert SHARED in page
    assert INTERNAL not in page


def test_a_co_applicant_sees_only_shared_documents_on_the_application_page(documents, insats, party, client_for):
    page = client_for(party).get(insats.ansokan.get_absolute_url()).content.decode()
    assert SHARED in page
    assert INTERNAL not in page


def test_the_owner_and_staff_see_every_document_of_the_case(documents, insats, owner_a, staff, client_for):
    for user in (owner_a, staff):
        page = client_for(user).get(insats.get_absolute_url()).content.decode()
        assert SHARED in page and INTERNAL in page


def test_a_co_applicant_downloads_a_shared_document_but_not_an_internal_one(documents, party, client_for):
    internal, shared = documents
    client = client_for(party)
    assert client.get(shared.get_absolute_url()).status_code == 200
    assert client.get(internal.get_absolute_url()).status_code == 404


def test_an_unshared_document_is_no_longer_listed_or_downloadable_for_the_parties(documents, insats, party, staff, client_for):
    _internal, shared = documents
    rar_services.handling_set_shared(handling=shared, user=staff, delad=False)
    client = client_for(party)
    assert SHARED not in client.get(insats.get_absolute_url()).content.decode()
    assert client.get(shared.get_absolute_url()).status_code == 404


def test_the_owner_shares_a_document_from_the_case_page_and_the_history_names_them(documents, owner_a, client_for):
    internal, _shared = documents
    url = reverse("handling_share", args=[internal.pk])
    response = client_for(owner_a).post(url, {"delad": "1", "next": internal.arende.get_absolute_url()})
    assert response.status_code == 302 and response["Location"] == internal.arende.get_absolute_url()
    internal.refresh_from_db()
    assert internal.delad_med_parter and internal.history.first().history_user == owner_a


def test_an_upload_may_be_shared_at_once(insats, owner_a, client_for):
    client_for(owner_a).post(reverse("handling_upload", args=[insats.arende_id]),
                             {"titel": SHARED, "fil": pdf(), "delad_med_parter": "on"})
    assert Handling.objects.get(titel=SHARED).delad_med_parter


def test_a_co_applicant_or_another_organisation_cannot_share_a_document(documents, party, owner_b, client_for):
    internal, shared = documents
    assert client_for(party).post(reverse("handling_share", args=[internal.pk]), {"delad": "1"}).status_code == 404
    assert client_for(party).post(reverse("handling_share", args=[shared.pk]), {"delad": "0"}).status_code == 403
    assert client_for(owner_b).post(reverse("handling_share", args=[internal.pk]), {"delad": "1"}).status_code == 404
    with pytest.raises(NotAllowed, match="Bara insatsägaren eller förbundets kansli"):
        rar_services.handling_set_shared(handling=shared, user=party, delad=False)
    assert [h.delad_med_parter for h in Handling.objects.order_by("pk")] == [False, True]


def test_a_partner_in_an_esf_project_sees_only_shared_documents(staff, org_a, af, owner_a, party, client_for):
    projekt = esf_services.projekt_create(user=staff, namn="Unga i arbete", roll="medfinansiar", agare=org_a, parter=[af],
                                          period_start=datetime.date(2026, 1, 1), period_slut=datetime.date(2027, 12, 31))
    rar_services.handling_add(arende=projekt.arende, titel=INTERNAL, upload=pdf(), user=owner_a)
    shared = rar_services.handling_add(arende=projekt.arende, titel=SHARED, upload=pdf(), user=staff)
    rar_services.handling_set_shared(handling=shared, user=staff, delad=True)
    page = client_for(party).get(projekt.get_absolute_url()).content.decode()
    assert SHARED in page and INTERNAL not in page
