"""What every admin of the portal shares: district scope, locked plans, history, versions and lean inlines.

Each section app's `admin.py` builds on these classes, so three rules (a user sees only the districts of
their membership; a submitted or approved plan cannot change; a save based on a version someone else
has since changed is refused, showing what changed) hold on every admin page without each admin
repeating them.
"""

from dataclasses import dataclass

from django import forms
from django.apps import apps
from django.contrib import admin, messages
from django.contrib.admin.utils import flatten_fieldsets
from django.contrib.admin.widgets import RelatedFieldWidgetWrapper
from django.core.exceptions import FieldDoesNotExist, PermissionDenied
from django.db import transaction
from django.db.models import QuerySet
from django.forms.models import BaseInlineFormSet
from django.forms.utils import flatatt
from django.http import Http404, HttpResponseRedirect
from django.template.defaultfilters import truncatechars
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin
from simple_history.models import SIMPLE_HISTORY_REVERSE_ATTR_NAME

from plans.base import PlanLocked, PlanPart, ReferenceItem, StaleVersion, Versioned, locked_message
from plans.models import AnnualPlan, PlanStatus
from plans.scope import visible_district_ids

admin.site.site_header = _("Annual Policing Plan portal")
admin.site.site_title = _("Annual Policing Plan portal")
admin.site.index_title = _("Plans and their sections")


def scoped(queryset: QuerySet, user) -> QuerySet:
    """The rows of `queryset` the user may see (`visible_to`, the one scoping rule); none of a model without it."""
    if hasattr(queryset, "visible_to"):
        return queryset.visible_to(user)
    return queryset if user.is_superuser else queryset.none()


def plan_of(obj):
    """The annual plan an object belongs to, or None for reference lists and places."""
    if isinstance(obj, AnnualPlan):
        return obj
    if isinstance(obj, PlanPart):
        return obj.get_plan()
    return None


def is_locked(obj):
    plan = plan_of(obj)
    return plan is not None and plan.is_locked


def admin_link(obj, text):
    """A link to `obj`'s admin change page (for columns that lead to a nested section)."""
    if obj is None or obj.pk is None:
        return "—"
    url = reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk])
    return format_html('<a href="{}">{}</a>', url, text)


VERSION = "version"


def shown(obj, field):
    """A field's value as a person reads it, short."""
    value = getattr(obj, field.name) if field.is_relation else field.value_from_object(obj)
    return truncatechars(str(value if value not in (None, "") else "—"), 80)


def stale_message(form, stored):
    """Who saved `stored` meanwhile and, field by field, the value now stored next to the one sent."""
    differences = []
    for name in form.fields:
        try:
            field = stored._meta.get_field(name)
        except FieldDoesNotExist:
            continue
        if not field.concrete or field.name == VERSION:
            continue
        if field.value_from_object(stored) != field.value_from_object(form.instance):
            values = {"field": field.verbose_name, "theirs": shown(stored, field), "yours": shown(form.instance, field)}
            differences.append(gettext("%(field)s: now %(theirs)s, yours %(yours)s") % values)
    latest = stored.history.select_related("history_user").first() if hasattr(stored, "history") else None
    who = (latest.history_user if latest is not None else None) or gettext("someone else")
    message = gettext("%(user)s saved %(object)s while you were editing it, so your change was not saved.") % {
        "user": who,
        "object": stored,
    }
    if differences:
        return " ".join(
            [message, "; ".join(differences) + ".", gettext("Check the values and save again to keep yours.")]
        )
    return f"{message} {gettext('Save again to keep your values.')}"


class VersionedModelForm(forms.ModelForm):
    """Carries the version the form was read at (hidden); a save after someone else's is refused.

    The check here names the differences; the model's save checks again under the plan's lock, so a save
    racing this one is refused too. A refused form carries the stored version, so saving again applies it.
    """

    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not isinstance(self.instance, Versioned):
            del self.fields[VERSION]
        elif hasattr(self.instance, SIMPLE_HISTORY_REVERSE_ATTR_NAME):  # an old version, to revert to: over the current
            stored = type(self.instance)._base_manager.filter(pk=self.instance.pk).values_list(VERSION, flat=True)
            self.initial[VERSION] = stored.first()
        elif self.instance.pk is not None:
            self.initial[VERSION] = self.instance.version

    def _post_clean(self):
        super()._post_clean()
        seen = self.cleaned_data.get(VERSION)
        if seen is None or self.instance.pk is None:
            return
        self.instance.expected_version = seen
        stored = type(self.instance)._base_manager.filter(pk=self.instance.pk).first()
        if stored is not None and stored.version != seen:
            self.add_error(None, stale_message(self, stored))
            self.data = self.data.copy()
            self.data[self.add_prefix(VERSION)] = stored.version


