"""The plans app's own sheets of the workbook: the plan's text fields, values, responsibilities, the
organogram, vital statistics, the budget and the figures as printed. (The app's `workbook.py`: `plans`
holds the workbook package itself, so its sheets live here.)"""

from django.utils.translation import gettext_lazy as _

from plans import models
from plans.workbook.book import by_position, check_levels, create_levels, delete_all, one_row_sheet, plan_rows, sync
from plans.workbook.sheets import Column, TableSheet


def verbose(model, name):
    return str(model._meta.get_field(name).verbose_name).capitalize()


def field_columns(model, names, kinds):
    return [
        Column(
            verbose(model, name),
            name,
            kind=kinds.get(name, "int"),
            required=kinds.get(name, "int") != "text" and not model._meta.get_field(name).null,
        )
        for name in names
    ]


PLAN_COLUMNS = [
    Column(verbose(models.AnnualPlan, "crime_first_year"), "crime_first_year", "int", required=True),
    Column(verbose(models.AnnualPlan, "crime_last_year"), "crime_last_year", "int", required=True),
    Column(
        verbose(models.AnnualPlan, "print_language"),
        "print_language",
        "choice",
        required=True,
        choices=tuple(models.PrintLanguage.choices),
    ),
    *(Column(verbose(models.AnnualPlan, name), name, "text", width=80) for name in models.AnnualPlan.DOCUMENT_TEXT),
]


def plan_rows_of(book):
    plan = book.plan
    return [{column.name: getattr(plan, column.name) for column in PLAN_COLUMNS}]


def check_plan(reader, rows):
    if len(rows) != 1:
        reader.errors.append(f"{reader.name}!B3: " + str(_("the plan's fields fill one column, B")))
        return
    row = rows[0]
    first, last = row["crime_first_year"], row["crime_last_year"]
    if first > last or last - first > 9:
        reader.errors.append(
            f"{row.ref}: "
            + str(
                _("the crime years %(first)s–%(last)s are not a window of at most ten years")
                % {"first": first, "last": last}
            )
        )
        return
    reader.book.crime_years = list(range(first, last + 1))


def apply_plan(book, rows):
    plan = book.plan
    for column in PLAN_COLUMNS:
        value = rows[0][column.name]
        setattr(plan, column.name, value if value is not None or column.kind != "text" else "")
    book.save(plan, rows[0].ref)


def ordered_text(model, columns, name, title, explanation):
    """A list of the plan's rows in their printed order (values, responsibilities)."""

    def rows(book):
        return [
            {column.name: getattr(obj, column.name) for column in columns}
            for obj in plan_rows(book, model.objects.filter(plan_id=book.plan_id))
        ]

    def apply(book, read):
        existing = by_position(plan_rows(book, model.objects.filter(plan_id=book.plan_id)))

        def fill(obj, row):
            obj.plan = book.plan
            obj.position = row.number
            for column in columns:
                setattr(obj, column.name, row[column.name])

        sync(book, model, existing, by_position(read), fill)

    return TableSheet(name, title, columns, rows, apply, explanation=explanation)


VALUES = ordered_text(
    models.PlanValue,
    [
        Column(_("Value"), "name", required=True, width=24),
        Column(_("Description"), "description", required=True, width=90),
    ],
    "Values",
    _("Values"),
    _("The values under 'Main responsibilities', one per row."),
)
RESPONSIBILITIES = ordered_text(
    models.Responsibility,
    [Column(_("Responsibility"), "text", required=True, width=110)],
    "Responsibilities",
    _("Our responsibilities are as under"),
    _("The responsibilities, one per row."),
)

UNIT_COLUMNS = [
    Column(_("Level"), "level", "int", required=True, width=8),
    Column(_("Kind"), "kind", "choice", required=True, choices=tuple(models.UnitKind.choices), width=24),
    Column(_("Name"), "name", width=24),
    Column(_("Commander"), "commander", required=True, width=30),
]


def unit_rows(book):
    units = plan_rows(book, models.Unit.objects.filter(plan_id=book.plan_id))
    children = {}
    for unit in units:
        children.setdefault(unit.parent_id, []).append(unit)
    rows = []

    def walk(parent_id, level):
        for unit in children.get(parent_id, []):
            rows.append({"level": level, "kind": unit.kind, "name": unit.name, "commander": unit.commander})
            walk(unit.pk, level + 1)

    walk(None, 1)
    return rows


def apply_units(book, rows):
    delete_all(models.Unit.objects.filter(plan=book.plan, parent__isnull=True))

    def make(row, parent):
        return models.Unit(
            plan=book.plan,
            parent=parent,
            kind=row["kind"],
            name=row["name"] or "",
            commander=row["commander"],
            position=row.number,
        )

    create_levels(book, rows, make)


UNITS = TableSheet(
    "Organogram",
    _("District detail and organogram"),
    UNIT_COLUMNS,
    unit_rows,
    apply_units,
    check=lambda reader, rows: check_levels(reader, rows),
    explanation=_(
        "The organogram: one unit per row; the level column nests a unit under the row above it of "
        "one level less (1: the district command)."
    ),
)

PROFILE_FIELDS = [  # every figure of the vital statistics (the map is uploaded on the portal)
    field.name
    for field in models.DistrictProfile._meta.concrete_fields
    if field.name not in {"id", "plan", "version", "map_image"}
]
DECIMAL = {"area_sq_km": "decimal", "urban_percent": "decimal", "rural_percent": "decimal", "border_km": "decimal"}
PROFILE_COLUMNS = [
    *field_columns(models.DistrictProfile, PROFILE_FIELDS, DECIMAL),
    Column(
        _("Police posts total"),
        "posts_total",
        formula=lambda at: f"={at['police_posts_sanctioned']}+{at['police_posts_unsanctioned']}",
    ),
]


