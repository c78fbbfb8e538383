"""Meeting pages and documents, on the demo meeting of 2020-09-18 and on hand-built meetings."""

import datetime
import re
from django.utils import timezone

import pytest
from django.contrib.auth import get_user_model

from insatser.models import Ansokan
from rar import case_handlers
from rar.models import Arende, Organ, Sammantrade, Uppdrag
from rar.moten import services as moten
from rar.moten.selectors import decision_list
from rar.services import arende_register
from tests.factories import UserFactory, application_ready_for_board
from tests.pdf import pdf_text

AMOUNTS = ["500 000 kr", "1 764 000 kr", "4 047 000 kr", "1 581 630 kr", "2 000 000 kr"]


@pytest.fixture
def demo_meeting(demo_data):
    return Sammantrade.objects.get(datum=datetime.date(2020, 9, 18))


def test_the_demo_meeting_has_paragraphs_11_to_24(demo_meeting):
    assert list(demo_meeting.paragrafer.order_by("ordning").values_list("nummer", flat=True)) == list(range(11, 25))
    assert demo_meeting.status == Sammantrade.Status.ANSLAGET


def test_the_demo_meeting_granted_the_five_applications(demo_meeting):
    granted = dict(Ansokan.objects.filter(beslutsdatum="2020-09-18").values_list("titel", "beviljat_belopp"))
    assert sorted(granted.values()) == sorted([500_000, 1_764_000, 4_047_000, 1_581_630, 2_000_000])


def test_the_protocol_pdf_holds_every_paragraph_the_five_amounts_and_the_total(client_for, staff, demo_meeting):
    response = client_for(staff).get(f"/sammantraden/{demo_meeting.pk}/protokoll/", {"format": "pdf"})
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    for number in range(11, 25):
        assert f"§ {number} " in text, number
    for amount in AMOUNTS:
        assert amount in text, amount
    assert "Summa beviljade medel vid sammanträdet: 9 892 630 kr" in text
    assert "Vid protokollet" in text and "Justeras" in text and "Flen, Skjortan" in text


def test_the_protocol_lists_attendance_as_the_seed_does(client_for, staff, demo_meeting):
    text = pdf_text(client_for(staff).get(f"/sammantraden/{demo_meeting.pk}/protokoll/", {"format": "pdf"}).content)
    assert "Amira Yasin, Försäkringskassan (via länk), tjänstgör för Gun Berg" in text
    assert "Sven Styrelius (ordförande), Region Sörmland" in text


def test_the_extract_of_paragraph_21_holds_only_paragraph_21(client_for, staff, demo_meeting):
    paragraph = demo_meeting.paragrafer.get(nummer=21)
    text = pdf_text(client_for(staff).get(f"/paragrafer/{paragraph.pk}/utdrag/").content)
    assert "PROTOKOLLSUTDRAG" in text and "§ 21 SLUSSEN" in text and "4 047 000 kr" in text
    assert not re.search(r"§ (1[1-9]|20|2[2-4]) ", text)
    assert "Beslutet expedieras till Nyköpings kommun Akten" in text
    assert "Utdraget överensstämmer med det justerade protokollet." in text


def test_the_notice_certificate_names_body_dates_and_place(client_for, staff, demo_meeting):
    text = pdf_text(client_for(staff).get(f"/sammantraden/{demo_meeting.pk}/anslagsbevis/").content)
    for expected in ["ANSLAGSBEVIS", "Förbundsstyrelsen", "2020-09-18", "2020-09-25", "2020-09-26", "2020-10-17",
                     "Förbundets kansli"]:
        assert expected in text, expected


def test_an_adjusted_protocol_is_readable_by_any_role(client_for, owner_a, demo_meeting):
    assert client_for(owner_a).get(f"/sammantraden/{demo_meeting.pk}/protokoll/").status_code == 200


@pytest.fixture
def planned(staff, board_member, org_a, owner_a, af):
    """A planned board meeting with one decision item; board_member sits on the board, another user on the AU."""
    styrelse = Organ.objects.create(namn="Förbundsstyrelsen", typ="styrelse")
    au = Organ.objects.create(namn="Arbetsutskottet", typ="au")
    Uppdrag.objects.create(person=board_member, organ=styrelse, organisation=org_a, roll="ledamot", presidium="ordforande",
                           fran=datetime.date(2019, 4, 1))
    au_member = UserFactory(username="au_ledamot", roles=["Styrelse"])
    Uppdrag.objects.create(person=au_member, organ=au, organisation=org_a, roll="ledamot", fran=datetime.date(2019, 4, 1))
    ansokan = application_ready_for_board(owner_a, staff, af)
    meeting = moten.sammantrade_create(user=staff, organ=styrelse, datum=timezone.localdate() - datetime.timedelta(days=3),
                                       tid_fran=datetime.time(9), plats="Nyköping")
    moten.agenda_add_cases(sammantrade=meeting, user=staff, arenden=[ansokan.arende])
    return meeting, au_member


