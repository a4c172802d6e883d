"""The crime statistics app's sheets of the plan's workbook (see `plans.registry.WorkbookSheet`): crime
by head with the heads as rows and the years as columns, as printed; the year's operational results; the
recoveries of narcotics and illicit arms."""

from django.utils.translation import gettext_lazy as _

from crime_stats import models
from plans.workbook.book import plan_rows, sync
from plans.workbook.sheets import Column, Row, TableSheet


def crime_columns(book):
    years = book.crime_years
    columns = [Column(_("Crime head"), "head", required=True, width=30), Column(_("Law sections"), "law_sections")]
    columns += [Column(str(year), f"y{year}", "int", width=10) for year in years]
    if len(years) > 1:
        last, before = f"y{years[-1]}", f"y{years[-2]}"
        columns.append(
            Column(
                _("Increase / decrease"),
                "change",
                formula=lambda at: f'=IF(OR({at[last]}="",{at[before]}=""),"",{at[last]}-{at[before]})',
            )
        )
    return columns


def crime_rows(book):
    figures = {}
    for figure in plan_rows(book, models.CrimeFigure.objects.filter(plan_id=book.plan_id)):
        figures[(figure.head_id, figure.year)] = figure.cases
    return [
        {
            "head": head.name,
            "law_sections": head.law_sections,
            **{f"y{year}": figures.get((head.pk, year)) for year in book.crime_years},
        }
        for head in book.references(models.CrimeHead).values()
    ]


def check_crime(reader, rows):
    for row in rows:
        if reader.book.is_new_reference(models.CrimeHead, row["head"]):
            reader.new_references.append((str(_("crime head")), row["head"], row.ref))


def apply_crime(book, rows):
    existing = {
        (figure.head.name.lower(), figure.year): figure
        for figure in plan_rows(book, models.CrimeFigure.objects.filter(plan_id=book.plan_id).select_related("head"))
    }
    wanted = []
    for row in rows:
        head = book.reference(
            models.CrimeHead, row["head"], row.ref, position=row.number, law_sections=row["law_sections"] or ""
        )
        for year in book.crime_years:
            if row[f"y{year}"] is not None:
                cell = Row(row.number, {"head": head, "year": year, "cases": row[f"y{year}"]}, row.ref)
                wanted.append(((head.name.lower(), year), cell))
    book.raise_errors()

    def fill(obj, cell):
        obj.plan, obj.head, obj.year, obj.cases = book.plan, cell["head"], cell["year"], cell["cases"]

    sync(book, models.CrimeFigure, existing, wanted, fill)


CRIME = TableSheet(
    "Crime",
    _("Crime by head"),
    crime_columns,
    crime_rows,
    apply_crime,
    key=("head",),
    check=check_crime,
    total_label=_("All reported crime"),
    explanation=_(
        "Reported cases with the crime heads as rows and the calendar years as columns, as printed; a "
        "blank is no figure, 0 is a figure. A new head is added to the district's list."
    ),
)

OPERATIONAL_NAMES = models.OperationalResult.figure_fields()
OPERATIONAL_COLUMNS = [
    Column(_("Year"), "year", "int", required=True),
    *(
        Column(str(models.OperationalResult._meta.get_field(name).verbose_name).capitalize(), name, "int", default=0)
        for name in OPERATIONAL_NAMES
    ),
]


def operational_rows(book):
    results = plan_rows(book, models.OperationalResult.objects.filter(plan_id=book.plan_id))
    return [{"year": result.year, **{name: getattr(result, name) for name in OPERATIONAL_NAMES}} for result in results]


def apply_operational(book, rows):
    existing = {
        result.year: result for result in plan_rows(book, models.OperationalResult.objects.filter(plan_id=book.plan_id))
    }

    def fill(obj, row):
        obj.plan, obj.year = book.plan, row["year"]
        for name in OPERATIONAL_NAMES:
            setattr(obj, name, row[name])

    sync(book, models.OperationalResult, existing, [(row["year"], row) for row in rows], fill)


