"""Test data, built one way: factories for one row of every model (a row's references come from its plan's
own district), complete synthetic plans (`DemoPlanFactory`) and users with a role (`role_user`).

The Kasur plan is the other source, from its fixture (`kasur_plan` in tests/conftest.py)."""

from datetime import date
from decimal import Decimal

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from factory.django import DjangoModelFactory
from knox.models import AuthToken

from crime_stats import models as crime
from initiatives import models as initiatives
from logistics import models as logistics
from plans import models as plans
from plans.demo import build_demo_plan
from strength import models as strength

SAME_DISTRICT = factory.SelfAttribute("..plan.district")


class ProvinceFactory(DjangoModelFactory):
    class Meta:
        model = plans.Province

    name = factory.Sequence(lambda n: f"Province {n}")
    slug = factory.Sequence(lambda n: f"province-{n}")


class RegionFactory(DjangoModelFactory):
    class Meta:
        model = plans.Region

    province = factory.SubFactory(ProvinceFactory)
    name = factory.Sequence(lambda n: f"Region {n}")
    slug = factory.Sequence(lambda n: f"region-{n}")


class DistrictFactory(DjangoModelFactory):
    class Meta:
        model = plans.District

    region = factory.SubFactory(RegionFactory)
    name = factory.Sequence(lambda n: f"District {n}")
    slug = factory.Sequence(lambda n: f"district-{n}")


class PlanFactory(DjangoModelFactory):
    class Meta:
        model = plans.AnnualPlan

    district = factory.SubFactory(DistrictFactory)
    # Far from the years tests name, so a second plan of a district never takes a year in use.
    year_start = factory.Sequence(lambda n: 2030 + n % 70)
    crime_first_year = factory.LazyAttribute(lambda plan: plan.year_start - 3)
    crime_last_year = factory.LazyAttribute(lambda plan: plan.year_start - 1)


class DemoPlanFactory(PlanFactory):
    """A complete synthetic plan, every section filled, as `manage.py generate_demo_data` makes it.

    `scale` multiplies its rows and `seed` picks its figures (`plans.demo.build_demo_plan`); the district
    is a factory district unless given (`plans.demo.build_demo_district` makes a demo one).
    """

    scale = 1
    seed = None

    @classmethod
    def _create(cls, model_class, *, district, year_start, scale, seed, **derived):
        return build_demo_plan(district, year_start, scale=scale, seed=seed)


class ReferenceFactory(DjangoModelFactory):
    district = factory.SubFactory(DistrictFactory)
    name = factory.Sequence(lambda n: f"Entry {n}")
    position = factory.Sequence(lambda n: n)


class ProfileFactory(DjangoModelFactory):
    class Meta:
        model = plans.DistrictProfile

    plan = factory.SubFactory(PlanFactory)
    area_sq_km = Decimal("3995.00")
    population = 4084286
    urban_percent = Decimal("67.00")
    rural_percent = Decimal("33.00")
    tehsils = 4
    mnas = 4
    mpas = 9
    union_councils = 125
    police_subdivisions = 4
    police_stations = 20
    police_posts_sanctioned = 8
    police_posts_unsanctioned = 23
    banks = 158
    petrol_pumps = 243


class SectShareFactory(DjangoModelFactory):
    class Meta:
        model = plans.SectShare

    plan = factory.SubFactory(PlanFactory)
    name = factory.Sequence(lambda n: f"Sect {n}")
    percent = Decimal("10.00")


class PlaceOfWorshipFactory(DjangoModelFactory):
    class Meta:
        model = plans.PlaceOfWorship

    plan = factory.SubFactory(PlanFactory)
    kind = factory.Sequence(lambda n: f"Place {n}")
    count = 12


class UnitFactory(DjangoModelFactory):
    class Meta:
        model = plans.Unit

    plan = factory.SubFactory(PlanFactory)
    kind = plans.UnitKind.POLICE_STATION
    name = factory.Sequence(lambda n: f"Station {n}")
    commander = "SHO"


