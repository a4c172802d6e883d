"""Grid editors: a printed table of figures edited as a grid of inputs, rows (ranks, crime heads, vehicle
types ...) by columns (years, deployments, sanctioned / present ...).

Every cell is an `<input>` whose id and name are `<prefix>-<row key>-<column key>`, named for assistive
technology by its row and column headers (`aria-labelledby`). A computed column (short, excess, the change
over the year before, a row's total) carries a `formula` that the page's script evaluates as you type
(static/editors/grid.js) and the server evaluates the same way to render the page; a column's total is the
sum of the figures entered, and a computed column's total its formula applied to the totals, as the printed
tables compute them. What is stored is only ever what the server validated.

A grid may end in blank rows for a new row item (a new rank, crime head ...): its name in the row header and
its figures in the cells; the script adds more. The two ways a table's rows are stored are given here:
`CellGrid`, one model row per cell (a crime head's cases in one year), and `RowGrid`, one model row per grid
row with a field per column (a rank's sanctioned and present posts).
"""

import hashlib
import json
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Max
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from plans.editors import writes
from plans.editors.base import CellError, Editor

NEW_ROW = re.compile(r"^new(\d{1,3})$")
MAX_NEW_ROWS = 200


def evaluate(formula, values):
    """A computed cell's value from `values` ({column key: number or None}); the same rules as grid.js.

    A formula is a column key, a number, or [operator, operand, ...]: "+" and "-" (None when an operand is
    None), "pos" (the value, or 0 when negative), "sum" (the known operands added; None when none is known).
    """
    if isinstance(formula, str):
        return values.get(formula)
    if isinstance(formula, int | Decimal):
        return formula
    operator, *operands = formula
    operands = [evaluate(operand, values) for operand in operands]
    if operator == "sum":
        known = [value for value in operands if value is not None]
        return sum(known) if known else None
    if None in operands:
        return None
    if operator == "+":
        return sum(operands)
    if operator == "-":
        return operands[0] - operands[1]
    if operator == "pos":
        return max(operands[0], 0)
    raise ValueError(f"Unknown operator {operator!r} in a grid formula.")


@dataclass(frozen=True)
class Column:
    """A column of the grid: entered (`field` of a RowGrid's model; `value`, the column's value for a CellGrid)
    or computed (`formula`). `decimal_places` > 0 takes decimals; `signed` shows +/-; `total` sums it below: a
    computed column's total is its formula applied to the totals, or with `total_of_rows` the sum of its rows
    (the shortage of a strength table adds each rank's shortage). In a RowGrid a cell left blank in a row
    with figures is an error, unless its column has a `default`."""

    key: str
    label: Any
    field: str = ""
    value: Any = None
    formula: Any = None
    decimal_places: int = 0
    signed: bool = False
    total: bool = True
    total_of_rows: bool = False
    default: Any = None

    @property
    def computed(self):
        return self.formula is not None


@dataclass
class Cell:
    id: str
    row: "GridRow"
    column: Column
    text: str = ""
    value: Any = None
    error: str = ""

    @property
    def name(self):
        return self.id

    @property
    def labelledby(self):
        return f"{self.row.header_id} {self.column_id}"

    @property
    def column_id(self):
        return f"{self.row.prefix}-col-{self.column.key}"


@dataclass
class GridRow:
    """A row of the grid: an existing row item (`item`) or a new one the user names (`new`)."""

    key: str
    label: str
    item: Any = None
    group: str = ""
    new: bool = False
    prefix: str = ""
    cells: list = field(default_factory=list)
    computed: dict = field(default_factory=dict)
    display: list = field(default_factory=list)
    name_error: str = ""

    @property
    def header_id(self):
        return f"{self.prefix}-row-{self.key}"

    @property
    def name_id(self):
        return f"{self.prefix}-{self.key}-name"

    def values(self):
        return {cell.column.key: cell.value for cell in self.cells}

    @property
    def is_blank(self):
        return not self.label.strip() and not any(cell.text.strip() for cell in self.cells)


def format_value(value, column):
    if value is None:
        return ""
    if column.decimal_places and Decimal(value) == Decimal(value).to_integral_value():
        return str(int(value))  # 1000, not 1000.000 (nor 1E+3)
    return str(value)


def display(value, column):
    """A computed cell or total as the page shows it."""
    if value is None:
        return ""
    text = format_value(value, column) if not isinstance(value, int) else str(value)
    return f"+{text}" if column.signed and value > 0 else text


