"""The hub of the plan: where a district sits, its annual plan, and the plan's own sections.

Section apps (strength, logistics, crime_stats, initiatives) point at `AnnualPlan`; this app never
imports them.
"""

import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from kasur_police.uploads import check_raster_image
from plans.base import PlanLocked, PlanPart, ReferenceItem, ScopedQuerySet, Versioned, locked_message, unique_per

FISCAL_YEAR_PATTERN = re.compile(r"^(\d{4})-(\d{4})$")


def fiscal_year_label(year_start):
    """2023 -> '2023-2024': the fiscal year as the plan, the portal and the API name it."""
    return f"{year_start}-{year_start + 1}"


def parse_fiscal_year(text):
    """'2023-2024' -> 2023; a ValueError for anything that is not two consecutive years."""
    match = FISCAL_YEAR_PATTERN.match(text.strip())
    if not match or int(match[2]) != int(match[1]) + 1:
        raise ValueError(f"{text!r} is not a fiscal year like 2023-2024.")
    return int(match[1])


class Province(models.Model):
    """A province, under its Central Police Office."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(_("slug"), unique=True)
    publishes_plans = models.BooleanField(
        _("publish approved plans"),
        default=True,
        help_text=_("Show the province's approved plans on the public pages and in the open data, without a login."),
    )

    history = HistoricalRecords()

    objects = ScopedQuerySet.as_manager()
    districts_below = "regions__districts"

    class Meta:
        ordering = ["name"]
        verbose_name = _("province")
        verbose_name_plural = _("provinces")

    def __str__(self):
        return self.name


class Region(models.Model):
    """A police region of a province, under a Regional Police Officer."""

    province = models.ForeignKey(Province, on_delete=models.PROTECT, related_name="regions")
    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(_("slug"), unique=True)

    history = HistoricalRecords()

    objects = ScopedQuerySet.as_manager()
    districts_below = "districts"

    class Meta:
        ordering = ["province", "name"]
        verbose_name = _("region")
        verbose_name_plural = _("regions")
        constraints = [
            models.UniqueConstraint(
                fields=["province", "name"],
                name="plans_region_unique_name",
                violation_error_message=_("This province already has a region of that name."),
            )
        ]

    def __str__(self):
        return self.name


class ApprovingAuthority(models.TextChoices):
    """Who approves a district's plan (Police Order 2002, Article 44, and practice where it lapsed)."""

    PUBLIC_SAFETY_COMMISSION = "dpsc", _("District Public Safety Commission")
    REGIONAL_POLICE_OFFICER = "rpo", _("Regional Police Officer")
    CENTRAL_POLICE_OFFICE = "cpo", _("Central Police Office")


class District(models.Model):
    """A police district, headed by its District Police Officer."""

    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="districts")
    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(_("slug"), unique=True)
    approving_authority = models.CharField(
        _("approving authority"),
        max_length=8,
        choices=ApprovingAuthority.choices,
        default=ApprovingAuthority.REGIONAL_POLICE_OFFICER,
    )
    is_synthetic = models.BooleanField(
        _("synthetic demo data"), default=False, help_text=_("Generated for trying the portal; not real.")
    )

    history = HistoricalRecords()
    objects = ScopedQuerySet.as_manager()
    district_path = "pk"

    class Meta:
        ordering = ["name"]
        verbose_name = _("district")
        verbose_name_plural = _("districts")

    def __str__(self):
        return self.name


class PlanStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    APPROVED = "approved", _("Approved")


class PrintLanguage(models.TextChoices):
    """The languages a plan can be printed in: the document's, chosen by its office, not the reader's."""

    ENGLISH = "en", _("English")
    URDU = "ur", _("Urdu")


