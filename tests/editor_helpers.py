"""Driving a chapter edit page from the test client: read its inputs, post them back with changes."""

import re

from tests.editors.page_forms import edit_url, read_form

__all__ = ["cell", "edit_url", "output", "page_data", "post_chapter"]


def page_data(client, plan, chapter):
    """The chapter page's fields as a browser would post them unchanged (grids, forms, hidden versions)."""
    return read_form(client.get(edit_url(plan, chapter))).data


def post_chapter(client, plan, chapter, changes=(), version=None):
    data = page_data(client, plan, chapter)
    if version:
        data["version"] = version
    data.update(changes)
    return client.post(edit_url(plan, chapter), data)


def cell(html, cell_id):
    """The <input> of a cell, as rendered."""
    return re.search(rf'<input[^>]*id="{re.escape(cell_id)}"[^>]*>', html).group(0)


def output(html, labelledby):
    """The text of the computed cell (or total) named by `labelledby`."""
    return re.search(rf'aria-labelledby="{re.escape(labelledby)}">([^<]*)<', html).group(1)