class BudgetHeadFactory(ReferenceFactory):
    class Meta:
        model = plans.BudgetHead

    account_code = factory.Sequence(lambda n: f"A{n:05d}")


class BudgetAllocationFactory(DjangoModelFactory):
    class Meta:
        model = plans.BudgetAllocation

    plan = factory.SubFactory(PlanFactory)
    head = factory.SubFactory(BudgetHeadFactory, district=SAME_DISTRICT)
    amount = 115000000


class PlanValueFactory(DjangoModelFactory):
    class Meta:
        model = plans.PlanValue

    plan = factory.SubFactory(PlanFactory)
    name = factory.Sequence(lambda n: f"Value {n}")
    description = "Honesty in word and deed."


class ResponsibilityFactory(DjangoModelFactory):
    class Meta:
        model = plans.Responsibility

    plan = factory.SubFactory(PlanFactory)
    text = factory.Sequence(lambda n: f"Responsibility {n}")


class PrintedFigureFactory(DjangoModelFactory):
    class Meta:
        model = plans.PrintedFigure

    plan = factory.SubFactory(PlanFactory)
    key = factory.Sequence(lambda n: f"strength:Rank {n}:short")
    value = Decimal("14")


class RankFactory(ReferenceFactory):
    class Meta:
        model = strength.Rank

    cadre = strength.Cadre.EXECUTIVE


class StrengthEntryFactory(DjangoModelFactory):
    class Meta:
        model = strength.StrengthEntry

    plan = factory.SubFactory(PlanFactory)
    rank = factory.SubFactory(RankFactory, district=SAME_DISTRICT)
    sanctioned = 47
    present = 33


class FieldOrganisationFactory(DjangoModelFactory):
    class Meta:
        model = strength.FieldOrganisation

    plan = factory.SubFactory(PlanFactory)
    sub_divisions = 4
    police_stations = 20
    posts_sanctioned = 18
    posts_unsanctioned = 0


class VehicleTypeFactory(ReferenceFactory):
    class Meta:
        model = logistics.VehicleType


class DeploymentFactory(ReferenceFactory):
    class Meta:
        model = logistics.Deployment


class VehicleCountFactory(DjangoModelFactory):
    class Meta:
        model = logistics.VehicleCount

    plan = factory.SubFactory(PlanFactory)
    vehicle_type = factory.SubFactory(VehicleTypeFactory, district=SAME_DISTRICT)
    deployment = factory.SubFactory(DeploymentFactory, district=SAME_DISTRICT)
    count = 30


class StockCategoryFactory(ReferenceFactory):
    class Meta:
        model = logistics.StockCategory


class EquipmentTypeFactory(ReferenceFactory):
    class Meta:
        model = logistics.EquipmentType

    category = factory.SubFactory(StockCategoryFactory, district=factory.SelfAttribute("..district"))


class StockStatementFactory(DjangoModelFactory):
    class Meta:
        model = logistics.StockStatement

    plan = factory.SubFactory(PlanFactory)
    category = factory.SubFactory(StockCategoryFactory, district=SAME_DISTRICT)
    as_of = date(2023, 7, 24)


class StockItemFactory(DjangoModelFactory):
    class Meta:
        model = logistics.StockItem

    statement = factory.SubFactory(StockStatementFactory)
    equipment_type = factory.SubFactory(
        EquipmentTypeFactory,
        district=factory.SelfAttribute("..statement.plan.district"),
        category=factory.SelfAttribute("..statement.category"),
    )
    total_stock = 299
    distributed = 235
    at_headquarters = 54


class CrimeHeadFactory(ReferenceFactory):
    class Meta:
        model = crime.CrimeHead


class CrimeFigureFactory(DjangoModelFactory):
    class Meta:
        model = crime.CrimeFigure

    plan = factory.SubFactory(PlanFactory)
    head = factory.SubFactory(CrimeHeadFactory, district=SAME_DISTRICT)
    year = factory.SelfAttribute("plan.crime_last_year")
    cases = 160


