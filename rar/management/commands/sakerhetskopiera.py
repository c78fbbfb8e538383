"""`make backup`: dump the whole database to backups/ (or -o FILE)."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from rar.backup import backup
from rar.errors import DomainError


class Command(BaseCommand):
    help = "Säkerhetskopierar hela databasen med pg_dump."

    def add_arguments(self, parser):
        parser.add_argument("-o", "--fil", help="Filnamn (standard: backups/rar-ÅÅÅÅMMDD-TTMMSS.dump).")

    def handle(self, *args, **options):
        stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
        path = Path(options["fil"]) if options["fil"] else Path(settings.BASE_DIR) / "backups" / f"rar-{stamp}.dump"
        try:
            written = backup(path)
        except DomainError as error:
            raise CommandError(error.message) from error
        self.stdout.write(f"Säkerhetskopian är skriven till {written} ({written.stat().st_size} byte).")
