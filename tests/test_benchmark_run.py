"""`make bench`'s harness: it waits for its server (until it answers, not past a fault, and not for ever), gives
every load-test connection a session of its own, and writes only what it measured, a missed target as missed."""

import json
import shutil
import socket
import subprocess
import threading
from http.client import InvalidURL
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import SimpleNamespace

import pytest

from benchmarks import run
from benchmarks.run import wait_until_up


class Answers(BaseHTTPRequestHandler):
    def do_GET(self):
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


def test_the_wait_ends_once_the_server_answers():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Answers)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        wait_until_up(f"http://127.0.0.1:{server.server_port}/logga-in/", tries=3, pause=0)
    finally:
        server.shutdown()
        server.server_close()


def test_a_server_that_never_answers_ends_the_run_with_a_message():
    with socket.socket() as free:
        free.bind(("127.0.0.1", 0))
        port = free.getsockname()[1]  # closed again: nothing listens there
    with pytest.raises(SystemExit, match="Servern svarade inte"):
        wait_until_up(f"http://127.0.0.1:{port}/logga-in/", tries=2, pause=0)


def test_a_fault_is_not_taken_for_a_server_still_starting():
    with pytest.raises(InvalidURL, match="nonnumeric port"):  # a typo in the address
        wait_until_up("http://127.0.0.1:87b5/logga-in/", tries=2, pause=0)


# --- The harness's own pieces, without a data set --------------------------------------------------------------

def test_sizes_come_from_the_environment_and_a_typo_is_refused():
    assert run.parse_sizes("deltagare=500, ar=3", run.QUICK["small"]) == {**run.QUICK["small"], "deltagare": 500, "ar": 3}
    assert run.parse_sizes("", run.FULL["large"]) == run.FULL["large"]
    with pytest.raises(SystemExit, match="Okänd storlek"):
        run.parse_sizes("deltagar=5", run.FULL["small"])


class SeesCookies(BaseHTTPRequestHandler):
    """Answers 200, except 302 (to the login page, as for a lost session) to the session named "lost"."""

    protocol_version = "HTTP/1.1"
    seen = None

    def do_GET(self):
        cookie = self.headers.get("Cookie", "")
        SeesCookies.seen.setdefault(cookie, set()).add(self.client_address[1])
        self.send_response(302 if cookie == "sessionid=lost" else 200)
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"ok")

    def log_message(self, *args):
        pass


@pytest.mark.skipif(shutil.which("wrk") is None, reason="wrk is not installed (scripts/ensure-wrk)")
def test_each_load_test_connection_has_a_session_of_its_own_and_a_redirect_counts_as_non_2xx(tmp_path):
    SeesCookies.seen = {}
    server = ThreadingHTTPServer(("127.0.0.1", 0), SeesCookies)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    sessions = tmp_path / "sessions"
    sessions.write_text("one\ntwo\nlost\n")
    try:
        figures = run.wrk(server.server_port, "/insatser/", 3, 1, str(sessions))
    finally:
        server.shutdown()
        server.server_close()
    assert set(SeesCookies.seen) == {"sessionid=one", "sessionid=two", "sessionid=lost"}
    assert all(len(ports) == 1 for ports in SeesCookies.seen.values())  # one connection per session
    assert figures["sessions"] == 3 and figures["errors"] == 0 and figures["responses"] > 0
    assert 0 < figures["non_2xx"] < figures["responses"]  # the lost session's answers, and only those


def test_the_gunicorn_config_recycles_workers_and_reads_its_environment():
    out = subprocess.run([run.PY, "-c", "import runpy, json; c = runpy.run_path('gunicorn.conf.py'); "
                          "print(json.dumps([c['max_requests'], c['max_requests_jitter'], c['workers']]))"],
                         cwd=run.ROOT, capture_output=True, text=True, check=True,
                         env={"PATH": "/usr/bin:/bin", "GUNICORN_MAX_REQUESTS": "40", "GUNICORN_WORKERS": "2"})
    assert json.loads(out.stdout) == [40, 20, 2]  # jitter: half the limit, so the workers restart apart
    defaults = subprocess.run([run.PY, "-c", "import runpy; c = runpy.run_path('gunicorn.conf.py'); "
                               "print(c['max_requests'] > 0 and c['max_requests_jitter'] > 0 and c['preload_app'])"],
                              cwd=run.ROOT, capture_output=True, text=True, check=True, env={"PATH": "/usr/bin:/bin"})
    assert defaults.stdout.strip() == "True"


def test_the_suite_duration_is_read_from_the_hooks_file_or_the_environment(tmp_path, monkeypatch):
    monkeypatch.delenv("BENCH_SUITE_SECONDS", raising=False)
    monkeypatch.setattr(run, "SUITE_FILE", tmp_path / "suite-duration.json")
    monkeypatch.setattr(run, "ROOT", tmp_path)
    assert run.suite_duration() is None
    (tmp_path / "suite-duration.json").write_text(json.dumps({"seconds": 412.5, "passed": 900}))
    assert run.suite_duration() == {"seconds": 412.5, "passed": 900, "source": "suite-duration.json"}
    monkeypatch.setenv("BENCH_SUITE_SECONDS", "300")
    assert run.suite_duration()["seconds"] == 300


