"""The printed plan on the web: the PDF to download and the same document as HTML, for those who may see the plan."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404

from plans.models import AnnualPlan, parse_fiscal_year
from plans.pdf import pdf_response, render_plan_html


def wants_progress(request):
    """`?progress=1` asks for the quarterly progress against the targets in the targets table."""
    return request.GET.get("progress") == "1"


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
    return pdf_response(visible_plan(request, district, year), with_progress=wants_progress(request))


@login_required
def plan_preview(request, district, year):
    plan = visible_plan(request, district, year)
    return HttpResponse(render_plan_html(plan, request=request, with_progress=wants_progress(request)))
