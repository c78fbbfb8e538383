"""`make backup`: one archive with the database dump, the documents and a manifest of checksums, in backups/ (or -o FILE)."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from rar.backup import DUMP, backup
from rar.errors import DomainError


class Command(BaseCommand):
    help = "Säkerhetskopierar databasen och alla handlingar till ett arkiv med kontrollsummor."

    def add_arguments(self, parser):
        parser.add_argument("-o", "--fil", help="Filnamn (standard: backups/rar-ÅÅÅÅMMDD-TTMMSS.tar).")

    def handle(self, *args, **options):
        stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
        path = Path(options["fil"]) if options["fil"] else Path(settings.BASE_DIR) / "backups" / f"rar-{stamp}.tar"
        try:
            manifest = backup(path)
        except DomainError as error:
            raise CommandError(error.message) from error
        documents = sum(1 for entry in manifest["filer"] if entry["namn"] != DUMP)
        self.stdout.write(f"Säkerhetskopian är skriven till {path} ({path.stat().st_size} byte): databasen och "
                          f"{documents} handlingar, med SHA-256-kontrollsummor i manifest.json.")
