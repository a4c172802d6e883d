"""The logistics app's sheets of the plan's workbook (see `plans.registry.WorkbookSheet`): vehicles with the
types as rows and the deployments as columns, as printed; the stock statements and their lines."""

from django.utils.translation import gettext_lazy as _

from logistics import models
from plans.workbook.book import plan_rows, sync
from plans.workbook.sheets import Column, Row, TableSheet


def vehicle_total(at):
    return f"=SUM({at['open'][0]}:{at['open'][-1]})" if at["open"] else "=0"


def vehicle_rows(book):
    deployments = {item.pk: item.name for item in book.references(models.Deployment).values()}
    counts = {}
    for count in plan_rows(book, models.VehicleCount.objects.filter(plan_id=book.plan_id)):
        counts.setdefault(count.vehicle_type_id, {})[deployments[count.deployment_id]] = count.count
    return [
        {"type": kind.name, "open": counts.get(kind.pk, {})} for kind in book.references(models.VehicleType).values()
    ]


def check_vehicles(reader, rows):
    for name, ref in reader.open_header_refs.items():
        if reader.book.is_new_reference(models.Deployment, name):
            reader.new_references.append((str(_("deployment")), name, ref))
    for row in rows:
        if reader.book.is_new_reference(models.VehicleType, row["type"]):
            reader.new_references.append((str(_("vehicle type")), row["type"], row.ref))


def apply_vehicles(book, rows):
    existing = {
        (count.vehicle_type.name.lower(), count.deployment.name.lower()): count
        for count in plan_rows(
            book, models.VehicleCount.objects.filter(plan_id=book.plan_id).select_related("vehicle_type", "deployment")
        )
    }
    deployments = {}
    wanted = []
    for row in rows:
        kind = book.reference(models.VehicleType, row["type"], row.ref, position=row.number)
        for position, (name, count) in enumerate(row.open.items(), start=1):
            if name not in deployments:
                deployments[name] = book.reference(models.Deployment, name, row.open_refs[name], position=position)
            if count is not None:
                cell = Row(
                    row.number, {"type": kind, "deployment": deployments[name], "count": count}, row.open_refs[name]
                )
                wanted.append(((kind.name.lower(), deployments[name].name.lower()), cell))
    book.raise_errors()

    def fill(obj, cell):
        obj.plan, obj.vehicle_type, obj.deployment, obj.count = (
            book.plan,
            cell["type"],
            cell["deployment"],
            cell["count"],
        )

    sync(book, models.VehicleCount, existing, wanted, fill)


VEHICLES = TableSheet(
    "Vehicles",
    _("Vehicles"),
    [Column(_("Vehicle type"), "type", required=True, width=26), Column(_("Total"), "total", formula=vehicle_total)],
    vehicle_rows,
    apply_vehicles,
    key=("type",),
    total_label=_("Total"),
    open_headers=lambda book: [item.name for item in book.references(models.Deployment).values()],
    check=check_vehicles,
    explanation=_(
        "Vehicles with the types as rows and the deployments as columns, as printed; a new type or "
        "deployment (a new column before Total) is added to the district's list."
    ),
)


def statement_rows(book):
    dates = {
        statement.category_id: statement.as_of
        for statement in plan_rows(book, models.StockStatement.objects.filter(plan_id=book.plan_id))
    }
    return [
        {"category": category.name, "as_of": dates.get(category.pk)}
        for category in book.references(models.StockCategory).values()
        if category.pk in dates or book.template
    ]


def check_categories(reader, rows):
    for row in rows:
        if reader.book.is_new_reference(models.StockCategory, row["category"]):
            reader.new_references.append((str(_("stock category")), row["category"], row.ref))


def apply_statements(book, rows):
    existing = {
        statement.category.name.lower(): statement
        for statement in plan_rows(
            book, models.StockStatement.objects.filter(plan_id=book.plan_id).select_related("category")
        )
    }
    wanted = []
    for row in rows:
        category = book.reference(models.StockCategory, row["category"], row.ref, position=row.number)
        wanted.append((category.name.lower(), Row(row.number, {"category": category, "as_of": row["as_of"]}, row.ref)))
    book.raise_errors()

    def fill(obj, cell):
        obj.plan, obj.category, obj.as_of = book.plan, cell["category"], cell["as_of"]

    sync(book, models.StockStatement, existing, wanted, fill)


