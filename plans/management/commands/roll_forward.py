"""Start next year's draft plan of a district from a plan: manage.py roll_forward kasur 2023-2024 [--replace-years].

With --replace-years every mention of the old fiscal year and its dates in the text is moved on by a year,
each replacement printed; without it they are listed, to be reviewed in the portal.
"""

from django.core.exceptions import ValidationError
from django.core.management import BaseCommand, CommandError

from plans.models import AnnualPlan, parse_fiscal_year
from plans.rollover import apply_replacements, carry_forward, still_to_enter, year_replacements


class Command(BaseCommand):
    help = (
        "Copy a plan's text, profile, organogram, strength, vehicles, stock, objectives, targets and budget "
        "into a new draft for the next fiscal year, with the crime window moved on by a year."
    )

    def add_arguments(self, parser):
        parser.add_argument("district", help="District slug, e.g. kasur.")
        parser.add_argument("fiscal_year", help="The plan to start from, e.g. 2023-2024.")
        parser.add_argument(
            "--replace-years",
            action="store_true",
            help="Replace every mention of the old fiscal year and its dates in the text, printing each.",
        )

    def handle(self, *args, district, fiscal_year, verbosity, replace_years, **options):
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
                f"crime years {new_plan.crime_first_year}-{new_plan.crime_last_year}."
            )
        )
        if replace_years:
            replacements = apply_replacements(new_plan, None)
            self.stdout.write(f"Replaced the old year in {len(replacements)} places:")
        else:
            replacements = year_replacements(new_plan)
            self.stdout.write(
                f"{len(replacements)} places name the old year (review them in the portal, or use --replace-years):"
            )
        for replacement in replacements:
            changes = ", ".join(f"{old} -> {new}" for old, new in replacement.changes)
            self.stdout.write(f"  {replacement.place.section.title} / {replacement.place.label}: {changes}")
        self.stdout.write("To be entered anew:")
        for item in still_to_enter(new_plan):
            self.stdout.write(f"  {item.section}: {item.what}")
