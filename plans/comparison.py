"""Two plans side by side, every section: the tables cell by cell and the text word by word.

Each section compares its own part of the plan (`plans.registry.Section.compare`) and gives
`ComparedSection`s: tables of `ComparedRow`s (a row matched across the two plans, its values paired in
`Cell`s) and `ComparedText`s (a text of both plans, diffed word by word). `compare_rows` matches the rows
of a reference list (rank, equipment type, budget head) by name, so two districts' plans compare too;
`pair_by` matches any rows by a key; `compare_text_lists` lines up two lists of bullets.
`compared_sections(earlier, later)` collects every section's in document order, each with a fixed
number of queries however many rows the plans have; `only_changes` keeps what differs.
"""

import re
from dataclasses import dataclass, field, replace
from decimal import Decimal
from difflib import SequenceMatcher
from functools import cached_property
from itertools import zip_longest

from django.utils.text import capfirst
from django.utils.translation import gettext as _

from plans import registry


@dataclass
class Cell:
    """A figure in both plans. Not `comparable` when one plan does not cover it at all (a crime year outside
    its years): shown, but no change."""

    earlier: object
    later: object
    comparable: bool = True

    @property
    def difference(self):
        if not isinstance(self.earlier, int | float | Decimal) or not isinstance(self.later, int | float | Decimal):
            return None
        return self.later - self.earlier

    @property
    def changed(self):
        return self.comparable and self.earlier != self.later


def change_status(earlier_missing, later_missing, changed):
    """'added' (only in the later plan), 'dropped' (only in the earlier), 'changed', or '' (the same)."""
    if earlier_missing and not later_missing:
        return "added"
    if later_missing and not earlier_missing:
        return "dropped"
    return "changed" if changed else ""


@dataclass
class ComparedRow:
    """A row matched across the two plans (a rank, an equipment type, a field) with its values in both."""

    item: object
    cells: list

    @property
    def label(self):
        return str(getattr(self.item, "name", self.item))

    @property
    def changed(self):
        return any(cell.changed for cell in self.cells)

    @property
    def status(self):
        if not self.changed:
            return ""
        return change_status(
            all(cell.earlier is None for cell in self.cells), all(cell.later is None for cell in self.cells), True
        )


@dataclass
class ComparedTable:
    caption: object
    item_label: object
    columns: list
    rows: list
    total: list | None = None
    note: object = ""

    @property
    def changed(self):
        return any(row.changed for row in self.rows)


@dataclass(frozen=True)
class Words:
    """A run of words of a compared text: the same in both plans ('equal'), or only in one ('insert', 'delete')."""

    op: str
    text: str


# Words, and paragraph breaks kept as tokens of their own so the diff shows where paragraphs begin.
TOKENS = re.compile(r"\n\s*\n|\S+")


def tokens(text):
    return ["\n\n" if token.startswith("\n") else token for token in TOKENS.findall(text or "")]


def word_diff(earlier, later):
    """The words of two texts as runs of `Words`: difflib's matching blocks on whole words, not letters."""
    before, after = tokens(earlier), tokens(later)
    runs = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, before, after, autojunk=False).get_opcodes():
        if tag == "equal":
            runs.append(Words("equal", " ".join(before[i1:i2])))
            continue
        if tag in ("delete", "replace"):
            runs.append(Words("delete", " ".join(before[i1:i2])))
        if tag in ("insert", "replace"):
            runs.append(Words("insert", " ".join(after[j1:j2])))
    return runs


@dataclass
class ComparedText:
    """A text of the plan (the DPO's message, a value, a point of an objective) in both plans; None where a
    plan does not have it."""

    label: object
    earlier: str | None
    later: str | None

    @property
    def changed(self):
        return (self.earlier or "").split() != (self.later or "").split()

    @property
    def status(self):
        return change_status(self.earlier is None, self.later is None, self.changed)

    @cached_property
    def words(self):
        return word_diff(self.earlier, self.later)


@dataclass
class ComparedSection:
    """A section's tables and texts of two plans side by side; `empty` is said when it has neither."""

    slug: str
    heading: object
    position: int
    tables: list = field(default_factory=list)
    empty: object = ""
    texts: list = field(default_factory=list)

    @property
    def changed(self):
        return any(table.changed for table in self.tables) or any(text.changed for text in self.texts)

    @property
    def changed_texts(self):
        return [text for text in self.texts if text.changed]

    @property
    def unchanged_texts(self):
        return [text for text in self.texts if not text.changed]

    def only_changes(self):
        """The section with only the rows and texts that differ (a table without any is left out)."""
        tables = []
        for table in self.tables:
            rows = [row for row in table.rows if row.changed]
            if rows:
                tables.append(replace(table, rows=rows))
        return replace(self, tables=tables, texts=[text for text in self.texts if text.changed])


