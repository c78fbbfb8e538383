"""Run the in-process measurements against the configured database and print them as JSON (one dataset)."""

import json
import os
import sys

import django


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rar.settings")
    django.setup()
    from benchmarks import bench

    what = sys.argv[1] if len(sys.argv) > 1 else "all"
    if what == "session":
        from django.contrib.auth import SESSION_KEY, BACKEND_SESSION_KEY, HASH_SESSION_KEY
        from django.contrib.sessions.backends.db import SessionStore

        _, user = bench.staff_client()
        session = SessionStore()
        session[SESSION_KEY], session[BACKEND_SESSION_KEY] = str(user.pk), "django.contrib.auth.backends.ModelBackend"
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session.set_expiry(24 * 3600)
        session.save()
        print(json.dumps({"session": session.session_key, "pages": bench.main_pages()}))
        return
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM uppfoljning_deltagare")
        participants = cursor.fetchone()[0]
        cursor.execute("SELECT COUNT(*) FROM insatser_insats")
        insatser = cursor.fetchone()[0]
    result = {"deltagare": participants, "insatser": insatser, "queries": bench.query_counts(),
              "report": bench.report_vs_sql(), "pdf": bench.pdf_times()}
    print(json.dumps(result, default=str))


if __name__ == "__main__":
    main()
