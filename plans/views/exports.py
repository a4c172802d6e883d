"""The plan's tables as CSV files, and its PDF as approved."""

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.utils.translation import gettext as _

from plans import exports
from plans.views.common import visible_plan


@login_required
def plan_csv(request, district, year, table):
    plan = visible_plan(request, district, year)
    rows = exports.plan_table(plan, table)
    if rows is None:
        raise Http404(_("The plan has no table %(table)s.") % {"table": table})
    return exports.csv_response(rows, f"{plan.district.slug}-{plan.fiscal_year}-{table}.csv")


@login_required
def approved_pdf(request, district, year):
    """The PDF as it was approved, through the user's scope (media files are not served to the public)."""
    plan = visible_plan(request, district, year)
    if not plan.approved_pdf:
        raise Http404(_("This plan has no approved PDF."))
    filename = f"{plan.district.slug}-{plan.fiscal_year}-approved.pdf"
    return FileResponse(plan.approved_pdf.open("rb"), as_attachment=True, filename=filename)
