"""Roll-forward done right: the old year in the text, proposed and replaced one by one or all at once."""

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from crime_stats.models import CrimeFigure
from initiatives.models import NarrativeSection, Target
from logistics.models import StockStatement
from plans.consistency import run_checks
from plans.demo import build_demo_district, build_demo_plan
from plans.models import AnnualPlan, Membership, PlanStatus, Province, Region
from plans.rollover import apply_replacements, carry_forward, proposed_text, still_to_enter, year_replacements
from plans.workflow import WorkflowError


@pytest.mark.parametrize(
    ("text", "expected", "changes"),
    [
        (
            "Welcome to our Annual Policy Plan for the Year 2023-2024",
            "Welcome to our Annual Policy Plan for the Year 2024-2025",
            (("2023-2024", "2024-2025"),),
        ),
        ("Budget 2023-24 and 2023/24", "Budget 2024-25 and 2024/25", (("2023-24", "2024-25"), ("2023/24", "2024/25"))),
        ("Completed upto 30.09.2023", "Completed upto 30.09.2024", (("30.09.2023", "30.09.2024"),)),
        ("Dated 24/07/2023", "Dated 24/07/2024", (("24/07/2023", "24/07/2024"),)),
        ("Due 29.02.2024", "Due 28.02.2025", (("29.02.2024", "28.02.2025"),)),
        ("Plan of the year 2023", "Plan of the year 2024", (("year 2023", "year 2024"),)),
    ],
)
def test_each_replacement_proposed(text, expected, changes):
    assert proposed_text(text, 2023) == (expected, changes)


@pytest.mark.parametrize(
    "text",
    [
        "Compared with 2022-2023, crime fell.",  # an earlier year named as the past
        "The station was established on 01.01.1995.",  # a date of history
        "The plan for 2024-2025.",  # already the new year
        "Crime in 2023 rose.",  # a calendar year of the crime table
        "From 01.07.2024 onwards.",  # within the new plan's year
    ],
)
def test_text_that_is_left_alone(text):
    assert proposed_text(text, 2023) == (text, ())


@pytest.fixture
def district(db):
    province = Province.objects.create(name="Punjab", slug="punjab")
    region = Region.objects.create(province=province, name="North", slug="north")
    return build_demo_district(region, 1)


@pytest.fixture
def rolled(district):
    """A 2023-2024 plan whose text names its year and dates, carried forward into 2024-2025."""
    plan = build_demo_plan(district, 2023, seed=2)
    AnnualPlan.objects.filter(pk=plan.pk).update(message="Welcome to our Annual Policy Plan for the Year 2023-2024.")
    target = Target.objects.filter(plan=plan).order_by("position").first()
    Target.objects.filter(pk=target.pk).update(present_status="Work in progress upto 30.09.2023")
    plan.refresh_from_db()
    return plan, carry_forward(plan)[0]


def test_crime_figures_of_the_years_still_covered_are_carried(rolled):
    old, new = rolled
    carried = {
        (head, year): cases
        for head, year, cases in CrimeFigure.objects.filter(plan=new).values_list("head", "year", "cases")
    }
    kept = {
        (head, year): cases
        for head, year, cases in CrimeFigure.objects.filter(plan=old, year__gte=2021).values_list(
            "head", "year", "cases"
        )
    }
    assert carried == kept and {year for _head, year in carried} == {2021, 2022}


def test_stock_dates_are_cleared_and_listed_to_enter(rolled):
    _old, new = rolled
    assert set(StockStatement.objects.filter(plan=new).values_list("as_of", flat=True)) == {None}
    to_enter = [item.what for item in still_to_enter(new)]
    assert to_enter[-2:] == [  # the stock statements come first, as in the document
        f"Crime figures of 2023: {new.district.crimehead_set.count()} of {new.district.crimehead_set.count()} heads",
        "Operational results of 2023",
    ]
    assert len(to_enter) == 2 + StockStatement.objects.filter(plan=new).count()