PROFILE = one_row_sheet(
    models.DistrictProfile,
    PROFILE_FIELDS,
    PROFILE_COLUMNS,
    "Vital statistics",
    _("Vital statistics"),
    _("The district's vital statistics, in column B."),
)


def keyed(model, columns, key, name, title, explanation):
    """A list of the plan's rows identified by a name (sects, places of worship, figures as printed)."""

    def rows(book):
        return [
            {column.name: getattr(obj, column.name) for column in columns}
            for obj in plan_rows(book, model.objects.filter(plan_id=book.plan_id))
        ]

    def apply(book, read):
        existing = {
            getattr(obj, key).strip().lower(): obj
            for obj in plan_rows(book, model.objects.filter(plan_id=book.plan_id))
        }

        def fill(obj, row):
            obj.plan = book.plan
            if hasattr(obj, "position"):
                obj.position = row.number
            for column in columns:
                setattr(obj, column.name, row[column.name])

        sync(book, model, existing, [(row[key].strip().lower(), row) for row in read], fill)

    return TableSheet(name, title, columns, rows, apply, key=(key,), explanation=explanation)


SECTS = keyed(
    models.SectShare,
    [Column(_("Sect"), "name", required=True, width=30), Column(_("Share %"), "percent", "decimal", required=True)],
    "name",
    "Sects",
    _("Sects classification"),
    _("The sects of the population and their shares."),
)
PLACES = keyed(
    models.PlaceOfWorship,
    [
        Column(_("Kind"), "kind", required=True, width=30),
        Column(_("Count"), "count", "int", required=True),
        Column(_("Approximate"), "is_approximate", "bool", default=False),
    ],
    "kind",
    "Places of worship",
    _("Places of worship"),
    _("Places of worship and learning and how many the district has."),
)
FIGURES = keyed(
    models.PrintedFigure,
    [
        Column(_("Figure"), "key", required=True, width=50),
        Column(_("Value as printed"), "value", "decimal", required=True, signed=True),
    ],
    "key",
    "Printed figures",
    _("Figures as printed in the document"),
    _("Derived figures as the document printed them (totals, changes), kept for the consistency check."),
)

BUDGET_COLUMNS = [
    Column(_("Account code"), "code", width=14),
    Column(_("Head of account"), "head", required=True, width=40),
    Column(_("Amount (Rs.)"), "amount", "int", width=16),  # blank: the head has no amount in this plan
]


def budget_rows(book):
    amounts = {
        row.head_id: row.amount for row in plan_rows(book, models.BudgetAllocation.objects.filter(plan_id=book.plan_id))
    }
    heads = models.BudgetHead.objects.filter(district=book.district).order_by("position", "name")
    return [
        {"code": head.account_code, "head": head.name, "amount": amounts.get(head.pk)}
        for head in heads
        if head.pk in amounts or book.template
    ]


def check_budget(reader, rows):
    heads = {
        (head.account_code, head.name.lower())
        for head in models.BudgetHead.objects.filter(district=reader.book.district)
    }
    for row in rows:
        if (row["code"] or "", row["head"].lower()) not in heads:
            reader.new_references.append((str(_("budget head")), f"{row['code'] or ''}-{row['head']}", row.ref))


def apply_budget(book, rows):
    existing = {
        (obj.head.account_code, obj.head.name.lower()): obj
        for obj in plan_rows(book, models.BudgetAllocation.objects.filter(plan_id=book.plan_id).select_related("head"))
    }
    heads = {
        (head.account_code, head.name.lower()): head
        for head in models.BudgetHead.objects.filter(district=book.district)
    }

    def fill(obj, row):
        key = (row["code"] or "", row["head"].lower())
        if key not in heads:
            heads[key] = models.BudgetHead(
                district=book.district, account_code=row["code"] or "", name=row["head"], position=row.number
            )
            book.save(heads[key], row.ref)
            book.raise_errors()
        obj.plan, obj.head, obj.amount = book.plan, heads[key], row["amount"]

    wanted = [((row["code"] or "", row["head"].lower()), row) for row in rows if row["amount"] is not None]
    sync(book, models.BudgetAllocation, existing, wanted, fill)


BUDGET = TableSheet(
    "Budget",
    _("Financial resources likely to be available"),
    BUDGET_COLUMNS,
    budget_rows,
    apply_budget,
    key=("code", "head"),
    check=check_budget,
    total_label=_("Total"),
    explanation=_("The budget: one head of account per row with its amount in rupees."),
)


def plan_sheet():
    return TableSheet(
        "Plan",
        _("The plan"),
        PLAN_COLUMNS,
        plan_rows_of,
        apply_plan,
        transposed=True,
        check=check_plan,
        explanation=_(
            "The plan's own fields, in column B: the crime years compared, the print language, the DPO's "
            "message, the text around the responsibilities, the closing and the signatory."
        ),
    )


SHEETS = (
    plan_sheet().declare(10),
    VALUES.declare(20),
    RESPONSIBILITIES.declare(25),
    UNITS.declare(30),
    PROFILE.declare(40),
    SECTS.declare(42),
    PLACES.declare(44),
    BUDGET.declare(130),
    FIGURES.declare(160),
)