def test_the_decision_list_is_hidden_before_the_notice_and_from_other_bodies(client_for, board_member, planned, staff):
    meeting, au_member = planned
    url = f"/sammantraden/{meeting.pk}/beslutslista/"
    assert client_for(board_member).get(url).status_code == 404
    moten.sammantrade_kalla(sammantrade=meeting, user=staff)
    assert client_for(board_member).get(url).status_code == 200
    assert client_for(au_member).get(url).status_code == 404


def test_the_decision_list_shows_owner_parties_amount_recommendation_and_rule_checks(client_for, board_member, planned, staff):
    meeting, _ = planned
    moten.sammantrade_kalla(sammantrade=meeting, user=staff)
    html = client_for(board_member).get(f"/sammantraden/{meeting.pk}/beslutslista/").content.decode().replace("\u00a0", " ").replace("\u202f", " ")
    for expected in ["Unga på väg", "Insatsägare: Nyköpings kommun", "Arbetsförmedlingen", "Sökt belopp: 1 000 000 kr",
                     "Tillstyrks", "Minst två parter", "Fördelning 75/25"]:
        assert expected in html, expected
    pdf = client_for(board_member).get(f"/sammantraden/{meeting.pk}/beslutslista/", {"format": "pdf"})
    assert "KALLELSE OCH BESLUTSLISTA" in pdf_text(pdf.content)


def test_a_decision_on_a_case_without_a_handler_stands_in_the_decision_list_with_its_own_text(client_for, board_member,
                                                                                           planned, staff):
    meeting, _ = planned
    arende = arende_register(titel="Årsredovisning 2025", typ=Arende.Typ.EKONOMI, user=staff)
    moten.agenda_add_item(sammantrade=meeting, user=staff, typ="beslut", rubrik="Årsredovisning 2025", arende=arende,
                          text="Kansliet föreslår att styrelsen godkänner årsredovisningen.")
    moten.sammantrade_kalla(sammantrade=meeting, user=staff)
    response = client_for(board_member).get(f"/sammantraden/{meeting.pk}/beslutslista/")
    assert response.status_code == 200
    assert "Kansliet föreslår att styrelsen godkänner årsredovisningen." in response.content.decode()


def test_a_failing_case_summary_is_not_hidden_in_the_decision_list(planned, monkeypatch):
    meeting, _ = planned

    def broken(arende):
        raise RuntimeError("sammanfattningen föll")

    monkeypatch.setattr(case_handlers.handler_for(Arende.Typ.ANSOKAN), "summary", broken)
    with pytest.raises(RuntimeError, match="sammanfattningen föll"):
        decision_list(meeting)


def held_with_decision(meeting, staff, board_member, **decision):
    """Held with three ordinary members present: the chair, the adjuster Jonna and Tove."""
    from rar.models import Narvaro

    other = UserFactory(username="justerare_x", first_name="Jonna", last_name="Just")
    third = UserFactory(username="ledamot_t", first_name="Tove", last_name="Tredje")
    for person in (other, third):
        Uppdrag.objects.create(person=person, organ=meeting.organ, roll="ledamot", fran=datetime.date(2019, 4, 1))
        Narvaro.objects.create(sammantrade=meeting, person=person, grupp="ledamot")
    moten.sammantrade_kalla(sammantrade=meeting, user=staff)
    moten.narvaro_save(sammantrade=meeting, user=staff, rows=[{"person_id": p.pk, "narvarande": True}
                                                               for p in (board_member, other, third)])
    moten.sammantrade_set_officers(sammantrade=meeting, user=staff, sekreterare=staff, ordforande=board_member, justerare=[other])
    moten.sammantrade_genomfor(sammantrade=meeting, user=staff)
    paragraph = meeting.paragrafer.get(typ="beslut")
    moten.paragraf_besluta(paragraf=paragraph, user=staff, **decision)
    return paragraph, other


def test_a_vote_a_reservation_and_jav_are_printed(client_for, staff, board_member, planned):
    meeting, _ = planned
    paragraph, other = held_with_decision(
        meeting, staff, board_member, beslut="Avslag.", utfall="avslag", forslag="Bifall", forslag_av="Arbetsutskottet",
        yrkanden=[("Jonna Just", "avslag")], proposition="Ordföranden ställde bifall mot avslag och fann att avslag vunnit.",
        votering={"ja": 1, "nej": 1, "avstar": 0, "ja_betyder": "bifall", "nej_betyder": "avslag", "rostlista": ""},
        reservationer=[("Test Person", "insatsen behövs")], javiga=[board_member],
    )
    text = pdf_text(client_for(staff).get(f"/sammantraden/{meeting.pk}/protokoll/", {"format": "pdf"}).content)
    assert "Jonna Just yrkar: avslag" in text
    assert "Votering: Ja-röst för bifall, nej-röst för avslag. Resultat: 1 ja, 1 nej." in text
    assert "Reservation: Test Person reserverar sig mot beslutet: insatsen behövs." in text
    assert f"Jäv: {board_member} deltog inte i handläggningen på grund av jäv." in text