STATEMENTS = TableSheet(
    "Stock statements",
    _("Stock statements"),
    [Column(_("Category"), "category", required=True, width=40), Column(_("Dated"), "as_of", "date", width=14)],
    statement_rows,
    apply_statements,
    key=("category",),
    check=check_categories,
    explanation=_("The plan's stock statements: one category per row and the day its stock was counted."),
)

NUMBERS = ["total_stock", "distributed", "at_headquarters"]
STOCK_COLUMNS = [
    Column(_("Category"), "category", required=True, width=30),
    Column(_("Weapon or equipment"), "type", required=True, width=30),
    Column(_("Group"), "group", width=14),
    *(
        Column(str(models.StockItem._meta.get_field(name).verbose_name).capitalize(), name, "int", width=16)
        for name in NUMBERS
    ),
    Column(_("New demand (shortage)"), "new_demand", "int", default=0, width=16),
    Column(
        _("Accounted (distributed + HQ)"),
        "accounted",
        formula=lambda at: f"={at['distributed']}+{at['at_headquarters']}",
        width=16,
    ),
]


def stock_rows(book):
    items = {
        (item.equipment_type_id): item
        for item in plan_rows(book, models.StockItem.objects.filter(statement__plan_id=book.plan_id))
    }
    types = models.EquipmentType.objects.filter(district=book.district).select_related("category")
    rows = []
    for kind in types:
        item = items.get(kind.pk)
        if item is not None or book.template:
            rows.append(
                {
                    "category": kind.category.name,
                    "type": kind.name,
                    "group": item and item.group,
                    **{name: item and getattr(item, name) for name in [*NUMBERS, "new_demand"]},
                }
            )
    return rows


def equipment_types(book):
    return {
        (kind.category.name.lower(), kind.name.lower()): kind
        for kind in models.EquipmentType.objects.filter(district=book.district).select_related("category")
    }


def check_stock(reader, rows):
    known = equipment_types(reader.book)
    for row in rows:
        if (row["category"].lower(), row["type"].lower()) not in known:
            reader.new_references.append((str(_("weapon or equipment type")), row["type"], row.ref))
        given = [row[name] is not None for name in NUMBERS]
        if any(given) and not all(given):
            reader.errors.append(f"{row.ref}: " + str(_("give the total stock, distributed and at HQ, or none")))


def apply_stock(book, rows):
    existing = {
        (item.equipment_type.category.name.lower(), item.equipment_type.name.lower()): item
        for item in plan_rows(
            book,
            models.StockItem.objects.filter(statement__plan_id=book.plan_id).select_related("equipment_type__category"),
        )
    }
    statements = {
        statement.category.name.lower(): statement
        for statement in models.StockStatement.objects.filter(plan=book.plan).select_related("category")
    }
    kinds = equipment_types(book)
    wanted = []
    for row in rows:
        key = (row["category"].lower(), row["type"].lower())
        statement = statements.get(key[0])
        if statement is None:
            book.error(
                row.ref,
                _("the category %(category)r has no row on the sheet Stock statements") % {"category": row["category"]},
            )
            continue
        if key not in kinds:
            kinds[key] = models.EquipmentType(
                district=book.district, category=statement.category, name=row["type"], position=row.number
            )
            book.save(kinds[key], row.ref)
        if row["total_stock"] is not None:
            values = {
                "statement": statement,
                "type": kinds[key],
                **{name: row[name] for name in NUMBERS},
                "group": row["group"] or "",
                "new_demand": row["new_demand"],
            }
            wanted.append((key, Row(row.number, values, row.ref)))
    book.raise_errors()

    def fill(obj, cell):
        obj.statement, obj.equipment_type, obj.group, obj.new_demand = (
            cell["statement"],
            cell["type"],
            cell["group"],
            cell["new_demand"],
        )
        for name in NUMBERS:
            setattr(obj, name, cell[name])

    sync(book, models.StockItem, existing, wanted, fill)


STOCK = TableSheet(
    "Stock",
    _("Stock statements: lines"),
    STOCK_COLUMNS,
    stock_rows,
    apply_stock,
    key=("category", "type"),
    check=check_stock,
    explanation=_(
        "Each weapon, ammunition or equipment line of the stock statements: total stock, distributed "
        "to police stations, present at HQ, new demand; rows of one group are totalled together."
    ),
)

SHEETS = (VEHICLES.declare(70), STATEMENTS.declare(80), STOCK.declare(82))