class AnnualPlan(Versioned):
    """The annual policing plan of one district for one fiscal year (July to June).

    Its own fields (message, signatory ...) change only while it is a draft; the workflow changes its
    status. A save locks the row and checks the stored status, like every write to the plan's rows.
    `DOCUMENT_TEXT` are its fields of the document's own text, in print order: what next year's plan starts
    from, what the workbook and the API carry.
    """

    DOCUMENT_TEXT = (
        "message",
        "responsibilities_intro",
        "responsibilities_lead",
        "closing_text",
        "closing_salutation",
        "signatory_name",
        "signatory_suffix",
        "signatory_designation",
    )

    district = models.ForeignKey(District, on_delete=models.PROTECT, related_name="plans")
    year_start = models.PositiveSmallIntegerField(
        _("fiscal year starts"),
        validators=[MinValueValidator(2000), MaxValueValidator(2100)],
        help_text=_("The calendar year in July of which the plan starts: 2023 for 2023-2024."),
    )
    status = models.CharField(
        _("status"), max_length=12, choices=PlanStatus.choices, default=PlanStatus.DRAFT, editable=False
    )
    crime_first_year = models.PositiveSmallIntegerField(
        _("first crime year (baseline)"), validators=[MinValueValidator(1990), MaxValueValidator(2100)]
    )
    crime_last_year = models.PositiveSmallIntegerField(
        _("last crime year"), validators=[MinValueValidator(1990), MaxValueValidator(2100)]
    )
    print_language = models.CharField(
        _("print language"),
        max_length=2,
        choices=PrintLanguage.choices,
        default=PrintLanguage.ENGLISH,
        help_text=_("The language of the printed plan, its preview and the approved PDF, whoever opens them."),
    )
    message = models.TextField(_("DPO's message"), blank=True)
    responsibilities_intro = models.TextField(_("main responsibilities: introduction"), blank=True)
    responsibilities_lead = models.CharField(
        _("responsibilities: lead-in"), max_length=200, blank=True, help_text=_("'Our responsibilities are as under:-'")
    )
    closing_text = models.TextField(_("closing text"), blank=True)
    closing_salutation = models.CharField(_("closing salutation"), max_length=100, blank=True)
    signatory_name = models.CharField(_("signatory's name"), max_length=100, blank=True)
    signatory_suffix = models.CharField(_("signatory's service suffix"), max_length=20, blank=True)
    signatory_designation = models.CharField(_("signatory's designation"), max_length=200, blank=True)
    created = models.DateTimeField(_("created"), auto_now_add=True)
    modified = models.DateTimeField(_("modified"), auto_now=True)
    approved_pdf = models.FileField(_("approved PDF"), upload_to="approved/", blank=True, editable=False)
    approved_pdf_sha256 = models.CharField(_("SHA-256 of approved PDF"), max_length=64, blank=True, editable=False)

    history = HistoricalRecords()
    objects = ScopedQuerySet.as_manager()
    district_path = "district"

    class Meta:
        ordering = ["district__name", "-year_start"]
        verbose_name = _("annual policing plan")
        verbose_name_plural = _("annual policing plans")
        constraints = [
            models.UniqueConstraint(
                fields=["district", "year_start"],
                name="plans_annualplan_unique_year",
                violation_error_message=_("This district already has a plan for that fiscal year."),
            ),
            models.CheckConstraint(
                condition=Q(crime_first_year__lte=models.F("crime_last_year")),
                name="plans_annualplan_crime_window_ordered",
                violation_error_message=_("The first crime year must not come after the last."),
            ),
        ]

    def __str__(self):
        return f"{self.district} {self.fiscal_year}"

    def get_absolute_url(self):
        return reverse("plans:plan-detail", kwargs={"district": self.district.slug, "year": self.fiscal_year})

    @property
    def fiscal_year(self):
        return fiscal_year_label(self.year_start)

    @property
    def crime_years(self):
        return list(range(self.crime_first_year, self.crime_last_year + 1))

    @property
    def is_locked(self):
        return self.status != PlanStatus.DRAFT

    def check_write(self, stored):
        """A locked plan keeps its fields; only a change of status (the workflow's) may save it."""
        if stored is not None and stored.is_locked and self.status == stored.status:
            raise PlanLocked(locked_message(stored), code="locked")

    @property
    def is_returned(self):
        """A draft whose latest workflow step is a return: the district has a reviewer's comments to act on.

        Not a status of its own (the workflow only knows draft, submitted, approved); lists annotate
        `last_action` (`plans.statuses.with_workflow_state`), a single plan looks it up once.
        """
        if self.status != PlanStatus.DRAFT:
            return False
        if "last_action" not in self.__dict__:
            self.last_action = self.latest_step.action if self.latest_step else None
        return self.last_action == WorkflowAction.RETURN

    @cached_property
    def latest_step(self):
        return self.workflow_events.select_related("actor").order_by("-created", "-pk").first() if self.pk else None

    @property
    def status_key(self):
        """The status as people see it: 'returned' for a returned draft, else the workflow's status."""
        return "returned" if self.is_returned else self.status

    @property
    def status_label(self):
        return _("Returned") if self.is_returned else self.get_status_display()

    def clean(self):
        super().clean()
        if self.crime_first_year and self.crime_last_year:
            if self.crime_first_year > self.crime_last_year:
                raise ValidationError(
                    {"crime_last_year": _("The last crime year must not come before the first (baseline).")}
                )
            if self.year_start and self.crime_last_year > self.year_start:
                raise ValidationError(
                    {"crime_last_year": _("Crime figures cannot run past the year the plan starts in.")}
                )
            if self.crime_last_year - self.crime_first_year > 9:
                raise ValidationError({"crime_first_year": _("A plan compares at most ten years of crime.")})


