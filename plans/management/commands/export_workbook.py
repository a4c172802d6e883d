"""Write a plan, or an empty workbook for a district, as an Excel workbook."""

from django.core.management.base import BaseCommand, CommandError

from plans.models import AnnualPlan, District, parse_fiscal_year
from plans.workbook.export import export_plan, export_template


def district_and_year(slug, year):
    try:
        year_start = parse_fiscal_year(year)
    except ValueError as error:
        raise CommandError(str(error)) from error
    district = District.objects.filter(slug=slug).first()
    if district is None:
        raise CommandError(f"There is no district {slug!r}.")
    return district, year_start


class Command(BaseCommand):
    help = "Write the district's plan for the fiscal year as an .xlsx workbook (--template: an empty one)."

    def add_arguments(self, parser):
        parser.add_argument("district", help="the district's slug, e.g. kasur")
        parser.add_argument("year", help="the fiscal year, e.g. 2023-2024")
        parser.add_argument("-o", "--output", required=True, help="the .xlsx file to write")
        parser.add_argument(
            "--template", action="store_true", help="an empty workbook with the district's reference lists"
        )

    def handle(self, *args, **options):
        district, year_start = district_and_year(options["district"], options["year"])
        if options["template"]:
            content = export_template(district, year_start)
        else:
            plan = (
                AnnualPlan.objects.filter(district=district, year_start=year_start).select_related("district").first()
            )
            if plan is None:
                raise CommandError(
                    f"{district} has no plan for {options['year']} (--template writes an empty workbook)."
                )
            content = export_plan(plan)
        with open(options["output"], "wb") as output:
            output.write(content)
        self.stdout.write(f"Wrote {options['output']}")
