"""The agreement a secretary would sign: terms for payment, repayment, termination and personal data, and a signature
page with names, place and date."""

import datetime
import io

import pytest
from django.utils import timezone
from pypdf import PdfReader

from insatser import services
from insatser.models import Avtal, Insats
from rar.case_handlers import Beslutsutfall
from tests.factories import application_ready_for_board
from tests.pdf import pdf_text


@pytest.fixture
def avtal(owner_a, staff, af):
    ansokan = application_ready_for_board(owner_a, staff, af, years=((2027, 600_000), (2028, 400_000)))
    services.ansokan_decide(ansokan=ansokan, utfall=Beslutsutfall.FULL, belopp=None, beslutstext="Full finansiering beviljas.",
                            user=staff, beslutsdatum=datetime.date(2026, 11, 1))
    return Avtal.objects.get(insats=Insats.objects.get(ansokan=ansokan))


def pages(client, avtal):
    content = client.get(f"/avtal/{avtal.pk}/pdf/").content
    return [" ".join((page.extract_text() or "").replace("\u00a0", " ").replace("\u202f", " ").split())
            for page in PdfReader(io.BytesIO(content)).pages]


def test_the_agreement_has_terms_for_payment_repayment_termination_and_personal_data(client_for, staff, avtal):
    text = " ".join(pages(client_for(staff), avtal))
    for heading in ["6. Utbetalning", "7. Återbetalning", "8. Ändringar och uppsägning", "9. Personuppgifter och sekretess"]:
        assert heading in text, heading
    assert "betalas ut i efterskott mot rekvisition" in text
    assert "säga upp avtalet med omedelbar verkan" in text
    assert "dataskyddsförordningen (EU) 2016/679" in text
    assert "1 000 000 kr" in text


def test_the_signature_page_stands_alone_with_names_place_and_date(client_for, staff, owner_a, avtal):
    services.avtal_sign(avtal=avtal, user=owner_a, part="agare")
    signed = services.avtal_sign(avtal=avtal, user=staff, part="forbund")
    texts = pages(client_for(staff), signed)
    *terms, last = texts
    assert "Underskrifter" in last and not any("Underskrifter" in page for page in terms)
    day = f"{timezone.localtime(signed.forbund_signerad_tid):%Y-%m-%d}"
    assert f"För Samordningsförbundet RAR i Sörmland Ort och datum: Katrineholm, {day}" in last
    assert f"För Nyköpings kommun Ort och datum: ____________, {timezone.localtime(signed.agare_signerad_tid):%Y-%m-%d}" in last
    assert signed.forbund_signerad_av in last and signed.agare_signerad_av in last


def test_an_unsigned_agreement_leaves_lines_to_sign_on(client_for, staff, avtal):
    last = pages(client_for(staff), avtal)[-1]
    assert last.count("Namnförtydligande och befattning") == 2
