"""The whole plan in one call: complete against the Kasur document, derived values right, bounded queries."""

import json
import re
from decimal import Decimal
from importlib import import_module
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.module_loading import module_has_submodule

from plans import registry
from plans.base import PlanPart
from plans.demo import build_demo_district
from plans.models import AnnualPlan
from tests.api.factories import DemoPlanFactory, PlanFactory

FIXTURE = Path(settings.BASE_DIR) / "fixtures" / "kasur_2023_24.json"
DOCUMENT = Path(settings.BASE_DIR) / "fixtures" / "kasur_2023_24.source.txt"
# Rows that the full plan shows as cells of a table rather than as objects of their own.
TABLE_CELLS = {"logistics.vehiclecount", "crime_stats.crimefigure"}
# Above the district: the plan names its district only.
NOT_IN_PLAN = {"plans.province", "plans.region"}
# What a row belongs to: where it is nested in the response says it.
CONTAINERS = {"plan", "statement", "result", "objective", "section", "target", "district", "region"}
NOT_SHOWN = {"created", "modified", "map_image", "approved_pdf"}
# Reference lists and the district appear in brief: their order is the order of the tables they head.
BRIEF_ONLY = {"position", "category", "approving_authority", "is_synthetic"}
# A fixed cost: a query or two per section, whatever the plan's size.
MAX_QUERIES = 35


def full_url(plan):
    return reverse("api:annualplan-full", args=[plan.pk])


@pytest.fixture
def kasur_full(kasur_plan, api):
    response = api("admin").get(full_url(kasur_plan))
    assert response.status_code == 200
    return response.json()


def objects_by_url(data):
    """Every object in the response that has an API address, by that address (briefs and full rows alike)."""
    found = {}

    def walk(value):
        if isinstance(value, dict):
            if "url" in value:
                found.setdefault(value["url"].removeprefix("http://testserver"), []).append(value)
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    walk(data)
    return found


def equal(stored, shown):
    if isinstance(shown, dict):
        return shown.get("id") == stored
    if isinstance(stored, (int, float, str)) and not isinstance(stored, bool) and not isinstance(shown, bool):
        try:
            return Decimal(str(stored)) == Decimal(str(shown))
        except ArithmeticError:
            return stored == shown
    return stored == shown


def test_every_row_of_the_kasur_plan_reads_back_with_every_field(kasur_full):
    shown = objects_by_url(kasur_full)
    missing = []
    for entry in json.loads(FIXTURE.read_text()):
        label = entry["model"]
        if label in TABLE_CELLS | NOT_IN_PLAN:
            continue
        model = apps.get_model(label)
        url = reverse(f"api:{model._meta.model_name}-detail", args=[entry["pk"]])
        representations = shown.get(url, [])
        skipped = CONTAINERS | NOT_SHOWN | (BRIEF_ONLY if not issubclass(model, PlanPart) else set())
        for field, value in entry["fields"].items():
            if field in skipped:
                continue
            if not any(field in row and equal(value, row[field]) for row in representations):
                missing.append((label, entry["pk"], field, value))
    assert missing == []


def test_vehicle_and_crime_tables_hold_every_cell(kasur_full):
    vehicles, crime = kasur_full["vehicles"], kasur_full["crime"]
    columns = {deployment["id"]: index for index, deployment in enumerate(vehicles["deployments"])}
    vehicle_cells = {
        (row["vehicle_type"]["id"], deployment): row["counts"][index]
        for row in vehicles["rows"]
        for deployment, index in columns.items()
    }
    years = {year: index for index, year in enumerate(crime["years"])}
    crime_cells = {
        (row["head"]["id"], year): row["cases"][index] for row in crime["rows"] for year, index in years.items()
    }
    for entry in json.loads(FIXTURE.read_text()):
        fields = entry["fields"]
        if entry["model"] == "logistics.vehiclecount":
            assert vehicle_cells[fields["vehicle_type"], fields["deployment"]] == fields["count"]
        if entry["model"] == "crime_stats.crimefigure":
            assert crime_cells[fields["head"], fields["year"]] == fields["cases"]


def test_every_number_of_the_document_is_in_the_full_plan(kasur_full):
    """Each figure of the source document appears in the response, as a number or within its text."""
    numbers, texts = set(), []

    def walk(value):
        if isinstance(value, dict | list):
            for item in value.values() if isinstance(value, dict) else value:
                walk(item)
        elif isinstance(value, int | float) and not isinstance(value, bool):
            numbers.add(Decimal(str(value)))
        elif isinstance(value, str):
            texts.append(value)
            if re.fullmatch(r"-?\d+(\.\d+)?", value):
                numbers.add(Decimal(value))

    walk(kasur_full)
    text = "\n".join(texts)
    # The cover cites the law (Police Order 2002); the rest is the plan's own.
    document = DOCUMENT.read_text().replace("Police Order-2002", "")
    absent = []
    for match in re.finditer(r"(?<![\w.])\d[\d,]*(\.\d+)?", document):
        token = match.group(0).rstrip(",")
        if Decimal(token.replace(",", "")) not in numbers and token not in text:
            absent.append(token)
    assert absent == []


