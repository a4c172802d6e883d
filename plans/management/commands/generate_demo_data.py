"""Synthetic districts with complete plans, to try the portal and the reviewers' overview with many districts.

The districts are "Demo District NN" (flagged synthetic) in a region "Demo Region" (slug demo-<province>)
unless another region is named; Kasur and any other real district are never touched. Running the command
again adds only what is missing (new districts, or years a demo district lacks).
"""

import random
import time
from datetime import date

from django.core.management import BaseCommand, CommandError
from django.db import transaction

from plans.audit import record_initial_history
from plans.demo import build_demo_district, build_demo_plan, build_demo_progress
from plans.models import AnnualPlan, PlanStatus, Province, Region, parse_fiscal_year

# The latest year's status, as reviewers would find a province mid-year: mostly drafts.
LATEST_STATUSES = [PlanStatus.DRAFT] * 6 + [PlanStatus.SUBMITTED] * 2 + [PlanStatus.APPROVED] * 2


def current_plan_year():
    """The latest fiscal year a real district has a plan for, else the fiscal year running today."""
    latest = (
        AnnualPlan.objects.filter(district__is_synthetic=False)
        .order_by("-year_start")
        .values_list("year_start", flat=True)
    ).first()
    if latest is not None:
        return latest
    today = date.today()
    return today.year if today.month >= 7 else today.year - 1


class Command(BaseCommand):
    help = "Create N synthetic districts, each with K complete plans for consecutive fiscal years."

    def add_arguments(self, parser):
        parser.add_argument("--districts", type=int, default=10, metavar="N")
        parser.add_argument("--years", type=int, default=3, metavar="K")
        parser.add_argument("--region", metavar="SLUG", help="An existing region (default: 'Demo Region').")
        parser.add_argument("--province", metavar="SLUG", help="The province of 'Demo Region' when there are several.")
        parser.add_argument("--seed", type=int, default=0)
        parser.add_argument("--scale", type=int, default=1, help="Rows per plan as a multiple of the reference plan.")
        parser.add_argument(
            "--last-year", metavar="YYYY-YYYY", help="The last fiscal year (default: the latest year of a real plan)."
        )

    def handle(self, *args, districts, years, region, province, seed, scale, last_year, verbosity, **options):
        if districts < 1 or years < 1 or scale < 1:
            raise CommandError("--districts, --years and --scale must be 1 or more.")
        try:
            last = parse_fiscal_year(last_year) if last_year else current_plan_year()
        except ValueError as error:
            raise CommandError(str(error)) from error
        region = self.region(region, province)
        year_starts = list(range(last - years + 1, last + 1))
        rng = random.Random(seed)
        started = time.monotonic()
        created = skipped = 0
        for index in range(1, districts + 1):
            with transaction.atomic():
                district = build_demo_district(region, index)
                existing = set(district.plans.values_list("year_start", flat=True))
                for year_start in year_starts:
                    if year_start in existing:
                        skipped += 1
                        continue
                    plan = build_demo_plan(district, year_start, scale=scale, seed=seed)
                    status = rng.choice(LATEST_STATUSES) if year_start == last else PlanStatus.APPROVED
                    if status != PlanStatus.DRAFT:
                        AnnualPlan.objects.filter(pk=plan.pk).update(status=status)
                    if status == PlanStatus.APPROVED:
                        build_demo_progress(plan, 4 if year_start < last else rng.randint(1, 2), seed=seed)
                    created += 1
                record_initial_history()  # rows made in bulk get the first record a save would have made
            if verbosity > 1:
                self.stdout.write(f"  {district}")
        elapsed = time.monotonic() - started
        self.stdout.write(
            self.style.SUCCESS(
                f"{districts} synthetic districts in {region}: {created} plans created, {skipped} already there "
                f"({year_starts[0]}-{year_starts[0] + 1} to {last}-{last + 1}), in {elapsed:.1f}s."
            )
        )

    def region(self, slug, province_slug):
        if slug:
            try:
                return Region.objects.get(slug=slug)
            except Region.DoesNotExist:
                raise CommandError(f"No region with slug {slug!r}.") from None
        if province_slug:
            try:
                province = Province.objects.get(slug=province_slug)
            except Province.DoesNotExist:
                raise CommandError(f"No province with slug {province_slug!r}.") from None
        else:
            provinces = list(Province.objects.all()[:2])
            if len(provinces) > 1:
                raise CommandError("There are several provinces: name one with --province SLUG.")
            province = (
                provinces[0] if provinces else Province.objects.create(name="Demo Province", slug="demo-province")
            )
        region, _ = Region.objects.get_or_create(
            province=province, name="Demo Region", defaults={"slug": f"demo-{province.slug}"}
        )
        return region
