"""Editors made of Django forms: one model form (the plan's own text, the vital statistics) or a formset of a
plan's rows (sect shares, places of worship, the organogram, values, targets).

The forms are the models' own (`modelform_factory`, `inlineformset_factory`), so `full_clean` validates every
row as the admin and the API do; each form carries the version it was read at (`VersionedModelForm`), so a
row someone else saved meanwhile is refused, not overwritten. Ids are `<prefix>-<field>` for a form and
`<prefix>-<row>-<field>` for a formset's row (Django's own names without the `id_`), and each error becomes
a `CellError` naming that input, so the page's error summary links to the very field.
"""

from django import forms
from django.forms.models import BaseInlineFormSet, inlineformset_factory, modelform_factory
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from plans.admin_base import VersionedModelForm
from plans.base import locked_message
from plans.editors.base import CellError, Editor

AUTO_ID = "%s"


def compact(fields, model, rows=3):
    """Text areas a few lines high, for a row among rows."""
    return {
        name: forms.Textarea(attrs={"rows": rows})
        for name in fields
        if model._meta.get_field(name).get_internal_type() == "TextField"
    }


def field_errors(form, label):
    """CellErrors for a form's errors: each field's at its input, the form's own at its first input."""
    errors = []
    first = next((bound for bound in form if not bound.is_hidden), None)
    for name, messages in form.errors.items():
        bound = form[name] if name in form.fields and not form[name].is_hidden else first
        where = f"{label}, {bound.label}" if bound is not None and name in form.fields else label
        cell_id = bound.auto_id if bound is not None else form.prefix
        errors += [CellError(cell_id, str(where), str(message)) for message in messages]
    return errors


class LockedRefusal:
    """Refuse to validate anything of a locked plan, with the reason, at the editor's first input."""

    def locked_errors(self, cell_id):
        if self.plan.is_locked:
            return [CellError(cell_id, str(self.title), str(locked_message(self.plan)))]
        return []


class FormEditor(LockedRefusal, Editor):
    """One model instance as a form: by default the plan itself (`fields` of `AnnualPlan`).

    `required` are the fields a complete plan has filled in (the chapter's mark); `widgets` as for a ModelForm.
    """

    template_name = "editors/form.html"
    fields = ()
    required = ()
    widgets = None

    def __init__(self, plan, data=None, *, prefix=None, title=None, fields=None, required=None, instance=None):
        super().__init__(plan, data)
        self.prefix = prefix or self.prefix
        self.title = title or self.title
        self.fields = tuple(fields or self.fields)
        self.required = tuple(required if required is not None else self.required)
        self.instance = instance if instance is not None else self.get_instance()
        form_class = modelform_factory(
            type(self.instance), form=VersionedModelForm, fields=self.fields, widgets=self.widgets
        )
        self.form = form_class(data=data, instance=self.instance, prefix=self.prefix, auto_id=AUTO_ID)
        if plan.is_locked:
            for field in self.form.fields.values():
                field.disabled = True

    def get_instance(self):
        return self.plan

    def is_valid(self):
        self.errors = []
        if not self.is_bound:
            return False
        first_id = next(iter(self.form)).auto_id
        self.errors = self.locked_errors(first_id)
        if self.errors:
            return False
        if not self.form.is_valid():
            self.errors = field_errors(self.form, self.title)
        return not self.errors

    def save(self):
        if self.form.has_changed() or self.instance.pk is None:
            self.form.save()

    def version_token(self):
        return f"{self.instance.pk}:{self.instance.version}" if self.instance.pk else ""

    def is_complete(self):
        return self.instance.pk is not None and all(
            getattr(self.instance, name) not in (None, "") for name in self.required
        )


class RowsFormSet(BaseInlineFormSet):
    """A plan's rows; the blank row at the end adds one, a ticked "Delete" removes one."""

    def add_fields(self, form, index):
        super().add_fields(form, index)
        if "DELETE" in form.fields:
            form.fields["DELETE"].label = _("Delete this row")


class FormsetEditor(LockedRefusal, Editor):
    """The rows of one model that belong to the plan (through `fk_name`), as a formset: one fieldset per row."""

    template_name = "editors/form.html"
    model = None
    fields = ()
    fk_name = "plan"
    extra = 1
    row_title = ""  # "Sect": rows are headed "Sect 1", "Sect 2" ...

    def __init__(self, plan, data=None, *, prefix=None, title=None):
        super().__init__(plan, data)
        self.prefix = prefix or self.prefix
        self.title = title or self.title
        formset_class = inlineformset_factory(
            type(self.parent),
            self.model,
            form=VersionedModelForm,
            formset=RowsFormSet,
            fk_name=self.fk_name,
            fields=self.fields,
            widgets=self.widgets(),
            extra=0 if plan.is_locked else self.extra,
            can_delete=not plan.is_locked,
        )
        self.formset = formset_class(
            data=data, instance=self.parent, prefix=self.prefix, auto_id=AUTO_ID, queryset=self.queryset()
        )
        for form in self.formset.forms:
            self.limit_choices(form)
            if plan.is_locked:
                for field in form.fields.values():
                    field.disabled = True

    @property
    def parent(self):
        return self.plan

    def queryset(self):
        return self.model.objects.all()

    def widgets(self):
        return compact(self.fields, self.model)

    def limit_choices(self, form):
        """Narrow a row's drop-downs (the organogram's "reports to" offers the plan's own units)."""

    def row_label(self, index):
        return _("%(row)s %(number)s") % {
            "row": capfirst(self.row_title or self.model._meta.verbose_name),
            "number": index + 1,
        }

    @property
    def rows(self):
        """(legend, form) for the template."""
        return [(self.row_label(index), form) for index, form in enumerate(self.formset.forms)]

    def is_valid(self):
        self.errors = []
        if not self.is_bound:
            return False
        self.errors = self.locked_errors(self.prefix)
        if self.errors:
            return False
        if not self.formset.is_valid():
            for index, form in enumerate(self.formset.forms):
                self.errors += field_errors(form, self.row_label(index))
            self.errors += [
                CellError(self.prefix, str(self.title), str(message)) for message in self.formset.non_form_errors()
            ]
        return not self.errors

    def save(self):
        self.formset.save()

    def version_token(self):
        stored = self.queryset().filter(**{self.fk_name: self.parent}).order_by("pk").values_list("pk", "version")
        return ",".join(f"{pk}:{version}" for pk, version in stored)

    def is_complete(self):
        return self.queryset().filter(**{self.fk_name: self.parent}).exists()
