"""Print a district's plan for one fiscal year to PDF (and, if asked, to HTML)."""

from pathlib import Path

from django.conf import settings
from django.core.management import BaseCommand, CommandError

from plans.models import AnnualPlan, parse_fiscal_year
from plans.pdf import pdf_filename, render_plan_html, write_pdf


class Command(BaseCommand):
    help = "Render the annual policing plan of a district for a fiscal year to PDF, e.g. render_plan kasur 2023-2024."

    def add_arguments(self, parser):
        parser.add_argument("district", help="The district's slug, e.g. kasur.")
        parser.add_argument("year", help="The fiscal year, e.g. 2023-2024.")
        parser.add_argument("--output", "-o", help="Where to write the PDF (default: the plan's usual file name).")
        parser.add_argument("--html", help="Also write the document as HTML to this file.")
        parser.add_argument(
            "--with-progress",
            action="store_true",
            help="Print the quarterly progress against each target in the targets table.",
        )
        parser.add_argument(
            "--language",
            choices=[code for code, _name in settings.LANGUAGES],
            help="Print in this language for once (default: the plan's own print language).",
        )

    def handle(self, *args, district, year, output=None, html=None, with_progress=False, language=None, **options):
        try:
            year_start = parse_fiscal_year(year)
        except ValueError as error:
            raise CommandError(str(error)) from error
        plans = AnnualPlan.objects.select_related("district")
        plan = plans.filter(district__slug=district, year_start=year_start).first()
        if plan is None:
            raise CommandError(f"No plan of district {district!r} for {year}.")
        document = render_plan_html(plan, with_progress=with_progress, language=language)
        if html:
            Path(html).write_text(document, encoding="utf-8")
            self.stdout.write(f"Wrote {html}")
        output = output or pdf_filename(plan)
        Path(output).write_bytes(write_pdf(document))
        self.stdout.write(self.style.SUCCESS(f"Wrote {output}"))
