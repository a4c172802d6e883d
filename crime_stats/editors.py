"""The performance chapter in the portal: crime heads × the plan's crime years, as the printed table."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from crime_stats import models
from plans.editors import writes
from plans.editors.grid import CellGrid, Column, GridEditor, GridRow, RowGrid, full_clean


class CrimeGrid(CellGrid):
    """Cases reported by head and year; the change of the last year over the one before and the year's
    total ("All reported Crime") computed as the plan prints them."""

    prefix = "crime"
    title = _("Crime by head")
    row_heading = _("Crime head")
    item_model = models.CrimeHead
    new_item_label = _("New crime head")
    model = models.CrimeFigure
    row_field = "head"
    column_field = "year"
    value_field = "cases"
    description = _("Cases reported under each head in each calendar year; a blank cell is no figure.")

    def get_columns(self):
        years = list(self.plan.crime_years)
        columns = [Column(str(year), str(year), value=year) for year in years]
        if len(years) > 1:
            formula = ["-", str(years[-1]), str(years[-2])]
            columns.append(Column("change", _("Increase / decrease"), formula=formula, signed=True))
        return columns

    def get_rows(self):
        heads = models.CrimeHead.objects.filter(district_id=self.plan.district_id).order_by("position", "name")
        return [GridRow(str(head.pk), head.name, item=head) for head in heads]

    def stored_rows(self):
        heads = {row.item.pk: row.item for row in self.rows}
        figures = list(models.CrimeFigure.objects.filter(plan=self.plan))
        for figure in figures:  # the grid's heads, for the figure's clean(), without a join
            if figure.head_id in heads:
                figure.head = heads[figure.head_id]
            figure.plan = self.plan
        return figures


class Results:
    """The plan's operational results of its last crime year, shared by the grids of its tables: each sets its
    figures on the one row, the first to save writes it (created when any figure is entered)."""

    def __init__(self, plan):
        self.plan = plan
        self.year = plan.crime_last_year
        self.stored = models.OperationalResult.objects.filter(plan=plan, year=self.year).first()
        self.row = self.stored or models.OperationalResult(plan=plan, year=self.year)
        self.row.plan = plan
        self.changed = set()
        self.saved = False

    def save(self):
        if self.saved:
            return
        self.saved = True
        if self.stored is None and self.changed:
            writes.create_rows(models.OperationalResult, [self.row])
        elif self.stored is not None and self.changed:
            writes.update_rows(models.OperationalResult, [self.row], sorted(self.changed))


class ResultTableGrid(GridEditor):
    """One table of the operational results: its figures as rows, the year as the column; blank is nil."""

    row_heading = _("Description")
    fields = ()

    def __init__(self, plan, results, data=None):
        self.results = results
        super().__init__(plan, data)

    def get_columns(self):
        return [Column("value", _("Year %(year)s") % {"year": self.results.year}, total=False, default=0)]

    def get_rows(self):
        return [GridRow(name, str(models.OperationalResult._meta.get_field(name).verbose_name)) for name in self.fields]

    def initial(self):
        stored = self.results.stored
        return {(name, "value"): getattr(stored, name) for name in self.fields} if stored else {}

    @property
    def has_totals(self):
        return False

    def rows_version(self):
        stored = self.results.stored
        return [(stored.pk, stored.version)] if stored else []

    def prepare(self):
        row = self.results.row
        for grid_row in self.rows:
            cell = grid_row.cells[0]
            value = 0 if cell.value is None else cell.value
            if getattr(row, grid_row.key) != value or (self.results.stored is None and cell.value is not None):
                setattr(row, grid_row.key, value)
                self.results.changed.add(grid_row.key)
        cells = {grid_row.key: grid_row.cells[0] for grid_row in self.rows}
        try:
            full_clean(row)
        except ValidationError as error:
            self.add_validation_error(error, cells.get, self.rows[0].cells[0])

    def save(self):
        self.results.save()

    def is_complete(self):
        return self.results.stored is not None


def result_table(prefix, title, fields):
    return type(f"{prefix.title()}Grid", (ResultTableGrid,), {"prefix": prefix, "title": title, "fields": fields})


RESULT_TABLES = [
    result_table(
        "gangs",
        _("I) Gangs smashed"),
        ("gangs_smashed", "gang_members_arrested", "gang_arms_recovered", "gang_property_recovered"),
    ),
    result_table(
        "absconders",
        _("II) Arrest of proclaimed offenders and court absconders"),
        ("proclaimed_offenders_arrested", "court_absconders_arrested"),
    ),
    result_table(
        "encounters",
        _("III) Police encounters"),
        ("encounters", *models.OperationalResult.ENCOUNTER_FIGURES),
    ),
    result_table("narcotics", _("IV) Narcotics: cases and accused"), ("narcotics_cases", "narcotics_accused")),
    result_table("arms", _("V) Illicit arms: cases and accused"), ("illicit_arms_cases", "illicit_arms_accused")),
    result_table(
        "forensic",
        _("VI) Crime scene samples sent to NADRA"),
        ("forensic_sent", "forensic_matched", "forensic_unmatched", "forensic_pending"),
    ),
]


class RecoveryGrid(RowGrid):
    """What the year's operations recovered, one row per kind (a substance, an arm type) of the district."""

    kind_model = None

    def __init__(self, plan, results, data=None):
        self.results = results
        super().__init__(plan, data)

    def get_rows(self):
        kinds = self.kind_model.objects.filter(district_id=self.plan.district_id).order_by("position", "name")
        return [GridRow(str(kind.pk), str(kind), item=kind) for kind in kinds]

    def stored_rows(self):
        if self.results.stored is None:
            return []
        kinds = {row.item.pk: row.item for row in self.rows}
        rows = list(self.model.objects.filter(result=self.results.stored))
        for stored in rows:
            stored.result = self.results.row
            if getattr(stored, f"{self.row_field}_id") in kinds:
                setattr(stored, self.row_field, kinds[getattr(stored, f"{self.row_field}_id")])
        return rows

    def new_instance(self, row):
        return self.model(result=self.results.row)

    def prepare(self):
        super().prepare()
        if self.to_create:  # recoveries need the year's results row
            self.results.changed.add("year")

    def save(self):
        self.results.save()
        super().save()

    def is_complete(self):
        return True


class NarcoticsGrid(RecoveryGrid):
    prefix = "recovered-narcotics"
    title = _("IV) Recovery of narcotics")
    row_heading = _("Substance (unit)")
    model = models.NarcoticsRecovery
    row_field = "substance"
    kind_model = models.Substance

    def get_columns(self):
        year = _("Year %(year)s") % {"year": self.results.year}
        return [Column("quantity", year, field="quantity", decimal_places=3, total=False)]

    @property
    def has_totals(self):
        return False


class IllicitArmsGrid(RecoveryGrid):
    prefix = "recovered-arms"
    title = _("V) Recovery of illicit arms")
    row_heading = _("Arm type")
    model = models.IllicitArmsRecovery
    row_field = "arm_type"
    kind_model = models.IllicitArmType

    def get_columns(self):
        return [Column("count", _("Year %(year)s") % {"year": self.results.year}, field="count")]


def editors(plan, data=None):
    results = Results(plan)
    tables = [table(plan, results, data) for table in RESULT_TABLES]
    narcotics, arms = NarcoticsGrid(plan, results, data), IllicitArmsGrid(plan, results, data)
    return [CrimeGrid(plan, data), *tables[:4], narcotics, tables[4], arms, tables[5]]
