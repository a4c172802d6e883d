"""The shapes a sheet of the workbook takes, shared by every section's `workbook.py`.

A `TableSheet` is a printed table: a title, a note, a row of headings and one row per record (one
column per record when `transposed`, as the strength table has its ranks as columns and a form its
fields as rows). Columns are typed: a cell that should hold a number and holds a word, a negative
count, a blank where a value is required or a duplicate key is reported as `Sheet!B7: reason`.
Derived columns are written as formulas on a grey fill and ignored when the sheet is read back.
`open_headers` gives a table columns named by reference entries (the vehicles table's deployments),
read back by their headings, so a workbook may bring a new one.

Reading a sheet gives `Row`s for the section's `apply(book, rows)` and the sheet's *cells*, keyed by
what they mean (record key, column heading) rather than where they stand, for the differences.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

HEADER_FILL = PatternFill("solid", fgColor="D9E1F2")
DERIVED_FILL = PatternFill("solid", fgColor="E7E6E6")
BOLD = Font(bold=True)
DERIVED_FONT = Font(italic=True, color="595959")
FIRST_HEADER_ROW = 3


def cell_ref(row, column):
    return f"{get_column_letter(column)}{row}"


def put(ws, row, column, value, *, fill=None, font=None, wrap=False, number_format=None):
    """Write a value; text that starts with "=" stays text (never a formula)."""
    cell = ws.cell(row=row, column=column)
    cell.value = value
    if isinstance(value, str) and value.startswith("="):
        cell.data_type = "s"
    if isinstance(value, Decimal):
        cell.value = float(value) if value != value.to_integral_value() else int(value)
    if fill:
        cell.fill = fill
    if font:
        cell.font = font
    if wrap:
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    if number_format:
        cell.number_format = number_format
    return cell


def formula(ws, row, column, text):
    cell = ws.cell(row=row, column=column)
    cell.value = text
    cell.fill = DERIVED_FILL
    cell.font = DERIVED_FONT
    return cell


@dataclass(frozen=True)
class Column:
    """A column of a table (a row of a transposed one). `kind`: text, int, decimal, bool, choice or date.

    `formula(row_or_column_ref, letters)` makes it a derived column; `letters` maps the names of the
    other columns (and "open" to the list of open columns) to where they stand in the record.
    """

    header: Any
    name: str
    kind: str = "text"
    required: bool = False
    choices: tuple = ()
    formula: Callable | None = None
    width: int = 14
    default: Any = None
    signed: bool = False

    @property
    def derived(self):
        return self.formula is not None


@dataclass
class Row:
    """A record read from a sheet: its values by column name, the open columns by heading, where it stands."""

    number: int
    values: dict
    ref: str
    open: dict = field(default_factory=dict)
    open_refs: dict = field(default_factory=dict)

    def __getitem__(self, name):
        return self.values[name]

    def get(self, name, default=None):
        return self.values.get(name, default)


def normalise(value):
    """A value as the differences compare it: Decimals without trailing zeros, blank text as None."""
    if isinstance(value, Decimal):
        value = value.normalize()
        return int(value) if value == value.to_integral_value() else value
    if isinstance(value, str):
        value = value.strip()
        return value or None
    return value


YES, NO = gettext_lazy("yes"), gettext_lazy("no")


def display(value):
    if value is None:
        return _("(blank)")
    if isinstance(value, bool):
        return str(YES if value else NO)
    if isinstance(value, datetime.date):
        return value.strftime("%d.%m.%Y")
    return str(value)


class CellError(Exception):
    pass


def convert(raw, column):
    """The cell's value as `column` wants it, or a CellError saying why not."""
    if isinstance(raw, str):
        raw = raw.strip()
        if raw == "":
            raw = None
    if raw is None:
        if column.required:
            raise CellError(_("a value is required"))
        return column.default
    kind = column.kind
    if kind == "text":
        if isinstance(raw, float) and raw.is_integer():
            raw = int(raw)
        return str(raw)
    if kind in ("int", "decimal"):
        if isinstance(raw, (bool, datetime.date)):
            raise CellError(_("%(value)r is not a number") % {"value": str(raw)})
        if isinstance(raw, str):
            try:
                number = Decimal(raw.replace(",", ""))
            except InvalidOperation:
                raise CellError(_("%(value)r is not a number") % {"value": raw}) from None
        else:
            number = Decimal(str(raw))
        if not number.is_finite():
            raise CellError(_("%(value)r is not a number") % {"value": str(raw)})
        if number < 0 and not column.signed:
            raise CellError(_("%(value)s is negative; a count cannot be") % {"value": raw})
        if kind == "int":
            if number != number.to_integral_value():
                raise CellError(_("%(value)s is not a whole number") % {"value": raw})
            return int(number)
        return number.normalize()
    if kind == "bool":
        text = heading(raw)
        if text in ("true", "1", "y") or text in spellings(YES):
            return True
        if text in ("false", "0", "n") or text in spellings(NO):
            return False
        raise CellError(_("%(value)r is not yes or no") % {"value": str(raw)})
    if kind == "choice":
        text = str(raw).strip().lower()
        for value, label in column.choices:
            if text == str(value).lower() or heading(text) in spellings(label):
                return value
        allowed = ", ".join(str(value) for value, _label in column.choices)
        raise CellError(_("%(value)r is not one of %(allowed)s") % {"value": str(raw), "allowed": allowed})
    if kind == "date":
        if isinstance(raw, datetime.datetime):
            return raw.date()
        if isinstance(raw, datetime.date):
            return raw
        for pattern in ("%d.%m.%Y", "%Y-%m-%d", "%d/%m/%Y"):
            try:
                return datetime.datetime.strptime(str(raw), pattern).date()
            except ValueError:
                pass
        raise CellError(_("%(value)r is not a date like 30.09.2023") % {"value": str(raw)})
    raise ValueError(kind)


