"""The plan as an Excel workbook, both ways.

`export.export_plan(plan)` writes the plan as an .xlsx file: a first sheet that explains the workbook and
names its district and year, then one sheet per table of the plan, laid out like the printed table, and
sheets for the text sections (one point per row, a level column for nesting). Every section contributes
its own sheets (`plans.registry.WorkbookSheet`, declared in the app's `workbook.py`; the plans app's own
in `plans.workbook.plan`); the hub imports no section app. `export.export_template(district, year)` writes
the district's reference lists with no figures, for an office starting from nothing.

`importer.import_workbook(district, year, file, user, dry_run)` reads a workbook back into the district's
draft plan for the year: bad cells are reported as `Sheet!B7: reason`, the differences are listed cell by
cell, and they are applied in one transaction with the plan locked. openpyxl writes (formulas, fills,
frozen panes) and reads (one library, pure Python, already needed to write; reading the Kasur workbook
takes a fraction of the import's time, so a faster reader would not pay for a second dependency).
"""
