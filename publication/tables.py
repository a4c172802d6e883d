"""Open data: the approved plans' tables as flat records across districts and years, for CSV and the API.

Each table is one query over the published plans, whatever their number: a record per row of a plan's
table, led by the plan's province, region, district and fiscal year. Counts are plain integers.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from crime_stats.models import CrimeFigure
from logistics.models import VehicleCount
from plans.models import BudgetAllocation
from strength.models import StrengthEntry

PLAN_COLUMNS = ["province", "region", "district", "fiscal_year"]
PLAN_PATH = "plan__district__region__province"


def plan_columns(plan):
    district = plan.district
    return {
        "province": district.region.province.name,
        "region": district.region.name,
        "district": district.name,
        "fiscal_year": plan.fiscal_year,
    }


@dataclass(frozen=True)
class OpenTable:
    slug: str
    title: object
    columns: list
    model: type
    related: tuple
    order: tuple

    def rows_queryset(self, plans):
        return (
            self.model.objects.filter(plan__in=plans)
            .select_related(PLAN_PATH, *self.related)
            .order_by("plan__district__name", "plan__year_start", *self.order)
        )

    def records(self, plans):
        for row in self.rows_queryset(plans):
            yield {**plan_columns(row.plan), **RECORDS[self.slug](row)}


RECORDS = {
    "strength": lambda entry: {
        "rank": entry.rank.name,
        "cadre": entry.rank.cadre,
        "sanctioned": entry.sanctioned,
        "present": entry.present,
        "short": entry.short,
        "excess": entry.excess,
    },
    "crime": lambda figure: {
        "crime_head": figure.head.name,
        "law_sections": figure.head.law_sections,
        "year": figure.year,
        "cases": figure.cases,
    },
    "vehicles": lambda count: {
        "vehicle_type": count.vehicle_type.name,
        "deployment": count.deployment.name,
        "vehicles": count.count,
    },
    "budget": lambda allocation: {
        "account_code": allocation.head.account_code,
        "head_of_account": allocation.head.name,
        "amount": allocation.amount,
    },
}

TABLES = {
    table.slug: table
    for table in [
        OpenTable(
            "strength",
            _("Strength by rank"),
            [*PLAN_COLUMNS, "rank", "cadre", "sanctioned", "present", "short", "excess"],
            StrengthEntry,
            ("rank",),
            ("rank__position", "pk"),
        ),
        OpenTable(
            "crime",
            _("Crime by head and year"),
            [*PLAN_COLUMNS, "crime_head", "law_sections", "year", "cases"],
            CrimeFigure,
            ("head",),
            ("head__position", "year"),
        ),
        OpenTable(
            "vehicles",
            _("Vehicles by type and deployment"),
            [*PLAN_COLUMNS, "vehicle_type", "deployment", "vehicles"],
            VehicleCount,
            ("vehicle_type", "deployment"),
            ("vehicle_type__position", "deployment__position"),
        ),
        OpenTable(
            "budget",
            _("Budget by head of account"),
            [*PLAN_COLUMNS, "account_code", "head_of_account", "amount"],
            BudgetAllocation,
            ("head",),
            ("head__position", "pk"),
        ),
    ]
}
