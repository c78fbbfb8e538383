"""Measurements for `make bench` (and, on tiny data, for the smoke test in the suite).

Each function runs inside a configured Django process against whatever database is configured.
"""

import statistics
import time

from django.utils import timezone
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

MEMBER = "Region Sörmland"


def _span():
    last = timezone.localdate().year - 1
    return last - 2, last


def staff_client():
    from django.contrib.auth import get_user_model

    user, _ = get_user_model().objects.get_or_create(username="bench", defaults={"is_superuser": True, "is_staff": True})
    client = Client()
    client.force_login(user)
    return client, user


def main_pages() -> dict:
    from insatser.models import Ansokan, Insats
    from rar.models import Organisation, Sammantrade

    first, last = _span()
    insats = Insats.objects.order_by("pk").first()
    ansokan = Ansokan.objects.order_by("pk").first()
    meeting = Sammantrade.objects.filter(paragrafer__isnull=False).order_by("pk").first()
    member = Organisation.objects.get(namn=MEMBER)
    pages = {
        "Insatser (lista)": "/insatser/", "Ansökningar (lista)": "/ansokningar/", "Diarium (lista)": "/diarium/",
        "Rekvisitioner (lista)": "/rekvisitioner/", "Sammanträden (lista)": "/sammantraden/", "ESF (lista)": "/esf/",
        "Insatskatalog": "/katalog/", "Statistik": "/statistik/", "Budget": "/budget/", "Att göra": "/att-gora/",
        "Insats (detalj)": f"/insatser/{insats.pk}/", "Ansökan (detalj)": f"/ansokningar/{ansokan.pk}/",
        "Sammanträde (detalj)": f"/sammantraden/{meeting.pk}/",
        "Beslutslista": f"/sammantraden/{meeting.pk}/beslutslista/",
        "Protokoll": f"/sammantraden/{meeting.pk}/protokoll/",
        "Medlemsrapport": f"/uppfoljning/medlemsrapport/?organisation={member.pk}&fran={first}&till={last}",
    }
    return pages


def query_counts() -> dict:
    client, _ = staff_client()
    counts = {}
    for name, url in main_pages().items():
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        counts[name] = len(queries)
    return counts


SQL_TOTALS = """
WITH ins AS (
    SELECT DISTINCT i.id FROM insatser_insats i
    LEFT JOIN insatser_insats_parter p ON p.insats_id = i.id
    WHERE (i.agare_id = %(org)s OR p.organisation_id = %(org)s)
      AND EXTRACT(YEAR FROM i.period_start) <= %(last)s AND EXTRACT(YEAR FROM i.period_slut) >= %(first)s
)
SELECT
    (SELECT COUNT(*) FROM ins),
    (SELECT COALESCE(SUM(belopp), 0) FROM insatser_beviljat WHERE insats_id IN (SELECT id FROM ins) AND ar BETWEEN %(first)s AND %(last)s),
    COUNT(*) FILTER (WHERE d.inskriven BETWEEN %(start)s AND %(end)s),
    COUNT(*) FILTER (WHERE d.avslutad BETWEEN %(start)s AND %(end)s),
    COUNT(*) FILTER (WHERE d.avslutad BETWEEN %(start)s AND %(end)s AND d.utfall IN ('arbete', 'studier', 'arbete_studier'))
FROM uppfoljning_deltagare d WHERE d.insats_id IN (SELECT id FROM ins)
"""


def _median_seconds(func, repeat):
    times = []
    result = None
    for _ in range(repeat):
        started = time.perf_counter()
        result = func()
        times.append(time.perf_counter() - started)
    return statistics.median(times), result


def report_vs_sql(repeat=7) -> dict:
    """The member report for a member over three years against one hand-written SQL query for the same totals."""
    from rar.models import Organisation
    from uppfoljning.member_report import member_report

    member = Organisation.objects.get(namn=MEMBER)
    first, last = _span()
    params = {"org": member.pk, "first": first, "last": last, "start": f"{first}-01-01", "end": f"{last}-12-01"}

    def orm():
        report = member_report(member, first, last)
        return (len(report.insatser), sum(r.inom_perioden for r in report.insatser), sum(r.inskrivna for r in report.insatser),
                sum(r.avslutade for r in report.insatser), sum(r.arbete_studier for r in report.insatser))

    def sql():
        with connection.cursor() as cursor:
            cursor.execute(SQL_TOTALS, params)
            return tuple(int(v) for v in cursor.fetchone())

    orm()  # warm caches once for both
    sql()
    orm_s, orm_totals = _median_seconds(orm, repeat)
    sql_s, sql_totals = _median_seconds(sql, repeat)
    return {"orm_s": orm_s, "sql_s": sql_s, "ratio": orm_s / sql_s if sql_s else None, "orm_totals": orm_totals,
            "sql_totals": sql_totals, "span": f"{first}–{last}"}


def pdf_times(repeat=3) -> dict:
    client, _ = staff_client()
    pages = main_pages()
    result = {}
    for name, url in (("medlemsrapport", pages["Medlemsrapport"] + "&format=pdf"), ("protokoll", pages["Protokoll"] + "?format=pdf")):
        def fetch(url=url):
            response = client.get(url)
            assert response.status_code == 200 and response["Content-Type"] == "application/pdf", url
            return len(response.content)
        seconds, _ = _median_seconds(fetch, repeat)
        result[name] = seconds
    return result
