import datetime
from io import StringIO

from django.core.management import call_command

from rar.models import Organisation
from tests.factories import OrganisationFactory, application_ready_for_board
from tests.pdf import pdf_text
from uppfoljning.models import Deltagare
from uppfoljning.member_report import member_report


def test_the_demo_reproduces_the_2021_figures_of_the_individual_rar_insatser(demo_data):
    from uppfoljning import selectors
    from uppfoljning.savings import savings

    qs = Deltagare.objects.filter(insats__inriktning="individ")
    f = selectors.figures(qs, 2021, 2021)
    assert (f.inskrivna, f.avslutade, f.arbete_studier, f.andel, f.kvar) == (263, 156, 60, 38, 113)
    s = savings(qs, 2021, 2021)
    assert (s.ar_1, s.ar_5, s.ar_10) == (8_520_000, 42_600_000, 85_200_000)


def test_the_region_report_2019_2021_matches_the_seed(demo_data):
    report = member_report(Organisation.objects.get(namn="Region Sörmland"), 2019, 2021)
    assert report.bidrag == 12_000_000
    assert len(report.insatser) == 10
    # The seed's 23,45 mnkr rounds Steget före (1 581 630 kr) to 1,5 and SLUSSEN (4 047 000 kr) to 4,0 mnkr.
    assert report.insatser_fran_start == 23_568_630
    assert len(report.esf) == 2 and report.esf_fran_start == 26_400_000
    tuna = next(r for r in report.insatser if r.namn == "TUNA")
    assert (tuna.inom_perioden, tuna.fran_periodens_start) == (1_500_000, 1_500_000)


def test_the_member_report_pdf_holds_the_totals(client_for, staff, demo_data):
    region = Organisation.objects.get(namn="Region Sörmland")
    response = client_for(staff).get("/uppfoljning/medlemsrapport/", {"organisation": region.pk, "fran": 2019, "till": 2021,
                                                                         "format": "pdf"})
    text = pdf_text(response.content)
    assert "12,0 mnkr" in text and "10 insatser" in text and "2 ESF-projekt" in text and "26,4 mnkr" in text
    assert "23,6 mnkr räknat från 2019" in text


def test_the_report_command_writes_a_pdf(demo_data, tmp_path):
    out = tmp_path / "r.pdf"
    call_command("rapport", "medlem", "Region Sörmland", "2019", "2021", "-o", str(out), stdout=StringIO())
    assert "12 000 000 kr" in pdf_text(out.read_bytes())


def test_money_of_an_insats_straddling_the_span_counts_only_inside_it(staff, owner_a, af, db):
    from insatser import services

    ansokan = application_ready_for_board(owner_a, staff, af, years=((2020, 100_000), (2021, 200_000), (2022, 300_000)))
    services.ansokan_decide(ansokan=ansokan, utfall="full", belopp=None, beslutstext="", user=staff, beslutsdatum=datetime.date(2019, 12, 1))
    report = member_report(af, 2021, 2021)
    assert [(r.namn, r.roll, r.inom_perioden, r.fran_periodens_start) for r in report.insatser] == [
        ("Unga på väg", "Medsökande", 200_000, 500_000)]


def test_a_member_without_insatser_gets_an_empty_report(db):
    report = member_report(OrganisationFactory(namn="Trosa kommun"), 2021, 2021)
    assert report.insatser == [] and report.esf == [] and report.bidrag == 0


def test_an_owner_sees_only_own_organisations_report(client_for, owner_a, org_b):
    response = client_for(owner_a).get("/uppfoljning/medlemsrapport/", {"organisation": org_b.pk, "fran": 2021, "till": 2021})
    assert response.status_code == 403


def test_the_member_report_runs_the_same_queries_whatever_the_number_of_insatser(client_for, staff, owner_a, af):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from insatser import services

    client = client_for(staff)

    def count():
        with CaptureQueriesContext(connection) as ctx:
            response = client.get("/uppfoljning/medlemsrapport/", {"organisation": af.pk, "fran": 2021, "till": 2022})
            assert response.status_code == 200
        return len(ctx.captured_queries)

    def grant(n):
        for i in range(n):
            ansokan = application_ready_for_board(owner_a, staff, af, titel=f"Insats {i}-{n}", years=((2021, 100_000),))
            services.ansokan_decide(ansokan=ansokan, utfall="full", belopp=None, beslutstext="", user=staff,
                                    beslutsdatum=datetime.date(2020, 12, 1))

    grant(2)
    count()  # the first request of a staff session writes its timestamp (rar.middleware): not the report's queries
    few = count()
    grant(12)
    assert count() == few
