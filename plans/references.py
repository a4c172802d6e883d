"""A plan row may refer only to reference items (ranks, substances, arm types ...) of its plan's own district."""

from django.utils.translation import gettext as _

from plans.base import ReferenceItem


def reference_fields(model):
    """The foreign keys of `model` that point at a district's reference list."""
    return [
        field
        for field in model._meta.concrete_fields
        if field.many_to_one and issubclass(field.related_model, ReferenceItem)
    ]


def foreign_reference_errors(row):
    """{field: message} for each reference item of `row` that belongs to another district than the row's plan."""
    plan = row.get_plan()
    if plan is None:
        return {}
    errors = {}
    for field in reference_fields(type(row)):
        item = getattr(row, field.name) if getattr(row, field.attname) is not None else None
        if item is not None and item.district_id != plan.district_id:
            errors[field.name] = _("Choose a %(item)s of the plan's own district.") % {
                "item": field.related_model._meta.verbose_name
            }
    return errors
