"""The crime_stats app's resources: crime figures by head and year, and the year's operational results."""

from decimal import Decimal

from crime_stats import models
from tests.api import factories as f
from tests.api.resource import DistrictListTests, PlanRowTests


class TestCrimeHeads(DistrictListTests):
    model = models.CrimeHead
    update_data = {"law_sections": "302 PPC"}
    invalid_data = {"district": [1, 2]}

    def make(self, side):
        return f.CrimeHeadFactory(district=side.district)

    def create_data(self, side):
        return {"district": side.district.pk, "name": "Murder", "law_sections": "302 PPC", "position": 1}


class TestCrimeFigures(PlanRowTests):
    model = models.CrimeFigure
    update_data = {"cases": 135}
    invalid_data = {"year": 2019}

    def make(self, side):
        return f.CrimeFigureFactory(plan=side.plan)

    def create_data(self, side):
        return {"plan": side.plan.pk, "head": f.CrimeHeadFactory(district=side.district).pk, "year": 2022, "cases": 160}

    def test_invalid_input_is_400_with_field_messages(self, world, api):
        """A year outside the plan's crime window gives the model's message."""
        response = self.post(api("clerk"), {**self.create_data(world.a), **self.invalid_data})

        assert response.status_code == 400
        assert response.json() == {"year": ["2019 is outside the plan's crime years 2020–2022."]}

    def test_filters_by_year_range_and_head(self, world, api):
        head = f.CrimeHeadFactory(district=world.a.district, name="Murder")
        figures = {year: f.CrimeFigureFactory(plan=world.a.plan, head=head, year=year) for year in (2020, 2021, 2022)}
        other = f.CrimeFigureFactory(plan=world.a.plan, year=2021)
        clerk = api("clerk")

        def found(**params):
            return sorted(row["id"] for row in clerk.get(self.list_url(), params).json()["results"])

        assert found(year_min=2021, year_max=2021) == sorted([figures[2021].pk, other.pk])
        assert found(head="murder", year_min=2021) == [figures[2021].pk, figures[2022].pk]
        assert found(head_id=head.pk, year_max=2020) == [figures[2020].pk]
        assert clerk.get(self.list_url(), {"year_min": "last year"}).status_code == 400


class TestOperationalResults(PlanRowTests):
    model = models.OperationalResult
    update_data = {"encounters": 1, "criminals_killed": 1}
    invalid_data = {"gangs_smashed": -199}

    def make(self, side):
        return f.OperationalResultFactory(plan=f.PlanFactory(district=side.district))

    def create_data(self, side):
        return {"plan": side.plan.pk, "year": 2022, "gangs_smashed": 199, "gang_property_recovered": 86938050}


class TestSubstances(DistrictListTests):
    model = models.Substance
    update_data = {"unit": "litres"}
    invalid_data = {"unit": ""}

    def make(self, side):
        return f.SubstanceFactory(district=side.district)

    def create_data(self, side):
        return {"district": side.district.pk, "name": "Heroin", "unit": "kg", "position": 1}


class TestNarcoticsRecoveries(PlanRowTests):
    model = models.NarcoticsRecovery
    update_data = {"quantity": "690.370"}
    invalid_data = {"quantity": "-1"}

    def make(self, side):
        return f.NarcoticsRecoveryFactory(result__plan=f.PlanFactory(district=side.district))

    def create_data(self, side):
        result = f.OperationalResultFactory(plan=f.PlanFactory(district=side.district))
        return {"result": result.pk, "substance": f.SubstanceFactory(district=side.district).pk, "quantity": "11.920"}

    def test_invalid_input_is_400_with_field_messages(self, world, api):
        """The check constraint's message, as the admin shows it."""
        response = self.post(api("clerk"), {**self.create_data(world.a), **self.invalid_data})

        assert response.status_code == 400
        assert response.json() == {"non_field_errors": ["A recovered quantity cannot be negative."]}

    def test_quantity_keeps_its_decimals(self, world, api):
        recovery = f.NarcoticsRecoveryFactory(result__plan=world.a.plan, quantity=Decimal("1.585"))

        assert api("clerk").get(self.detail_url(recovery)).json()["quantity"] == "1.585"


class TestIllicitArmTypes(DistrictListTests):
    model = models.IllicitArmType
    update_data = {"name": "Pistols / Revolvers"}
    invalid_data = {"position": "first"}

    def make(self, side):
        return f.IllicitArmTypeFactory(district=side.district)

    def create_data(self, side):
        return {"district": side.district.pk, "name": "Kalashnikov", "position": 5}


class TestIllicitArmsRecoveries(PlanRowTests):
    model = models.IllicitArmsRecovery
    update_data = {"count": 1691}
    invalid_data = {"arm_type": "Rifles"}

    def make(self, side):
        return f.IllicitArmsRecoveryFactory(result__plan=f.PlanFactory(district=side.district))

    def create_data(self, side):
        result = f.OperationalResultFactory(plan=f.PlanFactory(district=side.district))
        return {"result": result.pk, "arm_type": f.IllicitArmTypeFactory(district=side.district).pk, "count": 55}
