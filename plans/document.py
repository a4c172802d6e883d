"""The plan as a document: its chapters in the order of the printed plan.

The PDF, the HTML preview and the portal's plan page all render the same list of chapter parts, each
with its own template under `<app>/templates/chapters/` and a context built from a fixed number of
queries. A section app contributes chapters in its `chapters.py` and declares them, with their place in
the document, in its `sections.py` (`plans.registry.Chapter`). A chapter marked `@takes_options` is also
given the `DocumentOptions` (what a reader may ask to be added to the printed plan); the others are not.
"""

from dataclasses import dataclass, field

from plans import registry


@dataclass
class Part:
    """One rendered piece of the document: a chapter, or one section of a chapter that has several."""

    slug: str
    title: str
    template: str
    context: dict = field(default_factory=dict)
    in_contents: bool = True
    chapter: str = ""  # the slug of the chapter it belongs to, set by `build_document`


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


def chapter_parts(plan, options=None):
    """(chapter, its parts) for every registered chapter, in document order."""
    options = options or DocumentOptions()
    result = []
    for chapter in registry.chapters():
        parts = chapter.parts(plan, options)
        for part in parts:
            part.chapter = chapter.slug
        result.append((chapter, parts))
    return result


def build_document(plan, options=None):
    """Every part of the plan's document, in order. Each chapter is a callable `plan -> list[Part]`."""
    return [part for _chapter, parts in chapter_parts(plan, options) for part in parts]
