"""Start next year's draft plan of a district from a plan: manage.py roll_forward kasur 2023-2024."""

from django.core.exceptions import ValidationError
from django.core.management import BaseCommand, CommandError

from plans.models import AnnualPlan, parse_fiscal_year
from plans.rollover import carry_forward


class Command(BaseCommand):
    help = (
        "Copy a plan's text, profile, organogram, strength, vehicles, stock, objectives, targets and budget "
        "into a new draft for the next fiscal year, with the crime window moved on by a year."
    )

    def add_arguments(self, parser):
        parser.add_argument("district", help="District slug, e.g. kasur.")
        parser.add_argument("fiscal_year", help="The plan to start from, e.g. 2023-2024.")

    def handle(self, *args, district, fiscal_year, verbosity, **options):
        try:
            year_start = parse_fiscal_year(fiscal_year)
        except ValueError as error:
            raise CommandError(str(error)) from error
        plan = AnnualPlan.objects.filter(district__slug=district, year_start=year_start).first()
        if plan is None:
            raise CommandError(f"There is no plan of {district!r} for {fiscal_year}.")
        try:
            new_plan, copied = carry_forward(plan)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        if verbosity > 1:
            for model, count in copied.items():
                self.stdout.write(f"  {model._meta.verbose_name_plural}: {count}")
        self.stdout.write(
            self.style.SUCCESS(
                f"Started {new_plan} from {plan.fiscal_year} ({sum(copied.values())} rows copied); "
                f"crime years {new_plan.crime_first_year}-{new_plan.crime_last_year} are to be entered."
            )
        )
