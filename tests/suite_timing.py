"""pytest hooks (imported by tests/conftest.py): a whole run of the suite writes its wall time and counts to
.data/suite-duration.json, which `make bench` reports. A run of some tests only (paths, -k, -m, --lf, -x that
stopped early) writes nothing, so the file always holds a whole run."""

import datetime
import json
import os
import time
from pathlib import Path

SUITE_FILE = Path(__file__).resolve().parent.parent / ".data" / "suite-duration.json"
_started = {}


def _whole_run(config) -> bool:
    option = config.option
    args = [Path(a).resolve() for a in config.args]
    default = [Path(config.rootpath, p).resolve() for p in config.getini("testpaths")] or [Path(config.rootpath).resolve()]
    return (args in ([], default) and not option.keyword and not getattr(option, "lf", False)
            and not getattr(option, "deselect", None) and not getattr(option, "collectonly", False))


def pytest_sessionstart(session):
    _started["t"] = time.monotonic()


def pytest_sessionfinish(session, exitstatus):
    config = session.config
    if hasattr(config, "workerinput") or "t" not in _started or not _whole_run(config):
        return  # an xdist worker (the controller writes), or not the whole suite
    if session.shouldstop or session.shouldfail:
        return  # stopped early (-x, --maxfail): not the suite's duration
    reporter = config.pluginmanager.get_plugin("terminalreporter")
    stats = reporter.stats if reporter else {}
    counts = {key: len([r for r in stats.get(key, []) if getattr(r, "when", "call") in ("call", "setup", "collect")])
              for key in ("passed", "failed", "skipped", "xfailed", "xpassed", "error")}
    data = {"seconds": round(time.monotonic() - _started["t"], 1), "markexpr": config.option.markexpr or "",
            "exitstatus": int(exitstatus), "collected": session.testscollected,
            "finished": datetime.datetime.now().astimezone().isoformat(timespec="seconds"),
            **{("errors" if k == "error" else k): v for k, v in counts.items()}}
    try:
        SUITE_FILE.parent.mkdir(parents=True, exist_ok=True)
        tmp = SUITE_FILE.with_name(f"{SUITE_FILE.name}.{os.getpid()}.tmp")
        tmp.write_text(json.dumps(data, indent=1) + "\n")
        os.replace(tmp, SUITE_FILE)
    except OSError:
        pass  # a read-only checkout: the benchmark then says "not measured"
