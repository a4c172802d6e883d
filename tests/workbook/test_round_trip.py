"""The Kasur plan through its workbook and back: unchanged it shows no difference; into a new district it
gives the same plan, figure for figure and point for point; an edit shows as the cell it changed."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from openpyxl import load_workbook

from plans import registry
from plans.models import AnnualPlan, District
from strength.models import StrengthEntry
from tests.workbook.helpers import edited, kasur_workbook, run_import

# Not the plan's content: where rows are stored and how they are addressed.
NOT_CONTENT = {
    "id",
    "url",
    "full",
    "pdf",
    "version",
    "created",
    "modified",
    "position",
    "plan",
    "district",
    "fiscal_year",
}


def content(value, district="Kasur"):
    """The full plan as the API gives it, without ids, addresses, versions and stored positions (order stays),
    the district's name as Kasur's."""
    if isinstance(value, dict):
        return {key: content(item, district) for key, item in value.items() if key not in NOT_CONTENT}
    if isinstance(value, list):
        return [content(item, district) for item in value]
    return value.replace(district, "Kasur") if isinstance(value, str) else value


def first_difference(a, b, path=""):
    if isinstance(a, dict) and isinstance(b, dict):
        for key in {*a, *b}:
            if a.get(key) != b.get(key):
                return first_difference(a.get(key), b.get(key), f"{path}.{key}")
    if isinstance(a, list) and isinstance(b, list) and len(a) == len(b):
        for index, (x, y) in enumerate(zip(a, b, strict=True)):
            if x != y:
                return first_difference(x, y, f"{path}[{index}]")
    return f"{path}: {a!r} != {b!r}"


def full_plan(client, plan):
    response = client.get(reverse("api:annualplan-full", args=[plan.pk]))
    assert response.status_code == 200
    return response.json()


@pytest.fixture
def newpur(kasur_plan):
    return District.objects.create(region=kasur_plan.district.region, name="Newpur", slug="newpur")


def test_the_workbook_has_a_sheet_per_registered_table_after_the_explanation(kasur_plan):
    workbook = load_workbook(io.BytesIO(kasur_workbook(kasur_plan)))
    names = [sheet.name for sheet in registry.workbook_sheets()]
    assert workbook.sheetnames == ["About", *names]
    assert {"Strength", "Crime", "Vehicles", "Stock", "Objectives", "Sections", "Patrols"} <= set(names)
    about = workbook["About"]
    assert (about["B3"].value, about["B5"].value) == ("kasur", "2023-2024")


def test_tables_are_laid_out_as_printed_with_numbers_and_formulas(kasur_plan):
    workbook = load_workbook(io.BytesIO(kasur_workbook(kasur_plan)))
    strength = workbook["Strength"]
    assert [strength.cell(row, 1).value for row in range(3, 9)] == [
        "Rank",
        "Cadre",
        "Sanctioned",
        "Present",
        "Short",
        "Excess",
    ]
    assert strength["B3"].value == "SSP" and isinstance(strength["B5"].value, int)
    assert strength["B7"].value == "=MAX(B5-B6,0)"
    crime = workbook["Crime"]
    assert [crime.cell(3, column).value for column in range(1, 7)] == [
        "Crime head",
        "Law sections",
        "2020",
        "2021",
        "2022",
        "Increase / decrease",
    ]
    assert all(isinstance(crime.cell(4, column).value, int) for column in (3, 4, 5))
    assert crime["F4"].value.startswith("=IF(")
    assert [crime.cell(crime.max_row, column).value for column in (1, 3)] == ["All reported crime", "=SUM(C4:C24)"]
    vehicles = workbook["Vehicles"]
    assert vehicles["A3"].value == "Vehicle type" and vehicles.cell(3, vehicles.max_column).value == "Total"
    assert vehicles.cell(4, vehicles.max_column).value.startswith("=SUM(B4:")


def test_unchanged_kasur_workbook_shows_no_difference(kasur_plan, capsys, tmp_path):
    path = tmp_path / "kasur.xlsx"
    call_command("export_workbook", "kasur", "2023-2024", "-o", str(path))
    before = kasur_plan.version
    call_command("import_workbook", "kasur", "2023-2024", str(path))
    assert capsys.readouterr().out.strip().splitlines()[-1] == "0 changes"
    kasur_plan.refresh_from_db()
    assert kasur_plan.version == before


def test_kasur_workbook_into_a_new_district_gives_the_same_plan(kasur_plan, newpur, api):
    content_before = content(full_plan(api("admin"), kasur_plan))
    workbook = edited(kasur_workbook(kasur_plan), {("About", "B3"): "newpur"})
    result = run_import(newpur, workbook)
    assert result.ok, result.errors
    assert result.creates_plan and result.applied
    assert ("crime head", "Murder") in {(kind, name) for kind, name, _ref in result.new_references}
    plan = AnnualPlan.objects.get(district=newpur, year_start=2023)
    assert plan.status == "draft"
    copied = content(full_plan(api("admin"), plan), "Newpur")
    differing = [
        field
        for field, value in content_before.items()
        if field not in {"workflow_events", "status", "status_label"} and copied.get(field) != value
    ]
    for field in differing:
        print(first_difference(copied.get(field), content_before[field], field))
    assert differing == []
    assert run_import(newpur, workbook).differences == []


def test_a_changed_cell_is_one_difference_named_by_sheet_and_cell_then_applied(kasur_plan, capsys, tmp_path):
    workbook = load_workbook(io.BytesIO(kasur_workbook(kasur_plan)))
    assert workbook["Strength"]["B3"].value == "SSP"
    path = tmp_path / "kasur.xlsx"
    path.write_bytes(edited(kasur_workbook(kasur_plan), {("Strength", "B6"): 0}))
    call_command("import_workbook", "kasur", "2023-2024", str(path), "--dry-run")
    output = capsys.readouterr()
    out = output.out.strip().splitlines()
    assert out[-1] == "1 changes" and output.err.strip() == "Dry run: nothing saved."
    assert out[0].startswith("Strength!B6: changed SSP / Present: 1 → 0")
    entry = StrengthEntry.objects.get(plan=kasur_plan, rank__name="SSP")
    assert entry.present == 1
    call_command("import_workbook", "kasur", "2023-2024", str(path))
    entry.refresh_from_db()
    assert entry.present == 0
    assert entry.history.first().present == 0


def test_added_and_removed_rows_with_a_new_crime_head(kasur_plan):
    workbook = load_workbook(io.BytesIO(kasur_workbook(kasur_plan)))
    crime = workbook["Crime"]
    last = crime.max_row
    names = [crime.cell(row, 1).value for row in range(4, last + 1)]
    changes = {
        ("Crime", f"A{last + 1}"): "Cyber crime",
        ("Crime", f"B{last + 1}"): "PECA 2016",
        ("Crime", f"C{last + 1}"): 1,
        ("Crime", f"D{last + 1}"): 2,
        ("Crime", f"E{last + 1}"): 3,
    }
    changes |= {("Crime", f"{column}4"): None for column in "ABCDE"}
    result = run_import(kasur_plan, edited(kasur_workbook(kasur_plan), changes), dry_run=True)
    assert result.ok, result.errors
    assert ("crime head", "Cyber crime", f"Crime!A{last + 1}") in result.new_references
    kinds = {(d.kind, d.ref) for d in result.differences}
    assert ("added", f"C{last + 1}") in kinds and ("removed", "C4") in kinds
    assert not kasur_plan.district.crimehead_set.filter(name="Cyber crime").exists()
    result = run_import(kasur_plan, edited(kasur_workbook(kasur_plan), changes))
    assert result.applied
    figures = {(f.head.name, f.year): f.cases for f in kasur_plan.crime_figures.select_related("head")}
    assert figures[("Cyber crime", 2022)] == 3
    assert not any(head == names[0] for head, _year in figures)


def test_template_has_the_reference_lists_and_no_figures(kasur_plan, tmp_path):
    path = tmp_path / "template.xlsx"
    call_command("export_workbook", "kasur", "2024-2025", "--template", "-o", str(path))
    workbook = load_workbook(path)
    crime = workbook["Crime"]
    assert [crime.cell(3, column).value for column in (3, 4, 5)] == ["2021", "2022", "2023"]
    assert crime["A4"].value == kasur_plan.district.crimehead_set.order_by("position").first().name
    assert crime["C4"].value is None
    assert workbook["Strength"]["B3"].value == "SSP" and workbook["Strength"]["B5"].value is None
    assert workbook["Objectives"].max_row <= 3


def test_a_new_sections_sheet_is_found_through_the_registry(kasur_plan, newpur):
    from tests.extra_section.models import Patrol

    Patrol.objects.create(plan=kasur_plan, route="GT Road", officers=12)
    content = kasur_workbook(kasur_plan)
    sheet = load_workbook(io.BytesIO(content))["Patrols"]
    assert [[cell.value for cell in row] for row in sheet.iter_rows(min_row=3)] == [
        ["Route", "Officers"],
        ["GT Road", 12],
    ]
    changed = edited(content, {("About", "B3"): "newpur", ("Patrols", "B4"): 14})
    result = run_import(newpur, changed)
    assert result.applied, result.errors
    plan = AnnualPlan.objects.get(district=newpur, year_start=2023)
    assert list(Patrol.objects.filter(plan=plan).values_list("route", "officers")) == [("GT Road", 14)]


def test_a_template_filled_in_starts_next_years_draft(kasur_plan, tmp_path, capsys):
    path = tmp_path / "template.xlsx"
    call_command("export_workbook", "kasur", "2024-2025", "--template", "-o", str(path))
    path.write_bytes(edited(path.read_bytes(), {("Strength", "B5"): 1, ("Strength", "B6"): 1, ("Budget", "C4"): 500}))
    call_command("import_workbook", "kasur", "2024-2025", str(path))
    output = capsys.readouterr()
    assert output.err.strip() == "Saved to Kasur 2024-2025 (draft)."
    assert output.out.strip().splitlines()[-1].endswith(" changes")
    plan = AnnualPlan.objects.get(district=kasur_plan.district, year_start=2024)
    assert plan.status == "draft" and (plan.crime_first_year, plan.crime_last_year) == (2021, 2023)
    assert list(plan.strength_entries.values_list("rank__name", "sanctioned", "present")) == [("SSP", 1, 1)]
    assert list(plan.budget_allocations.values_list("amount", flat=True)) == [500]
    assert not plan.crime_figures.exists()


def test_a_workbook_written_in_urdu_reads_back_in_english(kasur_plan):
    from django.utils import translation

    with translation.override("ur"):
        content = kasur_workbook(kasur_plan)
    assert load_workbook(io.BytesIO(content))["Strength"]["A3"].value == "عہدہ"  # Rank
    result = run_import(kasur_plan, content)
    assert result.ok, result.errors[:3]
    assert result.differences == []
