from dataclasses import dataclass

import pytest
from django.contrib.auth.models import Permission, User
from rest_framework.test import APIClient

from plans.demo import build_demo_district
from plans.models import AnnualPlan, District, Region, Role
from tests.api.factories import DemoPlanFactory, DistrictFactory, PlanFactory, ProvinceFactory, RegionFactory, role_user

APPS = ("plans", "strength", "logistics", "crime_stats", "initiatives")


@dataclass
class Side:
    """One district of the test world with its draft plan for 2023-2024."""

    district: District
    plan: AnnualPlan


@dataclass
class World:
    a: Side
    b: Side


@pytest.fixture
def world(db):
    """Districts A and B, in two regions of one province, each with a plan."""
    province = ProvinceFactory()
    sides = []
    for name in ("A", "B"):
        district = DistrictFactory(region=RegionFactory(province=province), name=f"District {name}")
        sides.append(Side(district, PlanFactory(district=district, year_start=2023)))
    return World(*sides)


@pytest.fixture
def users(world):
    """Users of district A: `clerk` may do anything to its data, `reader` only view, `stranger` nothing."""
    every = Permission.objects.filter(content_type__app_label__in=APPS)
    return {
        "clerk": role_user("clerk", Role.CLERK, district=world.a.district, permissions=every),
        "reader": role_user(
            "reader", Role.READER, district=world.a.district, permissions=every.filter(codename__startswith="view_")
        ),
        "stranger": role_user("stranger", Role.CLERK, district=world.a.district),
        "admin": User.objects.create_superuser("admin"),
    }


@pytest.fixture
def api(users):
    """`api(name)`: a client logged in as that user (a session, as in a browser); `api()` is anonymous."""

    def client(name=None):
        client = APIClient()
        if name is not None:
            client.force_login(users[name])
        return client

    return client


@dataclass
class Offices:
    """Region North (districts A and B) and South (district C) of Punjab, with a user of each role."""

    north: Region
    south: Region
    a: District
    b: District
    c: District
    plan: AnnualPlan  # district A's consistent 2023-2024 draft
    users: dict

    def client(self, name=None):
        """A client that sends the user's API token; `client()` is anonymous."""
        return token_client(self.users[name]) if name is not None else APIClient()


def token_client(user):
    """A client that sends the user's API token, as an API client would (the key kept when it was made)."""
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {user.api_token}")
    return client


OFFICE_USERS = [
    ("dpo_a", Role.DPO, "district", "a"),
    ("clerk_a", Role.CLERK, "district", "a"),
    ("reader_a", Role.READER, "district", "a"),
    ("dpo_b", Role.DPO, "district", "b"),
    ("reviewer_north", Role.REVIEWER, "region", "north"),
    ("reviewer_south", Role.REVIEWER, "region", "south"),
    ("reviewer_punjab", Role.REVIEWER, "province", "punjab"),
]


@pytest.fixture
def offices(db, settings, tmp_path):
    """Users hold their role's group (the permissions the roles migration gives) and a token each."""
    settings.MEDIA_ROOT = tmp_path
    province = ProvinceFactory(name="Punjab", slug="punjab")
    north = RegionFactory(province=province, name="North", slug="north")
    south = RegionFactory(province=province, name="South", slug="south")
    districts = {"a": build_demo_district(north, 1), "b": build_demo_district(north, 2)}
    districts["c"] = build_demo_district(south, 3)
    places = {"punjab": province, "north": north, "south": south, **districts}
    users = {
        username: role_user(username, role, group=True, token=True, **{scope: places[place]})
        for username, role, scope, place in OFFICE_USERS
    }
    return Offices(
        north, south, **districts, plan=DemoPlanFactory(district=districts["a"], year_start=2023, seed=1), users=users
    )
