"""What every sheet of a workbook works with: the district and year, the plan (unsaved for a template
or a plan the import creates), the district's reference lists, and the one way rows are written back."""

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from plans.models import AnnualPlan


class WorkbookErrors(Exception):
    """Errors found while applying a workbook (`Sheet!B7: reason`); the transaction rolls back."""

    def __init__(self, errors):
        super().__init__("; ".join(errors))
        self.errors = errors


def default_crime_years(year_start):
    """A new plan compares the three calendar years before its fiscal year (2020-2022 for 2023-2024)."""
    return list(range(year_start - 3, year_start))


class Book:
    """One workbook's context. `plan` has no pk for a template or a plan not created yet."""

    def __init__(self, district, year_start, plan=None, user=None, template=False):
        self.district = district
        self.year_start = year_start
        self.plan = plan or AnnualPlan(
            district=district,
            year_start=year_start,
            crime_first_year=default_crime_years(year_start)[0],
            crime_last_year=default_crime_years(year_start)[-1],
        )
        self.user = user
        self.template = template
        self.crime_years = self.plan.crime_years
        self.errors = []
        self._references = {}

    @property
    def plan_id(self):
        """The plan's pk, None for a template (every query of the plan's rows then finds none)."""
        return None if self.template else self.plan.pk

    def references(self, model):
        """The district's entries of a reference list, by lower-case name."""
        if model not in self._references:
            items = model._base_manager.filter(district=self.district).order_by("position", "name")
            self._references[model] = {item.name.strip().lower(): item for item in items}
        return self._references[model]

    def is_new_reference(self, model, name):
        return name.strip().lower() not in self.references(model)

    def reference(self, model, name, ref, position=0, **fields):
        """The district's entry `name`, created (with `fields`, at `position`) when the district has none; a
        changed field of an existing entry is saved (a reference list entry a locked plan uses refuses that)."""
        items = self.references(model)
        item = items.get(name.strip().lower())
        if item is None:
            item = model(district=self.district, name=name.strip(), position=position, **fields)
            self.save(item, ref)
            items[name.strip().lower()] = item
        elif any(getattr(item, key) != value for key, value in fields.items()):
            for key, value in fields.items():
                setattr(item, key, value)
            self.save(item, ref)
        return item

    def error(self, ref, message):
        self.errors.append(f"{ref}: {message}")

    def validate(self, obj, ref):
        """`full_clean` as every other path runs it; uniqueness is the sheet's own duplicate check and the
        database's constraints. Returns False (and records why) when the row is refused."""
        saved = [  # a row read or created here: checking that it exists would cost a query per row
            field.name
            for field in obj._meta.concrete_fields
            if field.many_to_one
            and field.is_cached(obj)
            and getattr(obj, field.name) is not None
            and getattr(obj, field.name).pk is not None
        ]
        try:
            obj.full_clean(exclude=saved, validate_unique=False, validate_constraints=False)
        except ValidationError as error:
            for name, messages in error.message_dict.items():
                where = "" if name == NON_FIELD_ERRORS else f"{name}: "
                for message in messages:
                    self.error(ref, f"{where}{message}")
            return False
        return True

    def save(self, obj, ref):
        if self.validate(obj, ref):
            obj.save()

    def raise_errors(self):
        if self.errors:
            raise WorkbookErrors(self.errors)


def snapshot(obj):
    return tuple(field.value_from_object(obj) for field in obj._meta.concrete_fields if field.name != "version")


def sync(book, model, existing, wanted, fill):
    """Make the rows of `model` match a sheet: `existing` {key: row} of the plan, `wanted` [(key, `Row`)] read
    from the sheet, `fill(obj, row)` sets a row's fields. Rows no longer wanted are deleted, changed ones saved,
    new ones created together (with their history); every one validated first. Returns {key: row}."""
    existing = dict(existing)
    result, created, changed = {}, [], []
    for key, row in wanted:
        obj = existing.pop(key, None)
        before = snapshot(obj) if obj is not None else None
        if obj is None:
            obj = model()
        fill(obj, row)
        if before is None:
            created.append((obj, row))
        elif snapshot(obj) != before:
            changed.append((obj, row))
        result[key] = obj
    valid = [book.validate(obj, row.ref) for obj, row in created + changed]
    if not all(valid):
        book.raise_errors()
    for obj in existing.values():
        obj.delete()
    for obj, _row in changed:
        obj.save()
    if created:
        objs = [obj for obj, _row in created]
        for obj in objs:
            obj.version = 1
        bulk_create_with_history(objs, model, default_user=book.user)
    return result