class DistrictProfile(PlanPart):
    """Vital statistics of the district as the plan states them; `FIGURES` are its typed figures in print order."""

    FIGURES = (
        "area_sq_km",
        "population",
        "urban_percent",
        "rural_percent",
        "border_km",
        "tehsils",
        "mnas",
        "mpas",
        "union_councils",
        "police_subdivisions",
        "police_stations",
        "police_posts_sanctioned",
        "police_posts_unsanctioned",
        "banks",
        "petrol_pumps",
    )

    plan = models.OneToOneField(AnnualPlan, on_delete=models.CASCADE, related_name="profile")
    area_sq_km = models.DecimalField(
        _("area (sq. km)"), max_digits=10, decimal_places=2, validators=[MinValueValidator(0)]
    )
    population = models.PositiveBigIntegerField(_("population"))
    urban_percent = models.DecimalField(
        _("urban population %"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    rural_percent = models.DecimalField(
        _("rural population %"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    border_km = models.DecimalField(
        _("border (km)"), max_digits=8, decimal_places=2, null=True, blank=True, validators=[MinValueValidator(0)]
    )
    tehsils = models.PositiveIntegerField(_("tehsils"))
    mnas = models.PositiveIntegerField(_("MNAs"))
    mpas = models.PositiveIntegerField(_("MPAs"))
    union_councils = models.PositiveIntegerField(_("union councils"))
    police_subdivisions = models.PositiveIntegerField(_("police sub-divisions"))
    police_stations = models.PositiveIntegerField(_("police stations"))
    police_posts_sanctioned = models.PositiveIntegerField(_("police posts sanctioned"))
    police_posts_unsanctioned = models.PositiveIntegerField(_("police posts unsanctioned"))
    banks = models.PositiveIntegerField(_("banks"))
    petrol_pumps = models.PositiveIntegerField(_("petrol pumps"))
    map_image = models.ImageField(_("district map"), upload_to="maps/", blank=True)

    class Meta:
        verbose_name = _("vital statistics")
        verbose_name_plural = _("vital statistics")
        constraints = [
            models.CheckConstraint(
                condition=Q(urban_percent__gte=0, urban_percent__lte=100, rural_percent__gte=0, rural_percent__lte=100),
                name="plans_districtprofile_percent_range",
                violation_error_message=_("Percentages must lie between 0 and 100."),
            ),
        ]

    def __str__(self):
        return str(_("Vital statistics of %(plan)s") % {"plan": self.plan})

    @property
    def police_posts_total(self):
        return self.police_posts_sanctioned + self.police_posts_unsanctioned

    def clean(self):
        super().clean()
        if self.map_image and not self.map_image._committed:
            try:
                check_raster_image(self.map_image)
            except ValidationError as error:
                raise ValidationError({"map_image": error.messages}) from error
        shares = (self.urban_percent, self.rural_percent)
        if None not in shares and sum(shares) != 100:
            raise ValidationError(
                {
                    "rural_percent": _("Urban and rural shares must add up to 100%% (they add up to %(sum)s%%).")
                    % {"sum": sum(shares)}
                }
            )


class SectShare(PlanPart):
    """One line of the sects classification: a sect and its share of the population."""

    plan = models.ForeignKey(AnnualPlan, on_delete=models.CASCADE, related_name="sect_shares")
    name = models.CharField(_("sect"), max_length=100)
    percent = models.DecimalField(
        _("share %"), max_digits=5, decimal_places=2, validators=[MinValueValidator(0), MaxValueValidator(100)]
    )
    position = models.PositiveIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["plan", "position", "pk"]
        verbose_name = _("sect share")
        verbose_name_plural = _("sects classification")
        constraints = [
            unique_per("plan", "name", message=_("This sect is already listed in the plan.")),
        ]

    def __str__(self):
        return f"{self.name} {self.percent}%"


class PlaceOfWorship(PlanPart):
    """A kind of place of worship or learning and how many the district has (mosques, churches ...)."""

    plan = models.ForeignKey(AnnualPlan, on_delete=models.CASCADE, related_name="places_of_worship")
    kind = models.CharField(_("kind"), max_length=100)
    count = models.PositiveIntegerField(_("count"))
    is_approximate = models.BooleanField(_("approximate"), default=False)
    position = models.PositiveIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["plan", "position", "pk"]
        verbose_name = _("place of worship")
        verbose_name_plural = _("places of worship")
        constraints = [
            unique_per("plan", "kind", message=_("This kind of place is already listed in the plan.")),
        ]

    def __str__(self):
        return f"{self.kind}: {self.count}"


class UnitKind(models.TextChoices):
    DISTRICT = "district", _("District command")
    SUB_DIVISION = "sub_division", _("Sub-division / circle")
    POLICE_STATION = "police_station", _("Police station")
    POLICE_POST = "police_post", _("Police post")
    BRANCH = "branch", _("HQ branch or unit")


class Unit(PlanPart):
    """A box of the organogram: a command, circle, police station or branch, and who commands it."""

    plan = models.ForeignKey(AnnualPlan, on_delete=models.CASCADE, related_name="units")
    parent = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="children", verbose_name=_("reports to")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=UnitKind.choices)
    name = models.CharField(_("name"), max_length=100, blank=True, help_text=_("'City', 'A-Div'; blank for a post."))
    commander = models.CharField(_("commander"), max_length=100, help_text=_("'DSP/SDPO', 'SHO', 'SP Investigation'."))
    position = models.PositiveIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["plan", "position", "pk"]
        verbose_name = _("organogram unit")
        verbose_name_plural = _("organogram")

    def __str__(self):
        return f"{self.commander} {self.name}".strip()

    def clean(self):
        super().clean()
        if self.parent_id is None:
            return
        if self.parent.plan_id != self.plan_id:
            raise ValidationError({"parent": _("The unit it reports to must belong to the same plan.")})
        ancestor = self.parent
        while ancestor is not None:
            if self.pk and ancestor.pk == self.pk:
                raise ValidationError({"parent": _("A unit cannot report to itself or to one of its own units.")})
            ancestor = ancestor.parent


class BudgetHead(ReferenceItem):
    """A head of account of the district's budget (code and name, e.g. A03807 POL charges)."""

    account_code = models.CharField(_("account code"), max_length=30, blank=True)

    class Meta(ReferenceItem.Meta):
        verbose_name = _("budget head")
        verbose_name_plural = _("budget heads")
        constraints = [
            unique_per("district", "account_code", "name", message=_("The district already has this budget head."))
        ]

    def __str__(self):
        return f"{self.account_code}-{self.name}" if self.account_code else self.name


class BudgetAllocation(PlanPart):
    """One line of 'Financial resources likely to be available': a budget head and its amount."""

    plan = models.ForeignKey(AnnualPlan, on_delete=models.CASCADE, related_name="budget_allocations")
    head = models.ForeignKey(BudgetHead, on_delete=models.PROTECT, related_name="allocations")
    amount = models.PositiveBigIntegerField(_("amount (Rs.)"))

    class Meta:
        ordering = ["plan", "head__position", "pk"]
        verbose_name = _("budget allocation")
        verbose_name_plural = _("financial resources")
        constraints = [unique_per("plan", "head", message=_("This budget head already has an amount in the plan."))]

    def __str__(self):
        return f"{self.head}: {self.amount}"

    def clean(self):
        super().clean()
        if self.head_id and self.plan_id and self.head.district_id != self.plan.district_id:
            raise ValidationError({"head": _("Choose a budget head of the plan's own district.")})


class PlanValue(PlanPart):
    """One of the values under 'Main Responsibilities' (Integrity, Commitment ...) with its description."""

    plan = models.ForeignKey(AnnualPlan, on_delete=models.CASCADE, related_name="values")
    name = models.CharField(_("value"), max_length=100)
    description = models.TextField(_("description"))
    position = models.PositiveIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["plan", "position", "pk"]
        verbose_name = _("value")
        verbose_name_plural = _("values")

    def __str__(self):
        return self.name


class Responsibility(PlanPart):
    """One bullet of 'Our responsibilities are as under'."""

    plan = models.ForeignKey(AnnualPlan, on_delete=models.CASCADE, related_name="responsibilities")
    text = models.TextField(_("responsibility"))
    position = models.PositiveIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["plan", "position", "pk"]
        verbose_name = _("responsibility")
        verbose_name_plural = _("responsibilities")

    def __str__(self):
        return self.text[:80]


class PrintedFigure(PlanPart):
    """A derived figure as the source document printed it (a total, a change, a group total).

    The portal never shows these in place of the computed figure; they are kept so the plan's
    figures stay as the document has them and the consistency check can name every place where the
    document's arithmetic differs from the computed value. Keys are built by each section's
    `figures.py` (for example `strength:total:short`).
    """

    plan = models.ForeignKey(AnnualPlan, on_delete=models.CASCADE, related_name="printed_figures")
    key = models.CharField(_("figure"), max_length=200)
    value = models.DecimalField(_("value as printed"), max_digits=18, decimal_places=3)

    class Meta:
        ordering = ["plan", "key"]
        verbose_name = _("figure as printed")
        verbose_name_plural = _("figures as printed in the document")
        constraints = [unique_per("plan", "key", message=_("This figure is already recorded for the plan."))]

    def __str__(self):
        return f"{self.key} = {self.value.normalize()}"


class WorkflowAction(models.TextChoices):
    SUBMIT = "submit", _("Submitted")
    RETURN = "return", _("Returned with comments")
    APPROVE = "approve", _("Approved")


class WorkflowEvent(models.Model):
    """One step of a plan's way from draft to approval, with who took it and why."""

    plan = models.ForeignKey(AnnualPlan, on_delete=models.CASCADE, related_name="workflow_events")
    action = models.CharField(_("action"), max_length=10, choices=WorkflowAction.choices)
    from_status = models.CharField(_("from"), max_length=12, choices=PlanStatus.choices)
    to_status = models.CharField(_("to"), max_length=12, choices=PlanStatus.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    comment = models.TextField(_("comment"), blank=True)
    created = models.DateTimeField(_("when"), auto_now_add=True)

    objects = ScopedQuerySet.as_manager()
    district_path = "plan__district"

    class Meta:
        ordering = ["plan", "created", "pk"]
        verbose_name = _("workflow step")
        verbose_name_plural = _("workflow steps")

    def __str__(self):
        return f"{self.plan}: {self.get_action_display()}"


class Role(models.TextChoices):
    """What a user may do; each role is also a Django group holding its model permissions."""

    CLERK = "clerk", _("Clerk")
    DPO = "dpo", _("District Police Officer")
    REVIEWER = "reviewer", _("Reviewer")
    READER = "reader", _("Reader")


class Membership(models.Model):
    """Where a user works: one district, a region or a whole province, and in what role."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="membership")
    role = models.CharField(_("role"), max_length=10, choices=Role.choices)
    district = models.ForeignKey(District, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    region = models.ForeignKey(Region, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    province = models.ForeignKey(Province, on_delete=models.CASCADE, null=True, blank=True, related_name="+")

    objects = ScopedQuerySet.as_manager()
    district_path = "district"  # a region or province membership shows to superusers only
    history = HistoricalRecords()

    class Meta:
        ordering = ["user__username"]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(district__isnull=False, region__isnull=True, province__isnull=True)
                    | Q(district__isnull=True, region__isnull=False, province__isnull=True)
                    | Q(district__isnull=True, region__isnull=True, province__isnull=False)
                ),
                name="plans_membership_one_scope",
                violation_error_message=_("A membership covers exactly one district, region or province."),
            )
        ]

    def __str__(self):
        return f"{self.user} ({self.get_role_display()}, {self.scope})"

    @property
    def scope(self):
        return self.district or self.region or self.province

    def clean(self):
        super().clean()
        if self.role in (Role.CLERK, Role.DPO) and not self.district_id:
            raise ValidationError({"district": _("Clerks and DPOs work for one district.")})