def parse_value(text, column):
    """(value, error message) for what was typed in a cell: blank is no figure, a figure is a number ≥ 0."""
    text = text.strip().replace(",", "").replace("\u00a0", "").replace(" ", "")
    if not text:
        return None, ""
    if text in {"-", "–", "—"}:  # the document's dash: nil
        return 0, ""
    try:
        number = Decimal(text)
    except InvalidOperation:
        return None, _("Enter a number.")
    if not number.is_finite():
        return None, _("Enter a number.")
    if number < 0:
        return None, _("Enter a number of 0 or more.")
    if not column.decimal_places:
        if number != number.to_integral_value():
            return None, _("Enter a whole number.")
        return int(number), ""
    if -number.as_tuple().exponent > column.decimal_places:
        return None, _("Enter at most %(places)s decimal places.") % {"places": column.decimal_places}
    return number, ""


def full_clean(instance):
    """The model's validation without a query per row: its foreign keys are the grid's own rows and the
    plan, read with the grid (the models' clean() still checks they belong together), and the grid's shape
    keeps (row, column) unique. Raises ValidationError."""
    relations = [field.name for field in instance._meta.concrete_fields if field.is_relation]
    instance.full_clean(exclude=relations, validate_unique=False, validate_constraints=False)


def messages_of(error):
    """{field name or None: [messages]} of a ValidationError."""
    if hasattr(error, "error_dict"):
        return {
            name: [str(message) for item in errors for message in item] for name, errors in error.error_dict.items()
        }
    return {None: [str(message) for message in error.messages]}


