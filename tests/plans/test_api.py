"""The plans app's resources: where districts sit, the plan itself and its own sections."""

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from plans import models
from tests.api import factories as f
from tests.api.resource import DistrictListTests, PlanRowTests, ReadOnlyTests, ScopeTests, WriteTests


class GeographyTests(WriteTests):
    """Provinces, regions and districts are kept by the administrator; clerks only see their own."""

    actor = "admin"


class TestProvinces(GeographyTests):
    model = models.Province
    update_data = {"name": "Sindh"}
    invalid_data = {"slug": "not a slug"}

    def make(self, side):
        return f.ProvinceFactory()

    def create_data(self, side):
        return {"name": "Khyber Pakhtunkhwa", "slug": "kp"}


class TestRegions(GeographyTests, ScopeTests):
    model = models.Region
    update_data = {"name": "Sahiwal"}
    invalid_data = {"province": 10**6}

    def make(self, side):
        return f.RegionFactory()

    def create_data(self, side):
        province = side.district.region.province if side.district.name.endswith("A") else f.ProvinceFactory()
        return {"province": province.pk, "name": "Lahore", "slug": "lahore"}


class TestDistricts(GeographyTests, ScopeTests):
    model = models.District
    update_data = {"approving_authority": models.ApprovingAuthority.PUBLIC_SAFETY_COMMISSION}
    invalid_data = {"approving_authority": "king"}

    def make(self, side):
        return f.DistrictFactory()

    def create_data(self, side):
        return {"region": side.district.region_id, "name": "Okara", "slug": "okara"}


class TestAnnualPlans(PlanRowTests):
    model = models.AnnualPlan
    creates_in_plan = False
    update_data = {"message": "Welcome to our plan.", "signatory_name": "Isa Khan"}
    invalid_data = {"crime_first_year": 2010, "crime_last_year": 2022}

    def make(self, side):
        return f.PlanFactory(district=side.district)

    def create_data(self, side):
        return {"district": side.district.pk, "year_start": 2024, "crime_first_year": 2021, "crime_last_year": 2023}

    def test_invalid_input_is_400_with_field_messages(self, world, api):
        """The model's own rules, as the admin applies them: at most ten crime years."""
        response = self.post(api("clerk"), {**self.create_data(world.a), **self.invalid_data})

        assert response.status_code == 400
        assert response.json() == {"crime_first_year": ["A plan compares at most ten years of crime."]}

    def test_a_second_plan_for_the_same_year_is_400_with_the_constraint_message(self, world, api):
        response = self.post(api("clerk"), {**self.create_data(world.a), "year_start": 2023})

        assert response.status_code == 400
        assert response.json() == {"non_field_errors": ["This district already has a plan for that fiscal year."]}

    def test_status_is_read_only(self, world, api):
        response = self.patch(api("clerk"), world.a.plan, {"status": "approved"})

        assert response.status_code == 200
        world.a.plan.refresh_from_db()
        assert world.a.plan.status == models.PlanStatus.DRAFT

    def test_filters_by_district_and_fiscal_year(self, world, api):
        later = f.PlanFactory(district=world.a.district, year_start=2024)
        clerk = api("clerk")

        assert ids_of(clerk, self.list_url(), fiscal_year="2024-2025") == [later.pk]
        assert ids_of(clerk, self.list_url(), year_start=2023) == [world.a.plan.pk]
        assert ids_of(clerk, self.list_url(), district=world.a.district.slug, ordering="year_start") == [
            world.a.plan.pk,
            later.pk,
        ]
        assert ids_of(clerk, self.list_url(), district=world.b.district.slug) == []
        assert clerk.get(self.list_url(), {"fiscal_year": "2023-2025"}).json() == {
            "fiscal_year": ["Give a fiscal year like 2023-2024."]
        }


