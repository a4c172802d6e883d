"""The printed plan on the web: the PDF to download and the same document as HTML, for those who may see the plan."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404

from plans.models import AnnualPlan, parse_fiscal_year
from plans.pdf import pdf_response, render_plan_html


def visible_plan(request, district, year):
    """The plan of `district` for the fiscal year `year` when the user may see it; 404 otherwise."""
    try:
        year_start = parse_fiscal_year(year)
    except ValueError as error:
        raise Http404(str(error)) from error
    plans = AnnualPlan.objects.visible_to(request.user).select_related("district")
    return get_object_or_404(plans, district__slug=district, year_start=year_start)


@login_required
def plan_pdf(request, district, year):
    return pdf_response(visible_plan(request, district, year))


@login_required
def plan_preview(request, district, year):
    return HttpResponse(render_plan_html(visible_plan(request, district, year), request=request))
