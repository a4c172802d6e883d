"""The section registry: what each app contributes to a plan, declared once in the app's own `sections.py`.

`PlansConfig.ready` imports every installed app's `sections.py` (`autodiscover_modules("sections")`); each
calls `register(Section(...))`. The hub iterates the registry and never imports a section app: the
document's chapters (ordered by the `position` each declares), the CSV tables, the plan's admin page, the
full plan in the API, the consistency check, the figures the document prints, next year's plan and the
demo data all come from here. A chapter has one slug, used by the document, the admin, the CSV exports
and the portal's navigation.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.utils.module_loading import import_string


@dataclass(frozen=True)
class Chapter:
    """A chapter of the document: `build(plan) -> list[Part]` (or `build(plan, options)` when it takes options).

    `title` names the chapter on the plan's admin page. `admin_items` are, in order, the plan's own fieldset
    names and the dotted paths of the inlines the admin page shows in this chapter. `edited_with` are the
    labels of the models the portal's "edit" links reach; a part named "<part_prefix>-<pk>" is edited on the
    change page of `part_model` instead. `tables` are the slugs of the CSV tables the chapter shows.
    `editors(plan, data=None) -> list[plans.editors.base.Editor]` edits the chapter in the portal, one page
    per chapter (`plans:plan-edit`); users who may change every model of `edited_with` may use it.
    `printed_within` is the slug of a chapter whose part may print this chapter inside itself: where that
    part's context names a place (`nest_at`, as the objectives name the heading the Article-32 document
    prints the district's performance under), this chapter is printed there, titled by it, and not again on
    its own; without such a place it prints as a chapter of its own.
    """

    slug: str
    title: Any
    position: int
    build: Callable
    admin_items: tuple = ()
    edited_with: tuple = ()
    part_prefix: str = ""
    part_model: str = ""
    tables: tuple = ()
    editors: Callable | None = None
    printed_within: str = ""

    @property
    def takes_options(self):
        return getattr(self.build, "takes_options", False)

    def parts(self, plan, options=None):
        return self.build(plan, options) if self.takes_options else self.build(plan)

    def admin_inlines(self):
        return [import_string(item) for item in self.admin_items if "." in item]


@dataclass(frozen=True)
class CsvTable:
    """A table of the plan as CSV: `build(plan) -> Table`; with `per_object`, `build(plan, pk)` for "<slug>-<pk>"."""

    slug: str
    title: Any
    build: Callable
    per_object: bool = False


@dataclass(frozen=True)
class Dataset:
    """A value computed from the plan once per `SectionData` and shared: `load(data) -> value`."""

    name: str
    load: Callable


@dataclass(frozen=True)
class ApiField:
    """A field of the full plan in the API: `make()` gives the serializer field; `prefetch` its lookups;
    `models` the labels of the models it shows (reading the full plan needs the view permission on each)."""

    name: str
    position: int
    make: Callable
    prefetch: tuple = ()
    models: tuple = ()


def serializer_field(dotted_path, **kwargs):
    """An `ApiField.make`: the read-only serializer at `dotted_path`, called with `kwargs`.

    The serializer is imported when the API builds the field, not when the section registers (the
    serializers import the models, which are not loaded yet when `sections.py` runs).
    """

    def make():
        return import_string(dotted_path)(read_only=True, **kwargs)

    return make


@dataclass(frozen=True)
class WorkbookSheet:
    """A sheet of the plan's Excel workbook (`plans.workbook`), in `position` order after the first sheet.

    `write(book, ws)` lays the plan's table out on the worksheet `ws`; `read(reader)` gives the sheet's
    records, reporting bad cells and the cells' values by meaning on the `reader`; `apply(book, rows)` makes
    the plan's rows match them (inside the import's transaction, the plan locked). `explanation` says on
    the first sheet what the sheet holds. `plans.workbook.sheets.TableSheet.declare` makes one.
    """

    name: str
    position: int
    write: Callable
    read: Callable
    apply: Callable
    explanation: Any = ""


@dataclass(frozen=True)
class Section:
    """Everything one app contributes to a plan.

    `computed_figures(data)` gives its derived figures the document prints (keyed as `PrintedFigure` keys);
    `check(plan)` and `explained_figures(plan)` feed the consistency check, which leaves the
    `PrintedFigure` keys in `checked_figures` to the section's own check and reads `text_sources`
    (`plans.consistency.TextSource`) for old years and placeholders, as "Start next year" does for its
    replacements. For "Start next year": `not_carried_forward`, the labels of its plan-row models that next
    year's plan starts without (a year's measurements); `carried_in_part`, (label, `new_plan -> Q`) pairs for
    models copied only in part; `cleared_on_carry`, (label, field names) pairs for fields a copy leaves blank;
    `to_enter_anew(plan)`, what a plan carried forward must have entered afresh (`plans.rollover.ToEnter`s);
    `demo` are (position, step) pairs: each `step(builder)` adds synthetic rows to a demo plan, all sections'
    steps in position order; `demo_progress(plan, quarters, seed=...)` records progress on an approved one.

    The portal asks a section for: `plan_list_figures()`, annotations of each plan on the plans list
    (one subquery each); `overview_figures(plans)`, {plan pk: {name: value}} for the reviewers' overview, in
    one query, with `overview_permissions` to read them; `plan_page_context(plan, user)`, what its part of the
    plan page adds to the page's context; `compare(earlier, later)`, its `ComparedSection`s when two plans
    are put side by side; `urls`, the dotted path of a module whose `urlpatterns` join the portal's;
    `plan_api_actions`, dotted paths of DRF `@action` functions added to the API's plan resource.
    `workbook_sheets` are its sheets of the plan's Excel workbook (`WorkbookSheet`s, from its `workbook.py`).
    """

    app_label: str
    chapters: tuple = ()
    tables: tuple = ()
    datasets: tuple = ()
    api_fields: tuple = ()
    computed_figures: Callable | None = None
    check: Callable | None = None
    checked_figures: frozenset = frozenset()
    explained_figures: Callable | None = None
    text_sources: tuple = ()
    not_carried_forward: tuple = ()
    carried_in_part: tuple = ()
    cleared_on_carry: tuple = ()
    to_enter_anew: Callable | None = None
    demo: tuple = ()
    demo_progress: Callable | None = None
    plan_list_figures: Callable | None = None
    overview_figures: Callable | None = None
    overview_permissions: tuple = ()
    plan_page_context: Callable | None = None
    compare: Callable | None = None
    urls: str = ""
    plan_api_actions: tuple = ()
    workbook_sheets: tuple = ()

    @property
    def app_config(self):
        return apps.get_app_config(self.app_label)


_sections: dict[str, Section] = {}


def register(section):
    """Add an app's contributions; called once from the app's `sections.py`."""
    if section.app_label in _sections:
        raise ValueError(f"{section.app_label} is registered twice.")
    slugs = {chapter.slug for chapter in chapters()}
    for chapter in section.chapters:
        if chapter.slug in slugs:
            raise ValueError(f"Chapter slug {chapter.slug!r} of {section.app_label} is taken.")
    _sections[section.app_label] = section
    return section


def unregister(app_label):
    """Take an app's contributions out again (for tests that register a section of their own)."""
    return _sections.pop(app_label, None)


