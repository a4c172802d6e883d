"""The plan as a document: its chapters in the order of the printed plan.

The PDF, the HTML preview and the portal's plan page all render the same list of chapter parts, each
with its own template under `templates/chapters/` and a context built from a fixed number of queries.
A section app contributes chapters in its `chapters.py`; adding one to the plan is one line in
`CHAPTERS`. A chapter marked `@takes_options` is also given the `DocumentOptions` (what a reader may
ask to be added to the printed plan); the others, and every chapter on the portal's plan page, are not.
"""

from dataclasses import dataclass, field
from importlib import import_module

CHAPTERS = [
    "plans.chapters.cover",
    "plans.chapters.message",
    "plans.chapters.responsibilities",
    "plans.chapters.district_detail",
    "plans.chapters.vital_statistics",
    "strength.chapters.strength",
    "logistics.chapters.vehicles",
    "logistics.chapters.stock",
    "initiatives.chapters.objectives",
    "crime_stats.chapters.performance",
    "initiatives.chapters.narratives",
    "initiatives.chapters.targets",
    "plans.chapters.financial_resources",
    "plans.chapters.closing",
]


@dataclass
class Part:
    """One rendered piece of the document: a chapter, or one section of a chapter that has several."""

    slug: str
    title: str
    template: str
    context: dict = field(default_factory=dict)
    in_contents: bool = True


@dataclass(frozen=True)
class DocumentOptions:
    """Additions a reader may ask of the printed plan; the defaults print the plan as submitted."""

    with_progress: bool = False  # quarterly progress against the targets (Police Order 2002, Article 44)

    @property
    def cache_key(self):
        """The options as part of a cache key: 'progress' or 'plain'."""
        return "progress" if self.with_progress else "plain"


def takes_options(chapter):
    """Mark a chapter whose parts depend on the DocumentOptions, so that `build_document` passes them."""
    chapter.takes_options = True
    return chapter


def load_chapter(path):
    module_path, name = path.rsplit(".", 1)
    return getattr(import_module(module_path), name)


def build_document(plan, options=None):
    """Every part of the plan's document, in order. Each chapter is a callable `plan -> list[Part]`."""
    options = options or DocumentOptions()
    parts = []
    for path in CHAPTERS:
        chapter = load_chapter(path)
        parts.extend(chapter(plan, options) if getattr(chapter, "takes_options", False) else chapter(plan))
    return parts