def test_only_a_whole_run_of_the_suite_is_taken_for_its_duration(tmp_path):
    from tests import suite_timing

    def config(args=(), **option):
        values = {"keyword": "", "lf": False, "deselect": None, "collectonly": False, **option}
        return SimpleNamespace(args=list(args), option=SimpleNamespace(**values), rootpath=Path(run.ROOT),
                               getini=lambda name: ["tests"])

    assert suite_timing._whole_run(config())
    assert suite_timing._whole_run(config(["tests"]))
    assert not suite_timing._whole_run(config(["tests/test_benchmark_run.py"]))
    assert not suite_timing._whole_run(config(keyword="bench"))
    assert not suite_timing._whole_run(config(lf=True))


def _figures():
    """What main() gathers, as a run would, with one target missed and the load test not run."""
    pages = {name: {"url": "/", "cpu_ms": 30.0, "wall_ms": 50.0, "sql_ms": 5.0, "queries": 9, "ratio": 3.5 if name == "Diarium (lista)" else 2.0}
             for name in ("Insatser (lista)", "Diarium (lista)")}
    cpu = {"rounds": 3, "floor": "Byt lösenord", "floor_cpu_ms": 10.0,
           "candidates": {"Byt lösenord": {"cpu_ms": 10.0, "wall_ms": 12.0, "sql_ms": 1.0, "queries": 4}}, "pages": pages}
    plan = {"scans": ["Bitmap Index Scan on x"], "index": True, "seq_scans": []}

    def dataset(n, ratio, wall):
        return {"insatser": n, "deltagare": 100 * n, "sizes": {"ar": 3}, "generering_s": None if n == 10 else 2.0,
                "queries": {"Insatser (lista)": 9, "Statistik": 7}, "cpu": {"on": cpu, "off": cpu},
                "report": {"orm_s": 0.01 * ratio, "sql_s": 0.01, "ratio": ratio, "orm_totals": [1, 2], "sql_totals": [1, 2],
                           "span": "2023–2025", "runs": 9, "plans": {"insatser": plan, "totals": plan}},
                "statistik": {"wall_ms": wall, "cpu_ms": wall / 2, "sql_ms": wall / 4, "plans": {"q1": plan}},
                "pdf": {"medlemsrapport": 0.5, "protokoll": 0.3}}

    return {"command": "test", "machine": "m", "when": "now", "pg": "18", "load_at_start": (1.0, 0.5, 0.2),
            "load_at_end": (2.0, 1.0, 0.5), "load_seconds": 3, "small": dataset(10, 2.0, 40.0), "large": dataset(20, 4.0, 60.0),
            "suite": None}


def test_benchmarks_md_writes_what_was_measured_a_missed_target_as_missed_and_the_rest_as_not_measured(tmp_path):
    text = run.write(_figures(), tmp_path / "BENCHMARKS.md")
    assert text == (tmp_path / "BENCHMARKS.md").read_text()
    for line in (
            "- MISSED: member report ≤ 3× the index-friendly SQL on both data sets",
            "- MISSED: CPU per list request ≤ 3× the floor page (large data, cache on) (missed on: Diarium (lista))",
            "- met: statistics page ≤ 2× from the small to the large data set",
            "- met: the SQL's plans use an index (large data)",
            "- not measured: p95 under 150 ms on every list page at 20 clients",
            "- not measured: worker RSS after 20 PDF requests ≤ 150 MiB",
            "| small | 10 | 1 000 | 3 | not measured (kept from an earlier run) |",
            "## Load test (large data)\n\nnot measured.",
            "## Test suite\n\nnot measured",
            "Load average (1/5/15 min) when the run started: 1.00 / 0.50 / 0.20",
    ):
        assert line in text, line


def test_load_rows_and_memory_are_written_with_their_verdicts(tmp_path):
    figures = _figures()
    row = {"page": "Insatser (lista)", "path": "/insatser/", "clients": 20, "sessions": 20, "rps": 50.0, "p50_ms": 90.0,
           "p95_ms": 140.0, "p99_ms": 180.0, "errors": 0, "non_2xx": 0, "server_cpu_ms_per_request": 35.0,
           "load_start": 1.0, "load_max": 3.9, "load_mean": 3.0, "peak_worker_mib": 80}
    figures["load"] = {"on": [row, {**row, "clients": 2, "p95_ms": 40.0}], "off": [{**row, "p95_ms": 900.0}]}
    figures["memory"] = {"config": {"workers": 4, "max_requests": 500, "max_requests_jitter": 50, "timeout": 60},
                         "pdf_requests": 20, "pdf_statuses_ok": True, "before_mib": 70.0, "after_pdf_mib": 131.0,
                         "after_pdf_per_worker_mib": [80.0, 131.0], "light_requests_sent": 2200, "all_recycled": True,
                         "after_recycling_mib": 72.0}
    figures["suite"] = {"seconds": 412.0, "passed": 900, "skipped": 2, "markexpr": "not e2e", "source": ".data/suite-duration.json"}
    text = run.write(figures, tmp_path / "BENCHMARKS.md")
    for line in (
            "| Insatser (lista) | 20 | 20 | 50.0 | 90 ms | 140 ms | 180 ms | 0 | 0 | 35 ms | 1.00 → 3.90 | 80 MiB |",
            "- met: p95 under 150 ms on every list page at 20 clients, zero errors, zero non-2xx, with the list fragment cache",
            "- MISSED: the same without the cache (missed on: Insatser (lista))",
            "- met: worker RSS after 20 PDF requests ≤ 150 MiB",
            "- met: workers that rendered PDFs are recycled",
            "The last whole run took 412 s (900 passed, 2 skipped), with -m \"not e2e\"",
    ):
        assert line in text, line
