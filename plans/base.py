"""Abstract models every section app builds on, and the one write path all of them share.

Two kinds of rows make up a plan: rows of a district's *reference lists* (ranks, vehicle types, crime
heads ...), which carry an order so each district can have its own, and rows that *belong to one annual
plan* (a strength figure, a stock line, a target ...). Both know the path to their district, so one
queryset method scopes any of them to what a user may see.

Every save and delete of these rows (admin, API, imports, scripts) runs `Versioned.save`/`delete`: in one
transaction it locks the plan's row (`select_for_update`; on SQLite the immediate transaction serialises
writers), re-reads the plan's status there, refuses a write to a locked plan or a stale version, and
writes with the version one up. The workflow takes the same plan lock before it checks and submits, so
a submission sees exactly the data it checked and no write slips in behind it.
"""

from django.core.exceptions import ValidationError
from django.db import models, router, transaction
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

MAX_PLANS_NAMED = 5


class PlanLocked(ValidationError):
    """A write to a plan that has been submitted or approved (the API answers 409)."""


class ReferenceFrozen(PlanLocked):
    """A change to a reference list entry that a submitted or approved plan uses."""


class StaleVersion(ValidationError):
    """A save based on a version someone else has since changed (the API answers 412)."""

    def __init__(self, message, current=None):
        super().__init__(message, code="stale")
        self.current = current


def locked_message(plan):
    """Why a submitted or approved plan refuses a change, and what would allow it."""
    if plan.status == "approved":
        return _("%(plan)s is approved and locked for good: start next year's plan to make changes.") % {"plan": plan}
    return _("%(plan)s is %(status)s and locked: it must be returned to draft before it can change.") % {
        "plan": plan,
        "status": plan.get_status_display().lower(),
    }


def stale_message(obj, current_version):
    return _(
        "%(object)s was changed by someone else while you edited it (version %(seen)s is now %(current)s): "
        "reload it and make your change again."
    ) % {"object": obj, "seen": obj.expected_version, "current": current_version}


class ScopedQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Only the rows of districts the user may see (all of them for a superuser)."""
        from plans.scope import visible_district_ids

        district_ids = visible_district_ids(user)
        if district_ids is None:
            return self
        if below := getattr(self.model, "districts_below", None):  # a region or province: one of its districts
            return self.filter(pk__in=self.model._base_manager.filter(**{f"{below}__in": district_ids}).values("pk"))
        return self.filter(**{f"{district_path(self.model)}__in": district_ids})


def district_path(model):
    """The lookup from a row of `model` to its district (to its districts, for a region or province)."""
    return (
        getattr(model, "district_path", None)
        or getattr(model, "districts_below", None)
        or f"{model.plan_path}__district"
    )


def lock_plan(plan_id):
    """The plan's row, locked until the transaction ends (the caller is inside `transaction.atomic`)."""
    from plans.models import AnnualPlan

    return AnnualPlan.objects.select_for_update(of=("self",)).select_related("district").get(pk=plan_id)


class Versioned(models.Model):
    """A row with a version that goes up by one on every save, for optimistic concurrency.

    Set `expected_version` (from an API client's `If-Match` or a form's hidden field) before a save or
    delete to have it refused with `StaleVersion` when the stored row has moved on; without it the write
    is applied (to the fields given in `update_fields` only, when given).
    """

    version = models.PositiveIntegerField(
        _("version"), default=1, editable=False, help_text=_("Goes up by one on every save.")
    )

    expected_version = None

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        using = kwargs.get("using") or router.db_for_write(type(self), instance=self)
        with transaction.atomic(using=using):
            stored = self.lock_for_write()
            self.check_version(stored)
            self.check_write(stored)
            self.version = stored.version + 1 if stored is not None else 1
            if kwargs.get("update_fields") is not None:  # a partial save still moves the version and the time
                touched = {field.name for field in self._meta.concrete_fields if getattr(field, "auto_now", False)}
                kwargs["update_fields"] = {*kwargs["update_fields"], "version", *touched}
            super().save(*args, **kwargs)
        self.expected_version = None

    def delete(self, *args, **kwargs):
        using = kwargs.get("using") or router.db_for_write(type(self), instance=self)
        with transaction.atomic(using=using):
            stored = self.lock_for_write()
            self.check_version(stored)
            self.check_delete(stored)
            return super().delete(*args, **kwargs)

    def lock_for_write(self):
        """Lock what a write to this row must hold and return the stored row (None for a new one)."""
        if self.pk is None:
            return None
        return type(self)._base_manager.select_for_update(of=("self",)).filter(pk=self.pk).first()

    def check_write(self, stored):
        """Refuse the write to `stored` (None for a new row) with a ValidationError; nothing by default."""

    def check_delete(self, stored):
        """Refuse deleting `stored` with a ValidationError; nothing by default."""

    def check_version(self, stored):
        if stored is not None and self.expected_version is not None and int(self.expected_version) != stored.version:
            raise StaleVersion(stale_message(self, stored.version), current=stored)


