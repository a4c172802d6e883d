"""The logistics app's resources: vehicles by type and deployment, and stock statements with their lines."""

from datetime import date

from logistics import models
from tests.api import factories as f
from tests.api.resource import DistrictListTests, PlanRowTests


class TestVehicleTypes(DistrictListTests):
    model = models.VehicleType
    update_data = {"position": 3}
    invalid_data = {"name": ""}

    def make(self, side):
        return f.VehicleTypeFactory(district=side.district)

    def create_data(self, side):
        return {"district": side.district.pk, "name": "Jail Van", "position": 7}


class TestDeployments(DistrictListTests):
    model = models.Deployment
    update_data = {"name": "Police Line"}
    invalid_data = {"position": -2}

    def make(self, side):
        return f.DeploymentFactory(district=side.district)

    def create_data(self, side):
        return {"district": side.district.pk, "name": "Elite", "position": 3}


class TestVehicleCounts(PlanRowTests):
    model = models.VehicleCount
    update_data = {"count": 19}
    invalid_data = {"count": "thirty", "deployment": None}

    def make(self, side):
        return f.VehicleCountFactory(plan=side.plan)

    def create_data(self, side):
        return {
            "plan": side.plan.pk,
            "vehicle_type": f.VehicleTypeFactory(district=side.district).pk,
            "deployment": f.DeploymentFactory(district=side.district).pk,
            "count": 30,
        }


class TestStockCategories(DistrictListTests):
    model = models.StockCategory
    update_data = {"name": "Statement of Anti-Riots"}
    invalid_data = {"name": "x" * 201}

    def make(self, side):
        return f.StockCategoryFactory(district=side.district)

    def create_data(self, side):
        return {"district": side.district.pk, "name": "Tear Gas", "position": 3}


class TestEquipmentTypes(DistrictListTests):
    model = models.EquipmentType
    update_data = {"name": "Rifle G-3 7.62 x 51 MM Bore"}
    invalid_data = {"category": 0}

    def make(self, side):
        return f.EquipmentTypeFactory(district=side.district)

    def create_data(self, side):
        category = f.StockCategoryFactory(district=side.district)
        return {"district": side.district.pk, "category": category.pk, "name": "MP-5 9 x 19 MM Bore", "position": 5}


class TestStockStatements(PlanRowTests):
    model = models.StockStatement
    update_data = {"as_of": "2023-07-25"}
    invalid_data = {"as_of": "24.07.2023"}

    def make(self, side):
        return f.StockStatementFactory(plan=side.plan)

    def create_data(self, side):
        category = f.StockCategoryFactory(district=side.district)
        return {"plan": side.plan.pk, "category": category.pk, "as_of": date(2023, 7, 24)}


class TestStockItems(PlanRowTests):
    model = models.StockItem
    update_data = {"distributed": 236, "at_headquarters": 53}
    invalid_data = {"total_stock": 12.5}

    def make(self, side):
        return f.StockItemFactory(statement__plan=side.plan)

    def create_data(self, side):
        statement = f.StockStatementFactory(plan=side.plan)
        kind = f.EquipmentTypeFactory(district=side.district, category=statement.category)
        return {
            "statement": statement.pk,
            "equipment_type": kind.pk,
            "group": "Polo Stick",
            "total_stock": 1139,
            "distributed": 805,
            "at_headquarters": 334,
            "new_demand": 1665,
        }

    def test_accounted_is_computed(self, world, api):
        item = f.StockItemFactory(statement__plan=world.a.plan, distributed=235, at_headquarters=54)

        assert api("clerk").get(self.detail_url(item)).json()["accounted"] == 289

    def test_a_type_of_another_category_is_refused(self, world, api):
        payload = self.create_data(world.a)
        payload["equipment_type"] = f.EquipmentTypeFactory(district=world.a.district).pk

        response = self.post(api("clerk"), payload)

        assert response.status_code == 400
        assert response.json() == {"equipment_type": ["Choose a type of the statement's own category."]}

    def test_filters_by_category_name(self, world, api):
        item = f.StockItemFactory(statement__plan=world.a.plan, statement__category__name="Tear Gas")
        f.StockItemFactory(statement__plan=world.a.plan)

        response = api("clerk").get(self.list_url(), {"category": "tear gas"})

        assert [row["id"] for row in response.json()["results"]] == [item.pk]