def with_version(model, fieldsets):
    """`fieldsets` with the hidden version field in the first one, for versioned models; without it otherwise."""
    if not issubclass(model, Versioned):
        return [
            (name, {**options, "fields": [field for field in options["fields"] if field != VERSION]})
            for name, options in fieldsets
        ]
    if not fieldsets or VERSION in flatten_fieldsets(fieldsets):
        return fieldsets
    (name, options), *rest = fieldsets
    return [(name, {**options, "fields": [*options["fields"], VERSION]}), *rest]


def form_fields(fields):
    """The fields a model form is built with (None: all): `version` is the form's own field, not the model's."""
    return None if fields is None else [name for name in fields if name != VERSION]


@dataclass
class ChoiceContext:
    """What the form being built belongs to, so its drop-downs offer only what fits."""

    plan: AnnualPlan | None = None
    district_id: int | None = None
    parent: object = None
    unsaved_parent: bool = False


def set_choice_context(request, obj, *, inline=False):
    """Remember, for the form fields built next, which plan and district the form belongs to."""
    plan = plan_of(obj)
    if plan is None and obj is None and not inline:
        plan_id = request.GET.get("plan", "")
        plans = scoped(AnnualPlan.objects.all(), request.user)
        plan = plans.filter(pk=int(plan_id)).first() if plan_id.isdigit() and len(plan_id) < 19 else None
    district_id = plan.district_id if plan else getattr(obj, "district_id", None)
    request.admin_choice_context = ChoiceContext(
        plan=plan if plan is None or plan.pk else None,
        district_id=district_id,
        parent=obj,
        unsaved_parent=inline and (obj is None or obj.pk is None),
    )


def choice_queryset(model, request):
    """The rows of `model` a drop-down may offer in the current form."""
    queryset = scoped(model._default_manager.all(), request.user)
    model_admin = admin.site._registry.get(model)
    if model_admin is not None and isinstance(model_admin.list_select_related, list | tuple):
        queryset = queryset.select_related(*model_admin.list_select_related)
    context = getattr(request, "admin_choice_context", None) or ChoiceContext()
    if issubclass(model, ReferenceItem):
        if context.district_id:
            queryset = queryset.filter(district_id=context.district_id)
    elif issubclass(model, PlanPart):
        if context.plan is not None:
            queryset = queryset.filter(**{model.plan_path: context.plan})
        elif context.unsaved_parent:
            queryset = queryset.none()
    return queryset


def status_lookup(model):
    """The lookup from a row of `model` to its plan's status, or None for rows outside plans."""
    if model is AnnualPlan:
        return "status"
    if issubclass(model, PlanPart):
        return f"{model.plan_path}__status"
    return None


def autocomplete_for_plan_row(request):
    """Whether the request is an autocomplete search for a field of a plan's row (which draft plans may take)."""
    match = request.resolver_match
    if match is None or match.url_name != "autocomplete":
        return False
    try:
        source = apps.get_model(request.GET.get("app_label", ""), request.GET.get("model_name", ""))
    except LookupError:
        return False
    return issubclass(source, PlanPart)


def sees_several_districts(user):
    district_ids = visible_district_ids(user)
    return district_ids is None or len(district_ids) > 1


