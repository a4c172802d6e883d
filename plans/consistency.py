"""The plan's consistency check: every place where entered figures disagree with each other or with what they imply.

Each section app may have a `checks.py` with

- `check(plan) -> Iterable[Finding]`: its own rules (a stock line that does not add up, two chapters that
  count the same thing differently ...), findings in the order of the document;
- `checked_figures`: the `PrintedFigure` keys its `check` compares itself (not compared exactly here);
- `explained_figures(plan) -> dict[key, Derived]` when the app derives figures the document prints: the
  value its `figures.computed_figures` gives for each `PrintedFigure` key, with the figure's name in
  words and how the value comes about, so a mismatch can be told to a clerk.

Each app names them in its `sections.py` (`plans.registry.Section.check`, `.checked_figures`,
`.explained_figures`, and `.text_sources`, the text the check reads for old years and placeholders), and
findings are sorted by the chapter they belong to (a chapter's slug, in the registry's document order).
A finding may name the `cell` that carries it: the HTML id of the input in the chapter's editor in the portal
(`<editor prefix>-<row key>-<column key>` in a grid, `<prefix>-<field>` in a form, `<prefix>-text` for a list
of points), so the plan's pages link each finding to where it is corrected (`finding_url`).
The number of queries does not grow with the plan: every app reads its tables in a fixed number of queries.
"""

import re
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count
from django.urls import reverse
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from plans import registry
from plans.models import PrintedFigure

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True)
class Finding:
    """One inconsistency: how bad it is, the chapter as the document calls it, and a one-line message."""

    severity: str
    section: str
    message: str
    chapter: str = field(default="", compare=False, repr=False)  # a chapter's slug: the document order
    cell: str = field(default="", compare=False, repr=False)  # the id of the input that carries it, if known

    @property
    def is_error(self):
        return self.severity == ERROR


@dataclass(frozen=True)
class Section:
    """Where findings are reported: a title as the document has it, in one of the plan's chapters."""

    chapter: str
    title: str

    def error(self, message, cell=""):
        return Finding(ERROR, str(self.title), str(message), self.chapter, cell)

    def warning(self, message, cell=""):
        return Finding(WARNING, str(self.title), str(message), self.chapter, cell)


@dataclass(frozen=True)
class Derived:
    """A derived figure the document may print: its value, its name in words and how it was computed.

    `how` completes "<label> is printed as <printed>, but ...", e.g. "647 + 120 = 767".
    """

    section: Section
    label: str
    value: int | Decimal
    how: str
    signed: bool = False  # a change, shown with its sign
    cell: str = ""  # the input in the chapter's editor the figure comes from (see `Finding.cell`)


PRINTED_FIGURES = Section("", gettext_lazy("Figures as printed"))


def number(value, signed=False):
    """A figure as the document writes it: no thousands separators, no trailing decimal zeros."""
    value = Decimal(value)
    text = str(int(value)) if value == value.to_integral_value() else format(value.normalize(), "f")
    return f"+{text}" if signed and value > 0 else text


def added_up(things, values):
    """'the <things> add up to N (a + b + c)', the sum spelled out when it is short enough to read."""
    values = [value for value in values if value]
    text = _("the %(things)s add up to %(total)s") % {"things": things, "total": number(sum(values))}
    if 2 <= len(values) <= 8:
        text += " (" + " + ".join(number(value) for value in values) + ")"
    return text


def finding_url(plan, finding):
    """Where a finding is corrected: its chapter's editor in the portal, at the cell that carries it when known
    (an empty string for a chapter edited elsewhere)."""
    chapter = registry.chapter(finding.chapter)
    if chapter is None or chapter.editors is None:
        return ""
    url = reverse("plans:plan-edit", args=[plan.district.slug, plan.fiscal_year, chapter.slug])
    return f"{url}#{finding.cell}" if finding.cell else url


def chapter_order(finding):
    order = [chapter.slug for chapter in registry.chapters()]
    return order.index(finding.chapter) if finding.chapter in order else len(order)


