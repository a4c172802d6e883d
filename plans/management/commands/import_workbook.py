"""Read a workbook into a district's draft plan: one line per difference, then `N changes`."""

from django.core.management.base import BaseCommand

from plans.management.commands.export_workbook import district_and_year
from plans.workbook.importer import import_workbook


class Command(BaseCommand):
    help = (
        "Load an .xlsx workbook into the district's draft plan for the fiscal year (creating the draft when there "
        "is none): prints each difference (sheet and cell) and `N changes`; exit status 1 on any error, with "
        "nothing saved. --dry-run changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("district", help="the district's slug, e.g. kasur")
        parser.add_argument("year", help="the fiscal year, e.g. 2023-2024")
        parser.add_argument("file", help="the .xlsx workbook")
        parser.add_argument("--dry-run", action="store_true", help="show the differences; save nothing")

    def handle(self, *args, **options):
        district, year_start = district_and_year(options["district"], options["year"])
        try:
            source = open(options["file"], "rb")  # noqa: SIM115 - closed below
        except OSError as error:
            self.stderr.write(f"{options['file']}: {error.strerror}")
            raise SystemExit(1) from error
        with source:
            result = import_workbook(district, year_start, source, dry_run=options["dry_run"])
        if result.errors:
            for error in result.errors:
                self.stderr.write(error)
            self.stderr.write(f"{len(result.errors)} errors: nothing saved.")
            raise SystemExit(1)
        if result.applied:  # on stderr, so that the last line of the output is `N changes`
            self.stderr.write(f"Saved to {result.plan} (draft).", self.style.SUCCESS)
        elif options["dry_run"] and (result.differences or result.creates_plan):
            self.stderr.write("Dry run: nothing saved.")
        for line in result.lines():
            self.stdout.write(line)
