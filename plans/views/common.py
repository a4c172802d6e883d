"""What every portal view shares: the user's plan or district (404 outside their scope) and the 403 page."""

from django.http import Http404
from django.shortcuts import get_object_or_404, render

from plans.models import AnnualPlan, District, parse_fiscal_year


def visible_plan(request, district, year):
    """The user's plan of `district` for fiscal year `year` ("2023-2024"), or 404."""
    try:
        year_start = parse_fiscal_year(year)
    except ValueError as error:
        raise Http404(str(error)) from error
    return get_object_or_404(
        AnnualPlan.objects.visible_to(request.user).select_related("district__region"),
        district__slug=district,
        year_start=year_start,
    )


def visible_district(request, slug):
    return get_object_or_404(District.objects.visible_to(request.user).select_related("region"), slug=slug)


def forbidden(request, error, plan):
    """The portal's 403 page, saying why (the services' PermissionDenied messages are written for users)."""
    return render(request, "portal/403.html", {"reason": str(error), "plan": plan}, status=403)
