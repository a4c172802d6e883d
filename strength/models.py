"""Present strength: sanctioned and present posts by rank, and the field organisation."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Sum
from django.db.models.functions import Greatest
from django.utils.translation import gettext_lazy as _

from plans.base import PlanPart, ReferenceItem, ScopedQuerySet, unique_per
from plans.models import AnnualPlan


class Cadre(models.TextChoices):
    """Which table of the plan a rank is counted in."""

    EXECUTIVE = "executive", _("Executive")
    LEGAL = "legal", _("Legal")
    MINISTERIAL = "ministerial", _("Ministerial")


class Rank(ReferenceItem):
    """A rank or post as the district's strength table heads its column (SSP, DSP/Legal, Junior Clerk)."""

    cadre = models.CharField(_("cadre"), max_length=12, choices=Cadre.choices, default=Cadre.EXECUTIVE)

    class Meta(ReferenceItem.Meta):
        verbose_name = _("rank")
        verbose_name_plural = _("ranks")
        constraints = [unique_per("district", "name", message=_("The district already has a rank of that name."))]


def shortage():
    """Posts sanctioned but not filled, as a query expression (never negative); `StrengthEntry.short` in Python."""
    return Greatest(F("sanctioned") - F("present"), 0)


def excess():
    """Posts filled beyond the sanctioned ones, as a query expression; `StrengthEntry.excess` in Python."""
    return Greatest(F("present") - F("sanctioned"), 0)


class StrengthQuerySet(ScopedQuerySet):
    def totals(self):
        """Sums of sanctioned, present, short and excess over the rows."""
        result = self.order_by().aggregate(
            total_sanctioned=Sum("sanctioned"),
            total_present=Sum("present"),
            total_short=Sum(shortage()),
            total_excess=Sum(excess()),
        )
        return {key.removeprefix("total_"): value or 0 for key, value in result.items()}


class StrengthEntry(PlanPart):
    """One column of the strength table: a rank's sanctioned and present posts."""

    plan = models.ForeignKey(AnnualPlan, on_delete=models.CASCADE, related_name="strength_entries")
    rank = models.ForeignKey(Rank, on_delete=models.PROTECT, related_name="entries")
    sanctioned = models.PositiveIntegerField(_("sanctioned"))
    present = models.PositiveIntegerField(_("present"))

    objects = StrengthQuerySet.as_manager()

    class Meta:
        ordering = ["plan", "rank__position", "pk"]
        verbose_name = _("strength by rank")
        verbose_name_plural = _("strength by rank")
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "rank"],
                name="strength_strengthentry_unique_rank",
                violation_error_message=_("This rank already has a strength entry in the plan."),
            )
        ]

    def __str__(self):
        return f"{self.rank}: {self.present}/{self.sanctioned}"

    @property
    def short(self):
        return max(self.sanctioned - self.present, 0)

    @property
    def excess(self):
        return max(self.present - self.sanctioned, 0)

    def clean(self):
        super().clean()
        if self.rank_id and self.plan_id and self.rank.district_id != self.plan.district_id:
            raise ValidationError({"rank": _("Choose a rank of the plan's own district.")})


class FieldOrganisation(PlanPart):
    """'Field Organizations': sub-divisions, police stations and police posts as the strength chapter counts them."""

    plan = models.OneToOneField(AnnualPlan, on_delete=models.CASCADE, related_name="field_organisation")
    sub_divisions = models.PositiveIntegerField(_("sub-divisions"))
    police_stations = models.PositiveIntegerField(_("police stations"))
    posts_sanctioned = models.PositiveIntegerField(_("sanctioned police posts"))
    posts_unsanctioned = models.PositiveIntegerField(_("unsanctioned police posts"))

    class Meta:
        verbose_name = _("field organisation")
        verbose_name_plural = _("field organisation")

    def __str__(self):
        return str(_("Field organisation of %(plan)s") % {"plan": self.plan})

    @property
    def posts_total(self):
        return self.posts_sanctioned + self.posts_unsanctioned