OPERATIONAL = TableSheet(
    "Operational results",
    _("Operational results"),
    OPERATIONAL_COLUMNS,
    operational_rows,
    apply_operational,
    key=("year",),
    transposed=True,
    explanation=_("The year's operational results, one column per year (a blank is 0)."),
)


def recoveries(model, item_model, item_field, columns, name, title, explanation, kind):
    """A sheet of one year's recoveries (narcotics by substance, illicit arms by type)."""
    value = columns[-1].name
    extra = [column.name for column in columns[2:-1]]  # the item's own fields (the substance's unit)

    def rows(book):
        found = plan_rows(
            book,
            model.objects.filter(result__plan_id=book.plan_id)
            .select_related("result", item_field)
            .order_by("result__year", f"{item_field}__position"),
        )
        return [
            {
                "year": obj.result.year,
                "item": getattr(obj, item_field).name,
                **{field: getattr(getattr(obj, item_field), field) for field in extra},
                value: getattr(obj, value),
            }
            for obj in found
        ]

    def check(reader, read):
        for row in read:
            if reader.book.is_new_reference(item_model, row["item"]):
                if any(row[field] is None for field in extra):
                    reader.errors.append(
                        f"{row.ref}: "
                        + str(_("a new %(kind)s needs its %(fields)s") % {"kind": kind, "fields": ", ".join(extra)})
                    )
                reader.new_references.append((str(kind), row["item"], row.ref))

    def apply(book, read):
        existing = {
            (obj.result.year, getattr(obj, item_field).name.lower()): obj
            for obj in plan_rows(
                book, model.objects.filter(result__plan_id=book.plan_id).select_related("result", item_field)
            )
        }
        results = {result.year: result for result in models.OperationalResult.objects.filter(plan=book.plan)}
        wanted = []
        for row in read:
            if row["year"] not in results:
                book.error(
                    row.ref,
                    _("no operational results for %(year)s on the sheet Operational results") % {"year": row["year"]},
                )
                continue
            item = book.reference(
                item_model, row["item"], row.ref, position=row.number, **{field: row[field] for field in extra}
            )
            cell = Row(row.number, {"result": results[row["year"]], "item": item, value: row[value]}, row.ref)
            wanted.append(((row["year"], item.name.lower()), cell))
        book.raise_errors()

        def fill(obj, cell):
            obj.result = cell["result"]
            setattr(obj, item_field, cell["item"])
            setattr(obj, value, cell[value])

        sync(book, model, existing, wanted, fill)

    return TableSheet(name, title, columns, rows, apply, key=("year", "item"), check=check, explanation=explanation)


NARCOTICS = recoveries(
    models.NarcoticsRecovery,
    models.Substance,
    "substance",
    [
        Column(_("Year"), "year", "int", required=True),
        Column(_("Substance"), "item", required=True, width=24),
        Column(_("Unit"), "unit"),
        Column(_("Quantity"), "quantity", "decimal", required=True),
    ],
    "Narcotics",
    _("Recovery of narcotics"),
    _("Narcotics recovered in the year: one substance per row, with the unit it is counted in."),
    _("substance"),
)
ILLICIT_ARMS = recoveries(
    models.IllicitArmsRecovery,
    models.IllicitArmType,
    "arm_type",
    [
        Column(_("Year"), "year", "int", required=True),
        Column(_("Arm type"), "item", required=True, width=24),
        Column(_("Recovered"), "count", "int", required=True),
    ],
    "Illicit arms",
    _("Recovery of illicit arms"),
    _("Illicit weapons recovered in the year, one type per row."),
    _("illicit arm type"),
)

SHEETS = (CRIME.declare(100), OPERATIONAL.declare(102), NARCOTICS.declare(104), ILLICIT_ARMS.declare(106))