def test_derived_values_add_up_in_the_response(kasur_full):
    strength = kasur_full["strength"]
    for table in (strength["police"], strength["ministerial"]):
        for column in ("sanctioned", "present", "short", "excess"):
            assert table["totals"][column] == sum(entry[column] for entry in table["entries"])
        for entry in table["entries"]:
            assert entry["short"] - entry["excess"] == entry["sanctioned"] - entry["present"]
    profile = kasur_full["profile"]
    assert profile["police_population_ratio"] == round(profile["population"] / strength["present_police"])
    assert strength["present_police"] == strength["police"]["totals"]["present"]

    vehicles = kasur_full["vehicles"]
    assert [row["total"] for row in vehicles["rows"]] == [sum(row["counts"]) for row in vehicles["rows"]]
    assert vehicles["column_totals"] == [
        sum(column) for column in zip(*(row["counts"] for row in vehicles["rows"]), strict=True)
    ]
    assert vehicles["total"] == sum(vehicles["column_totals"])

    crime = kasur_full["crime"]
    assert crime["total"]["cases"] == [
        sum(column) for column in zip(*(row["cases"] for row in crime["rows"]), strict=True)
    ]
    for row in [*crime["rows"], crime["total"]]:
        assert row["changes"][1:] == [
            after - before for before, after in zip(row["cases"], row["cases"][1:], strict=False)
        ]
        assert row["change"] == row["changes"][-1]

    for sheet in kasur_full["stock_statements"]:
        for group in sheet["groups"]:
            for column in ("total_stock", "distributed", "at_headquarters"):
                assert group["totals"][column] == sum(item[column] for item in group["items"])
            for item in group["items"]:
                assert item["accounted"] == item["distributed"] + item["at_headquarters"]

    budget = kasur_full["budget"]
    assert budget["total"] == sum(allocation["amount"] for allocation in budget["allocations"])


def figures_modules():
    """Every installed app's `figures` module that computes figures, found as the hub finds an app's modules.

    What the full plan's `computed_figures` must hold, read from the code rather than listed here again.
    """
    modules = [
        import_module(f"{config.name}.figures")
        for config in apps.get_app_configs()
        if module_has_submodule(config.module, "figures")
    ]
    return [module for module in modules if hasattr(module, "computed_figures")]


def test_computed_figures_are_the_figures_modules_and_cover_every_printed_figure(kasur_plan, kasur_full):
    per_app = [module.computed_figures(kasur_plan) for module in figures_modules()]
    expected = {key: value for figures in per_app for key, value in figures.items()}

    assert per_app
    assert sum(len(figures) for figures in per_app) == len(expected), "two apps compute the same key"
    assert kasur_full["computed_figures"] == expected
    checked_by_their_sections = {key for section in registry.sections() for key in section.checked_figures}
    assert {figure["key"] for figure in kasur_full["printed_figures"]} - checked_by_their_sections <= set(expected)


def row_count(plan):
    """Rows of every section of the plan."""
    return sum(
        model.objects.filter(**{model.plan_path: plan}).count()
        for model in apps.get_models()
        if issubclass(model, PlanPart)
    )


def test_queries_do_not_grow_with_the_plan(kasur_plan, api, django_assert_max_num_queries):
    big = DemoPlanFactory(district=build_demo_district(kasur_plan.district.region, 1), year_start=2023, scale=5)
    assert row_count(big) >= 4 * row_count(kasur_plan)
    client = api("admin")
    counts = []
    for plan in (kasur_plan, big):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(full_url(plan)).status_code == 200
        counts.append(len(queries))

    assert counts[0] == counts[1], counts
    with django_assert_max_num_queries(MAX_QUERIES):
        client.get(full_url(big))


def test_the_full_plan_is_scoped_and_needs_every_view_permission(world, api, users):
    assert api("clerk").get(full_url(world.a.plan)).status_code == 200
    assert api("reader").get(full_url(world.a.plan)).status_code == 200
    assert api("clerk").get(full_url(world.b.plan)).status_code == 404
    assert api().get(full_url(world.a.plan)).status_code == 401
    users["stranger"].user_permissions.add(*users["reader"].user_permissions.filter(codename="view_annualplan"))
    assert api("stranger").get(full_url(world.a.plan)).status_code == 403


def test_an_empty_plan_reads_back_with_empty_sections(world, api):
    plan = PlanFactory(district=world.a.district)

    data = api("clerk").get(full_url(plan)).json()

    assert data["profile"] is None
    assert data["strength"]["police"] == {
        "entries": [],
        "totals": dict.fromkeys(("sanctioned", "present", "short", "excess"), 0),
    }
    assert data["vehicles"]["total"] == 0
    assert data["crime"]["years"] == AnnualPlan.objects.get(pk=plan.pk).crime_years
    assert data["budget"] == {"allocations": [], "total": 0}