def run_checks(plan):
    """Every finding on the plan, in document order."""
    sections = registry.sections()
    findings = [finding for section in sections if section.check for finding in section.check(plan)]
    explained, checked = {}, set()
    for section in sections:
        if section.explained_figures:
            explained |= section.explained_figures(plan)
        checked |= section.checked_figures
    findings += printed_figure_findings(plan, explained, checked)
    return sorted(findings, key=chapter_order)


def printed_figure_findings(plan, explained, checked=frozenset()):
    """Each figure the document prints compared with the computed one; a key nothing computes is unverifiable.

    `checked` are keys an app's own check compares (with a tolerance, say), left alone here.
    """
    printed = dict(PrintedFigure.objects.filter(plan=plan).exclude(key__in=checked).values_list("key", "value"))
    for key, derived in explained.items():
        if key in printed and printed[key] != Decimal(derived.value):
            yield derived.section.error(
                _("%(figure)s is printed as %(printed)s, but %(how)s")
                % {"figure": derived.label, "printed": number(printed[key], derived.signed), "how": derived.how},
                derived.cell,
            )
    for key in sorted(printed.keys() - explained.keys()):
        yield nearest_section(key, explained).warning(
            _("“%(key)s” is printed as %(printed)s, but nothing in the plan computes it: cannot verify")
            % {"key": key, "printed": number(printed[key])}
        )


def nearest_section(key, explained):
    """The section of the computed figure whose key shares the most leading parts with `key`."""
    parts = key.split(":")
    best, best_shared = PRINTED_FIGURES, 0
    for other, derived in explained.items():
        shared = 0
        for mine, theirs in zip(parts, other.split(":"), strict=False):
            if mine != theirs:
                break
            shared += 1
        if shared > best_shared:
            best, best_shared = derived.section, shared
    return best


# --- completeness: what a plan must hold before it goes up ------------------------------------------------

# A fiscal year written in text: 2023-2024, 2023-24, 2023/24, 2023 – 2024.
FISCAL_YEAR_IN_TEXT = re.compile(r"(?<!\d)((?:19|20)\d{2})\s*[-–/]\s*((?:19|20)?\d{2})(?!\d)")
# A date written in text: 24.07.2023, 24/07/2023, 24-07-2023.
DATE_IN_TEXT = re.compile(r"(?<!\d)(\d{1,2})([./-])(\d{1,2})\2((?:19|20)\d{2})(?!\d)")
# Text that stands in for text still to be written: a whole field of "etc." or an ellipsis, or a marker word.
PLACEHOLDER_FIELD = re.compile(r"(etc\.?|\.{3,}|…|tbd|xxx+)", re.IGNORECASE)
PLACEHOLDER_WORD = re.compile(r"\b(tbd|todo|tba|lorem|xxx+)\b|(\.{3,}|…)\s*$", re.IGNORECASE)
EXCERPT_LENGTH = 60


@dataclass(frozen=True)
class TextSource:
    """Text fields of one plan-row model and where the document shows them, for the checks on text.

    `section` is a Section, or a function of the row that returns one (a narrative section's points are
    reported under the section's own title); `related` is what that function reads through. `cell` is the id
    of the input that edits the field (`Finding.cell`), or a function of the row and the field's name giving it.
    """

    model: type
    fields: tuple
    section: object
    related: tuple = ()
    cell: object = ""

    def section_of(self, row):
        return self.section(row) if callable(self.section) else self.section

    def cell_of(self, row, name):
        return self.cell(row, name) if callable(self.cell) else self.cell


@dataclass(frozen=True)
class TextPlace:
    """One text field of one row: enough to report it and to change it."""

    section: Section
    row: object
    field: str
    text: str
    cell: str = ""

    @property
    def key(self):
        return f"{self.row._meta.label_lower}:{self.row.pk}:{self.field}"

    @property
    def label(self):
        """The row as a reader finds it: its kind and the start of its text."""
        opts = self.row._meta
        words = " ".join(str(self.row).split())
        if len(words) > EXCERPT_LENGTH:
            words = words[: EXCERPT_LENGTH - 1].rstrip() + "…"
        field_name = opts.get_field(self.field).verbose_name
        if self.row.__class__.__name__ == "AnnualPlan":
            return str(field_name)
        kind = capfirst(opts.verbose_name)
        return f"{kind} “{words}”, {field_name}" if words else f"{kind}, {field_name}"


