import pytest
from django.core.management import call_command

from plans.models import AnnualPlan


@pytest.fixture
def kasur_plan(db):
    """The Kasur 2023-2024 plan, loaded from the fixture that carries the reference document."""
    call_command("loaddata", "kasur_2023_24", verbosity=0)
    return AnnualPlan.objects.select_related("district").get(district__slug="kasur", year_start=2023)
