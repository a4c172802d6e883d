from django.db import models

from plans.base import PlanPart


class Patrol(PlanPart):
    """A row of a section that only the tests have: a patrol route and the officers on it."""

    plan = models.ForeignKey("plans.AnnualPlan", on_delete=models.CASCADE, related_name="patrols")
    route = models.CharField("route", max_length=100)
    officers = models.PositiveIntegerField("officers", default=0)

    class Meta:
        ordering = ["pk"]

    def __str__(self):
        return self.route
