"""The operational results as CSV: a row per count the document prints, and nothing of the row's bookkeeping."""

from crime_stats import exports
from crime_stats.models import OperationalResult


def test_operational_results_table_lists_each_printed_count_once_per_year(kasur_plan):
    table = exports.operational(kasur_plan)
    descriptions = {row[1] for row in table.rows}
    counts = [str(OperationalResult._meta.get_field(name).verbose_name) for name in OperationalResult.figure_fields()]

    assert "version" not in descriptions and "Version" not in descriptions
    assert set(counts) <= descriptions
    years = sorted({row[0] for row in table.rows})
    for year in years:
        year_counts = [row[1] for row in table.rows if row[0] == year and row[1] in counts]
        assert year_counts == counts
