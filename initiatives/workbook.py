"""The initiatives app's sheets of the plan's workbook (see `plans.registry.WorkbookSheet`): objectives and
strategies and the narrative sections, one point per row with a level column for nesting; the targets.
(Quarterly progress is recorded by reviewers on the portal, not through the workbook.)"""

from django.utils.translation import gettext_lazy as _

from initiatives import models
from plans.workbook.book import check_levels, create_levels, delete_all, parents, plan_rows, sync
from plans.workbook.sheets import Column, TableSheet

OBJECTIVE_COLUMNS = [
    Column(_("Level"), "level", "int", required=True, width=8),
    Column(_("Number"), "number", width=10),
    Column(_("Title"), "title", width=50),
    Column(_("Text"), "text", width=90),
]


def objective_rows(book):
    objectives = plan_rows(
        book, models.Objective.objects.filter(plan_id=book.plan_id).prefetch_related("headings", "points")
    )
    rows = []
    for objective in objectives:
        rows.append({"level": 1, "number": objective.number, "title": objective.title})
        points = sorted(objective.points.all(), key=lambda point: (point.position, point.pk))
        rows += [{"level": 2, "text": point.text} for point in points if point.heading_id is None]
        for heading in objective.headings.all():
            rows.append({"level": 2, "number": heading.letter, "title": heading.title})
            rows += [{"level": 3, "text": point.text} for point in points if point.heading_id == heading.pk]
    return rows


def is_point(row):
    return row["level"] == 3 or (row["level"] == 2 and row["text"] is not None and row["title"] is None)


def check_objectives(reader, rows):
    check_levels(reader, rows, deepest=3)
    for row in rows:
        if is_point(row):
            if row["text"] is None:
                reader.errors.append(f"{row.ref}: " + str(_("a strategy point needs its text (column D)")))
        elif row["title"] is None or row["number"] is None:
            reader.errors.append(f"{row.ref}: " + str(_("an objective or heading needs its number and title")))
        elif row["text"] is not None:
            reader.errors.append(
                f"{row.ref}: " + str(_("an objective or heading has no text: put the point on a row of its own"))
            )
    parent_of = parents(rows)
    for row in rows:
        parent = parent_of[row.number]
        if row["level"] == 3 and parent is not None and is_point(parent):
            reader.errors.append(f"{row.ref}: " + str(_("a level 3 point belongs under a heading, not under a point")))


def apply_objectives(book, rows):
    delete_all(plan_rows(book, models.Objective.objects.filter(plan_id=book.plan_id)))

    def make(row, parent):
        if row["level"] == 1:
            return models.Objective(plan=book.plan, number=row["number"], title=row["title"], position=row.number)
        if is_point(row):
            heading = parent if isinstance(parent, models.ObjectiveHeading) else None
            objective = heading.objective if heading else parent
            return models.StrategyPoint(objective=objective, heading=heading, text=row["text"], position=row.number)
        return models.ObjectiveHeading(objective=parent, letter=row["number"], title=row["title"], position=row.number)

    create_levels(book, rows, make)


OBJECTIVES = TableSheet(
    "Objectives",
    _("Objectives and strategies"),
    OBJECTIVE_COLUMNS,
    objective_rows,
    apply_objectives,
    check=check_objectives,
    explanation=_(
        "Objectives (level 1: number and title), their lettered headings (level 2: letter and title) and "
        "strategy points (text; level 2 directly under the objective, level 3 under a heading)."
    ),
)

SECTION_COLUMNS = [
    Column(_("Level"), "level", "int", required=True, width=8),
    Column(_("Kind"), "kind", "choice", choices=tuple(models.SectionKind.choices), width=22),
    Column(_("Title"), "title", width=40),
    Column(_("Text"), "text", width=90),
]


def point_rows(rows, children, parent_id, level):
    """The points under `parent_id`, depth first, each at its level."""
    for point in children.get(parent_id, []):
        rows.append({"level": level, "title": point.title, "text": point.text})
        point_rows(rows, children, point.pk, level + 1)


def section_rows(book):
    sections = plan_rows(book, models.NarrativeSection.objects.filter(plan_id=book.plan_id).prefetch_related("points"))
    rows = []
    for section in sections:
        rows.append({"level": 1, "kind": section.kind, "title": section.title, "text": section.intro})
        children = {}
        for point in section.points.all():
            children.setdefault(point.parent_id, []).append(point)
        point_rows(rows, children, None, 2)
    return rows


def check_sections(reader, rows):
    check_levels(reader, rows)
    titles = {}
    for row in rows:
        if row["level"] == 1:
            if row["kind"] is None or row["title"] is None:
                reader.errors.append(f"{row.ref}: " + str(_("a section (level 1) needs its kind and title")))
            elif row["title"].lower() in titles:
                reader.errors.append(
                    f"{row.ref}: "
                    + str(
                        _("a duplicate row: the section %(title)r is already in %(ref)s")
                        % {"title": row["title"], "ref": titles[row["title"].lower()]}
                    )
                )
            else:
                titles[row["title"].lower()] = row.ref
        elif row["title"] is None and row["text"] is None:
            reader.errors.append(f"{row.ref}: " + str(_("a point needs a title or a text")))


def apply_sections(book, rows):
    delete_all(plan_rows(book, models.NarrativeSection.objects.filter(plan_id=book.plan_id)))

    def make(row, parent):
        if row["level"] == 1:
            return models.NarrativeSection(
                plan=book.plan, kind=row["kind"], title=row["title"], intro=row["text"] or "", position=row.number
            )
        section = parent if isinstance(parent, models.NarrativeSection) else parent.section
        return models.SectionPoint(
            section=section,
            parent=parent if isinstance(parent, models.SectionPoint) else None,
            title=row["title"] or "",
            text=row["text"] or "",
            position=row["sibling"],
        )

    create_levels(book, rows, make)


SECTIONS = TableSheet(
    "Sections",
    _("Community policing, crime control, I.T initiatives, pledge, commitments"),
    SECTION_COLUMNS,
    section_rows,
    apply_sections,
    check=check_sections,
    explanation=_(
        "The narrative sections (level 1: kind, title and introduction) and their points (level 2, and "
        "3 or deeper for points under points), one per row, in printed order."
    ),
)

TARGET_COLUMNS = [
    Column(_("Sr. No."), "position", "int", required=True, width=8),
    Column(_("Category of target"), "category", required=True, width=30),
    Column(_("Present status"), "present_status", width=40),
    Column(_("Expected achievement"), "expected_achievement", width=40),
    Column(_("Mechanism"), "mechanism", width=50),
]


def target_rows(book):
    return [
        {column.name: getattr(target, column.name) for column in TARGET_COLUMNS}
        for target in plan_rows(book, models.Target.objects.filter(plan_id=book.plan_id))
    ]


def apply_targets(book, rows):
    existing = {
        target.position: target for target in plan_rows(book, models.Target.objects.filter(plan_id=book.plan_id))
    }

    def fill(obj, row):
        obj.plan = book.plan
        for column in TARGET_COLUMNS:
            setattr(obj, column.name, row[column.name] if row[column.name] is not None else "")

    sync(book, models.Target, existing, [(row["position"], row) for row in rows], fill)


TARGETS = TableSheet(
    "Targets",
    _("Targets to be achieved and mechanism"),
    TARGET_COLUMNS,
    target_rows,
    apply_targets,
    key=("position",),
    explanation=_(
        "The targets, one per row by serial number (a target keeps its quarterly progress when its row changes)."
    ),
)

SHEETS = (OBJECTIVES.declare(90), SECTIONS.declare(110), TARGETS.declare(120))
