"""Measurements for `make bench` (and, on tiny data, for the smoke test in the suite).

Each function runs inside a configured Django process against whatever database is configured, and returns
only what it measured.
"""

import datetime
import json
import statistics
import time

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

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


def _participants_insats():
    """The insats whose participant list the benchmark opens: the first (by pk) that has participants."""
    from uppfoljning.models import Deltagare

    return Deltagare.objects.order_by("insats_id").values_list("insats_id", flat=True).first()


def list_pages() -> dict:
    """The main list pages: what the load test and the CPU measurement open."""
    pages = {
        "Insatser (lista)": "/insatser/", "Ansökningar (lista)": "/ansokningar/", "Diarium (lista)": "/diarium/",
        "Rekvisitioner (lista)": "/rekvisitioner/", "Sammanträden (lista)": "/sammantraden/", "ESF (lista)": "/esf/",
    }
    insats = _participants_insats()
    if insats is not None:
        pages["Deltagare (lista)"] = f"/uppfoljning/insatser/{insats}/deltagare/"
    pages.update({"Notiser (lista)": "/notiser/", "Insatskatalog": "/katalog/"})
    return pages


# Light logged-in pages with the same base layout; the cheapest of them is the floor a list is compared with.
FLOOR_CANDIDATES = {"Notisinställningar": "/notiser/installningar/", "Byt lösenord": "/losenord/",
                    "Notiser (lista)": "/notiser/", "Start": "/"}


