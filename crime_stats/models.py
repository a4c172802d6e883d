"""Crime figures: reported cases by head and calendar year, and one year's operational results."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from plans.base import PlanPart, ReferenceItem, unique_per
from plans.models import AnnualPlan
from plans.references import foreign_reference_errors


class CrimeHead(ReferenceItem):
    """A head of crime the district reports (Murder, 382 PPC, PRO-Ordinance ...) with its law sections."""

    law_sections = models.CharField(_("law sections"), max_length=200, blank=True, help_text=_("e.g. 302 PPC"))

    class Meta(ReferenceItem.Meta):
        verbose_name = _("crime head")
        verbose_name_plural = _("crime heads")
        constraints = [unique_per("district", "name", message=_("The district already has a crime head of that name."))]


def check_year_in_window(plan, year, field="year"):
    if plan is not None and year is not None and not plan.crime_first_year <= year <= plan.crime_last_year:
        raise ValidationError(
            {
                field: _("%(year)s is outside the plan's crime years %(first)s–%(last)s.")
                % {"year": year, "first": plan.crime_first_year, "last": plan.crime_last_year}
            }
        )


class CrimeFigure(PlanPart):
    """Cases reported under one crime head in one calendar year."""

    plan = models.ForeignKey(AnnualPlan, on_delete=models.CASCADE, related_name="crime_figures")
    head = models.ForeignKey(CrimeHead, on_delete=models.PROTECT, related_name="figures")
    year = models.PositiveSmallIntegerField(_("year"))
    cases = models.PositiveIntegerField(_("cases reported"))

    class Meta:
        ordering = ["plan", "head__position", "year"]
        verbose_name = _("crime figure")
        verbose_name_plural = _("crime figures")
        constraints = [
            unique_per("plan", "head", "year", message=_("This crime head already has a figure for that year."))
        ]

    def __str__(self):
        return f"{self.head} {self.year}: {self.cases}"

    def clean(self):
        super().clean()
        if self.plan_id:
            check_year_in_window(self.plan, self.year)
            if self.head_id and self.head.district_id != self.plan.district_id:
                raise ValidationError({"head": _("Choose a crime head of the plan's own district.")})


class OperationalResult(PlanPart):
    """The year's operational results: gangs, absconders, encounters, recoveries and forensic matches."""

    plan = models.ForeignKey(AnnualPlan, on_delete=models.CASCADE, related_name="operational_results")
    year = models.PositiveSmallIntegerField(_("year"))
    gangs_smashed = models.PositiveIntegerField(_("gangs smashed"), default=0)
    gang_members_arrested = models.PositiveIntegerField(_("criminals arrested (gangs)"), default=0)
    gang_arms_recovered = models.PositiveIntegerField(_("arms recovered (gangs)"), default=0)
    gang_property_recovered = models.PositiveBigIntegerField(_("cash and property recovered (Rs.)"), default=0)
    proclaimed_offenders_arrested = models.PositiveIntegerField(_("proclaimed offenders arrested"), default=0)
    court_absconders_arrested = models.PositiveIntegerField(_("court absconders arrested"), default=0)
    encounters = models.PositiveIntegerField(_("encounters"), default=0)
    police_martyred = models.PositiveIntegerField(_("policemen martyred"), default=0)
    police_injured = models.PositiveIntegerField(_("policemen injured"), default=0)
    criminals_killed = models.PositiveIntegerField(_("criminals killed"), default=0)
    criminals_injured = models.PositiveIntegerField(_("criminals injured"), default=0)
    criminals_arrested = models.PositiveIntegerField(_("criminals arrested (encounters)"), default=0)
    public_killed = models.PositiveIntegerField(_("public killed"), default=0)
    public_injured = models.PositiveIntegerField(_("public injured"), default=0)
    narcotics_cases = models.PositiveIntegerField(_("narcotics cases registered"), default=0)
    narcotics_accused = models.PositiveIntegerField(_("narcotics accused arrested"), default=0)
    illicit_arms_cases = models.PositiveIntegerField(_("illicit arms cases registered"), default=0)
    illicit_arms_accused = models.PositiveIntegerField(_("illicit arms accused arrested"), default=0)
    forensic_sent = models.PositiveIntegerField(_("crime scene samples sent to NADRA"), default=0)
    forensic_matched = models.PositiveIntegerField(_("match"), default=0)
    forensic_unmatched = models.PositiveIntegerField(_("no match"), default=0)
    forensic_pending = models.PositiveIntegerField(_("result pending"), default=0)

    class Meta:
        ordering = ["plan", "year"]
        verbose_name = _("operational results")
        verbose_name_plural = _("operational results")
        constraints = [unique_per("plan", "year", message=_("The plan already has operational results for that year."))]

    def __str__(self):
        return str(_("Operational results %(year)s") % {"year": self.year})

    @classmethod
    def figure_fields(cls):
        """Names of the result's counts, in the order the plan prints them (not its key, plan, year or version)."""
        return [
            field.name for field in cls._meta.concrete_fields if field.name not in {"id", "plan", "year", "version"}
        ]

    # The figures that only an encounter can produce, in the order the plan prints them.
    ENCOUNTER_FIGURES = (
        "police_martyred",
        "police_injured",
        "criminals_killed",
        "criminals_injured",
        "criminals_arrested",
        "public_killed",
        "public_injured",
    )

    def clean(self):
        super().clean()
        if self.plan_id:
            check_year_in_window(self.plan, self.year)


