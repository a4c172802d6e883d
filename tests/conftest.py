import importlib
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import connection

from plans.models import AnnualPlan


@pytest.fixture
def kasur_plan(db):
    """The Kasur 2023-2024 plan, loaded from the fixture that carries the reference document."""
    call_command("loaddata", "kasur_2023_24", verbosity=0)
    return AnnualPlan.objects.select_related("district").get(district__slug="kasur", year_start=2023)


@pytest.fixture
def role_groups(db):
    """The role groups as the data migration makes them, for tests whose database was flushed before them."""
    roles = importlib.import_module("plans.migrations.0002_roles")
    roles.create_roles(apps, SimpleNamespace(connection=connection))
