"""The portal's part of the crime statistics app: one district's crime over any span of years."""

from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from crime_stats.figures import crime_table, latest_figures
from crime_stats.forms import CrimeSpanForm
from crime_stats.models import CrimeFigure
from plans.charts import crime_trend_svg
from plans.models import AnnualPlan
from plans.views.common import visible_district


@dataclass
class SpanRow:
    """A crime head over the chosen years, with its change from the first year of the span to the last."""

    row: object

    @property
    def span_change(self):
        if self.row.cases[0] is None or self.row.cases[-1] is None or len(self.row.cases) < 2:
            return None
        return self.row.cases[-1] - self.row.cases[0]

    @property
    def span_percent(self):
        change = self.span_change
        if change is None or not self.row.cases[0]:
            return None
        return (Decimal(100 * change) / self.row.cases[0]).quantize(Decimal("0.1"))


@login_required
def compare_crime(request, district):
    """One district's crime heads over any span of years, put together from all its plans.

    Two plans often report the same calendar year (a plan shows three years); the later plan wins, as
    it carries the figures as they stood later.
    """
    district = visible_district(request, district)
    plans = AnnualPlan.objects.visible_to(request.user).filter(district=district)
    figures = list(
        CrimeFigure.objects.filter(plan__in=plans)
        .select_related("head", "plan__district")
        .order_by("plan__year_start", "pk")
    )
    sources = {figure.year: figure.plan for figure in figures}
    years = sorted(sources)
    context = {"district": district, "years": years}
    if years:
        form = CrimeSpanForm(request.GET or None, years=years, initial={"first": years[0], "last": years[-1]})
        first, last = years[0], years[-1]
        if form.is_bound and form.is_valid():
            first, last = form.cleaned_data["first"], form.cleaned_data["last"]
        span = list(range(first, last + 1))
        table = crime_table(latest_figures(figures), span)
        context.update(
            form=form,
            table=table,
            rows=[SpanRow(row) for row in table.rows],
            total=SpanRow(table.total),
            chart=crime_trend_svg(table),
            sources=[(year, sources.get(year)) for year in span],
        )
    return render(request, "portal/compare_crime.html", context)
