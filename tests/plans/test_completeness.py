"""Completeness findings: what a plan must hold before it goes up, and text left over from an earlier year."""

from datetime import date

import pytest

from crime_stats.models import CrimeFigure, CrimeHead, OperationalResult
from initiatives.models import NarrativeSection, Objective, Target
from logistics.models import StockStatement
from plans.consistency import run_checks
from plans.demo import build_demo_district, build_demo_plan
from plans.models import AnnualPlan, DistrictProfile, Province, Region, Unit
from plans.workflow import WorkflowError, submit


@pytest.fixture
def district(db):
    province = Province.objects.create(name="Punjab", slug="punjab")
    region = Region.objects.create(province=province, name="Demo Region", slug="demo-region")
    return build_demo_district(region, 1)


@pytest.fixture
def plan(district):
    """A consistent 2023-2024 draft (crime years 2020-2022)."""
    return build_demo_plan(district, 2023, seed=1)


@pytest.fixture
def two_years(district):
    """(2022-2023 plan, 2023-2024 plan) of one district, both consistent."""
    return build_demo_plan(district, 2022, seed=1), build_demo_plan(district, 2023, seed=1)


def listed(findings):
    return [(finding.severity, finding.section, finding.message) for finding in findings]


def test_a_consistent_plan_after_a_consistent_one_has_no_findings(two_years):
    assert run_checks(two_years[1]) == []


def test_missing_crime_heads_and_years_are_listed(plan):
    heads = list(CrimeHead.objects.filter(district=plan.district).order_by("position", "name"))
    CrimeFigure.objects.filter(plan=plan, head__in=heads[:2]).delete()
    CrimeFigure.objects.filter(plan=plan, head=heads[2], year__in=[2021, 2022]).delete()
    CrimeFigure.objects.filter(plan=plan, head=heads[3], year=2022).update(cases=0)  # 0 is a figure

    errors = [finding for finding in run_checks(plan) if finding.section == "Crime-2022" and "lack" in finding.message]

    assert listed(errors) == [
        (
            "error",
            "Crime-2022",
            f"3 of {len(heads)} crime heads lack figures (blank is not 0): "
            f"{heads[0].name}, {heads[1].name} (2020, 2021, 2022); {heads[2].name} (2021, 2022)",
        )
    ]


def test_submission_is_refused_with_the_missing_heads_named(plan, django_user_model):
    head = CrimeHead.objects.filter(district=plan.district).order_by("position").first()
    CrimeFigure.objects.filter(plan=plan, head=head, year=2022).delete()
    admin = django_user_model.objects.create_superuser("admin")

    with pytest.raises(WorkflowError, match=rf"crime heads lack figures \(blank is not 0\): {head.name} \(2022\)"):
        submit(plan, admin)
    assert AnnualPlan.objects.get(pk=plan.pk).status == "draft"


def test_operational_results_must_be_entered(plan):
    OperationalResult.objects.filter(plan=plan).delete()

    assert ("error", "Operational results", "No operational results are entered for 2022") in listed(run_checks(plan))


def test_vital_statistics_must_be_entered(plan):
    DistrictProfile.objects.filter(plan=plan).update(population=0)
    assert ("error", "Vital statistics", "Population is 0: enter the district's figure") in listed(run_checks(plan))

    DistrictProfile.objects.filter(plan=plan).delete()
    assert (
        "error",
        "Vital statistics",
        "No vital statistics are entered (population, area, police stations ...)",
    ) in listed(run_checks(plan))


def test_sections_the_previous_plan_had_must_be_there(two_years):
    earlier, plan = two_years
    units = Unit.objects.filter(plan=earlier).count()
    targets = Target.objects.filter(plan=earlier).count()
    Unit.objects.filter(plan=plan).delete()
    Target.objects.filter(plan=plan).delete()
    AnnualPlan.objects.filter(pk=plan.pk).update(message="")
    plan.refresh_from_db()

    findings = listed(run_checks(plan))

    assert (
        "error",
        "Message of the District Police Officer",
        "No DPO's message: the 2022-2023 plan has one",
    ) in findings
    assert (
        "error",
        "Organogram",
        f"No organogram: the 2022-2023 plan has {units}; enter them for this plan",
    ) in findings
    assert (
        "error",
        "Targets to be achieved and mechanism",
        f"No targets: the 2022-2023 plan has {targets}; enter them for this plan",
    ) in findings