def pair_by(earlier, later, key):
    """(key, earlier row or None, later row or None) for two lists of rows matched by `key(row)`.

    The later plan's order, with a row only the earlier plan has kept after the row it followed there.
    """
    before = {key(row): row for row in earlier}
    after = {key(row): row for row in later}
    order = list(after)
    previous = None
    for name in before:
        if name not in after:
            order.insert(order.index(previous) + 1 if previous is not None else 0, name)
        previous = name
    return [(name, before.get(name), after.get(name)) for name in order]


def compare_rows_by(earlier, later, key, columns):
    """Rows of two plans matched by `key(row)` (a route, a sect's name), in the later plan's order, with the
    values of `columns` paired; a row found in only one plan has blanks for the other."""
    return [
        ComparedRow(
            name, [Cell(getattr(a, column) if a else None, getattr(b, column) if b else None) for column in columns]
        )
        for name, a, b in pair_by(earlier, later, key)
    ]


def compare_rows(earlier, later, key, columns):
    """Match the rows of two plans by `key` (a reference-list item, matched by name) and pair up `columns`.

    The rows come out in the order of the reference list.
    """
    items = {str(key(row)): key(row) for row in earlier + later}
    compared = compare_rows_by(earlier, later, lambda row: str(key(row)), columns)
    for row in compared:
        row.item = items[row.item]
    return sorted(compared, key=lambda row: (row.item.position, row.item.name))


def compare_fields(earlier, later, fields):
    """Rows of one object of each plan (the profile, the field organisation): a row per field, one value each."""
    return [
        ComparedRow(label, [Cell(getattr(earlier, name, None), getattr(later, name, None))]) for name, label in fields
    ]


def compare_texts(label, earlier, later):
    """One text of both plans, or nothing when neither plan has any."""
    return [ComparedText(label, earlier, later)] if (earlier or later) else []


def compare_text_lists(earlier, later, label):
    """Two lists of texts (bullets) lined up: the same text matched, a changed one paired with its
    replacement in order, the rest added or dropped. `label(number)` names the item at its place."""
    compared = []
    matcher = SequenceMatcher(None, earlier, later, autojunk=False)
    for _tag, i1, i2, j1, j2 in matcher.get_opcodes():
        pairs = zip_longest(range(i1, i2), range(j1, j2))
        for i, j in pairs:
            number = (j if j is not None else i) + 1
            compared.append(
                ComparedText(label(number), earlier[i] if i is not None else None, later[j] if j is not None else None)
            )
    return compared


def totals_row(rows):
    """The sum of each column over compared rows, as a row of cells."""
    if not rows:
        return []
    return [
        Cell(column_sum(rows, index, "earlier"), column_sum(rows, index, "later"))
        for index in range(len(rows[0].cells))
    ]


def column_sum(rows, index, plan):
    """The sum of a column in one plan; None when that plan has none of its figures (not 0)."""
    values = [getattr(row.cells[index], plan) for row in rows]
    return None if all(value is None for value in values) else sum(value or 0 for value in values)


def rows_of(queryset, plan_lookup, earlier, later):
    """(rows of `earlier`, rows of `later`) of `queryset`, in one query; `plan_lookup` leads from a row to its plan."""
    *path, last = plan_lookup.split("__")
    by_plan = {earlier.pk: [], later.pk: []}
    for row in queryset.filter(**{f"{plan_lookup}__in": [earlier.pk, later.pk]}):
        owner = row
        for name in path:
            owner = getattr(owner, name)
        by_plan[getattr(owner, f"{last}_id")].append(row)
    return by_plan[earlier.pk], by_plan[later.pk]


def pair_query(query, years):
    """The comparison asked for; a link that names one year ('compare with 2022-2023') gets the year before it."""
    query = query.copy()
    for missing, given in (("a", "b"), ("b", "a")):
        year = query.get(given, "")
        if not query.get(missing) and year.isdigit() and int(year) in years:
            others = [other for other in years if other != int(year)]
            before = [other for other in others if other < int(year)]
            query[missing] = str(before[-1] if before else others[0])
    return query


