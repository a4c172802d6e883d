"""The chapter editors' writes: a few statements per table however many rows, each with its history records.

The chapter view holds the plan's lock (`plans.base.lock_plan`) and has refused a locked plan and a stale
page before any of these run, and every row was validated with `full_clean`, so the per-row checks of
`Versioned.save` (a lock and a read per row) are not repeated: the rows go in with `bulk_create`,
`bulk_update` (the version one up, `auto_now` fields stamped) and one `DELETE`, and simple_history gets
its records in bulk, attributed to the request's user (its middleware), as a save through the model would;
and the plan's cached documents go stale as a save's signal would make them (`signal_change`).
"""

from django.db.models import F
from django.utils import timezone
from simple_history.utils import bulk_create_with_history, bulk_update_with_history


def signal_change(model, rows):
    """What a save through the model would set off: the cached documents of the rows' plan (or, for a
    reference list, of the district's plans) go stale (`plans.pdf.invalidate`, connected to post_save and
    post_delete, which bulk writes do not send). Called once: a write's rows are one plan's, or one list's."""
    from plans.pdf import invalidate

    invalidate(model, rows[0])


def has_history(model):
    return bool(getattr(model._meta, "simple_history_manager_attribute", None))


def create_rows(model, rows):
    if not rows:
        return []
    created = bulk_create_with_history(rows, model) if has_history(model) else model.objects.bulk_create(rows)
    signal_change(model, rows)
    return created


def update_rows(model, rows, fields):
    """Write `fields` of `rows` (`bulk_update`), `auto_now` fields stamped, and each row's version one up in
    one more UPDATE (`F("version") + 1`: a `bulk_update` CASE per row costs Python time per row and field)."""
    if not rows:
        return
    now = timezone.now()
    stamped = [field.name for field in model._meta.concrete_fields if getattr(field, "auto_now", False)]
    for row in rows:
        for name in stamped:
            setattr(row, name, now)
    fields = [*fields, *stamped]
    if hasattr(model, "version"):
        model._base_manager.filter(pk__in=[row.pk for row in rows]).update(version=F("version") + 1)
        for row in rows:
            row.version += 1
    if has_history(model):
        bulk_update_with_history(rows, model, fields)
    else:
        model._base_manager.bulk_update(rows, fields)
    signal_change(model, rows)


def delete_rows(model, rows):
    """Delete `rows`: rows nothing points at in one statement with their history records in bulk; others
    through the ORM's collector (their dependants follow, simple_history records each as it goes)."""
    if not rows:
        return
    queryset = model._base_manager.filter(pk__in=[row.pk for row in rows])
    if model._meta.related_objects:
        queryset.delete()
        return
    signal_change(model, rows)
    if has_history(model):
        history = model.history.model
        now = timezone.now()
        history.objects.bulk_create(
            history(
                history_date=now,
                history_user=history.get_default_history_user(row),
                history_type="-",
                history_change_reason="",
                **{field.attname: getattr(row, field.attname) for field in history.tracked_fields},
            )
            for row in rows
        )
    queryset._raw_delete(queryset.db)
