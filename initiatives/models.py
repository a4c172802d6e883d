"""The plan's text: objectives and strategies, narrative sections, and targets with quarterly progress."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from plans.base import PlanPart, ScopedQuerySet, Versioned, lock_plan, unique_per
from plans.models import AnnualPlan


class Objective(PlanPart):
    """A numbered district objective of policing (i. Protect life, property and liberty of citizen)."""

    plan = models.ForeignKey(AnnualPlan, on_delete=models.CASCADE, related_name="objectives")
    number = models.CharField(_("number"), max_length=10, help_text=_("As printed: i, ii, iii ..."))
    title = models.CharField(_("title"), max_length=300)
    position = models.PositiveIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["plan", "position", "pk"]
        verbose_name = _("objective")
        verbose_name_plural = _("objectives")

    def __str__(self):
        return f"{self.number}. {self.title}"


class ObjectiveHeading(PlanPart):
    """A lettered sub-heading of an objective (a) Child Abuse)."""

    objective = models.ForeignKey(Objective, on_delete=models.CASCADE, related_name="headings")
    letter = models.CharField(_("letter"), max_length=10, help_text=_("As printed: a, b, c ..."))
    title = models.CharField(_("title"), max_length=300)
    position = models.PositiveIntegerField(_("position"), default=0)

    plan_path = "objective__plan"

    class Meta:
        ordering = ["objective", "position", "pk"]
        verbose_name = _("objective heading")
        verbose_name_plural = _("objective headings")

    def __str__(self):
        return f"{self.letter}) {self.title}"


class StrategyPoint(PlanPart):
    """A bullet under an objective, or under one of its lettered headings."""

    objective = models.ForeignKey(Objective, on_delete=models.CASCADE, related_name="points")
    heading = models.ForeignKey(
        ObjectiveHeading, on_delete=models.CASCADE, null=True, blank=True, related_name="points"
    )
    text = models.TextField(_("text"))
    position = models.PositiveIntegerField(_("position"), default=0)

    plan_path = "objective__plan"

    class Meta:
        ordering = ["objective", "heading__position", "position", "pk"]
        verbose_name = _("strategy point")
        verbose_name_plural = _("strategy points")

    def __str__(self):
        return self.text[:80]

    def clean(self):
        super().clean()
        if self.heading_id and self.objective_id and self.heading.objective_id != self.objective_id:
            raise ValidationError({"heading": _("The heading must belong to the same objective.")})


class SectionKind(models.TextChoices):
    """Where a narrative section stands in the printed plan."""

    COMMUNITY_POLICING = "community_policing", _("Community policing")
    CRIME_CONTROL = "crime_control", _("Strategy to control crime")
    IT_INITIATIVES = "it_initiatives", _("I.T initiatives")
    PLEDGE = "pledge", _("Policing pledge")
    COMMITMENTS = "commitments", _("Commitments for the year")
    OTHER = "other", _("Other section")


class NarrativeSection(PlanPart):
    """A section of text and bullets: community policing, IT initiatives, the pledge, commitments ..."""

    plan = models.ForeignKey(AnnualPlan, on_delete=models.CASCADE, related_name="narrative_sections")
    kind = models.CharField(_("kind"), max_length=20, choices=SectionKind.choices)
    title = models.CharField(_("title"), max_length=200)
    intro = models.TextField(_("introduction"), blank=True)
    position = models.PositiveIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["plan", "position", "pk"]
        verbose_name = _("narrative section")
        verbose_name_plural = _("narrative sections")
        constraints = [unique_per("plan", "title", message=_("The plan already has a section with this title."))]

    def __str__(self):
        return self.title


class SectionPoint(PlanPart):
    """A bullet of a narrative section, with an optional bold title; points nest under points."""

    section = models.ForeignKey(NarrativeSection, on_delete=models.CASCADE, related_name="points")
    parent = models.ForeignKey("self", on_delete=models.CASCADE, null=True, blank=True, related_name="children")
    title = models.CharField(_("title"), max_length=300, blank=True)
    text = models.TextField(_("text"), blank=True)
    position = models.PositiveIntegerField(_("position"), default=0)

    plan_path = "section__plan"

    class Meta:
        ordering = ["section", "position", "pk"]
        verbose_name = _("section point")
        verbose_name_plural = _("section points")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(title="", text=""),
                name="initiatives_sectionpoint_not_empty",
                violation_error_message=_("A point needs a title or a text."),
            )
        ]

    def __str__(self):
        return (self.title or self.text)[:80]

    def clean(self):
        super().clean()
        if not self.title and not self.text:
            raise ValidationError({"text": _("A point needs a title or a text.")})
        if self.parent_id and self.section_id and self.parent.section_id != self.section_id:
            raise ValidationError({"parent": _("The parent point must belong to the same section.")})


class Target(PlanPart):
    """A row of 'Targets to be achieved and Mechanism'."""

    plan = models.ForeignKey(AnnualPlan, on_delete=models.CASCADE, related_name="targets")
    position = models.PositiveIntegerField(_("Sr. No."), default=0)
    category = models.CharField(_("category of target"), max_length=300)
    present_status = models.TextField(_("present status"), blank=True)
    expected_achievement = models.TextField(_("expected achievement"), blank=True)
    mechanism = models.TextField(_("mechanism"), blank=True)

    class Meta:
        ordering = ["plan", "position", "pk"]
        verbose_name = _("target")
        verbose_name_plural = _("targets")

    def __str__(self):
        return self.category


class ProgressStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    ON_TRACK = "on_track", _("On track")
    AT_RISK = "at_risk", _("At risk")
    ACHIEVED = "achieved", _("Achieved")
    MISSED = "missed", _("Missed")


class TargetProgress(Versioned):
    """Progress against a target in one quarter of the plan year (Police Order 2002, Article 44).

    Quarterly reviews happen after approval, so progress is recorded on locked plans too: there, only
    the reviewers who evaluate the plan record it (`plans.workflow.may_record_progress`). A write takes
    the plan's lock like every write to the plan.
    """

    target = models.ForeignKey(Target, on_delete=models.CASCADE, related_name="progress")
    quarter = models.PositiveSmallIntegerField(_("quarter"), validators=[MinValueValidator(1), MaxValueValidator(4)])
    status = models.CharField(_("status"), max_length=12, choices=ProgressStatus.choices)
    note = models.TextField(_("progress"), blank=True)
    modified = models.DateTimeField(_("modified"), auto_now=True)

    history = HistoricalRecords()
    objects = ScopedQuerySet.as_manager()
    district_path = "target__plan__district"
    plan_path = "target__plan"

    class Meta:
        ordering = ["target", "quarter"]
        verbose_name = _("quarterly progress")
        verbose_name_plural = _("quarterly progress")
        constraints = [
            unique_per("target", "quarter", message=_("This target already has progress for that quarter.")),
            models.CheckConstraint(
                condition=models.Q(quarter__gte=1, quarter__lte=4),
                name="initiatives_targetprogress_quarter_range",
                violation_error_message=_("The quarter is 1, 2, 3 or 4."),
            ),
        ]

    def __str__(self):
        return f"{self.target} Q{self.quarter}: {self.get_status_display()}"

    def lock_for_write(self):
        if self.target_id is not None:
            lock_plan(self.target.plan_id)
        return super().lock_for_write()
