from django.http import HttpResponse
from django.shortcuts import get_object_or_404

from plans.models import AnnualPlan, parse_fiscal_year


def plan_detail(request, district, year):
    plan = get_object_or_404(
        AnnualPlan.objects.visible_to(request.user), district__slug=district, year_start=parse_fiscal_year(year)
    )
    return HttpResponse(str(plan))
