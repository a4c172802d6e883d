"""Lists of points typed as text: one text area per list, one line per point, indentation for nesting.

A DPO office keeps its objectives, narrative sections and responsibilities as lists in a word processor; here
each list is one text area. A line is a point; two spaces or one tab in front of a line put it one level
below the line above it; blank lines are skipped; a bullet pasted in front of a line ("•", "▪") is dropped.
A point with a bold title is written `**Title** text` (where the list has titles).

`PointsEditor` parses the text (`parse`), names every bad line (indented too deep, nested deeper than the
list allows, too long, or what the list's own rules refuse), builds the rows in memory and validates each
through `full_clean`; on save it replaces the list's rows in one go (the chapter's transaction) or, when the
text is what the rows already say, leaves them alone. A list someone else changed since the page was read is
refused (a digest of the text shown travels in a hidden field), so a save never overwrites unseen changes.
`ListEditor` is the editor for a plain model of points (a text, a position, an optional parent point and an
optional title); objectives with their lettered headings have their own (`initiatives.editors`).
"""

import hashlib
import re
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from plans.base import lock_plan, locked_message
from plans.editors.base import CellError, Editor
from plans.editors.writes import create_rows, delete_rows

INDENT = "  "
INDENT_WIDTH = len(INDENT)
BULLET = re.compile(r"^[•·▪●◦■□➢►]\s*")
TITLED = re.compile(r"^\*\*(?P<title>.+?)\*\*\s*(?P<text>.*)$")
DEFAULT_MAX_LENGTH = 2000


@dataclass
class Line:
    """A line of the text area: its number (from 1, as a clerk counts), its level (0 at the left) and its text."""

    number: int
    depth: int
    text: str
    children: list = field(default_factory=list)

    def walk(self):
        yield self
        for child in self.children:
            yield from child.walk()


def parse(text, *, max_depth=None, max_length=DEFAULT_MAX_LENGTH):
    """The lines of `text` as a tree, and (line number, message) for every line that is wrong.

    A bad line is still placed in the tree (at the nearest level that fits), so one slip is reported once
    and the lines after it are judged on their own.
    """
    roots, stack, problems = [], [], []
    for number, raw in enumerate((text or "").splitlines(), start=1):
        body = raw.rstrip()
        content = body.lstrip(" \t")
        if not content:
            continue
        indent = body[: len(body) - len(content)]
        width = sum(INDENT_WIDTH if char == "\t" else 1 for char in indent)
        content = BULLET.sub("", content)
        if width % INDENT_WIDTH:
            problems.append(
                (
                    number,
                    _("it is indented by %(count)s spaces: indent by two spaces or one tab per level")
                    % {"count": width},
                )
            )
        depth = width // INDENT_WIDTH
        if depth > len(stack):
            problems.append(
                (
                    number,
                    _("it is indented more than one level deeper than the line above it (a level: two spaces or a tab)")
                    if stack
                    else _("the first point cannot be indented"),
                )
            )
            depth = len(stack)
        if max_depth is not None and depth >= max_depth:
            problems.append(
                (
                    number,
                    _("it is nested %(depth)s levels deep; this list has at most %(max)s")
                    % {"depth": depth + 1, "max": max_depth}
                    if max_depth > 1
                    else _("this list has no sub-points: remove the indentation"),
                )
            )
        if max_length and len(content) > max_length:
            problems.append(
                (
                    number,
                    _("it is %(length)s characters long; a point may have at most %(max)s")
                    % {"length": len(content), "max": max_length},
                )
            )
        line = Line(number, depth, content)
        del stack[depth:]
        (stack[-1].children if stack else roots).append(line)
        stack.append(line)
    return roots, problems


def render(lines, depth=0):
    """The text area's text for a tree of lines: the inverse of `parse` for a well-formed tree."""
    return "\n".join(
        part for line in lines for part in (INDENT * depth + line.text, render(line.children, depth + 1)) if part
    )


