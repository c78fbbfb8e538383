from django.core.management.base import BaseCommand

from rar import demo


class Command(BaseCommand):
    help = "Läser in demodata: medlemmarna i RAR i Sörmland, budget 2021–2023 och en demoanvändare per roll."

    def handle(self, *args, **options):
        demo.load(self.stdout)
        self.stdout.write(self.style.SUCCESS("Demodata inläst."))