def choice_label(column, value):
    return next((str(label) for choice, label in column.choices if choice == value), value)


def heading(text):
    return " ".join(str(text or "").split()).lower()


def spellings(text):
    """`text` (a lazy translation) as a heading in every language of the portal: a workbook written by an Urdu
    user reads back for an English one, and the other way round."""
    found = {heading(text)}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            found.add(heading(text))
    return found


class SheetReader:
    """One uploaded sheet: its cells by row and column, the errors found, the cells read by meaning."""

    def __init__(self, book, ws, name):
        self.book = book
        self.name = name
        self.grid = [list(row) for row in ws.iter_rows(values_only=True)] if ws is not None else []
        self.errors = []
        self.cells = {}  # (record key, column heading) -> (value, ref)
        self.new_references = []  # (kind, name, ref)
        self.open_header_refs = {}  # heading of an open column -> its ref

    def raw(self, row, column):
        if row - 1 < len(self.grid):
            line = self.grid[row - 1]
            if column - 1 < len(line):
                return line[column - 1]
        return None

    def error(self, row, column, message):
        self.errors.append(f"{self.name}!{cell_ref(row, column)}: {message}")

    def record(self, key, column, value, row, col):
        self.cells[(key, str(column))] = (normalise(value), cell_ref(row, col))

    def new_reference(self, kind, name, row, column):
        self.new_references.append((str(kind), name, f"{self.name}!{cell_ref(row, column)}"))


