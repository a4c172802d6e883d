"""The plan's consistency check: every place where entered figures disagree with each other or with what they imply.

Each section app may have a `checks.py` with

- `check(plan) -> Iterable[Finding]`: its own rules (a stock line that does not add up, two chapters that
  count the same thing differently ...), findings in the order of the document;
- `explained_figures(plan) -> dict[key, Derived]` when the app derives figures the document prints: the
  value its `figures.computed_figures` gives for each `PrintedFigure` key, with the figure's name in
  words and how the value comes about, so a mismatch can be told to a clerk.

Each app names them in its `sections.py` (`plans.registry.Section.check`, `.explained_figures`), and
findings are sorted by the chapter they belong to (a chapter's slug, in the registry's document order).
The number of queries does not grow with the plan: every app reads its tables in a fixed number of queries.
"""

from dataclasses import dataclass, field
from decimal import Decimal

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

    @property
    def is_error(self):
        return self.severity == ERROR


@dataclass(frozen=True)
class Section:
    """Where findings are reported: a title as the document has it, in one of the plan's chapters."""

    chapter: str
    title: str

    def error(self, message):
        return Finding(ERROR, str(self.title), str(message), self.chapter)

    def warning(self, message):
        return Finding(WARNING, str(self.title), str(message), self.chapter)


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


def chapter_order(finding):
    order = [chapter.slug for chapter in registry.chapters()]
    return order.index(finding.chapter) if finding.chapter in order else len(order)


def run_checks(plan):
    """Every finding on the plan, in document order."""
    sections = registry.sections()
    findings = [finding for section in sections if section.check for finding in section.check(plan)]
    explained = {}
    for section in sections:
        if section.explained_figures:
            explained |= section.explained_figures(plan)
    findings += printed_figure_findings(plan, explained)
    return sorted(findings, key=chapter_order)


def printed_figure_findings(plan, explained):
    """Each figure the document prints compared with the computed one; a key nothing computes is unverifiable."""
    printed = dict(PrintedFigure.objects.filter(plan=plan).values_list("key", "value"))
    for key, derived in explained.items():
        if key in printed and printed[key] != Decimal(derived.value):
            yield derived.section.error(
                _("%(figure)s is printed as %(printed)s, but %(how)s")
                % {"figure": derived.label, "printed": number(printed[key], derived.signed), "how": derived.how}
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
