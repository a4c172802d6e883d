"""What every section editor provides, whatever its shape (a grid of figures, a list of points, a form)."""

from dataclasses import dataclass


@dataclass(frozen=True)
class CellError:
    """A bad cell: `cell_id` is the HTML id of its input (the error summary links to `#<cell_id>`);
    `label` names it for the summary ("Murder, 2022"); `message` says what is wrong."""

    cell_id: str
    label: str
    message: str


class Editor:
    """One editable block of a chapter.

    An editor is made for a plan, unbound (`data=None`, to show) or bound to the POST (to save).
    `prefix` keeps its POST names and HTML ids apart from the chapter's other editors; `title` heads it on
    the page; `template_name` renders it with `{"editor": self, "read_only": <the plan is locked>}`, under
    an `<h2 id="<prefix>-title">` of its title. `is_valid()` validates through the models' `full_clean`
    and fills `errors` with `CellError`s; `save()` is called only after every editor of
    the chapter is valid, inside the chapter's transaction with the plan locked, and writes the rows the
    editor shows (replacing, adding, removing) so that the saved rows are what the page showed.
    `is_complete()` says whether the block holds what a complete plan needs (the chapter's mark).
    """

    prefix = ""
    title = ""
    template_name = ""
    scripts = ()  # static paths of scripts the editor's template needs; the page loads each once

    def __init__(self, plan, data=None):
        self.plan = plan
        self.data = data
        self.errors = []

    @property
    def is_bound(self):
        return self.data is not None

    def is_valid(self):
        raise NotImplementedError

    def save(self):
        raise NotImplementedError

    def is_complete(self):
        return True

    def version_token(self):
        """What the stored rows this editor shows look like now (their versions), so that a save on a page
        older than them is refused; the page's version is the plan's version and every editor's token."""
        return ""
