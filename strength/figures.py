"""The strength tables with their computed columns, and the derived figures the plan prints."""

from dataclasses import dataclass, field

from django.db.models import OuterRef, Sum

from plans.figures import plan_rows_sum
from strength.models import Cadre, FieldOrganisation, StrengthEntry, shortage

COLUMNS = ("sanctioned", "present", "short", "excess")


@dataclass
class StrengthTable:
    """One strength table of the plan: its rank columns and the Total column."""

    entries: list = field(default_factory=list)

    @property
    def totals(self):
        return {column: sum(getattr(entry, column) for entry in self.entries) for column in COLUMNS}


@dataclass
class StrengthFigures:
    police: StrengthTable  # "b. Strength": executive and legal ranks
    ministerial: StrengthTable  # "c. Ministerial Staff"
    field_organisation: FieldOrganisation | None

    @property
    def present_police(self):
        return self.police.totals["present"]


def strength_figures(plan):
    """Both strength tables of the plan and its field organisation, in two queries."""
    police, ministerial = StrengthTable(), StrengthTable()
    for entry in StrengthEntry.objects.filter(plan=plan).select_related("rank").order_by("rank__position", "pk"):
        (ministerial if entry.rank.cadre == Cadre.MINISTERIAL else police).entries.append(entry)
    field_organisation = FieldOrganisation.objects.filter(plan=plan).first()
    return StrengthFigures(police=police, ministerial=ministerial, field_organisation=field_organisation)


def computed_figures(plan, figures=None):
    """Every derived strength figure, keyed as `plans.PrintedFigure` keys them."""
    figures = figures or strength_figures(plan)
    computed = {}
    for entry in figures.police.entries + figures.ministerial.entries:
        computed[f"strength:{entry.rank.name}:short"] = entry.short
        computed[f"strength:{entry.rank.name}:excess"] = entry.excess
    for column, total in figures.police.totals.items():
        computed[f"strength:total:{column}"] = total
    if figures.field_organisation is not None:
        computed["field:posts_total"] = figures.field_organisation.posts_total
    return computed


def police_strength_on_plan_list():
    """The plans list's strength: table b (executive and legal ranks), one subquery per figure.

    A plan's ranks are its district's (`StrengthEntry.clean`); saying so lets PostgreSQL read the district's
    ranks by index instead of hashing every district's ranks once per listed plan (4 ms a plan, nationwide)."""
    police = {"rank__cadre__in": [Cadre.EXECUTIVE, Cadre.LEGAL], "rank__district": OuterRef("district")}
    return {
        "police_sanctioned": plan_rows_sum(StrengthEntry, "sanctioned", **police),
        "police_present": plan_rows_sum(StrengthEntry, "present", **police),
        "police_short": plan_rows_sum(StrengthEntry, shortage(), **police),
    }


def all_cadres_strength(plans):
    """{plan pk: {"sanctioned", "present", "short"}} over every rank of every cadre, in one query (the overview)."""
    rows = (
        StrengthEntry.objects.filter(plan__in=list(plans))
        .values("plan")
        .annotate(total_sanctioned=Sum("sanctioned"), total_present=Sum("present"), total_short=Sum(shortage()))
        .order_by()
    )
    return {row.pop("plan"): {key.removeprefix("total_"): value for key, value in row.items()} for row in rows}
