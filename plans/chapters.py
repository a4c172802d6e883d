"""The chapters of the plan that the plans app holds: cover, message, district, budget, closing."""

from django.utils.translation import gettext_lazy as _

from plans.document import Part
from plans.figures import budget_total, police_population_ratio, tree
from plans.models import DistrictProfile, UnitKind
from plans.registry import SectionData


def cover(plan):
    return [Part("cover", _("Cover"), "chapters/cover.html", {"plan": plan}, in_contents=False)]


def message(plan):
    paragraphs = [text.strip() for text in plan.message.split("\n\n") if text.strip()]
    return [
        Part(
            "message",
            _("Message of the District Police Officer"),
            "chapters/message.html",
            {"plan": plan, "paragraphs": paragraphs},
        )
    ]


def responsibilities(plan):
    return [
        Part(
            "responsibilities",
            _("Main responsibilities"),
            "chapters/responsibilities.html",
            {"plan": plan, "values": list(plan.values.all()), "responsibilities": list(plan.responsibilities.all())},
        )
    ]


def district_detail(plan):
    units = list(plan.units.all())
    profile = DistrictProfile.objects.filter(plan=plan).first()
    return [
        Part(
            "district-detail",
            _("District detail"),
            "chapters/district_detail.html",
            {
                "plan": plan,
                "profile": profile,
                "organogram": tree(units),
                "police_station_count": sum(unit.kind == UnitKind.POLICE_STATION for unit in units),
            },
        )
    ]


def vital_statistics(plan):
    profile = DistrictProfile.objects.filter(plan=plan).first()
    present = SectionData(plan).get("present_police")  # from the strength section, when there is one
    return [
        Part(
            "vital-statistics",
            _("Vital statistics"),
            "chapters/vital_statistics.html",
            {
                "plan": plan,
                "profile": profile,
                "sects": list(plan.sect_shares.all()),
                "places_of_worship": list(plan.places_of_worship.all()),
                "police_population_ratio": police_population_ratio(profile.population, present) if profile else None,
            },
        )
    ]


def financial_resources(plan):
    allocations = list(plan.budget_allocations.select_related("head"))
    return [
        Part(
            "financial-resources",
            _("Financial resources likely to be available"),
            "chapters/financial_resources.html",
            {"plan": plan, "allocations": allocations, "total": budget_total(plan)},
        )
    ]


def closing(plan):
    return [Part("closing", _("Closing"), "chapters/closing.html", {"plan": plan}, in_contents=False)]
