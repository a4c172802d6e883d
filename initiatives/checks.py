"""Checks of the text chapters: the numbering of the objectives and the targets table."""

import re

from django.db.models import Count
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from initiatives.models import NarrativeSection, Objective, ObjectiveHeading, SectionPoint, StrategyPoint, Target
from plans.consistency import (
    FISCAL_YEAR_IN_TEXT,
    Section,
    TextSource,
    missing_parts,
    previous_plan,
    text_findings,
)

OBJECTIVES = Section("objectives", gettext_lazy("District objectives of policing"))
TARGETS = Section("targets", gettext_lazy("Targets to be achieved and mechanism"))
NARRATIVES = "narratives"
YEAR_IN_TITLE = re.compile(r"\b(19|20)\d{2}\b")


def narrative_section(title):
    return Section(NARRATIVES, title)


def objective_cell(row, _name=""):
    """The text area of an objective's strategy in the chapter's editor (`initiatives.editors`)."""
    return f"objective-{row.objective_id}-text"


def section_cell(section_id):
    return f"section-{section_id}-text"


TEXT_SOURCES = [
    TextSource(Objective, ("title",), OBJECTIVES, cell="objectives"),
    TextSource(ObjectiveHeading, ("title",), OBJECTIVES, cell=objective_cell),
    TextSource(StrategyPoint, ("text",), OBJECTIVES, cell=objective_cell),
    TextSource(NarrativeSection, ("title", "intro"), lambda row: narrative_section(row.title), cell="sections"),
    TextSource(
        SectionPoint,
        ("title", "text"),
        lambda row: narrative_section(row.section.title),
        ("section",),
        cell=lambda row, _name: section_cell(row.section_id),
    ),
    TextSource(Target, ("category", "present_status", "expected_achievement", "mechanism"), TARGETS, cell="targets"),
]

ROMAN_DIGITS = {"i": 1, "v": 5, "x": 10, "l": 50}
ROMAN_NUMERALS = [(50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")]


def from_roman(label):
    label = label.lower()
    if not label or set(label) - ROMAN_DIGITS.keys():
        return None
    values = [ROMAN_DIGITS[char] for char in label]
    return sum(-value if value < after else value for value, after in zip(values, [*values[1:], 0], strict=True))


def to_roman(number):
    text = ""
    for value, numeral in ROMAN_NUMERALS:
        count, number = divmod(number, value)
        text += numeral * count
    return text


def from_letter(label):
    return ord(label.lower()) - ord("a") + 1 if len(label) == 1 and label.isalpha() else None


def to_letter(number):
    return chr(ord("a") + number - 1)


def numbering_slips(labels, parse, render):
    """(label, previous label, expected label) wherever a numbering skips or repeats.

    Nothing when a label is not in the scheme (the plan numbers its own way).
    """
    labels = [label.strip().rstrip(").").strip() for label in labels]
    values = [parse(label) for label in labels]
    if None in values:
        return
    previous, expected = None, 1
    for label, value in zip(labels, values, strict=True):
        if value != expected:
            yield label, previous, render(expected)
        previous, expected = label, value + 1


def check(plan):
    previous = previous_plan(plan)
    yield from missing_parts(plan, previous, [(Objective, OBJECTIVES, "objectives"), (Target, TARGETS, "targets")])
    yield from check_narratives_present(plan, previous)
    yield from check_numbering(plan)
    yield from text_findings(plan, TEXT_SOURCES)


def title_key(title):
    """A section's title without its years ("... for the Year 2023-2024" is next year's "... 2024-2025")."""
    title = YEAR_IN_TITLE.sub("", FISCAL_YEAR_IN_TEXT.sub("", title))
    return " ".join(title.split()).lower()


def check_narratives_present(plan, previous):
    """Each narrative section of the previous plan (by title) is in this plan, and says something."""
    if previous is None:
        return
    sections = NarrativeSection.objects.filter(plan__in=[plan, previous]).annotate(point_count=Count("points"))
    mine, theirs = {}, []
    for section in sections.order_by("position", "pk"):
        if section.plan_id == plan.pk:
            mine[title_key(section.title)] = section
        else:
            theirs.append(section)
    for earlier in theirs:
        section = mine.get(title_key(earlier.title))
        values = {"year": previous.fiscal_year}
        if section is None:
            yield narrative_section(earlier.title).error(
                _("Missing: the %(year)s plan has this section") % values, "sections"
            )
        elif not section.intro.strip() and not section.point_count:
            yield narrative_section(section.title).error(
                _("Empty: no introduction and no points") % values, section_cell(section.pk)
            )


def check_numbering(plan):
    objectives = list(Objective.objects.filter(plan=plan).order_by("position", "pk"))
    for label, previous, expected in numbering_slips([item.number for item in objectives], from_roman, to_roman):
        values = {"label": label, "previous": previous, "expected": expected}
        if previous is None:
            message = _("The first objective is numbered %(label)s, where %(expected)s was expected") % values
        else:
            message = _("Objective %(label)s follows %(previous)s, where %(expected)s was expected") % values
        yield OBJECTIVES.warning(message, "objectives")
    headings = {}
    for heading in ObjectiveHeading.objects.filter(objective__plan=plan).order_by("position", "pk"):
        headings.setdefault(heading.objective_id, []).append(heading.letter)
    for objective in objectives:
        for label, previous, expected in numbering_slips(headings.get(objective.pk, []), from_letter, to_letter):
            values = {"objective": objective.number, "label": label, "previous": previous, "expected": expected}
            if previous is None:
                message = _(
                    "Objective %(objective)s: the first heading is %(label)s), where %(expected)s) was expected"
                )
            else:
                message = _(
                    "Objective %(objective)s: heading %(label)s) follows %(previous)s), "
                    "where %(expected)s) was expected"
                )
            yield OBJECTIVES.warning(message % values, f"objective-{objective.pk}-text")
    for target in Target.objects.filter(plan=plan).order_by("position", "pk"):
        if not target.category.strip():
            yield TARGETS.error(_("Target %(number)s has no category") % {"number": target.position}, "targets")
