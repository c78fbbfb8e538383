"""History on the pages says what changed: "field: before → after", with labels and the values users know."""

import datetime
import re

from django.db import connection
from django.test.utils import CaptureQueriesContext

from insatser import services
from insatser.models import Insats
from rar.case_handlers import Beslutsutfall
from tests.factories import application_ready_for_board, complete_application

D = datetime.date
NB = "\u00a0"


def history_table(html: str) -> list[tuple[str, str]]:
    """(event cell, changes cell) for each row of the page's history table."""
    section = html.split('id="historik-rubrik"', 1)[1].split("</section>", 1)[0]
    rows = re.findall(r"<tr>\s*<td>.*?</td>\s*<td>.*?</td>\s*<td>(.*?)</td>\s*<td>(.*?)</td>\s*</tr>", section, re.S)
    return [(re.sub(r"<[^>]+>", "", event).strip(), re.sub(r"<[^>]+>", "", changes).strip()) for event, changes in rows]


def granted(owner, staff, partner):
    ansokan = application_ready_for_board(owner, staff, partner, years=((2025, 500_000), (2026, 500_000)))
    services.ansokan_decide(ansokan=ansokan, utfall=Beslutsutfall.FULL, belopp=None, beslutstext="Beviljas.", user=staff,
                            beslutsdatum=D(2024, 12, 1))
    return Insats.objects.get(ansokan=ansokan)


def test_every_history_row_on_the_application_page_says_what_changed(client_for, owner_a, staff, af):
    insats = granted(owner_a, staff, af)
    rows = history_table(client_for(staff).get(f"/ansokningar/{insats.ansokan_id}/").content.decode())
    assert len(rows) > 5
    assert [row for row in rows if row[1] in ("", "–")] == []


def test_every_history_row_on_the_insats_page_says_what_changed(client_for, owner_a, staff, af):
    insats = granted(owner_a, staff, af)
    services.insats_publish(insats=insats, user=staff, publicerad=True)
    rows = history_table(client_for(staff).get(f"/insatser/{insats.pk}/").content.decode())
    assert ("Ändrad", f"Publicerad i insatskatalogen: Nej → Ja") in rows
    assert [row for row in rows if row[1] in ("", "–")] == []


def test_a_budget_change_shows_on_the_application_page_with_before_and_after_in_kronor(client_for, owner_a, staff, af):
    ansokan = complete_application(owner_a, af, years=((2027, 600_000), (2028, 400_000)))
    services.ansokan_save(ansokan=ansokan, user=owner_a, version=ansokan.version, fields={}, parter=[af],
                          mal=[{"typ": "kvantitativt", "beskrivning": "Fler i arbete", "indikator": "Andel", "malvarde": "40 %"}],
                          budget=[(2027, 650_000), (2028, 400_000)])
    rows = history_table(client_for(staff).get(f"/ansokningar/{ansokan.pk}/").content.decode())
    assert ("Ändrad: Budget 2027", f"Belopp (kr): 600{NB}000{NB}kr → 650{NB}000{NB}kr") in rows
    assert dict(rows)["Ändrad: Mål 1"] == "Mål: Deltagare till arbete eller studier → Fler i arbete" + "Indikator: Andel avslutade → Andel"


def test_an_invoice_decision_shows_on_the_insats_page_with_status_labels_and_the_deciders_name(client_for, owner_a, staff, af):
    insats = granted(owner_a, staff, af)
    rekvisition = services.rekvisition_submit(insats=insats, user=owner_a, period_start=D(2025, 1, 1),
                                              period_slut=D(2025, 6, 30), kostnader={"personal": 200_000})
    services.rekvisition_approve(rekvisition=rekvisition, user=staff)
    rows = dict(history_table(client_for(staff).get(f"/insatser/{insats.pk}/").content.decode()))
    changes = rows["Ändrad: Rekvisition 1"]
    assert "Status: Inskickad → Godkänd" in changes
    assert f"Beslutad av: – → {staff}" in changes
    assert f"Personalkostnader (kr): – → 200{NB}000{NB}kr" in rows["Skapad: Rekvisition 1"]


def test_a_created_row_lists_the_values_it_was_created_with(client_for, owner_a, staff, af):
    insats = granted(owner_a, staff, af)
    rows = dict(history_table(client_for(staff).get(f"/insatser/{insats.pk}/").content.decode()))
    assert "Insatsägare: – → Nyköpings kommun" in rows["Skapad"]
    assert "Långsiktig: – → Ja" in rows["Skapad"]
    assert f"Belopp (kr): – → 500{NB}000{NB}kr" in rows["Skapad: Beviljat 2025"]


def test_the_insats_page_runs_the_same_queries_for_a_short_and_a_long_history(client_for, owner_a, staff, af):
    insats = granted(owner_a, staff, af)
    client = client_for(staff)
    client.get("/")  # the session's first request writes its idle timestamp; the page's own queries are counted

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(f"/insatser/{insats.pk}/").status_code == 200
        return len(ctx.captured_queries)

    def invoice(month):
        rekvisition = services.rekvisition_submit(insats=insats, user=owner_a, period_start=D(2025, month, 1),
                                                  period_slut=D(2025, month, 28), kostnader={"personal": 1_000})
        services.rekvisition_approve(rekvisition=rekvisition, user=staff)

    invoice(1)
    few = count()
    for month in range(2, 13):
        invoice(month)
        services.insats_set_styrgrupp(insats=insats, user=staff, styrgrupp=f"Styrgrupp {month}")
    assert count() == few