def test_narrative_sections_of_the_previous_plan_must_be_there_and_not_empty(two_years):
    earlier, plan = two_years
    first, second = NarrativeSection.objects.filter(plan=plan).order_by("position")[:2]
    first.delete()
    second.points.all().delete()
    NarrativeSection.objects.filter(pk=second.pk).update(intro="")

    findings = [finding for finding in listed(run_checks(plan)) if finding[1] in (first.title, second.title)]

    assert findings == [
        ("error", first.title, "Missing: the 2022-2023 plan has this section"),
        ("error", second.title, "Empty: no introduction and no points"),
    ]


def test_a_section_title_naming_its_year_is_the_same_section_next_year(two_years):
    earlier, plan = two_years
    section = NarrativeSection.objects.filter(plan=plan).order_by("position").first()
    NarrativeSection.objects.filter(plan=earlier, title=section.title).update(
        title="Commitments for the Year 2022-2023"
    )
    NarrativeSection.objects.filter(pk=section.pk).update(title="Commitments for the Year 2023-2024")

    assert run_checks(plan) == []


@pytest.mark.parametrize(
    ("text", "mention"),
    [
        ("Welcome to our Annual Policy Plan for the Year 2022-2023.", "2022-2023"),
        ("As planned in 2021-22, the posts are filled.", "2021-22"),
        ("Stock checked on 24.07.2022 by the Lines officer.", "24.07.2022"),
        ("Target upto 30/06/2023.", "30/06/2023"),
    ],
)
def test_text_naming_an_earlier_year_or_date_is_a_warning(plan, text, mention):
    AnnualPlan.objects.filter(pk=plan.pk).update(message=text)
    plan.refresh_from_db()

    [finding] = run_checks(plan)

    assert (finding.severity, finding.section) == ("warning", "Message of the District Police Officer")
    assert finding.message.startswith(f"DPO's message mentions {mention}, before the plan's year 2023-2024: “")


@pytest.mark.parametrize(
    "text",
    [
        "Our plan for 2023-2024 and 2024-25.",
        "Crime from 2020-2022 fell.",  # a span of years, not a fiscal year
        "Counted on 01.07.2023.",  # the plan's first day
        "Compared with 2022, crime fell.",  # a calendar year of the crime table
    ],
)
def test_text_of_the_plans_own_year_is_not_flagged(plan, text):
    AnnualPlan.objects.filter(pk=plan.pk).update(message=text)
    plan.refresh_from_db()

    assert run_checks(plan) == []


def test_placeholder_text_is_a_warning_naming_its_row(plan):
    objective = Objective.objects.filter(plan=plan).order_by("position").last()
    Objective.objects.filter(pk=objective.pk).update(title="Etc.")
    target = Target.objects.filter(plan=plan).order_by("position").first()
    Target.objects.filter(pk=target.pk).update(mechanism="TBD by the SP Operations")

    assert listed(run_checks(plan)) == [
        (
            "warning",
            "District objectives of policing",
            f"Objective “{objective.number}. Etc.”, title looks like a placeholder still to be written: “Etc.”",
        ),
        (
            "warning",
            "Targets to be achieved and mechanism",
            f"Target “{target.category}”, mechanism looks like a placeholder still to be written: "
            "“TBD by the SP Operations”",
        ),
    ]


def test_an_undated_stock_statement_is_a_warning(plan):
    statement = StockStatement.objects.filter(plan=plan).select_related("category").first()
    StockStatement.objects.filter(pk=statement.pk).update(as_of=None)

    assert listed(run_checks(plan)) == [
        (
            "warning",
            f"Statement of {statement.category.name}",
            "Not dated: enter the date this year's stock was counted",
        )
    ]


def test_a_statement_dated_in_the_plans_year_is_fine(plan):
    StockStatement.objects.filter(plan=plan).update(as_of=date(2023, 7, 24))

    assert run_checks(plan) == []


def test_the_check_with_a_previous_plan_keeps_its_queries_flat(district, django_assert_max_num_queries):
    build_demo_plan(district, 2022, seed=1)
    plan = build_demo_plan(district, 2023, seed=1)

    with django_assert_max_num_queries(50):
        assert run_checks(plan) == []