class GridEditor(Editor):
    """A table of figures. Subclasses give `get_columns()`, `get_rows()` (GridRow per existing row item, in
    printed order), `initial()` ({(row key, column key): value}) and the model work: `prepare()` (after every
    cell parsed: build and `full_clean` the rows to write, reporting with `add_error`) and `save()`.

    `row_heading` heads the row headers' column; `item_model` (a ReferenceItem) makes a new row item
    named in the grid (its `item_name_field`; `new_item_label` names the row: "New crime head"); without it
    the grid adds no rows.
    """

    template_name = "editors/grid.html"
    scripts = ("editors/grid.js",)
    row_heading = ""
    item_model = None
    item_name_field = "name"
    new_item_label = gettext_lazy("New row")
    blank_new_rows = 1
    description = ""

    def __init__(self, plan, data=None):
        super().__init__(plan, data)
        self.columns = self.get_columns()
        self.rows = [self._prepared(row) for row in self.get_rows()]
        self.new_rows = [self._prepared(row) for row in self._new_rows()]
        values = {} if self.is_bound else self.initial()
        for row in self.all_rows:
            for column in self.columns:
                if column.computed:
                    continue
                cell = Cell(f"{self.prefix}-{row.key}-{column.key}", row, column)
                if self.is_bound:
                    cell.text = self.data.get(cell.name, "")
                else:
                    cell.value = values.get((row.key, column.key))
                    cell.text = format_value(cell.value, column)
                row.cells.append(cell)
        if not self.is_bound:
            self.compute()

    def _prepared(self, row):
        row.prefix = self.prefix
        return row

    def _new_rows(self):
        if self.item_model is None:
            return []
        if not self.is_bound:
            return [GridRow(f"new{number}", "", new=True) for number in range(self.blank_new_rows)]
        numbers = sorted(
            {
                int(match.group(1))
                for name in self.data
                if name.startswith(f"{self.prefix}-new")
                and (match := NEW_ROW.match(name.removeprefix(f"{self.prefix}-").split("-", 1)[0]))
            }
        )[:MAX_NEW_ROWS]
        names = [self.data.get(f"{self.prefix}-new{number}-name", "") for number in numbers]
        return [GridRow(f"new{number}", name, new=True) for number, name in zip(numbers, names, strict=True)]

    @property
    def all_rows(self):
        return [*self.rows, *self.new_rows]

    # What subclasses give.
    def get_columns(self):
        raise NotImplementedError

    def get_rows(self):
        raise NotImplementedError

    def initial(self):
        raise NotImplementedError

    def prepare(self):
        """Build and validate the model rows to write (all cells parsed without error)."""
        raise NotImplementedError

    def get_initial_rows(self):
        """The stored rows the grid shows, by their key in the grid."""
        return {}

    def rows_version(self):
        """The (pk, version) pairs of the stored rows the grid shows, for the page's version."""
        return [(stored.pk, stored.version) for stored in self.get_initial_rows().values()]

    # Derived values.
    @property
    def input_columns(self):
        return [column for column in self.columns if not column.computed]

    def compute(self):
        """Each row's computed cells and the totals, from the cells' values (None where not a number)."""
        for row in self.all_rows:
            values = row.values()
            row.computed = {column.key: evaluate(column.formula, values) for column in self.columns if column.computed}
            row.display = self.display_row(row)
        totals = {}
        for column in self.input_columns:
            cells = (cell for row in self.all_rows for cell in row.cells if cell.column is column)
            known = [cell.value for cell in cells if cell.value is not None]
            totals[column.key] = sum(known) if known and column.total else None
        for column in self.columns:
            if column.computed and column.total_of_rows:
                known = [row.computed[column.key] for row in self.all_rows if row.computed[column.key] is not None]
                totals[column.key] = sum(known) if known else None
            elif column.computed:
                totals[column.key] = evaluate(column.formula, totals) if column.total else None
        self.totals = totals

    def display_row(self, row):
        """[(column, cell or None, shown value)] in column order, for the template."""
        cells = {cell.column.key: cell for cell in row.cells}
        return [
            (column, cells.get(column.key), display(row.computed.get(column.key), column) if column.computed else "")
            for column in self.columns
        ]

    def display_totals(self):
        return [(column, display(self.totals.get(column.key), column)) for column in self.columns]

    @property
    def has_totals(self):
        return any(column.total for column in self.columns)

    def formulas_json(self):
        return json.dumps({column.key: column.formula for column in self.columns if column.computed}, default=str)

    def row_sums_json(self):
        return json.dumps([column.key for column in self.columns if column.total_of_rows])

    @property
    def groups(self):
        """[(group heading, rows)] in order; one group with an empty heading when the grid has none."""
        grouped = []
        for row in self.rows:
            if not grouped or grouped[-1][0] != row.group:
                grouped.append((row.group, []))
            grouped[-1][1].append(row)
        return grouped

    # Validation.
    def add_error(self, cell_id, label, message):
        self.errors.append(CellError(cell_id, label, message))

    def cell_error(self, cell, message):
        cell.error = message
        self.add_error(cell.id, f"{cell.row.label or self.new_item_label}, {cell.column.label}", message)

    def row_error(self, row, message):
        row.name_error = message
        self.add_error(row.name_id, str(row.label or self.new_item_label), message)

    def is_valid(self):
        self.errors = []
        for row in self.all_rows:
            for cell in row.cells:
                cell.value, message = parse_value(cell.text, cell.column)
                if message:
                    self.cell_error(cell, message)
        self.compute()
        self.check_new_rows()
        if not self.errors:
            self.prepare()
        return not self.errors

    def check_new_rows(self):
        taken = {row.label.strip().casefold() for row in self.rows}
        max_length = self.item_model._meta.get_field(self.item_name_field).max_length if self.item_model else 0
        for row in self.new_rows:
            name = row.label.strip()
            if row.is_blank:
                continue
            if not name:
                self.row_error(row, _("Name the new row, or clear its figures."))
            elif len(name) > max_length:
                self.row_error(row, _("Use at most %(count)s characters.") % {"count": max_length})
            elif name.casefold() in taken:
                self.row_error(row, _("The grid already has a row of that name."))
            taken.add(name.casefold())

    def add_validation_error(self, error, cell_for_field, fallback_cell):
        """Put a model's ValidationError on the cells its fields are in (on `fallback_cell` for the rest)."""
        for name, messages in messages_of(error).items():
            cell = cell_for_field(name) or fallback_cell
            for message in messages:
                self.cell_error(cell, message)

    def new_items(self):
        """Unsaved reference items for the named new rows, placed after the district's others."""
        rows = [row for row in self.new_rows if not row.is_blank]
        if not rows:
            return {}
        last = self.item_model._base_manager.filter(district_id=self.plan.district_id).aggregate(last=Max("position"))
        position = last["last"] or 0
        items = {}
        for row in rows:
            position += 10
            item = self.new_item(row.label.strip(), position)
            try:
                full_clean(item)
            except ValidationError as error:
                for messages in messages_of(error).values():
                    for message in messages:
                        self.row_error(row, message)
            items[row.key] = item
        return items

    def new_item(self, name, position):
        """An unsaved row item named in a new row (a reference item of the plan's district by default)."""
        return self.item_model(district_id=self.plan.district_id, name=name, position=position)

    def save_new_items(self, items):
        writes.create_rows(self.item_model, list(items.values()))

    def version_token(self):
        pairs = sorted(self.rows_version())
        items = sorted((row.key, getattr(row.item, "version", 0)) for row in self.rows)
        return hashlib.sha256(repr((pairs, items)).encode()).hexdigest()[:16]

    def is_complete(self):
        return all(cell.value is not None for row in self.rows for cell in row.cells) if self.rows else False