def compare_plans_own(earlier, later):
    """The plans app's own chapters: the message, responsibilities and values, the organogram, the vital
    statistics, the budget and the closing (seven queries)."""
    from plans.models import (
        BudgetAllocation,
        DistrictProfile,
        PlaceOfWorship,
        PlanValue,
        Responsibility,
        SectShare,
        Unit,
        UnitKind,
    )

    values = pair_by(*rows_of(PlanValue.objects.all(), "plan", earlier, later), key=lambda value: value.name)
    duties = [[row.text for row in rows] for rows in rows_of(Responsibility.objects.all(), "plan", earlier, later)]
    responsibilities = [
        *compare_texts(_("Introduction"), earlier.responsibilities_intro, later.responsibilities_intro),
        *compare_texts(_("Lead-in to the list"), earlier.responsibilities_lead, later.responsibilities_lead),
        *compare_text_lists(*duties, label=lambda number: _("Responsibility %(number)s") % {"number": number}),
        *(
            ComparedText(_("Value: %(name)s") % {"name": name}, a and a.description, b and b.description)
            for name, a, b in values
        ),
    ]

    units = rows_of(Unit.objects.select_related("parent"), "plan", earlier, later)
    kinds = [
        ComparedRow(label, [Cell(*(sum(unit.kind == kind for unit in rows) for rows in units))])
        for kind, label in UnitKind.choices
    ]
    lines = [[unit_line(unit) for unit in rows] for rows in units]
    organogram = compare_text_lists(*lines, label=lambda number: _("Unit %(number)s") % {"number": number})

    profiles = {profile.plan_id: profile for profile in DistrictProfile.objects.filter(plan__in=[earlier, later])}
    profile_fields = [
        (model_field.name, capfirst(model_field.verbose_name))
        for model_field in DistrictProfile._meta.concrete_fields
        if model_field.name not in {"id", "plan", "version", "map_image"}
    ]
    profile = compare_fields(profiles.get(earlier.pk), profiles.get(later.pk), profile_fields)
    sects = rows_of(SectShare.objects.all(), "plan", earlier, later)
    places = rows_of(PlaceOfWorship.objects.all(), "plan", earlier, later)
    budget = compare_rows(
        *rows_of(BudgetAllocation.objects.select_related("head"), "plan", earlier, later),
        key=lambda allocation: allocation.head,
        columns=["amount"],
    )
    closing = [
        *compare_texts(_("Closing text"), earlier.closing_text, later.closing_text),
        *compare_texts(_("Closing salutation"), earlier.closing_salutation, later.closing_salutation),
        *compare_texts(_("Signatory"), signatory(earlier), signatory(later)),
    ]
    return [
        ComparedSection(
            "message",
            _("The DPO's message"),
            20,
            texts=compare_texts(_("The DPO's message"), earlier.message, later.message),
            empty=_("Neither plan has a message."),
        ),
        ComparedSection(
            "responsibilities", _("Main responsibilities and values"), 30, texts=responsibilities, empty=_("No text.")
        ),
        ComparedSection(
            "district-detail",
            _("District detail and organogram"),
            40,
            [ComparedTable(_("Units by kind"), _("Kind"), [_("Units")], kinds, totals_row(kinds))],
            texts=organogram,
        ),
        ComparedSection(
            "vital-statistics",
            _("Vital statistics"),
            50,
            [
                ComparedTable(_("Vital statistics"), _("Figure"), [_("Value")], profile),
                ComparedTable(
                    _("Sects classification"),
                    _("Sect"),
                    [_("Share %")],
                    compare_rows_by(*sects, key=lambda sect: sect.name, columns=["percent"]),
                ),
                ComparedTable(
                    _("Places of worship"),
                    _("Kind"),
                    [_("Count")],
                    compare_rows_by(*places, key=lambda place: place.kind, columns=["count"]),
                ),
            ],
        ),
        ComparedSection(
            "budget",
            _("Financial resources"),
            130,
            [
                ComparedTable(
                    _("Budget heads (Rs.)"), _("Head of account"), [_("Amount (Rs.)")], budget, totals_row(budget)
                )
            ],
        ),
        ComparedSection("closing", _("Closing"), 140, texts=closing, empty=_("No text.")),
    ]


def unit_line(unit):
    """A box of the organogram as one line of text: who commands what, and whom it reports to."""
    line = f"{unit.get_kind_display()}: {unit}"
    return f"{line} ({_('reports to')} {unit.parent})" if unit.parent_id else line


def signatory(plan):
    name = " ".join(part for part in (plan.signatory_name, plan.signatory_suffix) if part)
    return ", ".join(part for part in (name, plan.signatory_designation) if part)


def compared_sections(earlier, later, changes_only=False):
    """Every section's tables and texts of the two plans, in document order; with `changes_only`, only what
    differs (a section with no difference keeps its heading, so it says "no changes")."""
    compared = [item for section in registry.sections() if section.compare for item in section.compare(earlier, later)]
    compared.sort(key=lambda item: item.position)
    return [item.only_changes() for item in compared] if changes_only else compared
