"""The text chapters: objectives with their strategies, narrative sections, targets."""

from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _

from initiatives.figures import TargetRow, target_progress_table
from initiatives.models import ObjectiveHeading, SectionPoint, StrategyPoint
from plans.document import Part, takes_options
from plans.figures import tree
from plans.overview import quarter_labels


def objectives(plan):
    """Objectives with their headings and points; points directly under an objective come first.

    The last heading with no points of its own ("g) Performance of District Kasur.") is where a chapter
    declared `printed_within` the objectives is printed (`nest_at`), as the Article-32 document does.
    """
    objectives = list(
        plan.objectives.prefetch_related(
            Prefetch("headings", queryset=ObjectiveHeading.objects.prefetch_related("points")),
            Prefetch("points", queryset=StrategyPoint.objects.filter(heading__isnull=True), to_attr="direct_points"),
        )
    )
    empty = [heading for objective in objectives for heading in objective.headings.all() if not heading.points.all()]
    return [
        Part(
            "objectives",
            _("District objectives of policing"),
            "chapters/objectives.html",
            {"plan": plan, "objectives": objectives, "nest_at": empty[-1] if empty else None},
        )
    ]


def narratives(plan):
    """One part per narrative section (community policing, IT initiatives, pledge ...), in the plan's order.

    A plan without sections still gets one part, which says so.
    """
    sections = list(
        plan.narrative_sections.prefetch_related(Prefetch("points", queryset=SectionPoint.objects.order_by("position")))
    )
    return [
        Part(
            f"section-{section.pk}",
            section.title,
            "chapters/narrative.html",
            {"plan": plan, "section": section, "points": tree(section.points.all())},
        )
        for section in sections
    ] or [Part("narratives", _("Narrative sections"), "chapters/narrative.html", {"plan": plan, "section": None})]


@takes_options
def targets(plan, options=None):
    """The targets table; asked for, a column per quarter with its progress (one query more, whatever the count)."""
    if options and options.with_progress:
        rows, labels = target_progress_table(plan), quarter_labels(plan)
    else:
        rows, labels = [TargetRow(target=target, quarters=[]) for target in plan.targets.all()], []
    return [
        Part(
            "targets",
            _("Targets to be achieved and mechanism"),
            "chapters/targets.html",
            {"plan": plan, "rows": rows, "quarter_labels": labels},
        )
    ]
