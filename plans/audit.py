"""The audit trail: a first history record for every row, and every change that affects one plan.

django-simple-history records saves made through the models. Rows that enter otherwise get their first
record here: `loaddata` (a raw save, which simple_history skips) through `record_loaded_row`, bulk-made
demo data through `record_initial_history`. Without that first record a row's first edit has no "before".
"""

from django.apps import apps
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext, gettext_lazy
from simple_history.template_utils import HistoricalRecordContextHelper

from plans.base import PlanPart, ReferenceItem

LOADED_REASON = "loaded from a fixture"
INITIAL_REASON = "initial record of a row created in bulk"
NOT_DIFFED = ["version"]  # goes up on every save: a change of it says nothing to a reader


def history_models():
    """The models whose changes simple_history records."""
    return [model for model in apps.get_models() if getattr(model._meta, "simple_history_manager_attribute", None)]


def record_loaded_row(sender, instance, created, raw, **kwargs):
    """post_save: a row that `loaddata` wrote gets its history record, as a save through the model would."""
    if not raw or not getattr(sender._meta, "simple_history_manager_attribute", None):
        return
    sender.history.bulk_history_create([instance], update=not created, default_change_reason=LOADED_REASON)


def record_initial_history(models=None):
    """Give every row without any history record (made with `bulk_create`) its first record.

    `NOT EXISTS` rather than `NOT IN`: PostgreSQL plans it as an anti-join on the history's indexed `id`,
    where `NOT IN` hashed every history id on each call, slower with every district generated."""
    for model in models or history_models():
        recorded = model.history.filter(id=OuterRef("pk"))
        missing = list(model._base_manager.filter(~Exists(recorded)))
        if missing:
            model.history.bulk_history_create(missing, default_change_reason=INITIAL_REASON)


def used_by_plan(model, plan):
    """A Q on a reference list's `id`: the entries a row of `plan` refers to."""
    query = Q(pk__in=[])
    for relation in model._meta.related_objects:
        related = relation.related_model
        if isinstance(related, type) and issubclass(related, PlanPart):
            rows = related._base_manager.filter(**{related.plan_path: plan}).values(relation.field.attname)
            query |= Q(id__in=rows)
    return query


def plan_records(model, plan):
    """The history records of `model` that concern `plan`, or None when the model has nothing to do with plans."""
    if issubclass(model, ReferenceItem):
        return model.history.filter(used_by_plan(model, plan))
    plan_path = getattr(model, "plan_path", None)
    if plan_path is None:
        return None
    return model.history.filter(**{plan_path: plan})


def record_entries(model, records):
    """Each record with the one before it of the same row, and what changed between them."""
    entries, previous = [], None
    for record in (
        records.select_related("history_user")
        ._select_related_history_tracked_objs()
        .order_by("id", "history_date", "history_id")
    ):
        before = previous if previous is not None and previous.id == record.id else None
        previous = record
        delta = record.diff_against(before, excluded_fields=NOT_DIFFED, foreign_keys_are_objs=True) if before else None
        helper = HistoricalRecordContextHelper(model, record)
        kind = gettext_lazy("reference list") if issubclass(model, ReferenceItem) else ""
        entries.append(
            {
                "model": model,
                "date": record.history_date,
                "user": record.history_user,
                "section": f"{model._meta.verbose_name_plural} ({kind})" if kind else model._meta.verbose_name_plural,
                "row": row_label(record),
                "comment": record.get_history_type_display(),
                "reason": record.history_change_reason or "",
                "changes": helper.context_for_delta_changes(delta) if delta else [],
            }
        )
    return entries


def workflow_entries(plan):
    return [
        {
            "model": None,
            "date": event.created,
            "user": event.actor,
            "section": gettext("workflow"),
            "row": event.get_action_display(),
            "comment": f"{event.get_from_status_display()} → {event.get_to_status_display()}",
            "reason": event.comment,
            "changes": [],
        }
        for event in plan.workflow_events.select_related("actor")
    ]


def plan_changes(plan, limit=200):
    """Every change that affects `plan`, newest first: its sections' rows, the reference list entries it
    uses, quarterly progress and workflow steps (the plan's own fields are simple_history's own list)."""
    entries = workflow_entries(plan)
    for model in history_models():
        records = plan_records(model, plan)
        if records is not None:
            entries.extend(record_entries(model, records))
    entries.sort(key=lambda entry: entry["date"], reverse=True)
    return entries[:limit]


def row_label(record):
    """The row as its model names it, from the historical record's already fetched related objects."""
    instance = record.instance
    for model_field in record.instance_type._meta.concrete_fields:
        if model_field.is_relation and model_field.name in record._state.fields_cache:
            model_field.set_cached_value(instance, record._state.fields_cache[model_field.name])
    return str(instance)
