"""The printed plan on the web: the PDF to download and the same document as HTML, for those who may see the plan."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse

from plans.pdf import pdf_response, render_plan_html
from plans.views import visible_plan


def wants_progress(request):
    """`?progress=1` (or true/yes) asks for the quarterly progress against the targets in the targets table."""
    return request.GET.get("progress", "").lower() in {"1", "true", "yes"}


@login_required
def plan_pdf(request, district, year):
    return pdf_response(visible_plan(request, district, year), with_progress=wants_progress(request))


@login_required
def plan_preview(request, district, year):
    plan = visible_plan(request, district, year)
    return HttpResponse(render_plan_html(plan, request=request, with_progress=wants_progress(request)))