def test_replacements_are_proposed_and_applied_one_by_one(rolled):
    _old, new = rolled
    proposals = {replacement.place.field: replacement for replacement in year_replacements(new)}
    assert set(proposals) == {"message", "present_status"}

    apply_replacements(new, [proposals["message"].key])

    new.refresh_from_db()
    assert new.message == "Welcome to our Annual Policy Plan for the Year 2024-2025."
    assert [replacement.place.field for replacement in year_replacements(new)] == ["present_status"]
    warnings = [finding.message for finding in run_checks(new) if "mentions" in finding.message]
    assert warnings == [
        f"Target “{Target.objects.filter(plan=new).order_by('position').first().category}”, present status mentions "
        "30.09.2023, before the plan's year 2024-2025: “Work in progress upto 30.09.2023”"
    ]


def test_a_stale_proposal_replaces_nothing(rolled):
    _old, new = rolled
    keys = [replacement.key for replacement in year_replacements(new)]
    AnnualPlan.objects.filter(pk=new.pk).update(message="Rewritten by hand.")

    with pytest.raises(WorkflowError, match="nothing was replaced"):
        apply_replacements(new, keys)
    assert Target.objects.filter(plan=new, present_status__contains="30.09.2023").exists()


def test_roll_forward_command_replaces_years_and_prints_each(district):
    plan = build_demo_plan(district, 2023, seed=2)
    AnnualPlan.objects.filter(pk=plan.pk).update(message="Plan for the Year 2023-2024, as of 24.07.2023.")
    out = StringIO()

    call_command("roll_forward", district.slug, "2023-2024", "--replace-years", stdout=out)

    lines = out.getvalue().splitlines()
    assert "Replaced the old year in 1 places:" in lines
    assert (
        "  Message of the District Police Officer / DPO's message: 2023-2024 -> 2024-2025, 24.07.2023 -> 24.07.2024"
        in lines
    )
    assert "  Performance: Operational results of 2023" in lines
    assert AnnualPlan.objects.get(district=district, year_start=2024).message == (
        "Plan for the Year 2024-2025, as of 24.07.2024."
    )


def test_kasur_rolled_forward_with_replace_years(kasur_plan):
    out = StringIO()

    call_command("roll_forward", "kasur", "2023-2024", "--replace-years", stdout=out)

    new = AnnualPlan.objects.get(district__slug="kasur", year_start=2024)
    assert "Welcome to our Annual Policy Plan for the Year 2024-2025" in new.message
    assert NarrativeSection.objects.filter(plan=new, title="Our Commitments for the Year 2024-2025").exists()
    assert Target.objects.filter(plan=new, present_status__contains="30.09.2024").exists()
    assert not [finding for finding in run_checks(new) if "before the plan's year" in finding.message]
    assert "Replaced the old year in 3 places:" in out.getvalue()


@pytest.fixture
def clerk_client(rolled):
    _old, new = rolled
    user = get_user_model().objects.create_user("clerk")
    Membership.objects.create(user=user, role="clerk", district=new.district)
    client = Client()
    client.force_login(user)
    return client


def review_url(plan):
    return reverse("plans:plan-carried-forward", args=[plan.district.slug, plan.fiscal_year])


def test_review_page_lists_replacements_and_applies_the_ticked(rolled, clerk_client):
    _old, new = rolled
    html = clerk_client.get(review_url(new)).content.decode()
    assert "<del>2023-2024</del> → <ins>2024-2025</ins>" in html
    assert "<del>30.09.2023</del> → <ins>30.09.2024</ins>" in html
    assert "Operational results of 2023" in html
    message_key = next(r.key for r in year_replacements(new) if r.place.field == "message")

    response = clerk_client.post(review_url(new), {"replace": [message_key]}, follow=True)

    assert "The old year is replaced in 1 place." in response.content.decode()
    new.refresh_from_db()
    assert "2024-2025" in new.message
    assert Target.objects.filter(plan=new, present_status__contains="30.09.2023").exists()

    clerk_client.post(review_url(new), {"all": "1"})
    assert Target.objects.filter(plan=new, present_status__contains="30.09.2024").exists()
    assert year_replacements(new) == []


def test_review_page_is_the_districts(rolled, db):
    _old, new = rolled
    other = build_demo_district(new.district.region, 2)
    user = get_user_model().objects.create_user("clerk_b")
    Membership.objects.create(user=user, role="clerk", district=other)
    client = Client()
    client.force_login(user)

    assert client.post(review_url(new), {"all": "1"}).status_code == 404
    assert AnnualPlan.objects.get(pk=new.pk).status == PlanStatus.DRAFT
