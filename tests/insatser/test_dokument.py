"""What the process creates or receives becomes a document of its case in the diarium, once, as a PDF."""

import datetime

import pytest
from django.utils import timezone

from insatser import services
from insatser.models import Avtal, Insats
from rar.case_handlers import Beslutsutfall
from rar.models import Handling
from tests.factories import application_ready_for_board, complete_application, sign_agreement
from tests.pdf import pdf_text

INKOMMANDE, UPPRATTAD, UTGAENDE = Handling.Riktning.values


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    """Run what waits for the commit (the registration) when the block ends, as a real commit would."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def documents(arende):
    return list(Handling.objects.filter(arende=arende).order_by("nummer").values_list("nummer", "riktning", "titel"))


def text_of(handling):
    with handling.fil.open("rb") as stream:
        return pdf_text(stream.read())


def test_a_submitted_application_is_registered_as_an_incoming_pdf(owner_a, af, commit):
    ansokan = complete_application(owner_a, af)
    with commit():
        services.ansokan_submit(ansokan=ansokan, user=owner_a)
    assert documents(ansokan.arende) == [(1, INKOMMANDE, "Ansökan om finansiering: Unga på väg")]
    handling = ansokan.arende.handlingar.get()
    assert (handling.datum, handling.content_type, handling.uppladdad_av) == (timezone.localdate(), "application/pdf", owner_a)
    assert handling.delad_med_parter  # the joint application: the co-applicants see it
    text = text_of(handling)
    for expected in ["Ansökan om finansiering", "Unga på väg", ansokan.arende.diarienummer, "Nyköpings kommun",
                     "Arbetsförmedlingen", "Att fler unga närmar sig arbete eller studier.", "Deltagare till arbete eller studier",
                     "600 000 kr", "1 000 000 kr", f"Dokumentnummer {ansokan.arende.diarienummer}-1"]:
        assert expected in text, expected


def test_a_completion_request_goes_out_and_the_reply_comes_in(owner_a, staff, af, commit):
    ansokan = services.ansokan_submit(ansokan=complete_application(owner_a, af), user=owner_a)
    ansokan = services.ansokan_start_review(ansokan=ansokan, user=staff)
    with commit():
        ansokan = services.ansokan_request_completion(ansokan=ansokan, user=staff, kommentar="Beskriv hur deltagarna följs upp.")
    with commit():
        services.ansokan_submit_completion(ansokan=ansokan, user=owner_a)
    assert [row[1:] for row in documents(ansokan.arende)] == [
        (UTGAENDE, "Begäran om komplettering: Unga på väg"), (INKOMMANDE, "Komplettering av ansökan: Unga på väg")]
    request, reply = ansokan.arende.handlingar.order_by("nummer")
    assert "Beskriv hur deltagarna följs upp." in text_of(request)
    assert "Unga på väg" in text_of(reply) and "Komplettering av ansökan" in text_of(reply)


def test_each_completion_round_is_a_document_of_its_own(owner_a, staff, af, commit):
    ansokan = services.ansokan_start_review(ansokan=services.ansokan_submit(ansokan=complete_application(owner_a, af),
                                                                            user=owner_a), user=staff)
    for round_ in ("första", "andra"):
        with commit():
            ansokan = services.ansokan_request_completion(ansokan=ansokan, user=staff, kommentar=f"Den {round_} frågan.")
            ansokan = services.ansokan_submit_completion(ansokan=ansokan, user=owner_a)
    assert [row[1] for row in documents(ansokan.arende)] == [UTGAENDE, INKOMMANDE, UTGAENDE, INKOMMANDE]


def test_running_the_registration_again_registers_nothing_twice(owner_a, af, django_capture_on_commit_callbacks):
    ansokan = complete_application(owner_a, af)
    with django_capture_on_commit_callbacks() as callbacks:
        services.ansokan_submit(ansokan=ansokan, user=owner_a)
    for callback in callbacks + callbacks:
        callback()
    assert len(documents(ansokan.arende)) == 1


def test_a_failing_render_leaves_no_document_and_the_submission_stands(owner_a, af, commit, monkeypatch, caplog):
    from insatser import dokument

    def broken(*args, **kwargs):
        raise RuntimeError("PDF-motorn föll")

    monkeypatch.setattr(dokument, "render_pdf", broken)
    ansokan = complete_application(owner_a, af)
    with commit():
        submitted = services.ansokan_submit(ansokan=ansokan, user=owner_a)
    assert submitted.status == "inskickad"
    assert documents(ansokan.arende) == []
    assert "Handlingen kunde inte registreras i diariet" in caplog.text


@pytest.fixture
def insats(owner_a, staff, af):
    ansokan = application_ready_for_board(owner_a, staff, af, years=((2025, 500_000), (2026, 500_000)))
    services.ansokan_decide(ansokan=ansokan, utfall=Beslutsutfall.FULL, belopp=None, beslutstext="Full finansiering beviljas.",
                            user=staff, beslutsdatum=datetime.date(2024, 12, 1))
    return Insats.objects.get(ansokan=ansokan)


def test_the_agreement_is_registered_when_both_parties_have_signed(insats, owner_a, staff, commit):
    avtal = Avtal.objects.get(insats=insats)
    before = len(documents(insats.arende))
    with commit():
        services.avtal_sign(avtal=avtal, user=owner_a, part="agare")
    assert len(documents(insats.arende)) == before
    with commit():
        services.avtal_sign(avtal=avtal, user=staff, part="forbund")
    handling = Handling.objects.get(arende=insats.arende, kalla=f"avtal:{avtal.pk}")
    assert (handling.riktning, handling.titel) == (UPPRATTAD, "Avtal om finansiering: Unga på väg")
    text = text_of(handling)
    assert "Avtal om finansiering" in text and "Anna" in text and "Karin" in text and "1 000 000 kr" in text


@pytest.fixture
def signed(insats, owner_a, staff):
    sign_agreement(insats, owner_a, staff)
    return insats


def fill_report(rapport, owner):
    goal = services.report_goals(rapport.insats).first()
    return services.lagesrapport_save(
        rapport=rapport, user=owner, version=rapport.version,
        fields={"inskrivna": 10, "avslutade": 3, "till_arbete_studier": 1, "kostnader": 250_000, "risker": "Inga större."},
        malrapporter={goal.pk: {"status": "enligt_plan", "varde": "1", "kommentar": ""}})


def test_a_submitted_status_report_and_its_completion_are_registered_as_incoming(signed, owner_a, staff, commit):
    rapport = fill_report(signed.lagesrapporter.order_by("forfaller").first(), owner_a)
    with commit():
        rapport = services.lagesrapport_submit(rapport=rapport, user=owner_a)
    rapport = services.lagesrapport_review(rapport=rapport, user=staff, godkann=False, kommentar="Redovisa kostnaderna.")
    with commit():
        services.lagesrapport_submit(rapport=rapport, user=owner_a)
    reports = Handling.objects.filter(arende=signed.arende, kalla__startswith="lagesrapport:").order_by("nummer")
    assert [(h.riktning, h.delad_med_parter) for h in reports] == [(INKOMMANDE, False), (INKOMMANDE, False)]
    assert reports[0].titel == "Lägesrapport 2025-01-01 – 2025-06-30: Unga på väg"
    text = text_of(reports[0])
    assert "Lägesrapport" in text and "250 000 kr" in text and "Inga större." in text


def test_a_submitted_final_report_is_registered_as_incoming(signed, owner_a, commit):
    rapport = services.slutrapport_for(insats=signed, user=owner_a)
    goal = services.report_goals(signed).first()
    rapport = services.slutrapport_save(
        rapport=rapport, user=owner_a, version=rapport.version,
        fields={"deltagare_totalt": 40, "avslutade_totalt": 30, "till_arbete_studier_totalt": 12, "utfall": "implementerad",
                "overtagen_av": "Socialnämnden tar över teamet.", "lardomar": "Gemensamt team fungerar.", "total_kostnad": 980_000},
        malresultat={goal.pk: {"uppfyllelse": "uppnatt", "resultat": "40 % till arbete"}})
    with commit():
        services.slutrapport_submit(rapport=rapport, user=owner_a)
    handling = Handling.objects.get(arende=signed.arende, kalla__startswith="slutrapport:")
    assert (handling.riktning, handling.titel) == (INKOMMANDE, "Slutrapport: Unga på väg")
    text = text_of(handling)
    assert "Slutrapport" in text and "980 000 kr" in text and "Socialnämnden tar över teamet." in text


def test_a_submitted_invoice_is_registered_as_incoming_with_its_amount(insats, owner_a, commit):
    with commit():
        rekvisition = services.rekvisition_submit(insats=insats, user=owner_a, period_start=datetime.date(2025, 1, 1),
                                                  period_slut=datetime.date(2025, 6, 30),
                                                  kostnader={"personal": 150_000, "lokaler": 30_000})
    handling = Handling.objects.get(arende=insats.arende, kalla=f"rekvisition:{rekvisition.pk}")
    assert (handling.riktning, handling.titel) == (INKOMMANDE, "Rekvisition 1 (2025-01-01 – 2025-06-30): Unga på väg")
    text = text_of(handling)
    assert "Rekvisition" in text and "150 000 kr" in text and "180 000 kr" in text


def test_the_documents_of_a_granted_case_follow_each_other_in_number_order(insats, owner_a, staff, commit):
    avtal = Avtal.objects.get(insats=insats)
    with commit():
        services.avtal_sign(avtal=avtal, user=owner_a, part="agare")
        services.avtal_sign(avtal=avtal, user=staff, part="forbund")
    with commit():
        services.rekvisition_submit(insats=insats, user=owner_a, period_start=datetime.date(2025, 1, 1),
                                    period_slut=datetime.date(2025, 3, 31), kostnader={"personal": 10_000})
    numbers = [row[0] for row in documents(insats.arende)]
    assert numbers == list(range(1, len(numbers) + 1)) and len(numbers) >= 2