def inline_html(text):
    """A point's text for the preview: `**Title** rest` with the title in bold."""
    match = TITLED.match(text)
    if match:
        return format_html("<strong>{}</strong> {}", match["title"], match["text"])
    return format_html("{}", text)


def preview_html(lines):
    """The nested list the text area stands for, as the preview shows it (static/editors/points.js does the same)."""
    if not lines:
        return ""
    return format_html(
        "<ul>{}</ul>",
        format_html_join(
            "", "<li>{}{}</li>", ((inline_html(line.text), preview_html(line.children)) for line in lines)
        ),
    )


def digest(text):
    return hashlib.sha256(text.encode()).hexdigest()[:32]


def split_title(text):
    """`**Title** text` -> ("Title", "text"); a plain line -> ("", line)."""
    match = TITLED.match(text)
    return (match["title"].strip(), match["text"].strip()) if match else ("", text)


def join_title(title, text):
    return f"**{title}** {text}".rstrip() if title else text


class PointsEditor(Editor):
    """One list of points as one text area (see the module's docstring).

    Subclasses say how rows become lines (`current_lines`), how lines become unsaved rows (`build`, which may
    `refuse` a line) and which rows the list replaces (`existing`). `max_depth` is the number of levels.
    """

    template_name = "editors/text.html"
    scripts = ("editors/points.js",)
    max_depth = 1
    max_length = DEFAULT_MAX_LENGTH
    label = ""
    rules = ""  # what the list's own lines mean, added to the help text

    def __init__(self, plan, data=None, *, prefix=None, title=None, label=None):
        super().__init__(plan, data)
        self.prefix = prefix or self.prefix
        self.title = title or self.title
        self.label = label or self.label or self.title
        self._current = None
        self.built = None
        self.changed = False

    # What a subclass provides

    def current_lines(self):
        raise NotImplementedError

    def build(self, roots):
        """[(line, unsaved row, attribute, parent row or None), ...] in saving order (parents first)."""
        raise NotImplementedError

    def existing(self):
        raise NotImplementedError

    # Ids and what the template shows

    @property
    def input_id(self):
        return f"{self.prefix}-text"

    @property
    def original_name(self):
        return f"{self.prefix}-original"

    @property
    def current_text(self):
        if self._current is None:
            self._current = render(self.current_lines())
        return self._current

    @property
    def text(self):
        """What the text area shows: what was sent (to correct it), else what the rows say."""
        if self.is_bound:
            return self.data.get(self.input_id, "")
        return self.current_text

    @property
    def original(self):
        return digest(self.current_text)

    @property
    def rows(self):
        return max(4, min(30, self.text.count("\n") + 3))

    @property
    def help_text(self):
        levels = (
            _("One point per line. Put two spaces or one tab in front of a line to put it under the line above it.")
            if self.max_depth > 1
            else _("One point per line.")
        )
        return " ".join(str(part) for part in (levels, self.rules) if part)

    def preview(self):
        roots, _problems = parse(self.text)
        return preview_html(roots)

    # Validating and saving

    def refuse(self, line, message):
        self.errors.append(
            CellError(
                self.input_id,
                str(self.label),
                _("Line %(number)s: %(message)s") % {"number": line.number, "message": message},
            )
        )

    def is_valid(self):
        self.errors = []
        if not self.is_bound:
            return False
        if self.plan.is_locked:
            self.errors.append(CellError(self.input_id, str(self.label), str(locked_message(self.plan))))
            return False
        roots, problems = parse(self.text, max_depth=self.max_depth, max_length=self.max_length)
        for number, message in problems:
            self.refuse(Line(number, 0, ""), message)
        if self.errors:
            return False
        self.changed = render(roots) != self.current_text
        if not self.changed:
            self.built = []  # the rows stay as they are
            return True
        if self.data.get(self.original_name) != self.original:
            self.errors.append(
                CellError(
                    self.input_id,
                    str(self.label),
                    _(
                        "Someone else changed %(list)s while you edited it: your text is kept; compare it with the "
                        "plan and save again to keep yours."
                    )
                    % {"list": self.label},
                )
            )
            return False
        built = self.build(roots)
        for line, row, _attribute, _parent in built:
            try:
                row.full_clean(exclude=self.unchecked_fields)
            except ValidationError as error:
                for message in error.messages:
                    self.refuse(line, message)
        self.built = built
        return not self.errors

    unchecked_fields = ()  # foreign keys to rows saved just before (a parent point, a heading)

    def save(self):
        """Replace the list's rows: delete them, then create the new ones a level at a time in bulk (a level's
        parents have their ids when the level below is written), each with its history record."""
        if self.built is None:
            raise ValueError("save() before a successful is_valid()")
        if not self.changed:
            return
        if lock_plan(self.plan.pk).is_locked:
            raise ValidationError(locked_message(self.plan), code="locked")
        self.delete_existing()
        levels, level_of = {}, {}
        for _line, row, attribute, parent in self.built:
            level = 0 if parent is None else level_of[id(parent)] + 1
            level_of[id(row)] = level
            levels.setdefault(level, []).append((row, attribute, parent))
        for level in sorted(levels):
            by_model = {}
            for row, attribute, parent in levels[level]:
                if attribute:
                    setattr(row, attribute, parent)
                by_model.setdefault(type(row), []).append(row)
            for model, rows in by_model.items():
                create_rows(model, rows)
        self._current = None
        from plans.pdf import bump  # bulk writes send no post_save: the plan's cached PDF is renewed here

        bump("plan", self.plan.pk)

    def delete_existing(self):
        rows = list(self.existing())
        if rows:
            delete_rows(type(rows[0]), rows)

    def is_complete(self):
        return self.existing().exists()

    def version_token(self):
        return self.original


