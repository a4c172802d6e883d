"""The crime table (cases by head and year, totals, year-on-year change) and the year's results."""

from dataclasses import dataclass

from django.db.models import Case, F, IntegerField, OuterRef, Sum, When
from django.utils.translation import gettext as _

from crime_stats.models import CrimeFigure, CrimeHead, OperationalResult
from plans.figures import plan_rows_sum


@dataclass
class CrimeRow:
    head: object
    cases: list  # one per year of the table, None where no figure was entered

    @property
    def change(self):
        """Change of the last year over the year before, as the plan's last column shows it."""
        if len(self.cases) < 2 or None in self.cases[-2:]:
            return None
        return self.cases[-1] - self.cases[-2]

    @property
    def change_percent(self):
        if self.change is None or not self.cases[-2]:
            return None
        return round(100 * self.change / self.cases[-2], 1)


@dataclass
class CrimeTable:
    years: list
    rows: list

    @property
    def total(self):
        """The 'All reported crime' row; a year for which no head has a figure has no total either."""
        cases = []
        for index in range(len(self.years)):
            known = [row.cases[index] for row in self.rows if row.cases[index] is not None]
            cases.append(sum(known) if known else None)
        return CrimeRow(head=None, cases=cases)


def latest_figures(figures):
    """One figure per head and year from figures ordered by plan year: the later plan's, as it stood later."""
    latest = {}
    for figure in figures:
        latest[figure.head_id, figure.year] = figure
    return list(latest.values())


def crime_table(figures, years):
    """Build the table from CrimeFigure rows (with `head` selected) over the given years."""
    index = {year: position for position, year in enumerate(years)}
    rows = {}
    for figure in figures:
        if figure.year not in index:
            continue
        row = rows.setdefault(figure.head_id, CrimeRow(figure.head, [None] * len(years)))
        row.cases[index[figure.year]] = figure.cases
    ordered = sorted(rows.values(), key=lambda row: (row.head.position, row.head.name))
    return CrimeTable(years=list(years), rows=ordered)


def plan_crime_table(plan):
    """The plan's own crime table over its crime years, in one query."""
    figures = CrimeFigure.objects.filter(plan=plan).select_related("head")
    return crime_table(figures, plan.crime_years)


def operational_results(plan):
    """The plan's operational results with their recoveries, in three queries."""
    return list(
        OperationalResult.objects.filter(plan=plan).prefetch_related("narcotics__substance", "illicit_arms__arm_type")
    )


def computed_figures(plan, table=None):
    """Every derived crime figure, keyed as `plans.PrintedFigure` keys them."""
    table = table or plan_crime_table(plan)
    computed = {f"crime:{row.head.name}:change": row.change for row in table.rows if row.change is not None}
    total = table.total
    for year, cases in zip(table.years, total.cases, strict=True):
        if cases is not None:
            computed[f"crime:total:{year}"] = cases
    if total.change is not None:
        computed["crime:total:change"] = total.change
    return computed


def crime_on_plan_list():
    """The plans list's crime: the plan's last crime year, the year before, and the change between them."""
    return {
        "crime_last": plan_rows_sum(CrimeFigure, "cases", year=OuterRef("crime_last_year")),
        "crime_previous": plan_rows_sum(CrimeFigure, "cases", year=OuterRef("crime_last_year") - 1),
        "crime_change": Case(
            When(crime_first_year__lt=F("crime_last_year"), then=F("crime_last") - F("crime_previous")),
            default=None,
            output_field=IntegerField(),
        ),
    }


def crime_for_overview(plans):
    """{plan pk: {"crime", "crime_previous"}}: cases under all heads in its last crime year and the year before."""
    plans = list(plans)
    rows = CrimeFigure.objects.filter(plan__in=plans).values("plan", "year").annotate(total=Sum("cases")).order_by()
    totals = {(row["plan"], row["year"]): row["total"] for row in rows}
    return {
        plan.pk: {
            "crime": totals.get((plan.pk, plan.crime_last_year)),
            "crime_previous": totals.get((plan.pk, plan.crime_last_year - 1)),
        }
        for plan in plans
    }


def to_enter_anew(plan):
    """What a plan carried forward must have entered for its new crime year (`plans.rollover.ToEnter`s)."""

    from plans.rollover import ToEnter

    items = []
    heads = CrimeHead.objects.filter(district_id=plan.district_id).count()
    entered = CrimeFigure.objects.filter(plan=plan, year=plan.crime_last_year).count()
    if entered < heads:
        items.append(
            ToEnter(
                _("Crime figures of %(year)s: %(missing)s of %(heads)s heads")
                % {"year": plan.crime_last_year, "missing": heads - entered, "heads": heads},
                _("Performance"),
            )
        )
    if not OperationalResult.objects.filter(plan=plan, year=plan.crime_last_year).exists():
        items.append(ToEnter(_("Operational results of %(year)s") % {"year": plan.crime_last_year}, _("Performance")))
    return items
