#!/usr/bin/env python
import os
import sys


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rar.settings")
    try:
        from django.core.management import execute_from_command_line

        execute_from_command_line(sys.argv)
    except KeyboardInterrupt:
        # Ctrl-C is a request, not an error: no traceback (e.g. while a command is still starting). The exit is
        # a normal one, so the embedded PostgreSQL's exit hook runs (rar/embedded_db.py).
        sys.exit(130)


if __name__ == "__main__":
    main()
