"""Writing the workbook: a first sheet that explains it and names the district and year, then every
registered sheet (`plans.registry.workbook_sheets`) in order."""

import io

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from plans import registry
from plans.models import fiscal_year_label
from plans.workbook.book import Book
from plans.workbook.sheets import BOLD, HEADER_FILL, put

ABOUT = "About"
DISTRICT_CELL, YEAR_CELL = (3, 2), (5, 2)


def about_lines(book):
    return [
        _(
            "One sheet per table of the plan, laid out like the printed plan; the text sections list one point "
            "per row, with a level column for points under points."
        ),
        _(
            "Type over the white cells; insert rows inside a table (above its total) or add them at its end; "
            "clear a row to drop it. Grey cells are formulas (totals, shortages, changes): they are computed, "
            "and ignored when the workbook is read."
        ),
        _(
            "Numbers are numbers: no words, no negative counts. Names of ranks, crime heads, vehicle types and "
            "other reference entries are matched by name; a new name adds the entry to the district's list."
        ),
        _("Do not rename or delete sheets or headings, and do not change the district and year above."),
        _(
            "Upload it on the plan's page or with: python manage.py import_workbook %(district)s %(year)s FILE.xlsx "
            "[--dry-run]. The differences are shown cell by cell before anything is saved."
        )
        % {"district": book.district.slug, "year": fiscal_year_label(book.year_start)},
    ]


def write_about(book, ws, sheets):
    put(ws, 1, 1, _("Annual Policing Plan workbook"), font=Font(bold=True, size=16))
    title = _("Empty workbook (template)") if book.template else str(book.plan)
    put(ws, 2, 1, title, font=Font(italic=True))
    facts = [
        (_("District"), book.district.slug),
        (_("District name"), book.district.name),
        (_("Fiscal year"), fiscal_year_label(book.year_start)),
        (_("Status"), _("template") if book.template else book.plan.get_status_display()),
        (_("Written"), timezone.localtime().strftime("%d.%m.%Y %H:%M")),
    ]
    for offset, (label, value) in enumerate(facts):
        put(ws, DISTRICT_CELL[0] + offset, 1, str(label), font=BOLD)
        put(ws, DISTRICT_CELL[0] + offset, 2, str(value))
    row = DISTRICT_CELL[0] + len(facts) + 1
    put(ws, row, 1, _("How to use this workbook"), font=BOLD)
    for line in about_lines(book):
        row += 1
        put(ws, row, 1, line)
    row += 2
    put(ws, row, 1, _("Sheet"), fill=HEADER_FILL, font=BOLD)
    put(ws, row, 2, _("What it holds"), fill=HEADER_FILL, font=BOLD)
    for sheet in sheets:
        row += 1
        put(ws, row, 1, sheet.name)
        put(ws, row, 2, str(sheet.explanation))
    ws.column_dimensions["A"].width = 28
    ws.column_dimensions["B"].width = 90


def build(book):
    """The workbook of `book` as an openpyxl Workbook."""
    sheets = registry.workbook_sheets()
    workbook = Workbook()
    about = workbook.active
    about.title = ABOUT
    write_about(book, about, sheets)
    for sheet in sheets:
        sheet.write(book, workbook.create_sheet(sheet.name))
    return workbook


def to_bytes(workbook):
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def export_plan(plan, user=None):
    """The plan as an .xlsx file (bytes)."""
    return to_bytes(build(Book(plan.district, plan.year_start, plan=plan, user=user)))


def export_template(district, year_start):
    """An empty workbook for `district`: its reference lists, no figures, for an office starting afresh."""
    return to_bytes(build(Book(district, year_start, template=True)))


def filename(district, year_start, template=False):
    suffix = "-template" if template else ""
    return f"{district.slug}-{fiscal_year_label(year_start)}{suffix}.xlsx"
