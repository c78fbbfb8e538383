import datetime

from django.core.management.base import BaseCommand
from django.utils import timezone

from insatser.services import send_report_reminders


class Command(BaseCommand):
    help = "Skickar påminnelser om lägesrapporter som snart ska lämnas och om försenade (körs dagligen)."

    def add_arguments(self, parser):
        parser.add_argument("--datum", type=datetime.date.fromisoformat, help="Dagens datum (ÅÅÅÅ-MM-DD), för test.")
        parser.add_argument("--dagar-fore", type=int, default=14, help="Hur många dagar före sista dag påminnelsen skickas.")

    def handle(self, *args, **options):
        today = options["datum"] or timezone.localdate()
        sent = send_report_reminders(today=today, days_before=options["dagar_fore"])
        self.stdout.write(f"Påminnelser skickade: {sent['paminnelse']}, förseningar: {sent['forsening']}.")
