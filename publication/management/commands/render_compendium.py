"""Put a province's (or a region's) approved plans of a year together: one PDF, or a zip of the approved PDFs."""

from pathlib import Path

from django.core.files.storage import default_storage
from django.core.management import BaseCommand, CommandError

from plans.models import parse_fiscal_year
from publication import compendium


class Command(BaseCommand):
    help = (
        "Render the compendium of a province's or region's approved plans of a fiscal year, e.g. "
        "render_compendium punjab 2023-2024 -o punjab-2023-2024.pdf (or --zip for the approved PDFs as kept)."
    )

    def add_arguments(self, parser):
        parser.add_argument("scope", help="The province's or region's slug, e.g. punjab.")
        parser.add_argument("year", help="The fiscal year, e.g. 2023-2024.")
        parser.add_argument("--output", "-o", help="Where to write the file (default: the compendium's file name).")
        parser.add_argument(
            "--zip", action="store_true", help="Write the zip of the individual approved PDFs instead of one PDF."
        )
        parser.add_argument(
            "--workers",
            action="store_true",
            help="Send the parts to the Celery workers and wait (default: render them in this process).",
        )

    def handle(self, *args, scope, year, output=None, zip=False, workers=False, **options):
        try:
            year_start = parse_fiscal_year(year)
        except ValueError as error:
            raise CommandError(str(error)) from error
        place = compendium.find_scope(scope)
        if place is None:
            raise CommandError(f"No province or region with the slug {scope!r}.")
        run = (lambda workflow: workflow.apply_async().get(disable_sync_subtasks=False)) if workers else None
        try:
            job = compendium.start(place, year_start, run=run or (lambda workflow: workflow.apply()))
        except compendium.NoApprovedPlans as error:
            raise CommandError(str(error)) from error
        job = compendium.get_job(job["id"])
        if job["state"] != "ready":
            raise CommandError(f"The compendium could not be made: {job['error'] or job['state']}")
        kind = "zip" if zip else "pdf"
        output = Path(output or Path(job[kind]).name)
        with default_storage.open(job[kind], "rb") as made:
            output.write_bytes(made.read())
        plans = f"{job['total']} plan{'' if job['total'] == 1 else 's'}"
        summary = f"{job['pages']} pages" if kind == "pdf" else "the approved PDFs and SHA256SUMS"
        self.stdout.write(self.style.SUCCESS(f"Wrote {output}: {job['scope_title']} {job['year']}, {plans}, {summary}"))