class Substance(ReferenceItem):
    """A narcotic substance the district reports recoveries of, with the unit it is counted in."""

    unit = models.CharField(_("unit"), max_length=20, help_text=_("kg, litres, bottles, number ..."))

    class Meta(ReferenceItem.Meta):
        verbose_name = _("narcotic substance")
        verbose_name_plural = _("narcotic substances")
        constraints = [unique_per("district", "name", message=_("The district already has a substance of that name."))]

    def __str__(self):
        return f"{self.name} ({self.unit})"


class NarcoticsRecovery(PlanPart):
    """How much of one substance was recovered in the year."""

    result = models.ForeignKey(OperationalResult, on_delete=models.CASCADE, related_name="narcotics")
    substance = models.ForeignKey(Substance, on_delete=models.PROTECT, related_name="recoveries")
    quantity = models.DecimalField(_("quantity"), max_digits=14, decimal_places=3)

    plan_path = "result__plan"

    class Meta:
        ordering = ["result", "substance__position", "pk"]
        verbose_name = _("narcotics recovery")
        verbose_name_plural = _("recovery of narcotics")
        constraints = [
            unique_per("result", "substance", message=_("This substance already has a recovery for the year.")),
            models.CheckConstraint(
                condition=models.Q(quantity__gte=0),
                name="crime_stats_narcoticsrecovery_quantity_gte_0",
                violation_error_message=_("A recovered quantity cannot be negative."),
            ),
        ]

    def __str__(self):
        return f"{self.substance.name}: {self.quantity} {self.substance.unit}"

    def clean(self):
        super().clean()
        if errors := foreign_reference_errors(self):
            raise ValidationError(errors)


class IllicitArmType(ReferenceItem):
    """A kind of illicit weapon recovered (Rifles, Pistols / Revolvers, Kalashnikov ...)."""

    class Meta(ReferenceItem.Meta):
        verbose_name = _("illicit arm type")
        verbose_name_plural = _("illicit arm types")
        constraints = [
            unique_per("district", "name", message=_("The district already has an illicit arm type of that name."))
        ]


class IllicitArmsRecovery(PlanPart):
    """How many illicit weapons of one type were recovered in the year."""

    result = models.ForeignKey(OperationalResult, on_delete=models.CASCADE, related_name="illicit_arms")
    arm_type = models.ForeignKey(IllicitArmType, on_delete=models.PROTECT, related_name="recoveries")
    count = models.PositiveIntegerField(_("recovered"))

    plan_path = "result__plan"

    class Meta:
        ordering = ["result", "arm_type__position", "pk"]
        verbose_name = _("illicit arms recovery")
        verbose_name_plural = _("recovery of illicit arms")
        constraints = [
            unique_per("result", "arm_type", message=_("This arm type already has a recovery for the year."))
        ]

    def __str__(self):
        return f"{self.arm_type}: {self.count}"

    def clean(self):
        super().clean()
        if errors := foreign_reference_errors(self):
            raise ValidationError(errors)