def main_pages() -> dict:
    from insatser.models import Ansokan, Insats
    from rar.models import Organisation, Sammantrade

    first, last = _span()
    insats = Insats.objects.order_by("pk").first()
    ansokan = Ansokan.objects.order_by("pk").first()
    meeting = Sammantrade.objects.filter(paragrafer__isnull=False).order_by("pk").first()
    member = Organisation.objects.get(namn=MEMBER)
    pages = {
        **list_pages(), "Statistik": "/statistik/", "Budget": "/budget/", "Att göra": "/att-gora/",
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


class SqlTimer:
    """connection.execute_wrapper: the wall time of every query run through it, summed."""

    def __init__(self):
        self.seconds, self.queries = 0.0, 0

    def __call__(self, execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.seconds += time.perf_counter() - started
            self.queries += 1


def _timed_get(client, url):
    """One request through the whole stack: (thread CPU seconds, wall seconds, SQL seconds, queries)."""
    timer = SqlTimer()
    with connection.execute_wrapper(timer):
        cpu, wall = time.thread_time(), time.perf_counter()
        response = client.get(url)
        cpu, wall = time.thread_time() - cpu, time.perf_counter() - wall
    assert response.status_code == 200, (url, response.status_code)
    return cpu, wall, timer.seconds, timer.queries


def cpu_per_request(rounds: int = 7) -> dict:
    """CPU per request of each list page and of the floor candidates, measured in this process's thread
    (time.thread_time: this thread's CPU, so neither PostgreSQL's work nor other processes count), with the
    SQL time (wall time of the queries) beside it. Every page is requested once to warm up, then `rounds`
    times, the pages interleaved (each round in a rotated order); the median of the rounds is kept."""
    client, _ = staff_client()
    pages = {**list_pages(), **{name: url for name, url in FLOOR_CANDIDATES.items()}}
    names = list(pages)
    for url in pages.values():
        _timed_get(client, url)
    samples = {name: [] for name in names}
    for r in range(rounds):
        for name in names[r % len(names):] + names[:r % len(names)]:
            samples[name].append(_timed_get(client, pages[name]))

    def med(name, i):
        return statistics.median(s[i] for s in samples[name])

    measured = {name: {"url": pages[name], "cpu_ms": med(name, 0) * 1000, "wall_ms": med(name, 1) * 1000,
                       "sql_ms": med(name, 2) * 1000, "queries": int(med(name, 3))} for name in names}
    floor_name = min(FLOOR_CANDIDATES, key=lambda name: measured[name]["cpu_ms"])
    floor = measured[floor_name]["cpu_ms"]
    lists = {name: {**measured[name], "ratio": measured[name]["cpu_ms"] / floor} for name in list_pages()}
    return {"rounds": rounds, "floor": floor_name, "floor_cpu_ms": floor, "candidates": {
        name: measured[name] for name in FLOOR_CANDIDATES}, "pages": lists}


# --- The member report against index-friendly SQL ---------------------------------------------------------

# The insatser where the member is owner or co-applicant and whose period overlaps the span: each branch of
# the UNION can use its own index (owner; the parties table's organisation), dates compared as ranges.
SQL_INSATSER = """
SELECT i.id FROM insatser_insats i
WHERE i.agare_id = %(org)s AND i.period_start < %(after)s AND i.period_slut >= %(start)s
UNION
SELECT i.id FROM insatser_insats i JOIN insatser_insats_parter p ON p.insats_id = i.id
WHERE p.organisation_id = %(org)s AND i.period_start < %(after)s AND i.period_slut >= %(start)s
"""

# Their totals: money inside the span, enrolled in the span, ended in it, of those to work or studies.
# Months are stored as their first day, so the span's months run from January 1st to December 1st.
SQL_TOTALS = """
SELECT
    cardinality(%(ids)s::bigint[]),
    (SELECT COALESCE(SUM(b.belopp), 0) FROM insatser_beviljat b
     WHERE b.insats_id = ANY(%(ids)s) AND b.ar >= %(first)s AND b.ar <= %(last)s),
    COUNT(*) FILTER (WHERE d.inskriven >= %(start)s AND d.inskriven <= %(end)s),
    COUNT(*) FILTER (WHERE d.avslutad >= %(start)s AND d.avslutad <= %(end)s),
    COUNT(*) FILTER (WHERE d.avslutad >= %(start)s AND d.avslutad <= %(end)s
                     AND d.utfall IN ('arbete', 'studier', 'arbete_studier'))
FROM uppfoljning_deltagare d WHERE d.insats_id = ANY(%(ids)s)
"""


def plan(sql: str, params) -> dict:
    """EXPLAIN (FORMAT JSON) of a query: the scans the planner chose, and whether any uses an index."""
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (FORMAT JSON) " + sql, params)
        return _plan_from(cursor.fetchone()[0])


def _sql_params(member, first, last):
    return {"org": member.pk, "first": first, "last": last, "start": datetime.date(first, 1, 1),
            "end": datetime.date(last, 12, 1), "after": datetime.date(last + 1, 1, 1)}


def report_vs_sql(repeat=9) -> dict:
    """The member report for a member over three years against index-friendly SQL for the same totals.

    The two are timed interleaved (report, SQL, SQL, report, …) so that a change of load on the machine falls
    on both; the median of each is kept. The SQL's plans are recorded from EXPLAIN."""
    from rar.models import Organisation
    from uppfoljning.member_report import member_report

    member = Organisation.objects.get(namn=MEMBER)
    first, last = _span()
    params = _sql_params(member, first, last)

    def orm():
        report = member_report(member, first, last)
        return (len(report.insatser), sum(r.inom_perioden for r in report.insatser), sum(r.inskrivna for r in report.insatser),
                sum(r.avslutade for r in report.insatser), sum(r.arbete_studier for r in report.insatser))

    def sql():
        with connection.cursor() as cursor:
            cursor.execute(SQL_INSATSER, params)
            ids = [row[0] for row in cursor.fetchall()]
            cursor.execute(SQL_TOTALS, {**params, "ids": ids})
            return tuple(int(v) for v in cursor.fetchone())

    def timed(func):
        started = time.perf_counter()
        result = func()
        return time.perf_counter() - started, result

    orm(), sql()  # warm caches once for both
    orm_times, sql_times, order = [], [], []
    orm_totals = sql_totals = None
    for i in range(repeat):
        pair = (("orm", orm), ("sql", sql)) if i % 2 == 0 else (("sql", sql), ("orm", orm))
        for name, func in pair:
            seconds, result = timed(func)
            order.append(name)
            if name == "orm":
                orm_times.append(seconds)
                orm_totals = result
            else:
                sql_times.append(seconds)
                sql_totals = result
    with connection.cursor() as cursor:
        cursor.execute(SQL_INSATSER, params)
        ids = [row[0] for row in cursor.fetchall()]
    orm_s, sql_s = statistics.median(orm_times), statistics.median(sql_times)
    return {"orm_s": orm_s, "sql_s": sql_s, "ratio": orm_s / sql_s if sql_s else None, "orm_totals": list(orm_totals),
            "sql_totals": list(sql_totals), "span": f"{first}–{last}", "runs": repeat, "order": order,
            "orm_times": orm_times, "sql_times": sql_times,
            "plans": {"insatser": plan(SQL_INSATSER, params), "totals": plan(SQL_TOTALS, {**params, "ids": ids})}}


def statistics_page(repeat=7) -> dict:
    """The statistics page: median wall and CPU time of the request, and the plans of its participant queries."""
    client, _ = staff_client()
    url = "/statistik/"
    _timed_get(client, url)
    samples = [_timed_get(client, url) for _ in range(repeat)]
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    plans = {}
    for q in queries.captured_queries:
        if "uppfoljning_deltagar" in q["sql"]:  # the participants or their monthly counts
            plans[f"q{len(plans) + 1}"] = plan(q["sql"], None)
    return {"wall_ms": statistics.median(s[1] for s in samples) * 1000, "cpu_ms": statistics.median(s[0] for s in samples) * 1000,
            "sql_ms": statistics.median(s[2] for s in samples) * 1000, "runs": repeat, "plans": plans}


def _plan_from(root) -> dict:
    root = json.loads(root) if isinstance(root, str) else root
    scans = []

    def walk(node):
        if "Scan" in node["Node Type"]:
            scans.append(f"{node['Node Type']} on {node.get('Index Name') or node.get('Relation Name') or ''}".strip())
        for child in node.get("Plans", []):
            walk(child)

    walk(root[0]["Plan"])
    return {"scans": scans, "index": any("Index" in s for s in scans),
            "seq_scans": sorted({s.split(" on ")[-1] for s in scans if s.startswith("Seq Scan")})}


def pdf_times(repeat=3) -> dict:
    client, _ = staff_client()
    pages = main_pages()
    result = {}
    for name, url in pdf_urls(pages).items():
        times = []
        for _ in range(repeat):
            started = time.perf_counter()
            response = client.get(url)
            times.append(time.perf_counter() - started)
            assert response.status_code == 200 and response["Content-Type"] == "application/pdf", url
        result[name] = statistics.median(times)
    return result


def pdf_urls(pages=None) -> dict:
    pages = pages or main_pages()
    return {"medlemsrapport": pages["Medlemsrapport"] + "&format=pdf", "protokoll": pages["Protokoll"] + "?format=pdf"}