class ListEditor(PointsEditor):
    """A list of one model's rows: `owner_field` points at what the list belongs to (the plan, a section),
    `text_field` holds the point, `tree_field` (optional) the point it sits under, `title_field` (optional)
    a bold title written `**Title** text`. Positions count from 1 among the points of one parent."""

    model = None
    owner_field = "plan"
    text_field = "text"
    tree_field = ""
    title_field = ""
    position_field = "position"

    def __init__(self, plan, data=None, *, owner=None, **kwargs):
        self.owner = owner if owner is not None else plan
        super().__init__(plan, data, **kwargs)
        if self.title_field:
            self.rules = gettext_lazy("Write a point's bold title between double stars: **Title** text.")

    @property
    def unchecked_fields(self):
        """The parent point (saved just before) and the owner (the editor's own, not looked up per row)."""
        return (self.owner_field, *((self.tree_field,) if self.tree_field else ()))

    def existing(self):
        return self.model.objects.filter(**{self.owner_field: self.owner})

    def line_text(self, row):
        text = getattr(row, self.text_field)
        return join_title(getattr(row, self.title_field), text) if self.title_field else text

    def current_lines(self):
        rows = list(self.existing().order_by(self.position_field, "pk"))
        lines = {row.pk: Line(0, 0, " ".join(self.line_text(row).split())) for row in rows}
        roots = []
        for row in rows:
            parent_id = getattr(row, f"{self.tree_field}_id") if self.tree_field else None
            (lines[parent_id].children if parent_id in lines else roots).append(lines[row.pk])
        return roots

    def build(self, roots):
        built = []

        def add(lines, parent):
            for position, line in enumerate(lines, start=1):
                row = self.model(**{self.owner_field: self.owner, self.position_field: position})
                if self.title_field:
                    title, text = split_title(line.text)
                    setattr(row, self.title_field, title)
                    setattr(row, self.text_field, text)
                    max_title = self.model._meta.get_field(self.title_field).max_length
                    if max_title and len(title) > max_title:
                        self.refuse(
                            line,
                            _("its title is %(length)s characters long; a title may have at most %(max)s")
                            % {"length": len(title), "max": max_title},
                        )
                else:
                    setattr(row, self.text_field, line.text)
                built.append((line, row, self.tree_field if parent is not None else "", parent))
                add(line.children, row)

        add(roots, None)
        return built
