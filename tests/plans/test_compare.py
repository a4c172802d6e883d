"""Comparisons: a link naming one year, and years no plan reports."""

import pytest
from django.urls import reverse

from crime_stats.figures import plan_crime_table
from crime_stats.models import CrimeFigure
from plans.demo import build_demo_district
from plans.models import Province, Region
from tests.api.factories import DemoPlanFactory


@pytest.fixture
def district(db):
    region = Region.objects.create(province=Province.objects.create(name="Punjab", slug="punjab"), name="N", slug="n")
    district = build_demo_district(region, 1)
    for year in (2021, 2022, 2023):
        DemoPlanFactory(district=district, year_start=year, seed=year)
    return district


def test_a_link_naming_one_year_compares_it_with_the_year_before(admin_client, district):
    response = admin_client.get(reverse("plans:compare-plans", args=[district.slug]), {"b": "2022"})

    assert response.status_code == 200
    form = response.context["form"]
    assert form.is_valid(), form.errors
    assert sorted([form.cleaned_data["a"], form.cleaned_data["b"]]) == [2021, 2022]
    assert "This field is required" not in response.content.decode()


def test_the_earliest_year_is_compared_with_the_next(admin_client, district):
    response = admin_client.get(reverse("plans:compare-plans", args=[district.slug]), {"b": "2021"})

    form = response.context["form"]
    assert sorted([form.cleaned_data["a"], form.cleaned_data["b"]]) == [2021, 2022]


def test_a_year_without_any_figure_has_no_crime_total(district):
    plan = district.plans.get(year_start=2023)
    CrimeFigure.objects.filter(plan=plan, year=plan.crime_first_year).delete()

    total = plan_crime_table(plan).total

    assert total.cases[0] is None
    assert all(cases is not None for cases in total.cases[1:])


@pytest.fixture
def carried(db):
    """A demo district's approved 2023-2024 plan and 2024-2025 started from it, its message reworded."""
    from django.contrib.auth import get_user_model

    from plans.models import AnnualPlan, PlanStatus
    from plans.rollover import start_next_year

    region = Region.objects.create(province=Province.objects.create(name="Punjab", slug="punjab"), name="N", slug="n")
    plan = DemoPlanFactory(district=build_demo_district(region, 1), year_start=2023, seed=1)
    AnnualPlan.objects.filter(pk=plan.pk).update(status=PlanStatus.APPROVED, message="Our plan for this year.")
    plan.refresh_from_db()
    admin = get_user_model().objects.create_superuser("admin")
    later = start_next_year(plan, admin)
    AnnualPlan.objects.filter(pk=later.pk).update(message="Our bold plan for the coming year.")
    return plan, later, admin


def test_the_page_marks_added_and_dropped_words_for_every_reader(client, carried):
    plan, _later, admin = carried
    client.force_login(admin)

    html = client.get(reverse("plans:compare-plans", args=[plan.district.slug])).content.decode()

    hidden = '<span class="visually-hidden">'
    assert f"<ins>{hidden}[added: </span>bold{hidden}]</span></ins>" in html
    assert f"<del>{hidden}[removed: </span>this{hidden}]</span></del>" in html
    assert "texts the same in both plans" in html, "unchanged text is folded away, not left out"
    assert 'id="vehicles-heading"' in html and 'id="objectives-heading"' in html


def test_changes_only_leaves_the_same_rows_and_texts_out_of_the_page(client, carried):
    plan, _later, admin = carried
    client.force_login(admin)
    url = reverse("plans:compare-plans", args=[plan.district.slug])

    everything = client.get(url, {"a": 2023, "b": 2024})
    changes = client.get(url, {"a": 2023, "b": 2024, "changes": "on"})

    assert changes.context["changes_only"] is True and everything.context["changes_only"] is False
    html = changes.content.decode()
    assert "texts the same in both plans" not in html and "<ins>" in html
    assert html.count("No changes.") >= 5, "a section without a difference says so"
    assert 'class="row--changed"' in html and html.count("<tr") < everything.content.decode().count("<tr")
    assert changes.context["form"]["changes"].value() is True


def test_the_page_keeps_its_queries_flat_as_the_plans_grow(client, db):
    """Two plans with three times the rows in every list: the page asks the database as often."""
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    region = Region.objects.create(province=Province.objects.create(name="Punjab", slug="punjab"), name="N", slug="n")
    client.force_login(get_user_model().objects.create_superuser("admin"))
    counts = []
    for number, scale in ((1, 1), (2, 3)):
        district = build_demo_district(region, number)
        for year in (2022, 2023):
            DemoPlanFactory(district=district, year_start=year, scale=scale, seed=year)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(reverse("plans:compare-plans", args=[district.slug]), {"a": 2022, "b": 2023})
        assert response.status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1], counts


def test_a_plan_beside_another_districts_plan(client, district):
    """The portal compares any two plans the user may see: here two districts' plans of 2023-2024."""
    from django.contrib.auth import get_user_model

    from tests.api.factories import role_user

    other = DemoPlanFactory(district=build_demo_district(district.region, 2), year_start=2023, seed=7)
    elsewhere = DemoPlanFactory(
        district=build_demo_district(Region.objects.create(province=district.region.province, name="S", slug="s"), 3),
        year_start=2023,
        seed=8,
    )
    url = reverse("plans:compare-plans", args=[district.slug])
    client.force_login(get_user_model().objects.create_superuser("admin"))

    response = client.get(url, {"a": 2023, "b": 2023, "other": other.pk})

    assert response.context["form"].is_valid(), response.context["form"].errors
    assert (response.context["earlier"], response.context["later"]) == (district.plans.get(year_start=2023), other)
    html = response.content.decode()
    assert f"{district.name} 2023-2024" in html and f"{other.district.name} 2023-2024" in html
    assert {section.slug for section in response.context["compared"]} >= {"strength", "message", "performance"}

    reviewer = role_user("rpo", "reviewer", region=district.region)
    client.force_login(reviewer)
    refused = client.get(url, {"a": 2022, "b": 2023, "other": elsewhere.pk})
    assert refused.status_code == 200 and "cannot be made" in refused.content.decode()
    assert elsewhere not in (refused.context["earlier"], refused.context["later"])
