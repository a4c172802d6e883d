"""The performance chapter: crime by head over the plan's years and the year's operational results."""

from django.utils.translation import gettext_lazy as _

from crime_stats.figures import operational_results, plan_crime_table
from plans.document import Part


def performance(plan):
    return [
        Part(
            "performance",
            _("Performance of the district"),
            "chapters/performance.html",
            {"plan": plan, "crime": plan_crime_table(plan), "results": operational_results(plan)},
        )
    ]
