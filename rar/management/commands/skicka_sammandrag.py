"""Daily (cron): enqueue the digest e-mail for users who chose one; `db_worker` sends it."""

from django.core.management.base import BaseCommand

from rar.notiser import send_daily_digest


class Command(BaseCommand):
    help = "Lägger dagens sammandrag av notiser i kön (skickas av db_worker)."

    def handle(self, *args, **options):
        result = send_daily_digest.enqueue()
        self.stdout.write(f"Sammandraget är köat ({result.id}).")
