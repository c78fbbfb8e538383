"""Gallring of participant rows past the retention rule (PARTICIPANT_RETENTION_YEARS). Run once a year."""

import datetime

from django.utils import timezone
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from uppfoljning.services import deltagare_gallra


class Command(BaseCommand):
    help = "Tar bort deltagarrader (med historik och visningslogg) för insatser som slutade före gallringsgränsen."

    def add_arguments(self, parser):
        parser.add_argument("--torrkorning", action="store_true", help="Visa vad som skulle tas bort, ta inte bort något.")
        parser.add_argument("--idag", help="Räkna som om dagens datum vore detta (ÅÅÅÅ-MM-DD).")
        parser.add_argument("--ar", type=int, default=settings.PARTICIPANT_RETENTION_YEARS,
                            help="Antal hela kalenderår efter insatsens slut (standard: PARTICIPANT_RETENTION_YEARS).")

    def handle(self, *args, **options):
        try:
            today = datetime.date.fromisoformat(options["idag"]) if options["idag"] else timezone.localdate()
        except ValueError as error:
            raise CommandError("Ange --idag som ÅÅÅÅ-MM-DD.") from error
        if options["ar"] < 1:
            raise CommandError("Gallringstiden ska vara minst ett år.")
        counts = deltagare_gallra(today=today, years=options["ar"], dry_run=options["torrkorning"])
        verb = "Skulle ta bort" if options["torrkorning"] else "Tog bort"
        self.stdout.write(f"{verb} {counts['deltagare']} deltagarrader, {counts['historik']} historikrader och "
                          f"{counts['visningar']} visningar för insatser som slutade före {counts['fore']:%Y-%m-%d}.")
