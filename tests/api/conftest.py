from dataclasses import dataclass

import pytest
from django.contrib.auth.models import Permission, User
from rest_framework.test import APIClient

from plans.models import AnnualPlan, District, Membership, Role
from tests.api.factories import DistrictFactory, PlanFactory, ProvinceFactory, RegionFactory

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


def make_user(username, district, permissions=(), role=Role.CLERK):
    user = User.objects.create_user(username)
    Membership.objects.create(user=user, role=role, district=district)
    user.user_permissions.set(permissions)
    return user


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
        "clerk": make_user("clerk", world.a.district, every),
        "reader": make_user("reader", world.a.district, every.filter(codename__startswith="view_"), Role.READER),
        "stranger": make_user("stranger", world.a.district),
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
