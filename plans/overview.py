"""What reviewers compare across districts, and quarterly target tracking (Police Order 2002, Article 44).

`district_overview` gives, for every district a user may see, its plan's status, strength and crime with
region and province totals, in a fixed number of queries whatever the number of districts.
`quarter_labels` names the four quarters of a plan's fiscal year.
"""

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from django.db.models import OuterRef, Subquery
from django.utils.formats import date_format

from plans import registry
from plans.models import AnnualPlan, District, WorkflowEvent
from plans.scope import visible_district_ids

QUARTERS = (1, 2, 3, 4)


@dataclass
class Figures:
    """Strength of all cadres (executive, legal and ministerial) and reported crime of one plan, or summed
    over districts.

    `crime` is the plan's last crime year and `crime_previous` the year before; a sum counts the
    districts that have the figure, and its change only those that have both years.
    """

    sanctioned: int = 0
    present: int = 0
    short: int = 0
    crime: int | None = None
    crime_previous: int | None = None
    # In totals: the crime of only those districts that report the year before too, so change compares like with like.
    crime_comparable: int | None = None

    @property
    def short_percent(self):
        return round(100 * self.short / self.sanctioned, 1) if self.sanctioned else None

    @property
    def crime_change(self):
        if self.crime is None or self.crime_previous is None:
            return None
        current = self.crime if self.crime_comparable is None else self.crime_comparable
        return current - self.crime_previous

    @property
    def crime_change_percent(self):
        if self.crime_change is None or not self.crime_previous:
            return None
        return round(100 * self.crime_change / self.crime_previous, 1)

    def add(self, other):
        self.sanctioned += other.sanctioned
        self.present += other.present
        self.short += other.short
        if other.crime is not None:
            self.crime = (self.crime or 0) + other.crime
        if other.crime is not None and other.crime_previous is not None:
            self.crime_previous = (self.crime_previous or 0) + other.crime_previous
            comparable = other.crime if other.crime_comparable is None else other.crime_comparable
            self.crime_comparable = (self.crime_comparable or 0) + comparable


@dataclass
class Totals(Figures):
    """Figures summed over districts, with how many plans stand at each status: draft, returned (a draft sent
    back with comments, counted apart from the other drafts), submitted, approved; `none` without a plan."""

    districts: int = 0
    statuses: Counter = field(default_factory=Counter)

    def add_row(self, row):
        self.districts += 1
        self.statuses[row.status_key or "none"] += 1
        self.add(row.figures)


@dataclass
class DistrictRow:
    district: District
    plan: AnnualPlan | None
    figures: Figures

    @property
    def status(self):
        return self.plan.status if self.plan else None

    @property
    def returned(self):
        """A draft returned to the district with comments (counted as "returned" in the totals)."""
        return self.status_key == "returned"

    @property
    def status_key(self):
        """As people see it: 'returned' for a draft returned with comments (`AnnualPlan.status_key`)."""
        return self.plan.status_key if self.plan else None

    @property
    def crime_year(self):
        return self.plan.crime_last_year if self.plan else None


@dataclass
class RegionOverview:
    region: object
    districts: list = field(default_factory=list)
    totals: Totals = field(default_factory=Totals)


@dataclass
class ProvinceOverview:
    province: object
    regions: list = field(default_factory=list)
    totals: Totals = field(default_factory=Totals)


@dataclass
class Overview:
    year_start: int | None
    provinces: list = field(default_factory=list)
    totals: Totals = field(default_factory=Totals)

    @property
    def rows(self):
        return [row for province in self.provinces for region in province.regions for row in region.districts]


def district_overview(user, year_start=None):
    """Every district `user` may see with its plan (of `year_start`, else its latest) and the totals.

    A fixed number of queries however many districts: the user's scope, districts, plans, and one for each
    section's figures (`plans.registry.Section.overview_figures`: strength of all cadres, crime).
    """
    district_ids = visible_district_ids(user)
    districts = District.objects.select_related("region__province").order_by(
        "region__province__name", "region__name", "name"
    )
    if district_ids is not None:
        districts = districts.filter(pk__in=district_ids)
    districts = list(districts)

    plans = AnnualPlan.objects.filter(district__in=[d.pk for d in districts]).only(
        "district_id", "year_start", "status", "crime_first_year", "crime_last_year"
    )
    if year_start is None:
        latest = AnnualPlan.objects.filter(district=OuterRef("district")).order_by("-year_start").values("year_start")
        plans = plans.filter(year_start=Subquery(latest[:1]))
    else:
        plans = plans.filter(year_start=year_start)
    latest_step = WorkflowEvent.objects.filter(plan=OuterRef("pk")).order_by("-created", "-pk")
    plans = plans.annotate(last_action=Subquery(latest_step.values("action")[:1]))  # "Returned" in the same query
    plan_of = {plan.district_id: plan for plan in plans}

    values = {plan_pk: {} for plan_pk in (plan.pk for plan in plan_of.values())}
    for section in registry.sections():
        if section.overview_figures and plan_of:
            for plan_pk, figures in section.overview_figures(plan_of.values()).items():
                values[plan_pk] |= figures

    overview = Overview(year_start=year_start)
    for district in districts:
        plan = plan_of.get(district.pk)
        figures = Figures()
        if plan is not None:
            plan.district = district
            figures = Figures(**values[plan.pk])
        row = DistrictRow(district=district, plan=plan, figures=figures)
        region, province = district.region, district.region.province
        if not overview.provinces or overview.provinces[-1].province != province:
            overview.provinces.append(ProvinceOverview(province))
        province_overview = overview.provinces[-1]
        if not province_overview.regions or province_overview.regions[-1].region != region:
            province_overview.regions.append(RegionOverview(region))
        province_overview.regions[-1].districts.append(row)
        for totals in (province_overview.regions[-1].totals, province_overview.totals, overview.totals):
            totals.add_row(row)
    return overview


def quarter_labels(plan):
    """The four quarters of the plan's fiscal year as months: 'Jul–Sep 2023' ... 'Apr–Jun 2024'."""
    labels = []
    for number in QUARTERS:
        first_month = (6 + 3 * (number - 1)) % 12 + 1
        year = plan.year_start + (first_month < 7)
        first, last = date(year, first_month, 1), date(year, first_month + 2, 1)
        labels.append(f"{date_format(first, 'M')}–{date_format(last, 'M')} {year}")
    return labels