class CellGrid(GridEditor):
    """One model row per cell: `model` with `row_field` (the row item), `column_field` (the column's value,
    `Column.value`: a year, or a reference item such as a deployment) and `value_field` (the figure); a
    blank cell has no row (its row is deleted)."""

    model = None
    row_field = ""
    column_field = ""
    value_field = ""

    def stored_rows(self):
        """The model rows the grid shows, of `self.plan` (select the row item for its clean())."""
        raise NotImplementedError

    def get_initial_rows(self):
        if not hasattr(self, "_stored"):
            columns = {getattr(column.value, "pk", column.value): column.key for column in self.input_columns}
            attname = self.model._meta.get_field(self.column_field).attname
            self._stored = {}
            for stored in self.stored_rows():
                column = columns.get(getattr(stored, attname))
                if column is not None:
                    self._stored[str(getattr(stored, f"{self.row_field}_id")), column] = stored
        return self._stored

    def initial(self):
        return {key: getattr(stored, self.value_field) for key, stored in self.get_initial_rows().items()}

    def prepare(self):
        stored = self.get_initial_rows()
        items = self.new_items()
        self.to_create, self.to_update, self.to_delete = [], [], []
        for row in self.all_rows:
            if row.new and row.is_blank:
                continue
            for cell in row.cells:
                existing = stored.get((row.key, cell.column.key))
                if cell.value is None:
                    if existing is not None:
                        self.to_delete.append(existing)
                    continue
                if existing is not None:
                    if getattr(existing, self.value_field) == cell.value:
                        continue
                    instance = existing
                else:
                    instance = self.model(plan=self.plan, **{self.column_field: cell.column.value})
                    setattr(instance, self.row_field, items[row.key] if row.new else row.item)
                setattr(instance, self.value_field, cell.value)
                try:
                    full_clean(instance)
                except ValidationError as error:
                    self.add_validation_error(error, lambda name, cell=cell: cell, cell)
                (self.to_update if instance.pk else self.to_create).append(instance)
        self.items = items

    def save(self):
        self.save_new_items(self.items)  # first: the new rows' figures point at them
        writes.delete_rows(self.model, self.to_delete)
        writes.update_rows(self.model, self.to_update, [self.value_field])
        writes.create_rows(self.model, self.to_create)


class RowGrid(GridEditor):
    """One model row per grid row: `model` with `row_field` (the row item) and a field per input column
    (`Column.field`); a row left blank has no model row (it is deleted), a row half filled is an error."""

    model = None
    row_field = ""
    required_message = gettext_lazy("Enter a figure, or clear the row.")

    def stored_rows(self):
        raise NotImplementedError

    def new_instance(self, row):
        return self.model(plan=self.plan)

    def get_initial_rows(self):
        if not hasattr(self, "_stored"):
            self._stored = {str(getattr(stored, f"{self.row_field}_id")): stored for stored in self.stored_rows()}
        return self._stored

    def initial(self):
        return {
            (key, column.key): getattr(stored, column.field)
            for key, stored in self.get_initial_rows().items()
            for column in self.input_columns
        }

    def prepare(self):
        stored = self.get_initial_rows()
        items = self.new_items()
        self.to_create, self.to_update, self.to_delete = [], [], []
        for row in self.all_rows:
            if row.new and row.is_blank:
                continue
            existing = stored.get(row.key)
            if all(cell.value is None for cell in row.cells):
                if existing is not None:
                    self.to_delete.append(existing)
                continue
            for cell in row.cells:
                if cell.value is None and cell.column.default is not None:
                    cell.value = cell.column.default
            missing = [cell for cell in row.cells if cell.value is None]
            for cell in missing:
                self.cell_error(cell, str(self.required_message))
            if missing:
                continue
            if existing is not None and all(getattr(existing, c.column.field) == c.value for c in row.cells):
                continue
            instance = existing or self.new_instance(row)
            if existing is None and self.row_field:
                setattr(instance, self.row_field, items[row.key] if row.new else row.item)
            for cell in row.cells:
                setattr(instance, cell.column.field, cell.value)
            cells = {cell.column.field: cell for cell in row.cells}
            try:
                full_clean(instance)
            except ValidationError as error:
                self.add_validation_error(error, cells.get, row.cells[0])
            (self.to_update if instance.pk else self.to_create).append(instance)
        self.items = items

    def save(self):
        self.save_new_items(self.items)
        writes.delete_rows(self.model, self.to_delete)
        writes.update_rows(self.model, self.to_update, [column.field for column in self.input_columns])
        writes.create_rows(self.model, self.to_create)