class OperationalResultFactory(DjangoModelFactory):
    class Meta:
        model = crime.OperationalResult

    plan = factory.SubFactory(PlanFactory)
    year = factory.SelfAttribute("plan.crime_last_year")
    gangs_smashed = 199


class SubstanceFactory(ReferenceFactory):
    class Meta:
        model = crime.Substance

    unit = "kg"


class NarcoticsRecoveryFactory(DjangoModelFactory):
    class Meta:
        model = crime.NarcoticsRecovery

    result = factory.SubFactory(OperationalResultFactory)
    substance = factory.SubFactory(SubstanceFactory, district=factory.SelfAttribute("..result.plan.district"))
    quantity = Decimal("11.920")


class IllicitArmTypeFactory(ReferenceFactory):
    class Meta:
        model = crime.IllicitArmType


class IllicitArmsRecoveryFactory(DjangoModelFactory):
    class Meta:
        model = crime.IllicitArmsRecovery

    result = factory.SubFactory(OperationalResultFactory)
    arm_type = factory.SubFactory(IllicitArmTypeFactory, district=factory.SelfAttribute("..result.plan.district"))
    count = 55


class ObjectiveFactory(DjangoModelFactory):
    class Meta:
        model = initiatives.Objective

    plan = factory.SubFactory(PlanFactory)
    number = "i"
    title = factory.Sequence(lambda n: f"Objective {n}")


class ObjectiveHeadingFactory(DjangoModelFactory):
    class Meta:
        model = initiatives.ObjectiveHeading

    objective = factory.SubFactory(ObjectiveFactory)
    letter = "a"
    title = factory.Sequence(lambda n: f"Heading {n}")


class StrategyPointFactory(DjangoModelFactory):
    class Meta:
        model = initiatives.StrategyPoint

    objective = factory.SubFactory(ObjectiveFactory)
    heading = factory.SubFactory(ObjectiveHeadingFactory, objective=factory.SelfAttribute("..objective"))
    text = factory.Sequence(lambda n: f"Point {n}")


class NarrativeSectionFactory(DjangoModelFactory):
    class Meta:
        model = initiatives.NarrativeSection

    plan = factory.SubFactory(PlanFactory)
    kind = initiatives.SectionKind.COMMUNITY_POLICING
    title = factory.Sequence(lambda n: f"Section {n}")


class SectionPointFactory(DjangoModelFactory):
    class Meta:
        model = initiatives.SectionPoint

    section = factory.SubFactory(NarrativeSectionFactory)
    title = factory.Sequence(lambda n: f"Point {n}")


class TargetFactory(DjangoModelFactory):
    class Meta:
        model = initiatives.Target

    plan = factory.SubFactory(PlanFactory)
    category = factory.Sequence(lambda n: f"Target {n}")


class TargetProgressFactory(DjangoModelFactory):
    class Meta:
        model = initiatives.TargetProgress

    target = factory.SubFactory(TargetFactory)
    quarter = 1
    status = initiatives.ProgressStatus.ON_TRACK


def role_user(username, role=None, *, group=False, token=False, password=None, staff=False, permissions=(), **scope):
    """A user working in `role` for the scope given as district=, region= or province= (a `Membership`).

    `group`: also in the role's group, with the permissions the roles migration gives it; `permissions`:
    model permissions of their own instead. `token`: an API token, whose key (stored only as a digest) is
    kept as `user.api_token`. Without `password` the user can only be logged in with `force_login`. The
    user is read back, so nothing cached on the instance leaks into a test.
    """
    user = get_user_model().objects.create_user(username, password=password, is_staff=staff)
    if role is not None:
        plans.Membership.objects.create(user=user, role=role, **scope)
    if group:
        user.groups.add(Group.objects.get(name=role))
    user.user_permissions.set(permissions)
    key = AuthToken.objects.create(user=user)[1] if token else None
    user = get_user_model().objects.get(pk=user.pk)
    if key is not None:
        user.api_token = key
    return user
