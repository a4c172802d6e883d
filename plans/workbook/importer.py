"""Reading a workbook back into a draft plan: check it, list the differences cell by cell, apply them.

`import_workbook(district, year_start, source, user, dry_run)` reads every sheet, reporting each bad cell
as `Sheet!B7: reason`; compares what it read with the plan as it stands (the plan's own workbook, read the
same way, so an unchanged workbook shows no difference); and, unless it is a dry run or something is
wrong, applies the sheets that differ in one transaction with the plan's row locked, creating the plan
(a draft) when the district has none for the year. A dry run applies too, to validate every row the way
the save will, and rolls back. Nothing is saved when any error is found.
"""

import re
import zipfile
from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext as _
from openpyxl import load_workbook

from plans import registry
from plans.base import lock_plan, locked_message
from plans.models import AnnualPlan, fiscal_year_label
from plans.workbook.book import Book, WorkbookErrors
from plans.workbook.export import ABOUT, DISTRICT_CELL, YEAR_CELL, build
from plans.workbook.sheets import SheetReader, cell_ref, display


@dataclass
class Difference:
    kind: str  # added, changed, removed
    sheet: str
    ref: str
    record: str
    column: str
    old: object = None
    new: object = None

    @property
    def where(self):
        return f"{self.sheet}!{self.ref}"

    def __str__(self):
        what = f"{self.record} / {self.column}"
        if self.kind == "added":
            return f"{self.where}: {_('added')} {what} = {display(self.new)}"
        if self.kind == "removed":
            return f"{self.where}: {_('removed')} {what} (was {display(self.old)})"
        return f"{self.where}: {_('changed')} {what}: {display(self.old)} → {display(self.new)}"


@dataclass
class ImportResult:
    district: object
    year_start: int
    plan: object = None
    errors: list = field(default_factory=list)
    differences: list = field(default_factory=list)
    new_references: list = field(default_factory=list)  # (kind, name, ref)
    creates_plan: bool = False
    applied: bool = False
    locked: bool = False

    @property
    def ok(self):
        return not self.errors

    def lines(self):
        """What the command prints: one line per difference (new reference entries first), then `N changes`."""
        lines = [
            _("%(where)s: new %(kind)s %(name)r") % {"where": ref, "kind": kind, "name": name}
            for kind, name, ref in self.new_references
        ]
        lines += [str(difference) for difference in self.differences]
        count = len(self.differences)
        lines.append(f"{count} changes")  # always this form: scripts read the last line
        return lines


class NotAWorkbook(Exception):
    pass


def open_workbook(source):
    try:
        return load_workbook(source, data_only=False)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError) as error:
        raise NotAWorkbook(str(error)) from error
    except Exception as error:  # openpyxl raises assorted errors on a damaged file
        raise NotAWorkbook(str(error)) from error


def check_identity(workbook, district, year_start):
    """Errors when the first sheet is missing or names another district or year."""
    if ABOUT not in workbook.sheetnames:
        return [f"{ABOUT}!A1: " + _("the first sheet %(name)r is missing: is this a plan workbook?") % {"name": ABOUT}]
    ws = workbook[ABOUT]
    errors = []
    slug = str(ws.cell(*DISTRICT_CELL).value or "").strip()
    if slug != district.slug:
        errors.append(
            f"{ABOUT}!{cell_ref(*DISTRICT_CELL)}: "
            + _("this workbook is of district %(found)r, not %(district)r") % {"found": slug, "district": district.slug}
        )
    year = str(ws.cell(*YEAR_CELL).value or "").strip()
    if year != fiscal_year_label(year_start):
        errors.append(
            f"{ABOUT}!{cell_ref(*YEAR_CELL)}: "
            + _("this workbook is of the year %(found)r, not %(year)s")
            % {"found": year, "year": fiscal_year_label(year_start)}
        )
    return errors