class ScopedChoicesMixin:
    """Foreign-key drop-downs limited to the user's districts and, where known, the plan's own district."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        model = db_field.related_model
        if "queryset" not in kwargs:
            kwargs["queryset"] = choice_queryset(model, request)
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        context = getattr(request, "admin_choice_context", None) or ChoiceContext()
        ambiguous = issubclass(model, ReferenceItem) and not context.district_id
        if field is not None and ambiguous and sees_several_districts(request.user):
            field.queryset = field.queryset.select_related("district")
            field.label_from_instance = lambda item: f"{item} ({item.district})"
        return field


class ScopeMixin(ScopedChoicesMixin):
    """Only the user's districts, and read-only rows of locked plans.

    An object outside the user's districts answers 404 on every page (change, delete, history).
    """

    change_form_template = "admin/plan_part_change_form.html"
    form = VersionedModelForm

    def get_queryset(self, request):
        return scoped(super().get_queryset(request), request.user)

    def get_fieldsets(self, request, obj=None):
        return with_version(self.model, super().get_fieldsets(request, obj))

    def get_search_results(self, request, queryset, search_term):
        """Autocomplete offers a plan's row only plans that may still change (a locked plan refuses new rows)."""
        queryset, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        lookup = status_lookup(self.model)
        if lookup and autocomplete_for_plan_row(request):
            queryset = queryset.filter(**{lookup: PlanStatus.DRAFT})
        return queryset, may_have_duplicates

    def get_object(self, request, object_id, from_field=None):
        obj = super().get_object(request, object_id, from_field)
        if obj is None:
            raise Http404(_("There is no such object in your districts."))
        return obj

    def get_form(self, request, obj=None, change=False, **kwargs):
        set_choice_context(request, obj)
        fields = kwargs["fields"] if "fields" in kwargs else flatten_fieldsets(self.get_fieldsets(request, obj))
        kwargs["fields"] = form_fields(fields)
        return super().get_form(request, obj, change=change, **kwargs)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        """A save refused under the plan's lock (someone saved first, or the plan was just submitted) comes back
        as a message on the page, with nothing saved."""
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except (StaleVersion, PlanLocked) as error:
            messages.error(request, " ".join(error.messages))
            return HttpResponseRedirect(request.get_full_path())

    def has_change_permission(self, request, obj=None):
        return not is_locked(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return not is_locked(obj) and super().has_delete_permission(request, obj)

    def get_deleted_objects(self, objs, request):
        """Refuse a bulk delete that would touch a locked plan (row by row, `delete()` refuses too)."""
        deleted, model_count, perms_needed, protected = super().get_deleted_objects(objs, request)
        for plan in {plan_of(obj) for obj in objs} - {None}:
            if plan.is_locked:
                perms_needed.add(locked_message(plan))
        for obj in objs:
            frozen = obj.frozen_error(gettext("deleted")) if isinstance(obj, ReferenceItem) else None
            if frozen is not None:
                perms_needed.add(" ".join(frozen.messages))
        return deleted, model_count, perms_needed, protected

    def delete_queryset(self, request, queryset):
        """Row by row, so each delete takes its plan's lock and checks the status there, like a single one."""
        try:
            with transaction.atomic():
                for obj in queryset:
                    obj.delete()
        except PlanLocked as error:  # the plan was submitted between the confirmation page and the delete
            raise PermissionDenied(" ".join(error.messages)) from error

    def change_view(self, request, object_id, form_url="", extra_context=None):
        obj = self.get_object(request, object_id)
        plan = plan_of(obj)
        extra_context = {**(extra_context or {}), "locked_message": locked_message(plan) if is_locked(obj) else ""}
        if plan is not None and plan is not obj:
            extra_context["plan"] = plan
            extra_context["plan_admin_url"] = reverse("admin:plans_annualplan_change", args=[plan.pk])
        return super().change_view(request, object_id, form_url, extra_context)


class ScopedModelAdmin(ScopeMixin, admin.ModelAdmin):
    """For the few models that keep no history of their own (workflow steps are their own record)."""


class ScopedAdmin(ScopeMixin, SimpleHistoryAdmin):
    """Base of every admin: the user's districts only, locked plans read-only, a History page per object
    listing who changed which field from what to what."""

    def get_changeform_initial_data(self, request):
        """Initial values from the query string (`?plan=12`), leaving out related ids that are no ids."""
        initial = super().get_changeform_initial_data(request)
        for name, value in list(initial.items()):
            try:
                field = self.model._meta.get_field(name)
            except FieldDoesNotExist:
                continue
            if field.is_relation and not (isinstance(value, str) and value.isdigit() and len(value) < 19):
                del initial[name]
        return initial

    def history_view(self, request, object_id, extra_context=None):
        if not request.user.is_superuser:
            self.get_object(request, object_id)
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        """A past version; reverting to it is a change, refused where changing is."""
        obj = self.get_object(request, object_id)
        if request.method == "POST" and (obj is None or is_locked(obj) or not self.has_change_permission(request, obj)):
            raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)


class ReferenceItemAdmin(ScopedAdmin):
    """A district's reference list: ordered by position, filtered by district."""

    list_display = ["name", "district", "position"]
    list_editable = ["position"]
    list_select_related = ["district"]
    search_fields = ["name"]
    ordering = ["district__name", "position", "name"]

    def get_list_filter(self, request):
        return [scoped_filter("district"), *super().get_list_filter(request)]


class PlanPartAdmin(ScopedAdmin):
    """Rows of one plan, listed across plans with a district and plan filter.

    `plan_lookup` is the lookup from the row to its plan (`statement__plan` for a stock line).
    """

    plan_lookup = "plan"
    autocomplete_fields = ["plan"]

    def get_list_filter(self, request):
        return [
            scoped_filter(f"{self.plan_lookup}__district"),
            scoped_filter(self.plan_lookup),
            *super().get_list_filter(request),
        ]


