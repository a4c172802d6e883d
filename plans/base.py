"""Abstract models every section app builds on.

Two kinds of rows make up a plan: rows of a district's *reference lists* (ranks, vehicle types, crime
heads ...), which carry an order so each district can have its own, and rows that *belong to one annual
plan* (a strength figure, a stock line, a target ...). Both know the path to their district, so one
queryset method scopes any of them to what a user may see, and plan rows refuse writes while their plan
is locked by the workflow.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class PlanLocked(ValidationError):
    """A write to a plan that has been submitted or approved."""


def locked_message(plan):
    """Why a submitted or approved plan refuses a change, and what would allow it."""
    if plan.status == "approved":
        return _("%(plan)s is approved and locked for good: start next year's plan to make changes.") % {"plan": plan}
    return _("%(plan)s is %(status)s and locked: it must be returned to draft before it can change.") % {
        "plan": plan,
        "status": plan.get_status_display().lower(),
    }


class ScopedQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Only the rows of districts the user may see (all of them for a superuser)."""
        from plans.scope import visible_district_ids

        district_ids = visible_district_ids(user)
        if district_ids is None:
            return self
        if below := getattr(self.model, "districts_below", None):  # a region or province: one of its districts
            return self.filter(pk__in=self.model._base_manager.filter(**{f"{below}__in": district_ids}).values("pk"))
        return self.filter(**{f"{district_path(self.model)}__in": district_ids})


def district_path(model):
    """The lookup from a row of `model` to its district (to its districts, for a region or province)."""
    return (
        getattr(model, "district_path", None)
        or getattr(model, "districts_below", None)
        or f"{model.plan_path}__district"
    )


class ReferenceItem(models.Model):
    """One entry of a district's reference list, shown in the plan in `position` order."""

    district = models.ForeignKey("plans.District", on_delete=models.CASCADE, verbose_name=_("district"))
    name = models.CharField(_("name"), max_length=200)
    position = models.PositiveIntegerField(_("position"), default=0, help_text=_("Order in the plan."))

    history = HistoricalRecords(inherit=True)
    objects = ScopedQuerySet.as_manager()
    district_path = "district"

    class Meta:
        abstract = True
        ordering = ["district", "position", "name"]

    def __str__(self):
        return self.name


class PlanPart(models.Model):
    """A row that belongs to one annual plan; `plan_path` is the lookup from the row to its plan."""

    history = HistoricalRecords(inherit=True)
    objects = ScopedQuerySet.as_manager()
    plan_path = "plan"

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.check_plan_unlocked()
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        self.check_plan_unlocked()
        return super().delete(*args, **kwargs)

    def get_plan(self):
        target = self
        for attribute in self.plan_path.split("__"):
            target = getattr(target, attribute, None)
            if target is None:
                return None
        return target

    def check_plan_unlocked(self):
        plan = self.get_plan()
        if plan is not None and plan.is_locked:
            raise PlanLocked(locked_message(plan), code="locked")

    def clean(self):
        super().clean()
        self.check_plan_unlocked()
