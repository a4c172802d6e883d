"""What the workbook tests share: the Kasur workbook, editing a cell of it, importing it."""

import io

from openpyxl import load_workbook

from plans.workbook.export import export_plan
from plans.workbook.importer import import_workbook


def edited(content, changes):
    """`content` (.xlsx bytes) with {(sheet, cell): value} written into it."""
    workbook = load_workbook(io.BytesIO(content))
    for (sheet, cell), value in changes.items():
        workbook[sheet][cell] = value
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def run_import(plan_or_district, content, year_start=2023, **options):
    district = getattr(plan_or_district, "district", plan_or_district)
    return import_workbook(district, year_start, io.BytesIO(content), **options)


def kasur_workbook(plan):
    return export_plan(plan)
