"""gunicorn's settings for RAR Insats: `gunicorn -c gunicorn.conf.py rar.wsgi` (the deployment and `make bench`).

Workers are recycled: after max_requests requests (plus a random 0..max_requests_jitter, so that the workers do
not restart all at once) a worker finishes its request and exits, and the master starts a fresh one. A worker
that has rendered PDFs (WeasyPrint: fonts, layout) has grown; a fresh one starts small again.
Every value can be set from the environment; command-line options (e.g. --bind) win over this file.
"""

import gc
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", "4"))
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "500"))
# Jitter of half the limit: under an even load the workers reach a limit of 500 at about the same moment, and
# with a jitter of 50 all four restarted within one second (make bench saw p95 rise from 70 ms to over 500 ms).
max_requests_jitter = int(os.environ.get("GUNICORN_MAX_REQUESTS_JITTER", str(max_requests // 2)))
# The app is imported once in the master and the workers are forked from it: a recycled worker's replacement is
# serving within milliseconds instead of importing Django, WeasyPrint and the apps again (about a second, during
# which its share of the requests waits), and the workers share the imported code's memory until they write to it.
# Nothing opens a database connection at import, so no connection is shared across the fork.
preload_app = os.environ.get("GUNICORN_PRELOAD", "1") != "0"
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
accesslog = os.environ.get("GUNICORN_ACCESSLOG") or None  # a file, or "-" for stdout; none unless asked for


def when_ready(server):
    """Before the first worker is forked: load the translations, URLs and templates once (rar/warmup.py)."""
    if server.cfg.preload_app:
        from rar.warmup import warm

        server.log.info("Förladdat i huvudprocessen: %s", warm())
        # Move everything loaded so far out of the garbage collector's generations: a forked worker's collections
        # then never walk (and so never copy, page by page) the master's objects.
        gc.collect()
        gc.freeze()


def post_worker_init(worker):
    """Without preload_app each worker loads them itself, before it takes its first request."""
    if not worker.cfg.preload_app:
        from rar.warmup import warm

        warm()