def plan_rows(book, queryset):
    """The plan's rows of `queryset` (none for a template)."""
    return list(queryset) if book.plan_id else []


def by_position(rows):
    """[(key, row)] of an ordered table: its n-th row is the n-th record."""
    return [(str(number), row) for number, row in enumerate(rows, start=1)]


def check_levels(reader, rows, top=1, deepest=None):
    """A level column: numbers from `top`, each at most one deeper than the row before it."""
    previous = None
    for row in rows:
        level = row["level"]
        ref = row.ref.split("!", 1)[1]
        if previous is None and level != top:
            reader.errors.append(f"{reader.name}!{ref}: " + _("the first row must be at level %(top)s") % {"top": top})
        elif level < top or (deepest and level > deepest):
            reader.errors.append(
                f"{reader.name}!{ref}: "
                + _("level %(level)s is not %(top)s to %(deepest)s")
                % {"level": level, "top": top, "deepest": deepest or "…"}
            )
        elif previous is not None and level > previous + 1:
            reader.errors.append(
                f"{reader.name}!{ref}: "
                + _("level %(level)s under a row of level %(previous)s") % {"level": level, "previous": previous}
            )
        previous = level


def parents(rows):
    """{row number: the row it hangs under} by the level column."""
    stack, result = [], {}
    for row in rows:
        level = row["level"]
        del stack[level - 1 :]
        result[row.number] = stack[-1] if stack else None
        stack.append(row)
    return result


def create_levels(book, rows, make):
    """Create an outline in the sheet's order: `make(row, parent_obj)` gives the unsaved object of a row;
    `row["sibling"]` is its place under its parent (from 1), `row.number` its place in the sheet. Rows go in
    together until one hangs under a row not yet saved, so ids follow the sheet's order. Returns {row: obj}."""
    made, batch = {}, []
    parent_of = parents(rows)
    siblings = {}
    for row in rows:  # the row's place among the rows under the same parent, from 1
        parent = parent_of[row.number]
        key = parent.number if parent else None
        siblings[key] = row.values["sibling"] = siblings.get(key, 0) + 1

    def flush():
        book.raise_errors()
        for model in dict.fromkeys(type(obj) for obj in batch):
            objs = [obj for obj in batch if type(obj) is model]
            for obj in objs:
                obj.version = 1
            bulk_create_with_history(objs, model, default_user=book.user)
        batch.clear()

    for row in rows:
        parent = parent_of[row.number]
        if parent is not None and made.get(parent.number) in batch:
            flush()
        obj = make(row, made.get(parent.number) if parent else None)
        if book.validate(obj, row.ref):
            batch.append(obj)
            made[row.number] = obj
    flush()
    return made


def delete_all(objs):
    """Delete rows one by one (each with its history); children go with their parents."""
    for obj in objs:
        obj.delete()


def one_row_sheet(model, names, columns, name, title, explanation):
    """A sheet of the plan's one row of `model` (its vital statistics, its field organisation), the fields in
    column A and the values in column B."""
    from plans.workbook.sheets import TableSheet

    def rows(book):
        obj = model.objects.filter(plan_id=book.plan_id).first() if book.plan_id else None
        return [{field: getattr(obj, field) for field in names}] if obj else []

    def apply(book, read):
        existing = dict(by_position(plan_rows(book, model.objects.filter(plan_id=book.plan_id))))

        def fill(obj, row):
            obj.plan = book.plan
            for field in names:
                setattr(obj, field, row[field])

        sync(book, model, existing, by_position(read[:1]), fill)

    return TableSheet(name, title, columns, rows, apply, transposed=True, explanation=explanation)