def test_a_paragraph_adjusted_at_once_is_printed_so(client_for, staff, board_member, planned):
    meeting, _ = planned
    paragraph, other = held_with_decision(meeting, staff, board_member, beslut="Avslag.", utfall="avslag")
    moten.paragraf_justera_omedelbart(paragraf=paragraph, user=board_member)
    moten.paragraf_justera_omedelbart(paragraf=paragraph, user=other)
    text = pdf_text(client_for(staff).get(f"/paragrafer/{paragraph.pk}/utdrag/").content)
    assert "Paragrafen justerades omedelbart" in text
    assert "Utdraget överensstämmer med det justerade protokollet." in text


def test_staff_build_a_meeting_from_ready_cases_in_the_browser_form(client_for, staff, owner_a, af):
    styrelse = Organ.objects.create(namn="Förbundsstyrelsen", typ="styrelse")
    ansokan = application_ready_for_board(owner_a, staff, af)
    client = client_for(staff)
    response = client.post("/sammantraden/nytt/", {"organ": styrelse.pk, "datum": "2026-12-11", "tid_fran": "09:00",
                                                    "plats": "Eskilstuna"})
    meeting = Sammantrade.objects.get()
    assert response["Location"] == f"/sammantraden/{meeting.pk}/"
    assert "Unga på väg" in client.get(response["Location"]).content.decode()
    client.post(f"/sammantraden/{meeting.pk}/arenden/", {"arende": [ansokan.arende_id], "version": meeting.version})
    assert meeting.paragrafer.filter(typ="beslut", arende=ansokan.arende).exists()


def test_the_chair_adjusts_in_the_browser_and_the_protocol_locks(client_for, staff, board_member, planned):
    meeting, _ = planned
    paragraph, other = held_with_decision(meeting, staff, board_member, beslut="Avslag.", utfall="avslag")
    client_for(staff).post(f"/sammantraden/{meeting.pk}/steg/justering/")
    client_for(board_member).post(f"/sammantraden/{meeting.pk}/steg/justera/")
    client_for(other).post(f"/sammantraden/{meeting.pk}/steg/justera/")
    meeting.refresh_from_db()
    assert meeting.status == Sammantrade.Status.JUSTERAT
    response = client_for(staff).post(f"/paragrafer/{paragraph.pk}/beslut/", {"beslut": "Ändrat"})
    assert "Beslut kan inte registreras: sammanträdet är protokoll justerat." in response.content.decode()


def test_an_outsider_cannot_adjust(client_for, staff, board_member, owner_a, planned):
    meeting, _ = planned
    held_with_decision(meeting, staff, board_member, beslut="Avslag.", utfall="avslag")
    client_for(staff).post(f"/sammantraden/{meeting.pk}/steg/justering/")
    response = client_for(owner_a).post(f"/sammantraden/{meeting.pk}/steg/justera/")
    assert response.status_code == 404


def test_the_protocol_of_a_meeting_runs_a_bounded_number_of_queries(client_for, staff, demo_meeting):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_for(staff)
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(f"/sammantraden/{demo_meeting.pk}/protokoll/").status_code == 200
    assert len(ctx.captured_queries) <= 20
    assert get_user_model().objects.filter(uppdrag__organ__typ="styrelse").count() == 24


def test_staff_see_protocols_nearing_a_deadline_on_the_start_page(client_for, staff, board_member, planned):
    meeting, _ = planned
    Sammantrade.objects.filter(pk=meeting.pk).update(datum=timezone.localdate() - datetime.timedelta(days=12))
    meeting.refresh_from_db()
    held_with_decision(meeting, staff, board_member, beslut="Avslag.", utfall="avslag")
    html = client_for(staff).get("/").content.decode()
    assert "Justering senast" in html


def test_board_members_see_the_next_meetings_decision_list_on_their_start_page(client_for, staff, board_member, planned):
    meeting, _ = planned
    Sammantrade.objects.filter(pk=meeting.pk).update(datum=timezone.localdate() + datetime.timedelta(days=7))
    moten.sammantrade_kalla(sammantrade=meeting, user=staff)
    html = client_for(board_member).get("/").content.decode()
    assert "Kommande sammanträden" in html and f"/sammantraden/{meeting.pk}/beslutslista/" in html