def changed_fields(obj, stored):
    """The concrete fields whose value in `obj` differs from `stored` (the version left out)."""
    return [
        field
        for field in obj._meta.concrete_fields
        if field.name != "version" and field.value_from_object(obj) != field.value_from_object(stored)
    ]


def unique_per(*fields, message):
    """The uniqueness rule of a model's rows: no two rows share `fields`; `message` is what a duplicate is told.

    The constraint is named `<app label>_<model name>_unique`, the name every such rule of the plan's models has.
    """
    return models.UniqueConstraint(
        fields=list(fields), name="%(app_label)s_%(class)s_unique", violation_error_message=message
    )


class ReferenceItem(Versioned):
    """One entry of a district's reference list, shown in the plan in `position` order.

    An entry that a submitted or approved plan uses is frozen: renaming, reordering, changing or
    deleting it would change a plan behind its lock. A district that needs a new name adds a new entry.
    """

    district = models.ForeignKey("plans.District", on_delete=models.CASCADE, verbose_name=_("district"))
    name = models.CharField(_("name"), max_length=200)
    position = models.PositiveIntegerField(_("position"), default=0, help_text=_("Order in the plan."))

    history = HistoricalRecords(inherit=True)
    objects = ScopedQuerySet.as_manager()
    district_path = "district"

    class Meta:
        abstract = True
        ordering = ["district", "position", "name"]

    def __str__(self):
        return self.name

    @classmethod
    def plans_using_query(cls, item_ids):
        """A Q on AnnualPlan: the plans with a row that refers to any of the entries `item_ids` (a queryset)."""
        query = Q(pk__in=[])
        for relation in cls._meta.related_objects:
            model = relation.related_model
            if isinstance(model, type) and issubclass(model, PlanPart):
                rows = model._base_manager.filter(**{f"{relation.field.name}__in": item_ids})
                query |= Q(pk__in=rows.values(model.plan_path))
        return query

    def locked_plans(self):
        """The submitted and approved plans that use this entry."""
        from plans.models import AnnualPlan, PlanStatus

        query = self.plans_using_query(type(self)._base_manager.filter(pk=self.pk).values("pk"))
        return AnnualPlan.objects.filter(query).exclude(status=PlanStatus.DRAFT).select_related("district")

    def frozen_error(self, action):
        plans = list(self.locked_plans()[: MAX_PLANS_NAMED + 1])
        if not plans:
            return None
        named = ", ".join(str(plan) for plan in plans[:MAX_PLANS_NAMED])
        if len(plans) > MAX_PLANS_NAMED:
            named += ", …"
        return ReferenceFrozen(
            _(
                "%(item)s cannot be %(action)s: the submitted or approved plan(s) %(plans)s use it. "
                "Add a new entry for next year's plan instead."
            )
            % {"item": self, "action": action, "plans": named},
            code="frozen",
        )

    def check_frozen(self, stored=None):
        """Refuse a change to an entry a locked plan uses (a save that changes nothing passes)."""
        if self.pk is None:
            return
        if stored is None:
            stored = type(self)._base_manager.filter(pk=self.pk).first()
        if stored is None or not changed_fields(self, stored):
            return
        error = self.frozen_error(_("changed"))
        if error is not None:
            raise error

    def check_write(self, stored):
        self.check_frozen(stored)

    def check_delete(self, stored):
        error = self.frozen_error(_("deleted"))
        if error is not None:
            raise error

    def clean(self):
        super().clean()
        self.check_frozen()


class PlanPart(Versioned):
    """A row that belongs to one annual plan; `plan_path` is the lookup from the row to its plan."""

    history = HistoricalRecords(inherit=True)
    objects = ScopedQuerySet.as_manager()
    plan_path = "plan"

    class Meta:
        abstract = True

    def get_plan(self):
        target = self
        for attribute in self.plan_path.split("__"):
            target = getattr(target, attribute, None)
            if target is None:
                return None
        return target

    def get_plan_id(self):
        """The plan's id, following the path without fetching the plan itself."""
        *parents, last = self.plan_path.split("__")
        target = self
        for attribute in parents:
            target = getattr(target, attribute, None)
            if target is None:
                return None
        return getattr(target, f"{last}_id", None)

    def lock_for_write(self):
        """The plan's row first (the lock every writer of the plan takes), then this row."""
        plan_id = self.get_plan_id()
        if plan_id is not None:
            plan = lock_plan(plan_id)
            if plan.is_locked:
                raise PlanLocked(locked_message(plan), code="locked")
        return super().lock_for_write()

    def check_plan_unlocked(self):
        plan = self.get_plan()
        if plan is not None and plan.is_locked:
            raise PlanLocked(locked_message(plan), code="locked")

    def clean(self):
        super().clean()
        self.check_plan_unlocked()
