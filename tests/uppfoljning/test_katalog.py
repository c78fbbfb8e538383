"""The public catalogue (insatskatalog) and statistics page: published items only, public fields only."""

import datetime

import pytest

from rar.errors import NotAllowed
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from insatser import services
from insatser.models import Insats, Lagesrapport
from rar.case_handlers import Beslutsutfall
from tests.factories import application_ready_for_board

D = datetime.date


def grant(owner, staff, partner, titel, syfte, years=((2025, 400_000), (2026, 350_000)), publish=True):
    ansokan = application_ready_for_board(owner, staff, partner, titel=titel, years=years, syfte=syfte)
    services.ansokan_decide(ansokan=ansokan, utfall=Beslutsutfall.FULL, belopp=None, beslutstext="", user=staff,
                            beslutsdatum=D(2024, 12, 1))
    insats = Insats.objects.get(ansokan=ansokan)
    if publish:
        services.insats_publish(insats=insats, user=staff, publicerad=True)
    return insats


@pytest.fixture
def published(owner_a, staff, af):
    return grant(owner_a, staff, af, "Unga på väg", "Stöd till ungdomar i utanförskap mot arbete eller studier.")


@pytest.fixture
def unpublished(owner_a, staff, af):
    return grant(owner_a, staff, af, "Hemlig insats", "Inte klar för offentligheten.", publish=False)


def test_a_visitor_without_login_finds_a_published_insats_with_owner_and_amount(published, unpublished):
    html = Client().get("/katalog/", {"q": "unga"}).content.decode().replace("\u00a0", " ").replace("\u202f", " ")
    assert "Unga på väg" in html and "Nyköpings kommun" in html and "750 000 kr" in html
    assert "Hemlig insats" not in html


def test_unpublished_insatser_are_neither_listed_nor_reachable(published, unpublished):
    client = Client()
    assert "Hemlig insats" not in client.get("/katalog/").content.decode()
    assert client.get(f"/katalog/insatser/{unpublished.pk}/").status_code == 404
    assert client.get(f"/katalog/insatser/{published.pk}/").status_code == 200


def test_swedish_stemming_finds_ungdom_from_ungdomar(owner_a, staff, af):
    grant(owner_a, staff, af, "Ungdomsspåret", "Coachning för varje ungdom som står utanför.")
    html = Client().get("/katalog/", {"q": "ungdomar"}).content.decode()
    assert "Ungdomsspåret" in html


def test_a_search_that_matches_nothing_says_so(published):
    html = Client().get("/katalog/", {"q": "pensionärer"}).content.decode()
    assert "Ingen publicerad insats matchar ”pensionärer”" in html


def test_the_catalogue_shows_no_internal_fields(published, staff, owner_a):
    services.insats_set_styrgrupp(insats=published, user=staff, styrgrupp="Intern Person, Nyköping, ordförande")
    rapport = published.lagesrapporter.order_by("forfaller").first()
    if rapport is not None:
        Lagesrapport.objects.filter(pk=rapport.pk).update(kommentar_kansli="INTERN KOMMENTAR", risker="INTERN RISK")
    html = Client().get(f"/katalog/insatser/{published.pk}/").content.decode()
    for secret in ("Intern Person", "INTERN KOMMENTAR", "INTERN RISK", published.arende.diarienummer, "deltagare/"):
        assert secret not in html


def submitted_report(insats, owner, staff):
    """The insats's first status report, signed for and submitted by the owner: 17 enrolled, 5 ended, 3 to work."""
    from insatser.models import Avtal

    avtal = Avtal.objects.get(insats=insats)
    services.avtal_sign(avtal=avtal, user=owner, part="agare")
    services.avtal_sign(avtal=avtal, user=staff, part="forbund")
    rapport = insats.lagesrapporter.order_by("forfaller").first()
    goal = services.report_goals(insats).first()
    rapport = services.lagesrapport_save(rapport=rapport, user=owner, version=rapport.version, fields={
        "inskrivna": 17, "avslutade": 5, "till_arbete_studier": 3, "kostnader": 1000}, malrapporter={
        goal.pk: {"status": "delvis", "varde": "", "kommentar": ""}})
    return services.lagesrapport_submit(rapport=rapport, user=owner)


def test_the_latest_approved_report_figures_are_shown(published, owner_a, staff):
    rapport = submitted_report(published, owner_a, staff)
    html = Client().get(f"/katalog/insatser/{published.pk}/").content.decode()
    assert "Inga resultat är redovisade än." in html  # submitted, not yet approved: not published
    services.lagesrapport_review(rapport=rapport, user=staff, godkann=True)
    html = Client().get(f"/katalog/insatser/{published.pk}/").content.decode()
    assert '<th scope="row">Deltagare</th><td class="num">17</td>' in html


def test_filters_by_status_and_year(published, owner_a, staff, af):
    grant(owner_a, staff, af, "Gammal insats", "Arbetsträning.", years=((2019, 100_000),))
    html = Client().get("/katalog/", {"ar": 2019}).content.decode()
    assert "Gammal insats" in html and "Unga på väg" not in html


def test_only_staff_may_publish(published, owner_a):
    with pytest.raises(NotAllowed, match="Bara förbundets kansli"):
        services.insats_publish(insats=published, user=owner_a, publicerad=False)


def test_the_catalogue_runs_a_bounded_number_of_queries(owner_a, staff, af):
    grant(owner_a, staff, af, "Första", "Syfte ett.")
    with CaptureQueriesContext(connection) as small:
        Client().get("/katalog/")
    for n in range(6):
        grant(owner_a, staff, af, f"Insats {n}", "Syfte.")
    with CaptureQueriesContext(connection) as large:
        Client().get("/katalog/")
    assert len(large) == len(small) <= 8


def test_the_statistics_page_gives_money_by_owner_type_and_the_long_term_share(published, owner_a, staff, af):
    grant(owner_a, staff, af, "Kort lokal", "x", years=((2025, 100_000),))
    Insats.objects.filter(namn="Kort lokal").update(langsiktig=False)
    html = Client().get("/statistik/", {"fran": 2025, "till": 2026}).content.decode().replace("\u00a0", " ").replace("\u202f", " ")
    assert "<title id=\"pengar-titel\">" in html and "<caption>Beviljade medel per år och insatsägarens typ, tkr</caption>" in html
    # 2025: 400 000 long-term county-wide of 500 000 → 80 %
    assert '<th scope="row">2025</th><td class="num">500</td><td class="num">500</td><td class="num">80 %</td>' in html
