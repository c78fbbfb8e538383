"""No lost typing on the application form: it saves itself while the owner types, shows a completion request on top
until it is answered, and asks for a confirmation before the application is submitted."""

import re

import pytest

from insatser import services
from insatser.models import Ansokan
from insatser.views.ansokan_form import _edit_forms
from tests.factories import complete_application


def posted(ansokan, **overrides):
    """What the owner's browser posts for the form as it stands (every field, the formsets' management forms)."""
    data = {}
    form, goals, budget = _edit_forms(ansokan)
    for part in [form, goals, budget]:
        for sub in ([part.management_form, *part.forms] if hasattr(part, "management_form") else [part]):
            for field in sub:
                value = field.value()
                if isinstance(value, bool):
                    if value:
                        data[field.html_name] = "on"
                elif isinstance(value, (list, tuple)):
                    data[field.html_name] = [getattr(v, "pk", v) for v in value]
                elif value is not None:
                    data[field.html_name] = getattr(value, "pk", value)
    data.update(overrides)
    return data


@pytest.fixture
def draft(owner_a, af):
    return complete_application(owner_a, af)


def test_save_and_submit_leads_to_a_confirmation_and_submits_nothing_yet(client_for, owner_a, draft):
    response = client_for(owner_a).post(f"/ansokningar/{draft.pk}/redigera/", posted(draft, action="skicka"))
    assert response.status_code == 302 and response["Location"] == f"/ansokningar/{draft.pk}/skicka-in/"
    assert Ansokan.objects.get(pk=draft.pk).status == Ansokan.Status.UTKAST


def test_the_confirmation_shows_what_is_sent_and_its_button_submits(client_for, owner_a, draft):
    client = client_for(owner_a)
    html = client.get(f"/ansokningar/{draft.pk}/skicka-in/").content.decode()
    assert "Skicka in ansökan" in html and "Arbetsförmedlingen" in html and "600" in html
    response = client.post(f"/ansokningar/{draft.pk}/skicka-in/", follow=True)
    assert "Ansökan är inskickad till förbundets kansli." in response.content.decode()
    assert Ansokan.objects.get(pk=draft.pk).status == Ansokan.Status.INSKICKAD


def test_an_incomplete_application_gets_no_submit_button_on_the_confirmation(client_for, owner_a):
    ansokan = services.ansokan_create(user=owner_a, titel="Halvfärdig")
    html = client_for(owner_a).get(f"/ansokningar/{ansokan.pk}/skicka-in/").content.decode()
    assert "Det här saknas innan ansökan kan skickas in" in html and "Skicka in ansökan</button>" not in html


def test_the_draft_saves_itself_and_tells_the_time_and_new_version(client_for, owner_a, draft):
    response = client_for(owner_a).post(f"/ansokningar/{draft.pk}/autospara/", posted(draft, syfte="Skrivet nyss"))
    body = response.json()
    assert response.status_code == 200 and re.fullmatch(r"\d\d:\d\d", body["sparat"])
    saved = Ansokan.objects.get(pk=draft.pk)
    assert saved.syfte == "Skrivet nyss" and body["version"] == saved.version == draft.version + 1


def test_an_autosave_on_an_older_version_is_refused_and_says_why(client_for, owner_a, draft):
    client = client_for(owner_a)
    client.post(f"/ansokningar/{draft.pk}/autospara/", posted(draft, syfte="Först"))
    response = client.post(f"/ansokningar/{draft.pk}/autospara/", posted(draft, syfte="Sedan"))
    assert response.status_code == 409 and "Någon annan har sparat ändringar" in response.json()["fel"]
    assert Ansokan.objects.get(pk=draft.pk).syfte == "Först"


def test_an_autosave_with_a_bad_value_saves_nothing_and_says_so(client_for, owner_a, draft):
    response = client_for(owner_a).post(f"/ansokningar/{draft.pk}/autospara/", posted(draft, period_start="2027-13-45"))
    assert response.status_code == 400 and response.json()["fel"].startswith("Inte sparat automatiskt")
    assert Ansokan.objects.get(pk=draft.pk).version == draft.version


def test_another_organisation_cannot_autosave_an_application(client_for, owner_b, draft):
    assert client_for(owner_b).post(f"/ansokningar/{draft.pk}/autospara/", posted(draft)).status_code == 404


def test_the_completion_request_stands_on_top_of_the_owners_form_until_answered(client_for, owner_a, staff, draft):
    services.ansokan_submit(ansokan=draft, user=owner_a)
    services.ansokan_start_review(ansokan=draft, user=staff)
    services.ansokan_request_completion(ansokan=draft, user=staff, kommentar="Beskriv implementeringen närmare.")
    client = client_for(owner_a)
    html = client.get(f"/ansokningar/{draft.pk}/redigera/").content.decode()
    assert "Kansliet ber om komplettering" in html and "Beskriv implementeringen närmare." in html
    client.post(f"/ansokningar/{draft.pk}/skicka-in/")
    assert Ansokan.objects.get(pk=draft.pk).status == Ansokan.Status.UNDER_BEREDNING
    services.ansokan_request_completion(ansokan=draft, user=staff, kommentar="Och budgeten för 2028.")
    html = client.get(f"/ansokningar/{draft.pk}/redigera/").content.decode()
    assert "Och budgeten för 2028." in html and "Beskriv implementeringen närmare." not in html
