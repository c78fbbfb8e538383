"""`make run` and the test run start and stop cleanly (issue item 10): no traceback, a prompt exit, and no
PostgreSQL left running.

Each test gets its own embedded PostgreSQL (RAR_EMBEDDED_PGDATA, see rar/embedded_db.py) in a temporary
directory, with DATABASE_URL unset, so a developer's own `make run` in this worktree is neither touched nor
counted. `scripts/run-dev` is what `make run` runs after loading the demo data: the task worker and
runserver with its autoreloader (a parent and a child process). The whole file takes about 20–40 s.
"""

import http.client
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest

from rar.embedded_db import PGDATA_ENV, pgdata_dir, stop_if_unused

# Under pytest-xdist (make test) the file runs on one worker, in order: one module server, started once.
pytestmark = pytest.mark.xdist_group("clean_stop")

ROOT = Path(__file__).resolve().parent.parent
STOP_WITHIN = 15  # seconds
START_WITHIN = 90  # seconds; a busy machine with two cores starts three Django processes


def _env(pgdata: Path, **extra) -> dict:
    env = {key: value for key, value in os.environ.items() if key != "DATABASE_URL"}
    return {**env, PGDATA_ENV: str(pgdata), "PYTHONUNBUFFERED": "1", **extra}


def _postgres_running(pgdata: Path) -> list[psutil.Process]:
    found = []
    for proc in psutil.process_iter(["name", "cmdline"]):
        cmdline = proc.info["cmdline"] or []
        if proc.info["name"] == "postgres" and str(pgdata) in cmdline:
            found.append(proc)
    return found


def _handles(pgdata: Path) -> str:
    handles = pgdata / ".handle_pids.json"
    return handles.read_text() if handles.exists() else "[]"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _answers_http(port: int) -> bool:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
    try:
        connection.request("GET", "/")
        return connection.getresponse().status > 0
    except OSError:
        return False
    finally:
        connection.close()