def sections():
    """The registered sections, in the order of their apps in INSTALLED_APPS."""
    order = [config.label for config in apps.get_app_configs()]
    return sorted(_sections.values(), key=lambda section: order.index(section.app_label))


def app_labels():
    return [section.app_label for section in sections()]


def chapters():
    """Every chapter, in the order of the printed plan."""
    return sorted((chapter for section in sections() for chapter in section.chapters), key=lambda c: c.position)


def chapter(slug):
    return next((chapter for chapter in chapters() if chapter.slug == slug), None)


def tables():
    return {table.slug: table for section in sections() for table in section.tables}


def workbook_sheets():
    """Every sheet of the plan's workbook, in order."""
    return sorted((sheet for section in sections() for sheet in section.workbook_sheets), key=lambda s: s.position)


def api_fields():
    return sorted((item for section in sections() for item in section.api_fields), key=lambda item: item.position)


def models():
    """Every model of the registered apps."""
    return [model for section in sections() for model in section.app_config.get_models()]


class SectionData:
    """The sections' datasets of one plan, each loaded on first use and then shared (`data["strength"]`).

    One section's value may build on another's (the police-population ratio on the present strength)
    without either importing the other; each is computed once however many readers ask for it.
    """

    def __init__(self, plan):
        self.plan = plan
        self._loaders = {dataset.name: dataset.load for section in sections() for dataset in section.datasets}
        self._values = {}

    def __contains__(self, name):
        return name in self._loaders

    def __getitem__(self, name):
        if name not in self._values:
            self._values[name] = self._loaders[name](self)
        return self._values[name]

    def get(self, name, default=None):
        return self[name] if name in self._loaders else default

    def __getattr__(self, name):
        """`data.strength` as `data["strength"]`, so serializers can name a dataset as their source."""
        if name.startswith("_") or name not in self.__dict__.get("_loaders", {}):
            raise AttributeError(name)
        return self[name]


def computed_figures(plan, data=None):
    """Every derived figure the document may print, from every section, keyed as `PrintedFigure` keys it."""
    data = data or SectionData(plan)
    figures = {}
    for section in sections():
        if section.computed_figures:
            figures |= section.computed_figures(data)
    return figures
