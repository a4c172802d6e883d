"""The editors of the text chapters (objectives, narrative sections, targets), named as
`plans.registry.Chapter.editors` in `initiatives/sections.py`.

Each objective's headings and strategy points are one text area, each narrative section's points another
(`plans.editors.text`); the targets table is a formset (`plans.editors.forms`).
"""

import re

from django.db.models import Count
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from initiatives.models import NarrativeSection, Objective, ObjectiveHeading, SectionPoint, StrategyPoint, Target
from plans.editors.forms import FormsetEditor
from plans.editors.text import Line, ListEditor, PointsEditor
from plans.editors.writes import delete_rows

# A lettered heading of an objective, as printed: "a) Child Abuse." (up to three letters: "aa)").
HEADING = re.compile(r"^(?P<letter>[A-Za-z]{1,3})\)\s+(?P<title>.+)$")


class ObjectivePointsEditor(PointsEditor):
    """An objective's strategy: points directly under it first, then lettered headings with their points.

    Ensure security of foreign nationals.
    a) Child Abuse.
      Establishment of child pro-cell.
    """

    max_depth = 2
    rules = gettext_lazy(
        "A line like “a) Title” is a lettered heading; indent the points under it. Points directly under the "
        "objective come before its first heading."
    )

    def __init__(self, plan, data=None, *, objective):
        self.objective = objective
        super().__init__(
            plan,
            data,
            prefix=f"objective-{objective.pk}",
            title=f"{objective.number}. {objective.title}",
            label=_("Strategy of objective %(number)s") % {"number": objective.number},
        )

    def existing(self):
        return StrategyPoint.objects.filter(objective=self.objective)

    def headings(self):
        return ObjectiveHeading.objects.filter(objective=self.objective)

    def current_lines(self):
        headings = {heading.pk: Line(0, 0, f"{heading.letter}) {heading.title}") for heading in self.headings()}
        direct = []
        for point in self.existing().order_by("position", "pk"):
            line = Line(0, 1, " ".join(point.text.split()))
            (headings[point.heading_id].children if point.heading_id in headings else direct).append(line)
        return [*direct, *headings.values()]

    def build(self, roots):
        built, position, heading_position, seen_heading = [], 0, 0, False
        for line in roots:
            match = HEADING.match(line.text)
            if match is None:
                if seen_heading:
                    self.refuse(
                        line,
                        _(
                            "a point directly under the objective comes before the first heading: indent it to put "
                            "it under the heading above, or move it up"
                        ),
                    )
                if line.children:
                    self.refuse(line, _("only a lettered heading (like “a) Title”) has points indented under it"))
                position += 1
                built.append(
                    (line, StrategyPoint(objective=self.objective, text=line.text, position=position), "", None)
                )
                continue
            seen_heading, heading_position = True, heading_position + 1
            heading = ObjectiveHeading(
                objective=self.objective,
                letter=match["letter"],
                title=match["title"].strip(),
                position=heading_position,
            )
            built.append((line, heading, "", None))
            for child in line.children:
                position += 1
                point = StrategyPoint(objective=self.objective, text=child.text, position=position)
                built.append((child, point, "heading", heading))
        return built

    unchecked_fields = ("heading", "objective")

    def delete_existing(self):
        super().delete_existing()  # the points, then their headings
        headings = list(self.headings())
        if headings:
            delete_rows(ObjectiveHeading, headings)

    def is_complete(self):
        """Whether the objective has a strategy (`point_count` when the objectives were read with it)."""
        count = getattr(self.objective, "point_count", None)
        return bool(count) if count is not None else self.existing().exists()


class SectionPointsEditor(ListEditor):
    """A narrative section's points: nested as deep as the document nests them, with optional bold titles."""

    model = SectionPoint
    owner_field = "section"
    tree_field = "parent"
    title_field = "title"
    max_depth = 4

    def __init__(self, plan, data=None, *, section):
        super().__init__(
            plan,
            data,
            owner=section,
            prefix=f"section-{section.pk}",
            title=section.title,
            label=_("Points of “%(section)s”") % {"section": section.title},
        )

    def existing(self):
        return SectionPoint.objects.filter(section=self.owner)

    def is_complete(self):
        count = getattr(self.owner, "point_count", None)
        return bool(count) if count is not None else self.existing().exists()


class ObjectivesEditor(FormsetEditor):
    """The objectives themselves: number, title and order; a new one gets its strategy's text area once saved."""

    model = Objective
    prefix = "objectives"
    title = gettext_lazy("Objectives: add, renumber, retitle or remove")
    fields = ("position", "number", "title")
    row_title = gettext_lazy("objective")


class NarrativeSectionsEditor(FormsetEditor):
    """The narrative sections themselves: kind, title, introduction and order."""

    model = NarrativeSection
    prefix = "sections"
    title = gettext_lazy("Sections: add, retitle, introduce or remove")
    fields = ("position", "kind", "title", "intro")
    row_title = gettext_lazy("section")


class TargetsEditor(FormsetEditor):
    model = Target
    prefix = "targets"
    title = gettext_lazy("Targets to be achieved and mechanism")
    fields = ("position", "category", "present_status", "expected_achievement", "mechanism")
    row_title = gettext_lazy("target")


def objectives(plan, data=None):
    """Each objective's strategy, then the list of objectives (saved last: a removed objective takes its points)."""
    # A query with an aggregate drops the model's ordering (Django leaves it out of GROUP BY): order explicitly.
    objectives = plan.objectives.annotate(point_count=Count("points")).order_by("position", "pk")
    return [
        *(ObjectivePointsEditor(plan, data, objective=objective) for objective in objectives),
        ObjectivesEditor(plan, data),
    ]


def narratives(plan, data=None):
    """Each section's points, then the list of sections (saved last: a removed section takes its points)."""
    sections = (
        NarrativeSection.objects.filter(plan=plan).annotate(point_count=Count("points")).order_by("position", "pk")
    )
    return [
        *(SectionPointsEditor(plan, data, section=section) for section in sections),
        NarrativeSectionsEditor(plan, data),
    ]


def targets(plan, data=None):
    return [TargetsEditor(plan, data)]
