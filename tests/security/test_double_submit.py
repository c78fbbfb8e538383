"""Double-submitting a create form creates one object; the second submission is led to the first one's page."""

import re
import uuid

from insatser.models import Ansokan
from rar.models import Arende, Formularkvitto


def key_from(html):
    return re.search(r'name="engangsnyckel" value="([0-9a-f-]{36})"', html).group(1)


def test_create_forms_carry_a_one_time_key(client_for, owner_a):
    html = client_for(owner_a).get("/ansokningar/ny/").content.decode()
    assert uuid.UUID(key_from(html))


def test_submitting_the_new_application_form_twice_creates_one_application(client_for, owner_a):
    client = client_for(owner_a)
    key = key_from(client.get("/ansokningar/ny/").content.decode())
    data = {"titel": "Jobbspåret", "typ": "ny", "engangsnyckel": key}
    first = client.post("/ansokningar/ny/", data)
    second = client.post("/ansokningar/ny/", data, follow=True)
    ansokan = Ansokan.objects.get(titel="Jobbspåret")
    assert Ansokan.objects.filter(titel="Jobbspåret").count() == 1
    assert first.status_code == 302 and second.redirect_chain[0][0] == ansokan.get_absolute_url()
    assert "Formuläret var redan skickat" in second.content.decode()


def test_submitting_a_case_registration_twice_registers_one_case(client_for, staff):
    client = client_for(staff)
    key = key_from(client.get("/diarium/nytt/").content.decode())
    data = {"typ": "ovrigt", "titel": "Skrivelse från revisorerna", "engangsnyckel": key}
    client.post("/diarium/nytt/", data)
    client.post("/diarium/nytt/", data)
    assert Arende.objects.filter(titel="Skrivelse från revisorerna").count() == 1


def test_a_refused_submission_frees_its_key_so_the_corrected_form_can_be_sent(client_for, owner_a):
    client = client_for(owner_a)
    key = str(uuid.uuid4())
    refused = client.post("/ansokningar/ny/", {"titel": "", "typ": "ny", "engangsnyckel": key})
    assert refused.status_code in (200, 400) and not Formularkvitto.objects.filter(nyckel=key).exists()
    assert f'value="{key}"' in refused.content.decode()  # the re-rendered form keeps its key
    client.post("/ansokningar/ny/", {"titel": "Rättad", "typ": "ny", "engangsnyckel": key})
    assert Ansokan.objects.filter(titel="Rättad").count() == 1


def test_another_users_key_does_not_lead_to_their_object(client_for, owner_a, owner_b):
    key = str(uuid.uuid4())
    client_for(owner_a).post("/ansokningar/ny/", {"titel": "A:s ansökan", "typ": "ny", "engangsnyckel": key})
    response = client_for(owner_b).post("/ansokningar/ny/", {"titel": "B:s ansökan", "typ": "ny", "engangsnyckel": key})
    assert response.status_code == 302 and "ansokningar/ny" in response["Location"]
    assert not Ansokan.objects.filter(titel="B:s ansökan").exists()
