"""Generate a large deterministic data set for benchmarks: `manage.py generera_skala --insatser 1000 --deltagare 200000 --ar 20`."""

from django.core.management.base import BaseCommand, CommandError

from uppfoljning.scale import generate


class Command(BaseCommand):
    help = "Skapar ett stort, realistiskt och deterministiskt datamängd för prestandamätning (bulk-insättning)."

    def add_arguments(self, parser):
        parser.add_argument("--insatser", type=int, default=1000)
        parser.add_argument("--deltagare", type=int, default=200_000)
        parser.add_argument("--ar", type=int, default=20)
        parser.add_argument("--seed", type=int, default=1)

    def handle(self, *args, **options):
        if options["insatser"] < 1 or options["ar"] < 1 or options["deltagare"] < 0:
            raise CommandError("Ange minst en insats och ett år, och inte ett negativt antal deltagare.")
        result = generate(insatser=options["insatser"], deltagare=options["deltagare"], ar=options["ar"], seed=options["seed"],
                          out=self.stderr._out)
        self.stdout.write(", ".join(f"{k}: {v}" for k, v in result.items() if k != "sekunder")
                          + f". Klart på {result['sekunder']} s.")
