"""Checks of the chapters the plans app holds: organogram, vital statistics and financial resources."""

import re

from django.db.models import Count
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from plans import models
from plans.consistency import Derived, Section, TextSource, missing_parts, number, previous_plan, text_findings
from plans.figures import computed_figures

ORGANOGRAM = Section("district-detail", gettext_lazy("Organogram"))
VITAL_STATISTICS = Section("vital-statistics", gettext_lazy("Vital statistics"))
FINANCIAL_RESOURCES = Section("financial-resources", gettext_lazy("Financial resources"))
MESSAGE = Section("message", gettext_lazy("Message of the District Police Officer"))
RESPONSIBILITIES = Section("responsibilities", gettext_lazy("Main responsibilities"))
CLOSING = Section("closing", gettext_lazy("Closing"))

# The plan's own text, chapter by chapter: what the previous plan had must be there, and is read for old years.
# The signature is printed under the responsibilities and values, and edited there.
PLAN_TEXT = {
    "message": MESSAGE,
    "responsibilities_intro": RESPONSIBILITIES,
    "responsibilities_lead": RESPONSIBILITIES,
    "closing_text": CLOSING,
    "signatory_name": RESPONSIBILITIES,
    "signatory_designation": RESPONSIBILITIES,
}
# The input of each of the plan's own fields in its chapter's editor (`plans.editors.plan_chapters`).
PLAN_FIELD_PREFIX = {"message": "message", "closing_text": "closing", "closing_salutation": "closing"}


def plan_field_cell(_plan, name):
    return f"{PLAN_FIELD_PREFIX.get(name, 'intro')}-{name}"


TEXT_SOURCES = [
    TextSource(models.AnnualPlan, ("message",), MESSAGE, cell=plan_field_cell),
    TextSource(models.AnnualPlan, ("responsibilities_intro",), RESPONSIBILITIES, cell=plan_field_cell),
    TextSource(models.PlanValue, ("description",), RESPONSIBILITIES, cell="values"),
    TextSource(models.Responsibility, ("text",), RESPONSIBILITIES, cell="responsibilities-text"),
    TextSource(models.AnnualPlan, ("closing_text",), CLOSING, cell=plan_field_cell),
]
PARTS = [
    (models.PlanValue, RESPONSIBILITIES, "values"),
    (models.Responsibility, RESPONSIBILITIES, "responsibilities-text"),
    (models.Unit, ORGANOGRAM, "units"),
    (models.SectShare, VITAL_STATISTICS, "sects"),
    (models.PlaceOfWorship, VITAL_STATISTICS, "worship"),
    (models.BudgetAllocation, FINANCIAL_RESOURCES),
]

# A government account code (New Accounting Model): a letter and two to five digits (A01, A038, A03807),
# in some budget books with a numbered sub-head (A03970-001).
ACCOUNT_CODE = re.compile(r"[A-Z]\d{2,5}(-\d{1,4})?")
LOOKALIKE_DIGITS = str.maketrans("OoIl", "0011")


def check(plan):
    profile = models.DistrictProfile.objects.filter(plan=plan).first()
    previous = previous_plan(plan)
    yield from check_plan_text_present(plan, previous)
    yield from check_profile_present(profile)
    yield from missing_parts(plan, previous, PARTS)
    if profile is not None:
        yield from check_organogram(plan, profile)
        yield from check_shares(plan, profile)
    yield from check_account_codes(plan)
    yield from text_findings(plan, TEXT_SOURCES)


def check_plan_text_present(plan, previous):
    """The plan's own text that the previous plan had (the DPO's message, the closing ...) is not left blank."""
    if previous is None:
        return
    for name, section in PLAN_TEXT.items():
        if getattr(previous, name).strip() and not getattr(plan, name).strip():
            yield section.error(
                _("No %(field)s: the %(year)s plan has one")
                % {
                    "field": models.AnnualPlan._meta.get_field(name).verbose_name,
                    "year": previous.fiscal_year,
                },
                plan_field_cell(plan, name),
            )