def text_places(plan, sources):
    """Every non-empty text field the sources name, in the plans' order, one query per model."""
    for source in sources:
        if source.model._meta.label == "plans.AnnualPlan":
            rows = [plan]
        else:
            lookup = source.model.plan_path
            rows = source.model.objects.filter(**{lookup: plan}).select_related(*source.related)
        for row in rows:
            for name in source.fields:
                text = getattr(row, name) or ""
                if text.strip():
                    yield TextPlace(source.section_of(row), row, name, text, source.cell_of(row, name))


def excerpt(text, start, end):
    """The words around text[start:end], for a message."""
    before = text[max(0, start - 25) : start]
    if start > 25:  # whole words only, marked as cut
        before = "…" + before.split(" ", 1)[-1] if " " in before else "…"
    after = text[end : end + 25]
    if end + 25 < len(text):
        after = (after.rsplit(" ", 1)[0] if " " in after else "") + "…"
    return " ".join((before + text[start:end] + after).split())


def earlier_year_mentions(plan, text):
    """(matched text, excerpt) of each fiscal year before the plan's and each date before its year starts."""
    starts = (plan.year_start, 7, 1)
    for match in FISCAL_YEAR_IN_TEXT.finditer(text):
        first, second = int(match[1]), match[2]
        if int(second[-2:]) != (first + 1) % 100 or (len(second) == 4 and int(second) != first + 1):
            continue  # a span of years ("2020-2022"), not a fiscal year
        if first < plan.year_start:
            yield match[0], excerpt(text, match.start(), match.end())
    for match in DATE_IN_TEXT.finditer(text):
        day, month, year = int(match[1]), int(match[3]), int(match[4])
        if 1 <= day <= 31 and 1 <= month <= 12 and (year, month, day) < starts:
            yield match[0], excerpt(text, match.start(), match.end())


def is_placeholder(text):
    return bool(PLACEHOLDER_FIELD.fullmatch(text.strip()) or PLACEHOLDER_WORD.search(text))


def text_findings(plan, sources):
    """Warnings on text: an earlier fiscal year or a date before the plan's year, and placeholder text."""
    for place in text_places(plan, sources):
        for mention, words in earlier_year_mentions(plan, place.text):
            yield place.section.warning(
                _("%(place)s mentions %(mention)s, before the plan's year %(year)s: “%(words)s”")
                % {"place": place.label, "mention": mention, "year": plan.fiscal_year, "words": words},
                place.cell,
            )
        if is_placeholder(place.text):
            yield place.section.warning(
                _("%(place)s looks like a placeholder still to be written: “%(words)s”")
                % {"place": place.label, "words": " ".join(place.text.split())[:EXCERPT_LENGTH]},
                place.cell,
            )


def previous_plan(plan):
    """The district's latest plan before this one, or None; looked up once per plan instance (each app asks)."""
    if "_previous_plan" not in plan.__dict__:
        plan._previous_plan = (
            type(plan)
            .objects.filter(district_id=plan.district_id, year_start__lt=plan.year_start)
            .order_by("-year_start")
            .first()
        )
    return plan._previous_plan


def missing_parts(plan, previous, parts):
    """An error for each (model, section[, cell]) the previous plan has rows of and this plan has none.

    Both plans are counted in one query per model.
    """
    if previous is None:
        return
    for model, section, *cell in parts:
        lookup = model.plan_path
        counts = dict(
            model.objects.filter(**{f"{lookup}__in": [plan.pk, previous.pk]})
            .values_list(lookup)
            .annotate(count=Count("pk"))
            .order_by()
        )
        if counts.get(previous.pk) and not counts.get(plan.pk):
            yield section.error(
                _("No %(things)s: the %(year)s plan has %(count)s; enter them for this plan")
                % {
                    "things": model._meta.verbose_name_plural,
                    "year": previous.fiscal_year,
                    "count": counts[previous.pk],
                },
                *cell,
            )
