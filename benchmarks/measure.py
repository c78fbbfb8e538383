"""Run the in-process measurements against the configured database and print them as JSON (one data set).

    python -m benchmarks.measure [all]        query counts, member report against SQL, statistics page, PDF times
    python -m benchmarks.measure cpu [ROUNDS] CPU and SQL time per request of the list pages and the floor pages
    python -m benchmarks.measure session N    N sessions of the benchmark's staff user, and the pages to load
"""

import json
import os
import sys

import django


def sessions(n: int) -> list:
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    from benchmarks import bench

    _, user = bench.staff_client()
    keys = []
    for _ in range(n):
        session = SessionStore()
        session[SESSION_KEY], session[BACKEND_SESSION_KEY] = str(user.pk), "django.contrib.auth.backends.ModelBackend"
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session.set_expiry(24 * 3600)
        session.save()
        keys.append(session.session_key)
    return keys


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rar.settings")
    django.setup()
    from django.conf import settings

    from benchmarks import bench

    what = sys.argv[1] if len(sys.argv) > 1 else "all"
    if what == "session":
        n = int(sys.argv[2]) if len(sys.argv) > 2 else 1
        print(json.dumps({"sessions": sessions(n), "list_pages": bench.list_pages(), "pdf": bench.pdf_urls()}))
        return
    if what == "cpu":
        rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 7
        result = bench.cpu_per_request(rounds)
        result["list_fragment_cache"] = getattr(settings, "LIST_FRAGMENT_CACHE", None)
        print(json.dumps(result))
        return
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM uppfoljning_deltagare")
        participants = cursor.fetchone()[0]
        cursor.execute("SELECT COUNT(*) FROM insatser_insats")
        insatser = cursor.fetchone()[0]
    result = {"deltagare": participants, "insatser": insatser, "queries": bench.query_counts(),
              "report": bench.report_vs_sql(), "statistik": bench.statistics_page(), "pdf": bench.pdf_times()}
    print(json.dumps(result, default=str))


if __name__ == "__main__":
    main()
