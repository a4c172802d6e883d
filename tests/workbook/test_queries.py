"""Export and an unchanged import cost the same few queries however large the plan."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from crime_stats.models import CrimeFigure, CrimeHead
from initiatives.models import Target
from plans.workbook.export import export_plan
from tests.workbook.helpers import run_import


def counted(function):
    with CaptureQueriesContext(connection) as captured:
        result = function()
    return len(captured.captured_queries), result


def test_export_and_unchanged_import_queries_stay_flat_as_the_plan_grows(kasur_plan):
    export_queries, content = counted(lambda: export_plan(kasur_plan))
    import_queries, result = counted(lambda: run_import(kasur_plan, content))
    assert result.differences == []
    assert export_queries <= 40 and import_queries <= 60

    district = kasur_plan.district
    heads = CrimeHead.objects.bulk_create(
        CrimeHead(district=district, name=f"Head {number}", position=100 + number) for number in range(30)
    )
    CrimeFigure.objects.bulk_create(
        CrimeFigure(plan=kasur_plan, head=head, year=year, cases=5) for head in heads for year in kasur_plan.crime_years
    )
    Target.objects.bulk_create(
        Target(plan=kasur_plan, position=100 + number, category=f"Target {number}") for number in range(30)
    )
    grown_export, content = counted(lambda: export_plan(kasur_plan))
    grown_import, result = counted(lambda: run_import(kasur_plan, content))
    assert result.differences == []
    assert (grown_export, grown_import) == (export_queries, import_queries)
