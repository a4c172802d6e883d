"""Every bad cell is reported as `Sheet!B7: reason`, the import exits with status 1 and nothing changes."""

import io

import pytest
from django.core.management import call_command
from openpyxl import load_workbook

from plans import registry
from plans.models import AnnualPlan, PlanStatus
from tests.workbook.helpers import edited, kasur_workbook, run_import


def history_count():
    """How many history records the plan's models hold: any save or delete adds one."""
    return sum(model.history.count() for model in registry.models() if hasattr(model, "history"))


@pytest.fixture
def workbook(kasur_plan):
    return kasur_workbook(kasur_plan)


def refused(plan, content, capsys, tmp_path):
    """The command's error lines for `content`, checking it exited with 1 and changed nothing."""
    before = history_count()
    path = tmp_path / "upload.xlsx"
    path.write_bytes(content)
    with pytest.raises(SystemExit) as exit_status:
        call_command("import_workbook", plan.district.slug, plan.fiscal_year, str(path))
    assert exit_status.value.code == 1
    assert history_count() == before
    return capsys.readouterr().err.strip().splitlines()


def crime_row(workbook, head):
    sheet = load_workbook(io.BytesIO(workbook))["Crime"]
    return next(row for row in range(4, sheet.max_row + 1) if sheet.cell(row, 1).value == head)


def test_a_word_where_a_number_belongs(kasur_plan, workbook, capsys, tmp_path):
    lines = refused(kasur_plan, edited(workbook, {("Strength", "B5"): "many"}), capsys, tmp_path)
    assert lines[0] == "Strength!B5: 'many' is not a number"
    assert lines[-1] == "1 errors: nothing saved."


def test_a_negative_count(kasur_plan, workbook, capsys, tmp_path):
    row = crime_row(workbook, "Murder")
    lines = refused(kasur_plan, edited(workbook, {("Crime", f"D{row}"): -3}), capsys, tmp_path)
    assert lines[0] == f"Crime!D{row}: -3 is negative; a count cannot be"


def test_an_unknown_rank(kasur_plan, workbook, capsys, tmp_path):
    column = load_workbook(io.BytesIO(workbook))["Strength"].max_column + 1
    letter = chr(ord("A") + column - 1)
    changes = {
        ("Strength", f"{letter}3"): "Chief Inspector",
        ("Strength", f"{letter}5"): 1,
        ("Strength", f"{letter}6"): 1,
    }
    lines = refused(kasur_plan, edited(workbook, changes), capsys, tmp_path)
    assert lines[0].startswith(f"Strength!{letter}3: an unknown rank 'Chief Inspector'")


def test_a_duplicate_row(kasur_plan, workbook, capsys, tmp_path):
    sheet = load_workbook(io.BytesIO(workbook))["Crime"]
    last = sheet.max_row + 1
    changes = {("Crime", f"A{last}"): "murder", ("Crime", f"C{last}"): 4}
    lines = refused(kasur_plan, edited(workbook, changes), capsys, tmp_path)
    assert lines[0] == f"Crime!A{last}: a duplicate row: murder is already in A{crime_row(workbook, 'Murder')}"


def test_a_sheet_renamed(kasur_plan, workbook, capsys, tmp_path):
    book = load_workbook(io.BytesIO(workbook))
    book["Crime"].title = "Crimes"
    buffer = io.BytesIO()
    book.save(buffer)
    lines = refused(kasur_plan, buffer.getvalue(), capsys, tmp_path)
    assert lines[0].startswith("Crimes!A1: an unknown sheet (renamed?")
    assert lines[1] == "Crime!A1: the sheet is missing (renamed or deleted?)"


def test_a_heading_renamed(kasur_plan, workbook, capsys, tmp_path):
    lines = refused(kasur_plan, edited(workbook, {("Budget", "C3"): "Money"}), capsys, tmp_path)
    assert lines[0].startswith("Budget!C3: the heading should be 'Amount (Rs.)', not 'Money'")


def test_a_file_that_is_not_a_workbook(kasur_plan, capsys, tmp_path):
    lines = refused(kasur_plan, b"Sr. No.,Head,Amount\n1,POL,100\n", capsys, tmp_path)
    assert lines[0] == "The file is not an Excel workbook (.xlsx)."


def test_a_workbook_of_another_district(kasur_plan, workbook, capsys, tmp_path):
    lines = refused(kasur_plan, edited(workbook, {("About", "B3"): "lahore"}), capsys, tmp_path)
    assert lines[0] == "About!B3: this workbook is of district 'lahore', not 'kasur'"


def test_several_bad_cells_are_all_reported(kasur_plan, workbook, capsys, tmp_path):
    changes = {("Strength", "B5"): "many", ("Strength", "C6"): -1, ("Targets", "A4"): "first"}
    lines = refused(kasur_plan, edited(workbook, changes), capsys, tmp_path)
    assert lines[:3] == [
        "Strength!B5: 'many' is not a number",
        "Strength!C6: -1 is negative; a count cannot be",
        "Targets!A4: 'first' is not a number",
    ]


def test_a_row_the_model_refuses_is_reported_and_nothing_saved(kasur_plan, workbook, capsys, tmp_path):
    # Percentages that do not add up to 100: the model's own clean() refuses it when the import applies.
    changes = {("Vital statistics", "B5"): 70, ("Strength", "B6"): 0}
    lines = refused(kasur_plan, edited(workbook, changes), capsys, tmp_path)
    assert lines[0].startswith("Vital statistics!B3: rural_percent: Urban and rural shares must add up to 100%")


def test_a_locked_plan_refuses(kasur_plan, workbook, capsys, tmp_path):
    AnnualPlan.objects.filter(pk=kasur_plan.pk).update(status=PlanStatus.SUBMITTED)
    lines = refused(kasur_plan, edited(workbook, {("Strength", "B6"): 0}), capsys, tmp_path)
    assert lines[0] == "Kasur 2023-2024 is submitted and locked: it must be returned to draft before it can change."


def test_a_dry_run_changes_nothing(kasur_plan, workbook):
    before = history_count()
    result = run_import(kasur_plan, edited(workbook, {("Strength", "B6"): 0}), dry_run=True)
    assert result.ok and len(result.differences) == 1 and not result.applied
    assert history_count() == before
