"""Reading a chapter's edit page the way a browser does: the form's fields as it would send them, and the
labels of its inputs."""

from html.parser import HTMLParser

from django.urls import reverse


def edit_url(plan, chapter):
    return reverse("plans:plan-edit", args=[plan.district.slug, plan.fiscal_year, chapter])


class FormReader(HTMLParser):
    def __init__(self):
        super().__init__()
        self.data, self.labels, self.inputs = {}, set(), []
        self._textarea = self._select = None
        self._in_form = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and "chapter-form" in (attrs.get("class") or ""):
            self._in_form = True
        if tag == "label" and attrs.get("for"):
            self.labels.add(attrs["for"])
        if not self._in_form:
            return
        if tag == "input":
            kind = attrs.get("type", "text")
            if kind not in ("hidden", "submit", "button"):
                self.inputs.append(attrs)
            if kind == "checkbox":
                if "checked" in attrs:
                    self.data[attrs["name"]] = attrs.get("value", "on")
            elif attrs.get("name"):
                self.data[attrs["name"]] = attrs.get("value", "")
        elif tag == "textarea":
            self.inputs.append(attrs)
            self._textarea = attrs["name"]
            self.data[self._textarea] = ""
        elif tag == "select":
            self.inputs.append(attrs)
            self._select = attrs["name"]
            self.data.setdefault(self._select, "")
        elif tag == "option" and self._select and "selected" in attrs:
            self.data[self._select] = attrs.get("value", "")

    def handle_endtag(self, tag):
        if tag == "textarea":
            self._textarea = None
        elif tag == "select":
            self._select = None
        elif tag == "form":
            self._in_form = False

    def handle_data(self, data):
        if self._textarea:
            self.data[self._textarea] += data


def read_form(response):
    reader = FormReader()
    reader.feed(response.content.decode())
    if "\n" in "".join(reader.data.values()):  # a browser drops one leading newline of a text area
        reader.data = {name: value.removeprefix("\n") for name, value in reader.data.items()}
    return reader


def unlabelled(reader):
    """The inputs without a <label for> or an aria-label(ledby)."""
    return [
        attrs.get("id") or attrs.get("name")
        for attrs in reader.inputs
        if attrs.get("id") not in reader.labels and not attrs.get("aria-label") and not attrs.get("aria-labelledby")
    ]
