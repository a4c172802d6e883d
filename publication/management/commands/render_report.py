"""Print the half-yearly report of Article 44 for a district's plan to PDF."""

from pathlib import Path

from django.core.management import BaseCommand, CommandError

from plans.models import AnnualPlan, parse_fiscal_year
from publication.report import half_year_report, render_report_pdf, report_filename


class Command(BaseCommand):
    help = "Render the half-yearly report of a district's plan, e.g. render_report kasur 2023-2024 --half 1 -o h1.pdf."

    def add_arguments(self, parser):
        parser.add_argument("district", help="The district's slug, e.g. kasur.")
        parser.add_argument("year", help="The plan's fiscal year, e.g. 2023-2024.")
        parser.add_argument(
            "--half", type=int, choices=[1, 2], required=True, help="1: July-December; 2: January-June."
        )
        parser.add_argument("--output", "-o", help="Where to write the PDF (default: the report's usual file name).")

    def handle(self, *args, district, year, half, output=None, **options):
        try:
            year_start = parse_fiscal_year(year)
        except ValueError as error:
            raise CommandError(str(error)) from error
        plan = (
            AnnualPlan.objects.select_related("district").filter(district__slug=district, year_start=year_start).first()
        )
        if plan is None:
            raise CommandError(f"No plan of district {district!r} for {year}.")
        report = half_year_report(plan, half)
        output = output or report_filename(report)
        Path(output).write_bytes(render_report_pdf(report))
        self.stdout.write(self.style.SUCCESS(f"Wrote {output}"))
