"""The strength tables with their computed columns, and the derived figures the plan prints."""

from dataclasses import dataclass, field

from strength.models import Cadre, FieldOrganisation, StrengthEntry

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
