"""A small smoke run of the benchmark (tiny data), so `make bench` never rots: every in-process measurement, and the
memory measurement against a real gunicorn (one worker, recycled after a few requests)."""

import numbers
import urllib.parse

import pytest
from django.db import connection

from benchmarks import bench

pytestmark = pytest.mark.django_db(transaction=True)


def _number(value):
    return isinstance(value, numbers.Real) and not isinstance(value, bool) and value >= 0


@pytest.fixture
def tiny(tmp_path):
    from insatser.models import Insats
    from uppfoljning.models import Deltagare
    from uppfoljning.scale import generate

    result = generate(insatser=12, deltagare=300, ar=3, seed=7, out=open(tmp_path / "progress.txt", "w"))
    assert result["insatser"] == Insats.objects.count() > 0 and Deltagare.objects.count() == 300
    return result


def test_the_generator_and_every_benchmark_measurement_run_on_tiny_data(tiny):
    counts = bench.query_counts()
    assert counts and all(isinstance(n, int) and n > 0 for n in counts.values())
    assert set(bench.list_pages()) <= set(counts)

    report = bench.report_vs_sql(repeat=4)
    assert report["orm_totals"] == report["sql_totals"]
    assert report["order"] == ["orm", "sql", "sql", "orm"] * 2  # interleaved, each going first in turn
    assert len(report["orm_times"]) == len(report["sql_times"]) == 4 and _number(report["ratio"])
    for plan in report["plans"].values():  # what EXPLAIN chose is recorded (on tiny tables it may well scan them)
        assert plan["scans"] and isinstance(plan["index"], bool) and isinstance(plan["seq_scans"], list)

    stats = bench.statistics_page(repeat=2)
    assert all(_number(stats[k]) for k in ("wall_ms", "cpu_ms", "sql_ms")) and stats["plans"]

    cpu = bench.cpu_per_request(rounds=2)
    assert cpu["floor"] in bench.FLOOR_CANDIDATES and _number(cpu["floor_cpu_ms"]) and cpu["floor_cpu_ms"] > 0
    assert set(cpu["pages"]) == set(bench.list_pages())
    for page in cpu["pages"].values():
        assert all(_number(page[k]) for k in ("cpu_ms", "wall_ms", "sql_ms", "ratio")) and page["queries"] > 0
    assert min(c["cpu_ms"] for c in cpu["candidates"].values()) == cpu["floor_cpu_ms"]

    pdf = bench.pdf_times(repeat=1)
    assert pdf["medlemsrapport"] > 0 and pdf["protokoll"] > 0


def test_worker_memory_is_measured_before_and_after_pdfs_and_after_recycling(tiny):
    from benchmarks import run

    s = connection.settings_dict
    options = s.get("OPTIONS") or {}
    query = urllib.parse.urlencode({k: v for k, v in (("host", s["HOST"] or options.get("host")),
                                                      ("port", s["PORT"] or options.get("port"))) if v})
    url = f"postgresql://{urllib.parse.quote(s['USER'] or '')}:{urllib.parse.quote(s['PASSWORD'] or '')}@/{s['NAME']}?{query}"
    env = run.env_for(url, DEBUG="1")  # DEBUG: static files from the finders, no collectstatic needed
    # One worker, recycled after 15 or 16 requests: the list pages (9 at most) and the PDFs come before that.
    memory = run.memory_test(env, pdf_requests=3, GUNICORN_WORKERS="1", GUNICORN_MAX_REQUESTS="15",
                             GUNICORN_MAX_REQUESTS_JITTER="1")
    assert memory["pdf_statuses_ok"] and memory["pdf_requests"] == 3
    assert all(_number(memory[k]) and memory[k] > 0 for k in ("before_mib", "after_pdf_mib", "after_recycling_mib"))
    assert memory["config"]["max_requests"] == 15 and memory["all_recycled"] and memory["light_requests_sent"] > 0
