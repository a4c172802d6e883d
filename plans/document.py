"""The plan as a document: its chapters in the order of the printed plan.

The PDF, the HTML preview and the portal's plan page all render the same list of chapter parts, each
with its own template under `templates/chapters/` and a context built from a fixed number of queries.
A section app contributes chapters in its `chapters.py`; adding one to the plan is one line in
`CHAPTERS`.
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


def load_chapter(path):
    module_path, name = path.rsplit(".", 1)
    return getattr(import_module(module_path), name)


def build_document(plan):
    """Every part of the plan's document, in order. Each chapter is a callable `plan -> list[Part]`."""
    parts = []
    for path in CHAPTERS:
        parts.extend(load_chapter(path)(plan))
    return parts
