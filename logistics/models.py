"""Logistics: vehicles by type and deployment, and stock statements of arms, ammunition and equipment."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from plans.base import PlanPart, ReferenceItem, unique_per
from plans.models import AnnualPlan
from plans.references import foreign_reference_errors


class VehicleType(ReferenceItem):
    """A kind of vehicle the district holds (Jeep, Toyota Pickup, Jail Van ...)."""

    class Meta(ReferenceItem.Meta):
        verbose_name = _("vehicle type")
        verbose_name_plural = _("vehicle types")
        constraints = [
            unique_per("district", "name", message=_("The district already has a vehicle type of that name."))
        ]


class Deployment(ReferenceItem):
    """Where vehicles are deployed: a column of the vehicles table (Police Stations, Elite, G.O ...)."""

    class Meta(ReferenceItem.Meta):
        verbose_name = _("deployment")
        verbose_name_plural = _("deployments")
        constraints = [unique_per("district", "name", message=_("The district already has a deployment of that name."))]


class VehicleCount(PlanPart):
    """A cell of the vehicles table: how many vehicles of a type are at one deployment."""

    plan = models.ForeignKey(AnnualPlan, on_delete=models.CASCADE, related_name="vehicle_counts")
    vehicle_type = models.ForeignKey(VehicleType, on_delete=models.PROTECT, related_name="counts")
    deployment = models.ForeignKey(Deployment, on_delete=models.PROTECT, related_name="counts")
    count = models.PositiveIntegerField(_("vehicles"))

    class Meta:
        ordering = ["plan", "vehicle_type__position", "deployment__position", "pk"]
        verbose_name = _("vehicle count")
        verbose_name_plural = _("vehicles")
        constraints = [
            unique_per(
                "plan",
                "vehicle_type",
                "deployment",
                message=_("This vehicle type already has a count for that deployment."),
            )
        ]

    def __str__(self):
        return f"{self.vehicle_type} at {self.deployment}: {self.count}"

    def clean(self):
        super().clean()
        errors = {}
        if self.plan_id:
            if self.vehicle_type_id and self.vehicle_type.district_id != self.plan.district_id:
                errors["vehicle_type"] = _("Choose a vehicle type of the plan's own district.")
            if self.deployment_id and self.deployment.district_id != self.plan.district_id:
                errors["deployment"] = _("Choose a deployment of the plan's own district.")
        if errors:
            raise ValidationError(errors)


class StockCategory(ReferenceItem):
    """A kind of stock statement (arms and ammunition, anti-riot equipment, tear gas)."""

    class Meta(ReferenceItem.Meta):
        verbose_name = _("stock category")
        verbose_name_plural = _("stock categories")
        constraints = [
            unique_per("district", "name", message=_("The district already has a stock category of that name."))
        ]


class EquipmentType(ReferenceItem):
    """A weapon, ammunition or equipment type, as a row of its category's stock statement."""

    category = models.ForeignKey(StockCategory, on_delete=models.PROTECT, related_name="equipment_types")

    class Meta(ReferenceItem.Meta):
        ordering = ["district", "category__position", "position", "name"]
        verbose_name = _("weapon or equipment type")
        verbose_name_plural = _("weapon and equipment types")
        constraints = [unique_per("category", "name", message=_("This category already has a type of that name."))]

    def clean(self):
        super().clean()
        if self.category_id and self.district_id and self.category.district_id != self.district_id:
            raise ValidationError({"category": _("Choose a category of the same district.")})


class StockStatement(PlanPart):
    """A statement of stock of one category, as of a date."""

    plan = models.ForeignKey(AnnualPlan, on_delete=models.CASCADE, related_name="stock_statements")
    category = models.ForeignKey(StockCategory, on_delete=models.PROTECT, related_name="statements")
    as_of = models.DateField(
        _("dated"),
        null=True,
        blank=True,
        help_text=_("The day the stock was counted; blank in a plan carried forward until this year's count."),
    )

    class Meta:
        ordering = ["plan", "category__position", "pk"]
        verbose_name = _("stock statement")
        verbose_name_plural = _("stock statements")
        constraints = [unique_per("plan", "category", message=_("The plan already has a statement of this category."))]

    def __str__(self):
        return f"{self.category} ({self.as_of:%d.%m.%Y})" if self.as_of else str(self.category)

    def clean(self):
        super().clean()
        if self.category_id and self.plan_id and self.category.district_id != self.plan.district_id:
            raise ValidationError({"category": _("Choose a stock category of the plan's own district.")})


class StockItem(PlanPart):
    """A row of a stock statement: total stock, distributed to police stations, at HQ, new demand.

    Rows that share a `group` (a new Turkish type beside the old one, say) are totalled together;
    the group's new demand is entered on its first row, as the document prints it in a merged cell.
    """

    statement = models.ForeignKey(StockStatement, on_delete=models.CASCADE, related_name="items")
    equipment_type = models.ForeignKey(EquipmentType, on_delete=models.PROTECT, related_name="stock_items")
    group = models.CharField(
        _("group"), max_length=100, blank=True, help_text=_("Rows with the same group get a grand total together.")
    )
    total_stock = models.PositiveIntegerField(_("total stock of district/unit"))
    distributed = models.PositiveIntegerField(_("distributed to police stations"))
    at_headquarters = models.PositiveIntegerField(_("present at HQ"))
    new_demand = models.PositiveIntegerField(_("new demand (shortage)"), default=0)

    plan_path = "statement__plan"

    class Meta:
        ordering = ["statement", "equipment_type__position", "pk"]
        verbose_name = _("stock line")
        verbose_name_plural = _("stock lines")
        constraints = [
            unique_per("statement", "equipment_type", message=_("This type already has a line in the statement."))
        ]

    def __str__(self):
        return f"{self.equipment_type}: {self.total_stock}"

    @property
    def accounted(self):
        """What the distributed and HQ columns account for; equals the total stock when the line is right."""
        return self.distributed + self.at_headquarters

    def clean(self):
        super().clean()
        if (
            self.equipment_type_id
            and self.statement_id
            and self.equipment_type.category_id != self.statement.category_id
        ):
            raise ValidationError({"equipment_type": _("Choose a type of the statement's own category.")})
        if errors := foreign_reference_errors(self):
            raise ValidationError(errors)