def read_sheets(book, workbook, sheets):
    """{sheet name: (rows, reader)} of every registered sheet; errors for missing and unknown sheets."""
    errors = []
    known = {sheet.name for sheet in sheets} | {ABOUT}
    for name in workbook.sheetnames:
        if name not in known:
            errors.append(
                f"{name}!A1: "
                + _("an unknown sheet (renamed? the sheets are: %(names)s)") % {"names": ", ".join(sorted(known))}
            )
    read = {}
    for sheet in sheets:
        if sheet.name not in workbook.sheetnames:
            errors.append(f"{sheet.name}!A1: " + _("the sheet is missing (renamed or deleted?)"))
            continue
        reader = SheetReader(book, workbook[sheet.name], sheet.name)
        rows = sheet.read(reader)
        errors += reader.errors
        read[sheet.name] = (rows, reader)
    return read, errors


def current_cells(plan, sheets):
    """{sheet name: cells} of the plan as it stands, read from its own workbook."""
    if plan is None:
        return {}
    book = Book(plan.district, plan.year_start, plan=plan)
    workbook = build(book)
    cells = {}
    for sheet in sheets:
        reader = SheetReader(book, workbook[sheet.name], sheet.name)
        sheet.read(reader)
        cells[sheet.name] = reader.cells
    return cells


def ref_order(ref):
    match = re.match(r"([A-Z]+)(\d+)", ref)
    letters, number = match.groups()
    return int(number), len(letters), letters


def differences(sheets, before, after):
    found = []
    for sheet in sheets:
        old, new = before.get(sheet.name, {}), after.get(sheet.name, {})
        sheet_found = []
        for key in {*old, *new}:
            old_value, old_ref = old.get(key, (None, None))
            new_value, new_ref = new.get(key, (None, None))
            if old_value == new_value:
                continue
            kind = "added" if old_value is None else "removed" if new_value is None else "changed"
            record, column = key
            sheet_found.append(Difference(kind, sheet.name, new_ref or old_ref, record, column, old_value, new_value))
        found += sorted(sheet_found, key=lambda d: (ref_order(d.ref), d.record, d.column))
    return found


class DryRun(Exception):
    pass


class Locked(WorkbookErrors):
    """The plan was submitted or approved before its lock was taken."""


def import_workbook(district, year_start, source, user=None, dry_run=False):
    """Read `source` (a path or a file) into the district's draft plan for the year; see the module's doc."""
    result = ImportResult(district, year_start)
    plan = AnnualPlan.objects.filter(district=district, year_start=year_start).first()
    result.plan = plan
    if plan is not None and plan.is_locked:
        result.locked = True
        result.errors.append(str(locked_message(plan)))
        return result
    try:
        workbook = open_workbook(source)
    except NotAWorkbook:
        result.errors.append(_("The file is not an Excel workbook (.xlsx)."))
        return result
    result.errors += check_identity(workbook, district, year_start)
    if result.errors:
        return result
    sheets = registry.workbook_sheets()
    book = Book(district, year_start, plan=plan, user=user)
    read, errors = read_sheets(book, workbook, sheets)
    result.errors += errors
    if result.errors:
        return result
    result.new_references = [item for _rows, reader in read.values() for item in reader.new_references]
    uploaded = {name: reader.cells for name, (_rows, reader) in read.items()}
    try:
        with transaction.atomic():  # the plan locked while its differences are found and applied
            if plan is not None:
                plan = book.plan = lock_plan(plan.pk)
                if plan.is_locked:
                    raise Locked([str(locked_message(plan))])
            result.differences = differences(sheets, current_cells(plan, sheets), uploaded)
            result.creates_plan = plan is None
            if not result.differences and not result.creates_plan:
                return result
            apply(book, sheets, read, {difference.sheet for difference in result.differences})
            if dry_run:
                raise DryRun
    except DryRun:
        return result
    except WorkbookErrors as error:
        result.locked = isinstance(error, Locked)
        result.errors += error.errors
        return result
    result.plan = book.plan
    result.applied = True
    return result


def apply(book, sheets, read, changed):
    """Apply the sheets that differ, in order, the plan locked (created first when there is none)."""
    if book.plan.pk is None:
        book.plan.crime_first_year, book.plan.crime_last_year = book.crime_years[0], book.crime_years[-1]
        book.save(book.plan, f"{sheets[0].name}!A1")
        book.raise_errors()
        book.plan = lock_plan(book.plan.pk)
    for sheet in sheets:
        if sheet.name in changed:
            sheet.apply(book, read[sheet.name][0])
            book.raise_errors()
