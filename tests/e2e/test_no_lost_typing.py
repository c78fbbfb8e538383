"""No lost typing, in a real browser with the CSP on: the application form warns before it is left with unsaved
changes and saves itself as the owner types ("Sparat 14:32"); the attendance form ticks everyone at once."""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from insatser.models import Ansokan
from rar.moten.models import Narvaro

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_the_application_form_saves_itself_and_warns_before_unsaved_changes_are_left(demo, login, live_server):
    draft = Ansokan.objects.get(titel="Arbetsträning i samverkan")
    page = login("agare")
    violations = []
    page.on("console", lambda msg: violations.append(msg.text) if "Content Security Policy" in msg.text else None)
    page.goto(f"{live_server.url}/ansokningar/{draft.pk}/redigera/")
    page.get_by_label("Syfte").fill("Skrivet i webbläsaren och sparat av sig självt.")
    page.get_by_label("Målgrupp").click()  # leaving the field fires its change: the draft saves itself
    expect(page.locator("[data-autospara-status]")).to_have_text(re.compile(r"^Sparat \d\d:\d\d$"))
    assert Ansokan.objects.get(pk=draft.pk).syfte == "Skrivet i webbläsaren och sparat av sig självt."

    page.get_by_label("Målgrupp").fill("Text som inte hunnit sparas")
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.type), dialog.dismiss()))
    page.get_by_role("link", name="Till ansökan").click()
    page.wait_for_timeout(500)
    assert dialogs == ["beforeunload"] and page.url.endswith("/redigera/")
    assert violations == []


def test_saving_by_the_button_leaves_without_a_warning(demo, login, live_server):
    draft = Ansokan.objects.get(titel="Arbetsträning i samverkan")
    page = login("agare")
    page.goto(f"{live_server.url}/ansokningar/{draft.pk}/redigera/")
    page.get_by_label("Syfte").fill("Sparat med knappen.")
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.type), dialog.accept()))
    page.get_by_role("button", name="Spara utkast").click()
    expect(page.get_by_text("Utkastet är sparat.")).to_be_visible()
    assert dialogs == []


def test_attendance_is_ticked_for_everyone_at_once_and_then_the_exceptions(demo, login, live_server):
    from django.contrib.auth import get_user_model

    from rar.moten import services as moten
    from rar.moten.models import Organ

    staff = get_user_model().objects.get(username="kansli")
    meeting = moten.sammantrade_create(user=staff, organ=Organ.objects.get(typ=Organ.Typ.STYRELSE),
                                       datum=timezone.localdate(), tid_fran=datetime.time(9), plats="Katrineholm")
    assert Narvaro.objects.filter(sammantrade=meeting).count() > 2
    page = login("kansli")
    page.goto(f"{live_server.url}/sammantraden/{meeting.pk}/narvaro/")
    boxes = page.locator("input[type=checkbox][name^=narvarande_]")
    page.get_by_role("button", name="Alla närvarande").click()
    assert all(boxes.nth(i).is_checked() for i in range(boxes.count()))
    page.get_by_role("button", name="Ingen närvarande").click()
    assert not any(boxes.nth(i).is_checked() for i in range(boxes.count()))
    page.get_by_role("button", name="Alla närvarande").click()
    boxes.first.uncheck()
    called = boxes.count()
    page.get_by_role("button", name="Spara närvaro").click()
    page.wait_for_url(f"{live_server.url}/sammantraden/{meeting.pk}/")
    assert Narvaro.objects.filter(sammantrade=meeting, narvarande=True).count() == called - 1


def test_staff_see_what_the_autosave_changed_in_the_history(demo, login, live_server):
    draft = Ansokan.objects.get(titel="Arbetsträning i samverkan")
    page = login("agare")
    page.goto(f"{live_server.url}/ansokningar/{draft.pk}/redigera/")
    page.get_by_label("Syfte").fill("Ett nytt syfte")
    page.get_by_label("Målgrupp").click()
    expect(page.locator("[data-autospara-status]")).to_have_text(re.compile(r"^Sparat"))
    page = login("kansli")
    page.goto(f"{live_server.url}/ansokningar/{draft.pk}/")
    expect(page.get_by_text(re.compile(r"Syfte: .* → Ett nytt syfte")).first).to_be_visible()


def test_a_board_member_filters_the_unread_notices_and_marks_them_all_read(demo, login, live_server):
    from django.contrib.auth import get_user_model

    from rar.models import Handelse, Notis

    member = get_user_model().objects.get(username="styrelse")
    Notis.objects.create(mottagare=member, handelse=Handelse.KALLELSE, rubrik="Kallelse: provmöte")
    page = login("styrelse")
    page.goto(f"{live_server.url}/notiser/")
    page.get_by_role("link", name=re.compile("^Olästa")).click()
    expect(page.get_by_text("Kallelse: provmöte")).to_be_visible()
    page.get_by_role("button", name="Markera alla som lästa").click()
    expect(page.get_by_text("Alla notiser är markerade som lästa.")).to_be_visible()
    page.get_by_role("link", name=re.compile("^Olästa")).click()
    expect(page.get_by_text("Inga olästa notiser.")).to_be_visible()