def ids_of(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200, response.json()
    return [row["id"] for row in response.json()["results"]]


class TestDistrictProfiles(PlanRowTests):
    model = models.DistrictProfile
    update_data = {"population": 4100000, "urban_percent": "60.00", "rural_percent": "40.00"}
    invalid_data = {"rural_percent": "30.00"}

    def make(self, side):
        return f.ProfileFactory(plan=f.PlanFactory(district=side.district))

    def create_data(self, side):
        return {
            "plan": side.plan.pk,
            "area_sq_km": "3995.00",
            "population": 4084286,
            "urban_percent": "67.00",
            "rural_percent": "33.00",
            "tehsils": 4,
            "mnas": 4,
            "mpas": 9,
            "union_councils": 125,
            "police_subdivisions": 4,
            "police_stations": 20,
            "police_posts_sanctioned": 8,
            "police_posts_unsanctioned": 23,
            "banks": 158,
            "petrol_pumps": 243,
        }

    def test_invalid_input_is_400_with_field_messages(self, world, api):
        """The model's cross-field rule gives the admin's message."""
        response = self.post(api("clerk"), {**self.create_data(world.a), **self.invalid_data})

        assert response.status_code == 400
        assert response.json() == {
            "rural_percent": ["Urban and rural shares must add up to 100% (they add up to 97.00%)."]
        }

    def test_posts_total_is_computed(self, world, api):
        profile = f.ProfileFactory(plan=world.a.plan)

        assert api("clerk").get(self.detail_url(profile)).json()["police_posts_total"] == 31


class TestSectShares(PlanRowTests):
    model = models.SectShare
    update_data = {"percent": "65.00"}
    invalid_data = {"percent": "101"}

    def make(self, side):
        return f.SectShareFactory(plan=side.plan)

    def create_data(self, side):
        return {"plan": side.plan.pk, "name": "Ahle Sunnat", "percent": "65.00", "position": 1}


class TestPlacesOfWorship(PlanRowTests):
    model = models.PlaceOfWorship
    update_data = {"count": 1631, "is_approximate": True}
    invalid_data = {"count": -5}

    def make(self, side):
        return f.PlaceOfWorshipFactory(plan=side.plan)

    def create_data(self, side):
        return {"plan": side.plan.pk, "kind": "Mosques", "count": 1631, "is_approximate": True}


class TestUnits(PlanRowTests):
    model = models.Unit
    update_data = {"commander": "DSP/SDPO"}
    invalid_data = {"kind": "castle"}

    def make(self, side):
        return f.UnitFactory(plan=side.plan)

    def create_data(self, side):
        parent = f.UnitFactory(plan=side.plan, kind=models.UnitKind.SUB_DIVISION, name="City")
        return {
            "plan": side.plan.pk,
            "parent": parent.pk,
            "kind": "police_station",
            "name": "A-Div",
            "commander": "SHO",
        }

    def test_a_unit_cannot_report_to_one_of_its_own(self, world, api):
        top = f.UnitFactory(plan=world.a.plan)
        below = f.UnitFactory(plan=world.a.plan, parent=top)

        response = self.patch(api("clerk"), top, {"parent": below.pk})

        assert response.status_code == 400
        assert response.json() == {"parent": ["A unit cannot report to itself or to one of its own units."]}


class TestBudgetHeads(DistrictListTests):
    model = models.BudgetHead
    update_data = {"name": "POL Charges"}
    invalid_data = {"district": "kasur"}

    def make(self, side):
        return f.BudgetHeadFactory(district=side.district)

    def create_data(self, side):
        return {"district": side.district.pk, "account_code": "A03807", "name": "POL-Charges", "position": 2}


class TestBudgetAllocations(PlanRowTests):
    model = models.BudgetAllocation
    update_data = {"amount": 7000000}
    invalid_data = {"amount": "7,000,000"}

    def make(self, side):
        return f.BudgetAllocationFactory(plan=side.plan)

    def create_data(self, side):
        return {"plan": side.plan.pk, "head": f.BudgetHeadFactory(district=side.district).pk, "amount": 115000000}

    def test_a_head_of_another_district_is_refused(self, world, api):
        """Even where the user may see both districts, the model's rule holds."""
        head_b = f.BudgetHeadFactory(district=world.b.district)

        response = self.post(api("admin"), {**self.create_data(world.a), "head": head_b.pk})

        assert response.status_code == 400
        assert response.json() == {"head": ["Choose a budget head of the plan's own district."]}


class TestPlanValues(PlanRowTests):
    model = models.PlanValue
    update_data = {"description": "Upholding the law without fear or favour."}
    invalid_data = {"name": ""}

    def make(self, side):
        return f.PlanValueFactory(plan=side.plan)

    def create_data(self, side):
        return {"plan": side.plan.pk, "name": "Integrity", "description": "Honesty.", "position": 1}


class TestResponsibilities(PlanRowTests):
    model = models.Responsibility
    update_data = {"text": "Free registration of cases in the Police Stations."}
    invalid_data = {"text": ""}

    def make(self, side):
        return f.ResponsibilityFactory(plan=side.plan)

    def create_data(self, side):
        return {"plan": side.plan.pk, "text": "Protection of life and property.", "position": 1}


class TestPrintedFigures(PlanRowTests):
    model = models.PrintedFigure
    update_data = {"value": "206"}
    invalid_data = {"value": "1e400"}

    def make(self, side):
        return f.PrintedFigureFactory(plan=side.plan)

    def create_data(self, side):
        return {"plan": side.plan.pk, "key": "strength:total:short", "value": "206"}


class TestWorkflowEvents(ReadOnlyTests):
    model = models.WorkflowEvent

    def make(self, side):
        actor = User.objects.create_user(f"dpo-{models.WorkflowEvent.objects.count()}")
        return models.WorkflowEvent.objects.create(
            plan=side.plan, action="submit", from_status="draft", to_status="submitted", actor=actor
        )

    def create_data(self, side):
        return {"plan": side.plan.pk, "action": "approve", "from_status": "submitted", "to_status": "approved"}


@pytest.mark.parametrize("status", [models.PlanStatus.SUBMITTED, models.PlanStatus.APPROVED])
def test_a_locked_plan_itself_refuses_changes(world, api, status):
    models.AnnualPlan.objects.filter(pk=world.a.plan.pk).update(status=status)
    url = reverse("api:annualplan-detail", args=[world.a.plan.pk])

    response = api("clerk").patch(url, {"message": "Changed after submission."}, format="json")

    assert response.status_code == 409
    expected = {
        models.PlanStatus.SUBMITTED: "District A 2023-2024 is submitted and locked: it must be returned to draft "
        "before it can change.",
        models.PlanStatus.APPROVED: "District A 2023-2024 is approved and locked for good: start next year's plan "
        "to make changes.",
    }
    assert response.json() == {"detail": expected[status]}
