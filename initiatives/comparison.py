"""The objectives, narrative sections and targets of two plans side by side, word by word (six queries).

Objectives are matched by their number, narrative sections by their kind and place among sections of that
kind (a title may name the year), targets by their serial number; the bullets under each are lined up
as lists (`plans.comparison.compare_text_lists`).
"""

from django.utils.translation import gettext as _

from initiatives.models import NarrativeSection, Objective, ObjectiveHeading, SectionPoint, StrategyPoint, Target
from plans.comparison import ComparedSection, ComparedText, compare_text_lists, compare_texts, pair_by, rows_of


def compare(earlier, later):
    return [compare_objectives(earlier, later), compare_narratives(earlier, later), compare_targets(earlier, later)]


def objective_lines(objectives, headings, points):
    """{objective pk: its lines of text as printed}: points directly under it, then each heading and its points."""
    lines = {
        objective.pk: [point.text for point in points if point.objective_id == objective.pk and not point.heading_id]
        for objective in objectives
    }
    for heading in headings:
        lines[heading.objective_id].append(f"{heading.letter}) {heading.title}")
        lines[heading.objective_id] += [point.text for point in points if point.heading_id == heading.pk]
    return lines


def compare_objectives(earlier, later):
    objectives = rows_of(Objective.objects.all(), "plan", earlier, later)
    headings = ObjectiveHeading.objects.filter(objective__plan__in=[earlier, later])
    points = list(StrategyPoint.objects.filter(objective__plan__in=[earlier, later]).order_by("position", "pk"))
    lines = objective_lines(objectives[0] + objectives[1], list(headings), points)
    texts = []
    for number, a, b in pair_by(*objectives, key=lambda objective: objective.number):
        texts.append(ComparedText(_("Objective %(number)s") % {"number": number}, a and a.title, b and b.title))
        texts += compare_text_lists(
            lines[a.pk] if a else [],
            lines[b.pk] if b else [],
            label=lambda point, number=number: (
                _("Objective %(number)s, point %(point)s") % {"number": number, "point": point}
            ),
        )
    return ComparedSection(
        "objectives", _("Objectives and strategies"), 90, texts=texts, empty=_("Neither plan has objectives.")
    )


def point_lines(sections, points):
    """{section pk: its points as lines of text}, a nested point after its parent."""
    children = {}
    for point in points:
        children.setdefault((point.section_id, point.parent_id), []).append(point)

    def walk(section_pk, parent_pk, depth):
        for point in children.get((section_pk, parent_pk), []):
            text = ": ".join(part for part in (point.title, point.text) if part)
            yield "– " * depth + text
            yield from walk(section_pk, point.pk, depth + 1)

    return {section.pk: list(walk(section.pk, None, 0)) for section in sections}


def kind_and_place(sections):
    """Each section keyed by its kind and its place among the plan's sections of that kind."""
    seen = {}
    keyed = []
    for section in sections:
        seen[section.kind] = seen.get(section.kind, 0) + 1
        keyed.append(((section.kind, seen[section.kind]), section))
    return keyed


def compare_narratives(earlier, later):
    sections = rows_of(NarrativeSection.objects.all(), "plan", earlier, later)
    points = SectionPoint.objects.filter(section__plan__in=[earlier, later]).order_by("position", "pk")
    lines = point_lines(sections[0] + sections[1], list(points))
    texts = []
    keyed = pair_by(*(kind_and_place(rows) for rows in sections), key=lambda item: item[0])
    for _key, a, b in keyed:
        a, b = a and a[1], b and b[1]
        title = (b or a).title
        texts += compare_texts(_("%(section)s: title") % {"section": title}, a and a.title, b and b.title)
        texts += compare_texts(_("%(section)s: introduction") % {"section": title}, a and a.intro, b and b.intro)
        texts += compare_text_lists(
            lines[a.pk] if a else [],
            lines[b.pk] if b else [],
            label=lambda point, title=title: _("%(section)s, point %(point)s") % {"section": title, "point": point},
        )
    return ComparedSection(
        "narratives",
        _("Community policing, crime control, I.T initiatives, pledge, commitments"),
        110,
        texts=texts,
        empty=_("Neither plan has these sections."),
    )


TARGET_FIELDS = ("category", "present_status", "expected_achievement", "mechanism")


def compare_targets(earlier, later):
    targets = rows_of(Target.objects.all(), "plan", earlier, later)
    texts = []
    for number, a, b in pair_by(*targets, key=lambda target: target.position):
        for name in TARGET_FIELDS:
            label = Target._meta.get_field(name).verbose_name
            texts += compare_texts(
                _("Target %(number)s: %(field)s") % {"number": number, "field": label},
                getattr(a, name) if a else None,
                getattr(b, name) if b else None,
            )
    return ComparedSection(
        "targets", _("Targets to be achieved and mechanism"), 120, texts=texts, empty=_("Neither plan has targets.")
    )