class TableSheet:
    """A table of the plan as a sheet. `rows(book)` gives each record as {column name: value, "open": {...}};
    `apply(book, rows)` makes the plan's rows match the `Row`s read; `key` names the columns that identify
    a record (blank: its place in the table) and `check(reader, rows)` adds the sheet's own checks."""

    def __init__(
        self,
        name,
        title,
        columns,
        rows,
        apply,
        *,
        key=(),
        explanation="",
        transposed=False,
        open_headers=None,
        open_kind="int",
        open_label="",
        check=None,
        note="",
        total_label="",
    ):
        self.name = name
        self.title = title
        self._columns = columns
        self.rows = rows
        self.apply = apply
        self.key = tuple(key)
        self.explanation = explanation
        self.transposed = transposed
        self.open_headers = open_headers
        self.open_kind = open_kind
        self.open_label = open_label
        self.check = check
        self.note = note
        self.total_label = total_label

    def columns(self, book):
        return list(self._columns(book) if callable(self._columns) else self._columns)

    def at(self, record, position):
        """(row, column) of the record's `position`-th column (1-based both)."""
        if self.transposed:
            return FIRST_HEADER_ROW + position - 1, 1 + record
        return FIRST_HEADER_ROW + record, position

    def header_at(self, position):
        return (FIRST_HEADER_ROW + position - 1, 1) if self.transposed else (FIRST_HEADER_ROW, position)

    def layout(self, columns, open_headers):
        """[(column or None for an open one, heading)] in sheet order: inputs, open columns, derived."""
        inputs = [(column, column.header) for column in columns if not column.derived]
        derived = [(column, column.header) for column in columns if column.derived]
        return inputs + [(None, header) for header in open_headers] + derived

    def letters(self, layout, record):
        places = {}
        opens = []
        for position, (column, _header) in enumerate(layout, start=1):
            row, col = self.at(record, position)
            ref = cell_ref(row, col)
            if column is None:
                opens.append(ref)
            else:
                places[column.name] = ref
        places["open"] = opens
        return places

    # Writing

    def write(self, book, ws):
        columns = self.columns(book)
        open_headers = list(self.open_headers(book)) if self.open_headers else []
        layout = self.layout(columns, open_headers)
        put(ws, 1, 1, str(self.title), font=Font(bold=True, size=14))
        note = str(self.note) if self.note else ""
        if any(column.derived for column in columns):
            note = f"{note} {_('Grey cells are formulas: they are computed, and ignored when the workbook is read.')}"
        put(ws, 2, 1, note.strip(), font=Font(italic=True, color="595959"))
        for position, (column, header) in enumerate(layout, start=1):
            row, col = self.header_at(position)
            put(ws, row, col, str(header), fill=HEADER_FILL, font=BOLD)
            if not self.transposed:
                ws.column_dimensions[get_column_letter(col)].width = column.width if column else 12
        if self.transposed:
            ws.column_dimensions["A"].width = 36
        records = self.rows(book)
        for index, record in enumerate(records, start=1):
            letters = self.letters(layout, index)
            for position, (column, header) in enumerate(layout, start=1):
                row, col = self.at(index, position)
                if column is None:
                    put(ws, row, col, record.get("open", {}).get(header))
                elif column.derived:
                    formula(ws, row, col, column.formula(letters))
                else:
                    value = record.get(column.name)
                    if column.kind == "choice":
                        value = choice_label(column, value) if value is not None else None
                    elif column.kind == "bool":
                        value = display(value) if value is not None else None
                    number_format = "DD.MM.YYYY" if column.kind == "date" else None
                    put(
                        ws,
                        row,
                        col,
                        value,
                        wrap=column.kind == "text" and column.width >= 40,
                        number_format=number_format,
                    )
        if self.total_label and records and not self.transposed:
            self.write_total(ws, layout, len(records))
        if self.transposed:
            for index in range(1, len(records) + 1):
                ws.column_dimensions[get_column_letter(1 + index)].width = 16
        ws.freeze_panes = ws.cell(row=FIRST_HEADER_ROW + 1, column=1) if not self.transposed else "B3"

    def write_total(self, ws, layout, count):
        """A row of column sums under the records, as the printed table has, all formulas."""
        index = count + 1
        letters = self.letters(layout, index)
        put(ws, *self.at(index, 1), str(self.total_label), fill=DERIVED_FILL, font=BOLD)
        for position, (column, _header) in enumerate(layout, start=1):
            row, col = self.at(index, position)
            if column is not None and column.derived:
                formula(ws, row, col, column.formula(letters))
            elif column is None or column.kind in ("int", "decimal"):
                first, last = cell_ref(*self.at(1, position)), cell_ref(*self.at(count, position))
                formula(ws, row, col, f"=SUM({first}:{last})")
            elif position > 1:
                formula(ws, row, col, None)

    def is_total(self, raws):
        """The total row this sheet writes: its label, then only formulas and blanks (skipped when read)."""
        return (
            bool(self.total_label)
            and heading(raws[0]) in spellings(self.total_label)
            and any(isinstance(value, str) and value.startswith("=") for value in raws[1:])
            and all(value is None or (isinstance(value, str) and value.startswith("=")) for value in raws[1:])
        )

    # Reading

    def read(self, reader):
        """The sheet's `Row`s; errors and cells go to `reader`."""
        columns = self.columns(reader.book)
        inputs = [column for column in columns if not column.derived]
        derived_headers = {text for column in columns if column.derived for text in spellings(column.header)}
        for position, column in enumerate(inputs, start=1):
            row, col = self.header_at(position)
            found = reader.raw(row, col)
            if heading(found) not in spellings(column.header):
                reader.error(
                    row,
                    col,
                    _("the heading should be %(expected)r, not %(found)r (a column renamed, moved or deleted?)")
                    % {"expected": str(column.header), "found": found or ""},
                )
        if reader.errors:
            return []
        open_positions = []  # (position, heading)
        position = len(inputs) + 1
        if self.open_headers is not None:
            while True:
                row, col = self.header_at(position)
                found = reader.raw(row, col)
                if found is None or str(found).strip() == "" or heading(found) in derived_headers:
                    break
                name = " ".join(str(found).split())
                if heading(name) in {heading(h) for _p, h in open_positions}:
                    reader.error(row, col, _("the heading %(name)r appears twice") % {"name": name})
                open_positions.append((position, name))
                reader.open_header_refs[name] = f"{reader.name}!{cell_ref(row, col)}"
                position += 1
        width = position - 1
        rows = []
        seen = {}
        index = 0
        limit = max((len(line) for line in reader.grid), default=0) if self.transposed else len(reader.grid)
        while True:
            index += 1
            first_row, first_col = self.at(index, 1)
            if (first_col if self.transposed else first_row) > limit:
                break
            raws = [reader.raw(*self.at(index, p)) for p in range(1, width + 1)]
            if all(value is None or (isinstance(value, str) and not value.strip()) for value in raws):
                continue
            if self.is_total(raws):
                continue
            values = {}
            record_errors = False
            for position, column in enumerate(inputs, start=1):
                row, col = self.at(index, position)
                try:
                    values[column.name] = convert(reader.raw(row, col), column)
                except CellError as error:
                    reader.error(row, col, str(error))
                    record_errors = True
            opens, open_refs = {}, {}
            open_column = Column("", "", kind=self.open_kind)
            for position, name in open_positions:
                row, col = self.at(index, position)
                try:
                    opens[name] = convert(reader.raw(row, col), open_column)
                except CellError as error:
                    reader.error(row, col, str(error))
                    record_errors = True
                open_refs[name] = f"{reader.name}!{cell_ref(row, col)}"
            row, col = self.at(index, 1)
            if record_errors:
                continue
            key = tuple(str(values[name]).strip().lower() if values[name] is not None else "" for name in self.key)
            if not self.key:
                key = (str(index),)
            if key in seen:
                reader.error(
                    row,
                    col,
                    _("a duplicate row: %(key)s is already in %(ref)s")
                    % {"key": ", ".join(str(values[name]) for name in self.key), "ref": seen[key]},
                )
                continue
            seen[key] = cell_ref(row, col)
            record_key = " / ".join(str(values[name]) for name in self.key) if self.key else str(index)
            for position, column in enumerate(inputs, start=1):
                value = values[column.name]
                if column.kind == "choice" and value is not None:
                    value = choice_label(column, value)
                reader.record(record_key, column.header, value, *self.at(index, position))
            for position, name in open_positions:
                reader.record(record_key, name, opens[name], *self.at(index, position))
            rows.append(Row(index, values, f"{reader.name}!{cell_ref(row, col)}", opens, open_refs))
        if self.check and not reader.errors:
            self.check(reader, rows)
        return rows

    def declare(self, position):
        from plans.registry import WorkbookSheet

        return WorkbookSheet(
            name=self.name,
            position=position,
            write=self.write,
            read=self.read,
            apply=self.apply,
            explanation=self.explanation or self.title,
        )
