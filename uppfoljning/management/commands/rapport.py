from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from rar.models import Organisation
from rar.pdf import render_pdf
from uppfoljning.member_report import member_report


class Command(BaseCommand):
    help = 'Skriver en rapport till fil, t.ex. rapport medlem "Region Sörmland" 2019 2021 -o r.pdf'

    def add_arguments(self, parser):
        parser.add_argument("slag", choices=["medlem"])
        parser.add_argument("organisation")
        parser.add_argument("fran", type=int)
        parser.add_argument("till", type=int)
        parser.add_argument("-o", "--output", required=True, help="Fil att skriva (PDF)")

    def handle(self, *args, slag, organisation, fran, till, output, **options):
        try:
            org = Organisation.objects.get(namn=organisation)
        except Organisation.DoesNotExist:
            raise CommandError(f"Ingen medlem heter ”{organisation}”.") from None
        report = member_report(org, fran, till)
        Path(output).write_bytes(render_pdf("uppfoljning/medlemsrapport_pdf.html", {"report": report}))
        self.stdout.write(f"Medlemsrapport för {org} {fran}–{till} skriven till {output}.")
