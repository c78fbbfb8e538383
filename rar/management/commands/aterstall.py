"""`make restore FILE=…`: replace the database's contents and the documents with a backup archive."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from rar.backup import restore
from rar.errors import DomainError


class Command(BaseCommand):
    help = ("Återställer databasen och handlingarna från en säkerhetskopia (ersätter allt innehåll). "
            "Arkivet kontrolleras mot sitt manifest innan något ändras.")

    def add_arguments(self, parser):
        parser.add_argument("fil")
        parser.add_argument("--ja", action="store_true", help="Bekräfta att databasens och handlingarnas innehåll ska ersättas.")

    def handle(self, *args, **options):
        if not options["ja"]:
            raise CommandError("Återställning ersätter allt i databasen och alla handlingar. Kör igen med --ja för att bekräfta.")
        try:
            documents = restore(Path(options["fil"]))
        except DomainError as error:
            raise CommandError(error.message) from error
        self.stdout.write(f"Databasen och {documents} handlingar är återställda från {options['fil']}.")
