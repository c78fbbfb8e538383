"""gunicorn's settings for RAR Insats: `gunicorn -c gunicorn.conf.py rar.wsgi` (the deployment and `make bench`).

Workers are recycled: after max_requests requests (plus a random 0..max_requests_jitter, so that the workers do
not restart all at once) a worker finishes its request and exits, and the master starts a fresh one. A worker
that has rendered PDFs (WeasyPrint: fonts, layout) has grown; a fresh one starts small again.
Every value can be set from the environment; command-line options (e.g. --bind) win over this file.
"""

import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", "4"))
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "500"))
max_requests_jitter = int(os.environ.get("GUNICORN_MAX_REQUESTS_JITTER", str(max_requests // 10)))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
accesslog = os.environ.get("GUNICORN_ACCESSLOG") or None  # a file, or "-" for stdout; none unless asked for
