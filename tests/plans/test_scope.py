"""District scope: `visible_to` on every model of the five apps shows a user only the districts they cover."""

import types

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser

from plans.base import district_path
from plans.demo import build_demo_district, build_demo_progress
from plans.models import Province, Region, WorkflowEvent
from tests.api.factories import DemoPlanFactory, role_user

SECTION_APPS = ("plans", "strength", "logistics", "crime_stats", "initiatives")
# Rows that belong to no district: where districts sit, and who works where (managed by superusers).
UNSCOPED = {"Province", "Region", "Membership"}


def scoped_models():
    return [
        model
        for label in SECTION_APPS
        for model in apps.get_app_config(label).get_models()
        if not model.__name__.startswith("Historical") and model.__name__ not in UNSCOPED
    ]


@pytest.fixture
def world(db):
    """Districts A and B in region North, C in South, each with a complete plan, progress and a workflow step."""
    punjab = Province.objects.create(name="Punjab", slug="punjab")
    north = Region.objects.create(province=punjab, name="North", slug="north")
    south = Region.objects.create(province=punjab, name="South", slug="south")
    a, b, c = build_demo_district(north, 1), build_demo_district(north, 2), build_demo_district(south, 3)
    actor = get_user_model().objects.create_user("actor")
    for district in (a, b, c):
        plan = DemoPlanFactory(district=district, year_start=2023, seed=district.pk)
        build_demo_progress(plan, 2)
        WorkflowEvent.objects.create(
            plan=plan, action="submit", from_status="draft", to_status="submitted", actor=actor
        )
    users = {
        "clerk_a": role_user("clerk_a", "clerk", district=a),
        "dpo_b": role_user("dpo_b", "dpo", district=b),
        "reviewer_north": role_user("reviewer_north", "reviewer", region=north),
        "reader_punjab": role_user("reader_punjab", "reader", province=punjab),
        "admin": get_user_model().objects.create_superuser("admin"),
        "nobody": get_user_model().objects.create_user("nobody"),
        "anonymous": AnonymousUser(),
    }
    return types.SimpleNamespace(a=a, b=b, c=c, users=users)


def districts_seen(model, user):
    return set(model.objects.visible_to(user).values_list(district_path(model), flat=True).distinct())


def test_every_model_holding_district_data_can_be_scoped():
    unscoped = {model.__name__ for model in scoped_models() if not hasattr(model._default_manager, "visible_to")}

    assert unscoped == set()


def test_each_user_sees_the_rows_of_their_districts_only(world):
    a, b, c = world.a.pk, world.b.pk, world.c.pk
    expected = {
        "clerk_a": {a},
        "dpo_b": {b},
        "reviewer_north": {a, b},
        "reader_punjab": {a, b, c},
        "admin": {a, b, c},
        "nobody": set(),
        "anonymous": set(),
    }

    wrong = {
        (model.__name__, name): districts_seen(model, world.users[name])
        for model in scoped_models()
        for name in expected
        if districts_seen(model, world.users[name]) != expected[name]
    }
    assert wrong == {}


def test_a_clerk_cannot_reach_another_districts_row_by_id(world):
    clerk, dpo_b = world.users["clerk_a"], world.users["dpo_b"]
    reachable, missing = [], []
    for model in scoped_models():
        other = model.objects.filter(**{district_path(model): world.b.pk}).first()
        if other is None or not model.objects.visible_to(dpo_b).filter(pk=other.pk).exists():
            missing.append(model.__name__)
        elif model.objects.visible_to(clerk).filter(pk=other.pk).exists():
            reachable.append(model.__name__)

    assert (reachable, missing) == ([], [])