def _wait_for(condition, seconds: float, what: str, proc: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if proc.poll() is not None:
            pytest.fail(f"ended before {what} (exit {proc.returncode}):\n{log.read_text()}")
        if time.monotonic() > deadline:
            pytest.fail(f"no {what} within {seconds} s:\n{log.read_text()}")
        time.sleep(0.2)


def _signal(proc: subprocess.Popen, how: str) -> None:
    if how == "group":  # Ctrl-C in a terminal: SIGINT to every process of the foreground group
        os.killpg(proc.pid, signal.SIGINT)
    else:  # make forwards SIGTERM to its child only
        proc.send_signal(signal.SIGTERM)


def _assert_clean(pgdata: Path, log: Path) -> None:
    output = log.read_text()
    assert "Traceback" not in output, output
    assert "Exception ignored" not in output, output
    # The last process out stops the server; give pg_ctl's fast shutdown a moment to remove its files.
    deadline = time.monotonic() + 5
    while (_postgres_running(pgdata) or (pgdata / "postmaster.pid").exists()) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not _postgres_running(pgdata), f"PostgreSQL still running for {pgdata}:\n{output}"
    assert not (pgdata / "postmaster.pid").exists()
    assert _handles(pgdata).replace(" ", "") == "[]"


def _clean_up(proc: subprocess.Popen, pgdata: Path) -> None:
    """After a failed test: leave no process and no server behind."""
    if proc.poll() is None:
        proc.kill()
        proc.wait()
    for child in psutil.process_iter(["cmdline", "environ"]):
        try:
            if (child.info["environ"] or {}).get(PGDATA_ENV) == str(pgdata):
                child.kill()
        except psutil.Error:
            pass
    stop_if_unused(pgdata)


@pytest.fixture(scope="module")
def pgdata(tmp_path_factory):
    """A server of our own with the task queue's tables (all db_worker needs; `/` redirects without a query)."""
    path = tmp_path_factory.mktemp("clean-stop") / "postgres"
    result = subprocess.run([sys.executable, "manage.py", "migrate", "django_tasks_database", "--noinput"], cwd=ROOT,
                            env=_env(path), capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    assert not _postgres_running(path), "a management command left its server running"
    yield path
    stop_if_unused(path)


def test_the_data_directory_can_be_chosen(monkeypatch, tmp_path):
    monkeypatch.setenv(PGDATA_ENV, str(tmp_path / "pg"))
    assert pgdata_dir(ROOT / ".data") == (tmp_path / "pg").resolve()
    monkeypatch.delenv(PGDATA_ENV)
    assert pgdata_dir(ROOT / ".data") == (ROOT / ".data" / "postgres").resolve()


def _start_run_dev(port: int, pgdata: Path, out, procs: list) -> None:
    procs.append(subprocess.Popen([sys.executable, "scripts/run-dev", f"127.0.0.1:{port}"], cwd=ROOT,
                                  env=_env(pgdata), stdout=out, stderr=subprocess.STDOUT, process_group=0))


def _start_commands(port: int, pgdata: Path, out, procs: list) -> None:
    """The two commands in one process group and nothing else: no supervisor stops the server for them."""
    procs.append(subprocess.Popen([sys.executable, "manage.py", "db_worker", "--no-startup-delay"], cwd=ROOT,
                                  env=_env(pgdata), stdout=out, stderr=subprocess.STDOUT, process_group=0))
    procs.append(subprocess.Popen([sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}"], cwd=ROOT,
                                  env=_env(pgdata, DEBUG="1"), stdout=out, stderr=subprocess.STDOUT,
                                  process_group=procs[0].pid))


@pytest.mark.parametrize("start, how", [(_start_run_dev, "group"), (_start_run_dev, "sigterm"),
                                        (_start_commands, "group")],
                         ids=["make-run-ctrl-c", "make-run-sigterm-from-make", "worker-and-runserver-ctrl-c"])
def test_make_run_stops_cleanly(pgdata, tmp_path, start, how):
    port = _free_port()
    log = tmp_path / "run.log"
    procs: list[subprocess.Popen] = []
    try:
        with log.open("w") as out:
            start(port, pgdata, out, procs)
        for proc in procs:
            _wait_for(lambda: _answers_http(port), START_WITHIN, "HTTP answer", proc, log)
            _wait_for(lambda: "Starting worker" in log.read_text(), START_WITHIN, "task worker", proc, log)
        assert len(_postgres_running(pgdata)) == 1

        started = time.monotonic()
        _signal(procs[0], how)
        for proc in procs:
            proc.wait(STOP_WITHIN)

        assert time.monotonic() - started < STOP_WITHIN
        assert [proc.returncode for proc in procs] == [0] * len(procs), log.read_text()
        _assert_clean(pgdata, log)
    finally:
        for proc in procs:
            _clean_up(proc, pgdata)


SLEEPER = '''
import os
import time
from pathlib import Path


def test_until_stopped():
    Path(os.environ["CLEAN_STOP_READY"]).touch()
    if os.environ.get("CLEAN_STOP_WAIT"):
        time.sleep(120)
'''


@pytest.mark.parametrize("how", [None, "group", "sigterm"], ids=["finishes", "ctrl-c", "sigterm"])
def test_a_test_run_leaves_no_postgres(pgdata, tmp_path, how):
    """pytest with pytest-django on our bootstrap: finished, Ctrl-C'd or sent SIGTERM, the server stops."""
    (tmp_path / "test_sleeper.py").write_text(SLEEPER)
    ready = tmp_path / "ready"
    log = tmp_path / "pytest.log"
    env = _env(pgdata, CLEAN_STOP_READY=str(ready), **({"CLEAN_STOP_WAIT": "1"} if how else {}))
    with log.open("w") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-c", str(ROOT / "pyproject.toml"),
             "--rootdir", str(ROOT), str(tmp_path / "test_sleeper.py")],
            cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT, process_group=0)
    try:
        _wait_for(ready.exists, START_WITHIN, "the test running", proc, log)
        if how:
            assert len(_postgres_running(pgdata)) == 1
            started = time.monotonic()
            _signal(proc, how)
            proc.wait(STOP_WITHIN)
            assert time.monotonic() - started < STOP_WITHIN
            assert proc.returncode == pytest.ExitCode.INTERRUPTED, log.read_text()
        else:
            proc.wait(STOP_WITHIN)
            assert proc.returncode == pytest.ExitCode.OK, log.read_text()
        _assert_clean(pgdata, log)
    finally:
        _clean_up(proc, pgdata)


def test_the_last_process_out_stops_the_server_though_a_sibling_was_killed(pgdata, tmp_path):
    """Deterministically what a race did to `make run`: runserver's parent kills its child with SIGKILL, maybe
    while that child rewrites the handle file. The survivor must not trip over the half-written file
    (the package's own exit hook raised JSONDecodeError) and, being the last living handle, must stop the server."""
    log = tmp_path / "shell.log"
    sleep = [sys.executable, "manage.py", "shell", "-c", "import time; time.sleep(120)"]
    procs: list[subprocess.Popen] = []
    try:
        with log.open("w") as out:
            for _ in range(2):
                procs.append(subprocess.Popen(sleep, cwd=ROOT, env=_env(pgdata), stdout=out,
                                              stderr=subprocess.STDOUT, process_group=0))
        killed, survivor = procs
        _wait_for(lambda: all(str(p.pid) in _handles(pgdata) for p in procs), START_WITHIN, "both handles",
                  survivor, log)

        killed.kill()
        killed.wait()
        (pgdata / ".handle_pids.json").write_text("")  # killed between truncating and writing
        survivor.send_signal(signal.SIGINT)
        survivor.wait(STOP_WITHIN)

        assert survivor.returncode == 130  # manage.py: Ctrl-C is no error, and prints no traceback
        _assert_clean(pgdata, log)
    finally:
        for proc in procs:
            _clean_up(proc, pgdata)
