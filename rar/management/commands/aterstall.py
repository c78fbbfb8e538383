"""`make restore FILE=…`: replace the database's contents with a backup."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from rar.backup import restore
from rar.errors import DomainError


class Command(BaseCommand):
    help = "Återställer databasen från en säkerhetskopia (ersätter allt innehåll)."

    def add_arguments(self, parser):
        parser.add_argument("fil")
        parser.add_argument("--ja", action="store_true", help="Bekräfta att databasens innehåll ska ersättas.")

    def handle(self, *args, **options):
        if not options["ja"]:
            raise CommandError("Återställning ersätter allt i databasen. Kör igen med --ja för att bekräfta.")
        try:
            restore(Path(options["fil"]))
        except DomainError as error:
            raise CommandError(error.message) from error
        self.stdout.write(f"Databasen är återställd från {options['fil']}.")
