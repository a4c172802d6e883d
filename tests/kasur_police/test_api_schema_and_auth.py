"""The OpenAPI schema (valid, complete, no drift), Swagger UI without CDNs, the API root and authentication."""

import io
import re

import pytest
from django.core.management import call_command
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from rest_framework.test import APIClient
from rest_framework.views import APIView

from kasur_police.api import urls as api_urls

ROOT = "/api/v1/"
WRITES = {"post", "put", "patch", "delete"}


@pytest.fixture
def schema(api_schema):
    """The schema as `manage.py spectacular` writes it; any warning or validation error fails there."""
    return api_schema


def api_routes():
    """(path with `{}` for parameters, methods) of every API view the URLconf routes, root excepted."""
    routes = []

    def walk(patterns, prefix):
        for pattern in patterns:
            route = prefix + str(pattern.pattern).lstrip("^").rstrip("$")
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns, route)
            elif isinstance(pattern, URLPattern) and "format" not in pattern.pattern.regex.groupindex:
                view = getattr(pattern.callback, "cls", None)
                if view is None or not issubclass(view, APIView) or view is api_urls.router.APIRootView:
                    continue
                actions = getattr(pattern.callback, "actions", None)
                handlers = (
                    set(actions)
                    if actions
                    else {m for m in ("get", "post", "put", "patch", "delete") if hasattr(view, m)}
                )
                methods = handlers - {"head"}  # HEAD comes with GET and is not listed in the schema
                path = re.sub(r"\(\?P<\w+>[^)]*\)|<[^>]+>", "{}", route)
                routes.append(("/" + path, methods))

    walk(get_resolver().url_patterns, "")
    return [(path, methods) for path, methods in routes if path.startswith(ROOT)]


def test_every_routed_endpoint_and_method_is_in_the_schema(schema):
    documented = {re.sub(r"\{\w+\}", "{}", path): item for path, item in schema["paths"].items()}
    routes = api_routes()

    assert len(routes) >= 2 * len(api_urls.router.registry) + 1
    for path, methods in routes:
        assert path in documented, path
        assert methods <= set(documented[path]), (path, methods - set(documented[path]))
    assert set(documented) == {path for path, _methods in routes}


def test_every_operation_documents_its_errors(schema):
    for path, item in schema["paths"].items():
        for method, operation in item.items():
            codes = set(operation["responses"])
            assert {"401", "403"} <= codes, (method, path)
            if "{" in path:
                assert "404" in codes, (method, path)
            if method in WRITES:
                assert "409" in codes, (method, path)
            if method in WRITES - {"delete"}:
                assert "400" in codes, (method, path)


def test_the_full_plan_and_crime_series_are_described(schema):
    full = schema["paths"]["/api/v1/plans/{id}/full/"]["get"]
    series = schema["paths"]["/api/v1/crime-series/"]["get"]

    assert full["responses"]["200"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/FullPlan"
    }
    assert "police-population ratio" in full["description"]
    assert {"district", "year_min", "year_max", "head", "head_id", "format"} <= {
        p["name"] for p in series["parameters"]
    }
    assert set(series["responses"]["200"]["content"]) == {"application/json", "text/csv"}
    fields = schema["components"]["schemas"]["FullPlan"]["properties"]
    for section in ("profile", "strength", "vehicles", "stock_statements", "crime", "budget", "computed_figures"):
        assert section in fields


def test_lists_document_their_filters(schema):
    parameters = {p["name"] for p in schema["paths"]["/api/v1/crime-figures/"]["get"]["parameters"]}

    assert {"district", "district_id", "plan_id", "fiscal_year", "year_start", "head", "head_id"} <= parameters
    assert {"year_min", "year_max", "limit", "offset", "ordering", "search"} <= parameters


def test_schema_is_served(db):
    response = APIClient().get(reverse("api-schema"), {"format": "json"})

    assert response.status_code == 200
    assert response.json()["info"]["title"] == "Annual Policing Plan API"


def test_swagger_ui_loads_nothing_from_outside(db):
    response = APIClient().get(reverse("api-docs"))

    assert response.status_code == 200
    page = response.content.decode()
    assert "swagger-ui" in page
    assert "drf_spectacular_sidecar/swagger-ui-dist/" in page
    assert not re.search(r"(src|href)=\"https?://", page)
    assert "cdn" not in page.lower()


def test_root_lists_every_resource(api):
    response = api("clerk").get(ROOT)

    assert response.status_code == 200
    listed = response.json()
    registered = {prefix for prefix, _viewset, _basename in api_urls.router.registry}
    assert set(listed) == registered | {"crime-series", "overview"}
    for name, url in listed.items():
        if name != "crime-series":
            assert api("clerk").get(url).status_code == 200, name


def test_anonymous_gets_401_with_the_token_challenge(db):
    for url in (ROOT, reverse("api:annualplan-list"), reverse("api:crime-series")):
        response = APIClient().get(url)
        assert response.status_code == 401
        assert response["WWW-Authenticate"] == "Token"


def test_a_token_from_the_management_command_authenticates(world, users):
    out = io.StringIO()
    call_command("create_api_token", "clerk", stdout=out, stderr=io.StringIO())
    key = out.getvalue().strip()
    client = APIClient(enforce_csrf_checks=True)

    assert client.get(reverse("api:annualplan-list"), HTTP_AUTHORIZATION=f"Token {key}").status_code == 200
    created = client.post(
        reverse("api:planvalue-list"),
        {"plan": world.a.plan.pk, "name": "Integrity", "description": "Honesty."},
        format="json",
        HTTP_AUTHORIZATION=f"Token {key}",
    )
    assert created.status_code == 201
    assert client.get(reverse("api:annualplan-list"), HTTP_AUTHORIZATION="Token not-a-key").status_code == 401


def test_a_session_write_needs_the_csrf_token(world, users):
    client = APIClient(enforce_csrf_checks=True)
    client.force_login(users["clerk"])

    assert client.get(reverse("api:annualplan-list")).status_code == 200
    response = client.post(reverse("api:planvalue-list"), {"plan": world.a.plan.pk, "name": "x", "description": "y"})
    assert response.status_code == 403
    assert "CSRF" in response.json()["detail"]


def test_the_browsable_api_renders_every_resource_with_its_forms(world, api):
    client = api("clerk")
    listed = client.get(ROOT).json()

    for name, url in listed.items():
        params = {"district": world.a.district.slug} if name == "crime-series" else {}
        response = client.get(url, params, HTTP_ACCEPT="text/html")
        assert response.status_code == 200, name
        assert b"<form" in response.content or name == "crime-series", name
    assert (
        client.get(reverse("api:annualplan-full", args=[world.a.plan.pk]), HTTP_ACCEPT="text/html").status_code == 200
    )