def check_profile_present(profile):
    """The vital statistics are entered, with a population, an area and police stations (a district has all three)."""
    if profile is None:
        yield VITAL_STATISTICS.error(
            _("No vital statistics are entered (population, area, police stations ...)"), "profile-area_sq_km"
        )
        return
    for name in ("population", "area_sq_km", "police_stations"):
        if not getattr(profile, name):
            yield VITAL_STATISTICS.error(
                _("%(figure)s is 0: enter the district's figure")
                % {"figure": models.DistrictProfile._meta.get_field(name).verbose_name.capitalize()},
                f"profile-{name}",
            )


def check_organogram(plan, profile):
    """The organogram against the vital statistics; a warning only, as an organogram may be abbreviated."""
    shown = dict(models.Unit.objects.filter(plan=plan).values_list("kind").annotate(count=Count("pk")).order_by())
    if not shown:
        return
    for kind, stated, things in (
        (models.UnitKind.SUB_DIVISION, profile.police_subdivisions, _("sub-divisions")),
        (models.UnitKind.POLICE_STATION, profile.police_stations, _("police stations")),
    ):
        if shown.get(kind, 0) != stated:
            yield ORGANOGRAM.warning(
                _("The organogram shows %(shown)s %(things)s, but the vital statistics state %(stated)s")
                % {"shown": shown.get(kind, 0), "things": things, "stated": stated},
                "units",
            )


def check_shares(plan, profile):
    """Urban and rural shares, and the sects, each make up the whole population."""
    urban_rural = profile.urban_percent + profile.rural_percent
    if urban_rural != 100:
        yield VITAL_STATISTICS.error(
            _("Urban %(urban)s%% + rural %(rural)s%% = %(sum)s%%, not 100%%")
            % {
                "urban": number(profile.urban_percent),
                "rural": number(profile.rural_percent),
                "sum": number(urban_rural),
            },
            "profile-rural_percent",
        )
    shares = list(models.SectShare.objects.filter(plan=plan).values_list("name", "percent"))
    total = sum(percent for _name, percent in shares)
    if shares and total != 100:
        parts = " + ".join(f"{name} {number(percent)}%" for name, percent in shares)
        yield VITAL_STATISTICS.error(
            _("The sect shares add up to %(sum)s%% (%(parts)s), not 100%%") % {"sum": number(total), "parts": parts},
            "sects",
        )


def account_code_guess(code):
    """A valid-looking code one slip away from `code`: the letter O (or I, l) typed for a digit, or a digit typed twice.

    A heuristic for the commonest typing slips, not a check against the chart of accounts.
    """
    fixed = code[:1].upper() + code[1:].translate(LOOKALIKE_DIGITS)
    if ACCOUNT_CODE.fullmatch(fixed):
        return fixed
    for index in range(1, len(fixed) - 1):
        if fixed[index].isdigit() and fixed[index] == fixed[index + 1]:
            candidate = fixed[:index] + fixed[index + 1 :]
            if ACCOUNT_CODE.fullmatch(candidate):
                return candidate
    return None


def check_account_codes(plan):
    allocations = (
        models.BudgetAllocation.objects.filter(plan=plan).select_related("head").order_by("head__position", "pk")
    )
    for allocation in allocations:
        code = allocation.head.account_code.strip()
        if not code or ACCOUNT_CODE.fullmatch(code):
            continue
        guess = account_code_guess(code)
        values = {"code": code, "head": allocation.head.name, "guess": guess}
        if guess:
            message = _("Account code %(code)s (%(head)s) looks like a typo of %(guess)s") % values
        else:
            message = (
                _("Account code %(code)s (%(head)s) does not look like a government account code (like A03807)")
                % values
            )
        yield FINANCIAL_RESOURCES.warning(message, f"budget-{allocation.head_id}-amount")


def explained_figures(plan):
    profile = models.DistrictProfile.objects.filter(plan=plan).first()
    if profile is None:
        return {}
    computed = computed_figures(plan, profile)
    return {
        "profile:police_posts_total": Derived(
            VITAL_STATISTICS,
            _("Police posts total"),
            computed["profile:police_posts_total"],
            _("sanctioned %(sanctioned)s + unsanctioned %(unsanctioned)s = %(total)s")
            % {
                "sanctioned": profile.police_posts_sanctioned,
                "unsanctioned": profile.police_posts_unsanctioned,
                "total": computed["profile:police_posts_total"],
            },
            cell="profile-police_posts_sanctioned",
        )
    }