class ScopedRelatedFilter(admin.RelatedFieldListFilter):
    """A filter by related object that offers only what the user may see."""

    def field_choices(self, field, request, model_admin):
        label = str
        if issubclass(field.related_model, ReferenceItem) and sees_several_districts(request.user):

            def label(item):
                return f"{item} ({item.district})"

        return [(item.pk, label(item)) for item in choice_queryset_for_filter(field.related_model, request)]


def choice_queryset_for_filter(model, request):
    queryset = scoped(model._default_manager.all(), request.user)
    if issubclass(model, ReferenceItem | AnnualPlan):
        queryset = queryset.select_related("district")
    return queryset


def scoped_filter(lookup):
    """A `list_filter` entry for a related-object lookup, limited to what the user may see."""
    return (lookup, ScopedRelatedFilter)


class CachedChoicesFormSet(BaseInlineFormSet):
    """An inline formset that reads each drop-down's options once, not once per row.

    On the add page the plan has no id yet, so the rows' own `clean()` cannot compare their reference
    entries with the plan's district; `clean_row` does it here (section inlines add their own checks).
    """

    def add_fields(self, form, index):
        super().add_fields(form, index)
        cache = self.__dict__.setdefault("_choices", {})
        for name, field in form.fields.items():
            if isinstance(field, forms.ModelChoiceField) and not field.widget.is_hidden:
                if name not in cache:
                    cache[name] = list(field.choices)
                field.choices = cache[name]

    def clean(self):
        super().clean()
        plan = plan_of(self.instance)
        if plan is None or plan.pk is not None or not plan.district_id:
            return
        for form in self.forms:
            if not getattr(form, "cleaned_data", None) or self._should_delete_form(form):
                continue
            self.clean_row(form, plan)

    def clean_row(self, form, plan):
        for name, value in list(form.cleaned_data.items()):
            if isinstance(value, ReferenceItem) and value.district_id != plan.district_id:
                form.add_error(
                    name, _("Choose an entry of the plan's own district (%(district)s).") % {"district": plan.district}
                )


class PlainSelect(forms.Select):
    """A drop-down rendered in Python rather than one template per option.

    The plan's tables have dozens of rows with a drop-down of dozens of entries each; rendering every
    option through a template took seconds per page.
    """

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        options = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            (
                (
                    "" if option["value"] is None else option["value"],
                    " selected" if option["selected"] else "",
                    option["label"],
                )
                for _, group, _ in widget["optgroups"]
                for option in group
            ),
        )
        return format_html('<select name="{}"{}>{}</select>', widget["name"], flatatt(widget["attrs"]), options)


class VersionedInlineMixin:
    """Each inline row carries its version, so a row someone else saved meanwhile is refused, not reverted."""

    form = VersionedModelForm

    def get_fieldsets(self, request, obj=None):
        return with_version(self.model, super().get_fieldsets(request, obj))

    def get_formset(self, request, obj=None, **kwargs):
        fields = kwargs["fields"] if "fields" in kwargs else flatten_fieldsets(self.get_fieldsets(request, obj))
        kwargs["fields"] = form_fields(fields)
        return super().get_formset(request, obj, **kwargs)


class PlanRowInline(ScopedChoicesMixin, VersionedInlineMixin, admin.TabularInline):
    """Rows of a plan (or of a plan's section) edited on their parent's page; read-only when it is locked."""

    extra = 0
    formset = CachedChoicesFormSet
    compact_textareas = True
    select_related = ()
    # Foreign keys whose choices are the parent object's own rows: {field: lookup from the choice to the parent}.
    same_parent = {}

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        return queryset.select_related(*self.select_related) if self.select_related else queryset

    def get_formset(self, request, obj=None, **kwargs):
        set_choice_context(request, obj, inline=True)
        return super().get_formset(request, obj, **kwargs)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        kwargs.setdefault("widget", PlainSelect)
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if db_field.name in self.same_parent:
            parent = request.admin_choice_context.parent
            lookup = self.same_parent[db_field.name]
            field.queryset = field.queryset.filter(**{lookup: parent}) if parent else field.queryset.none()
        return field

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if field is not None and isinstance(field.widget, forms.Textarea) and self.compact_textareas:
            field.widget.attrs.update(rows=2, cols=50)
        if field is not None and isinstance(field.widget, RelatedFieldWidgetWrapper):
            # An "add" button per row is enough; editing a rank or a head belongs on its own page.
            field.widget.can_change_related = field.widget.can_delete_related = field.widget.can_view_related = False
        return field

    def has_add_permission(self, request, obj=None):
        return not is_locked(obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return not is_locked(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return not is_locked(obj) and super().has_delete_permission(request, obj)


class PlanRowStackedInline(PlanRowInline):
    """A plan row with many fields (vital statistics, operational results), one block per row."""

    template = "admin/edit_inline/stacked.html"
    compact_textareas = False
