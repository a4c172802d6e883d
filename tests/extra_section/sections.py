"""The test-only section: a chapter of patrols after the targets, with its table, API field and admin inline."""

from rest_framework import serializers

from plans.comparison import ComparedSection, ComparedTable, compare_rows_by, rows_of
from plans.consistency import Derived
from plans.consistency import Section as CheckSection
from plans.document import Part
from plans.exports import Table
from plans.registry import ApiField, Chapter, CsvTable, Dataset, Section, register
from tests.extra_section import workbook
from tests.extra_section.editors import editors as patrol_editors
from tests.extra_section.models import Patrol


def patrols(plan):
    """The chapter of a plan that has patrols; other plans (Kasur's) print as they did."""
    rows = list(Patrol.objects.filter(plan=plan))
    context = {"plan": plan, "patrols": rows, "total": sum(row.officers for row in rows)}
    return [Part("patrols", "Patrol routes", "chapters/patrols.html", context)] if rows else []


def patrol_table(plan):
    table = Table("patrols", "Patrol routes", ["Route", "Officers"])
    rows = list(Patrol.objects.filter(plan=plan))
    table.rows = [[row.route, row.officers] for row in rows] + [["Total", sum(row.officers for row in rows)]]
    return table


def computed_figures(data):
    """The total officers on patrol, for a plan that has patrols (others print no such figure)."""
    patrols = data["patrols"]
    return {"patrols:officers:total": sum(row.officers for row in patrols)} if patrols else {}


def explained_figures(plan):
    officers = list(Patrol.objects.filter(plan=plan).values_list("officers", flat=True))
    how = " + ".join(str(count) for count in officers) or "0"
    derived = Derived(CheckSection("patrols", "Patrol routes"), "Total officers on patrol", sum(officers), how)
    return {"patrols:officers:total": derived} if officers else {}


def compare(earlier, later):
    """The patrol routes of two plans, matched by route: the officers on each."""
    rows = compare_rows_by(
        *rows_of(Patrol.objects.all(), "plan", earlier, later), key=lambda row: row.route, columns=["officers"]
    )
    tables = [ComparedTable("Patrol routes", "Route", ["Officers"], rows)] if rows else []
    return [ComparedSection("patrols", "Patrol routes", 125, tables, empty="Neither plan has patrols.")]


class PatrolSerializer(serializers.ModelSerializer):
    class Meta:
        model = Patrol
        fields = ["id", "route", "officers"]


register(
    Section(
        "extra_section",
        chapters=(
            Chapter(
                "patrols",
                "Patrol routes",
                position=125,  # after the targets, before the financial resources
                build=patrols,
                admin_items=("tests.extra_section.admin.PatrolInline",),
                edited_with=("extra_section.Patrol",),
                tables=("patrols",),
                editors=patrol_editors,
            ),
        ),
        tables=(CsvTable("patrols", "Patrol routes", patrol_table),),
        datasets=(Dataset("patrols", lambda data: list(Patrol.objects.filter(plan=data.plan))),),
        api_fields=(
            ApiField(
                "patrols",
                145,
                lambda: PatrolSerializer(many=True, read_only=True),
                prefetch=("patrols",),
                # No view permission asked: the role groups of the other tests know nothing of this app.
            ),
        ),
        computed_figures=computed_figures,
        explained_figures=explained_figures,
        compare=compare,
        workbook_sheets=workbook.SHEETS,
    )
)
