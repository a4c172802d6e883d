"""The API's edges: one error shape (JSON, whatever format was asked), strict query parameters, throttling,
bounded JSON nesting and JSON 404s for unknown addresses."""

import pytest
from django.core.cache import cache
from django.db import transaction
from django.test import RequestFactory
from rest_framework.exceptions import NotFound
from rest_framework.test import APIClient

from kasur_police.api.locking import lock_for_change
from plans.models import AnnualPlan, PlanStatus

ERROR_CODES = {"400", "401", "403", "404", "409", "412", "429"}


@pytest.mark.parametrize(
    ("query", "parameter"),
    [
        ({"offset": "null"}, "offset"),
        ({"offset": "-1"}, "offset"),
        ({"limit": "abc"}, "limit"),
        ({"limit": "0"}, "limit"),
        ({"limit": "1001"}, "limit"),
        ({"ordering": "no_such_field"}, "ordering"),
        ({"ordering": "name,"}, "ordering"),
        ({"district_id": "x"}, "district_id"),
    ],
)
def test_invalid_query_parameters_are_refused_with_field_messages(api, query, parameter):
    response = api("clerk").get("/api/v1/districts/", query)
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert isinstance(response.json()[parameter], list)


def test_valid_paging_and_ordering_still_work(api, world):
    response = api("clerk").get("/api/v1/districts/", {"limit": 1, "offset": 0, "ordering": "-name"})
    assert response.status_code == 200
    assert [row["name"] for row in response.json()["results"]] == [world.a.district.name]


def test_a_csv_request_with_a_bad_parameter_gets_a_json_error(api):
    response = api("clerk").get("/api/v1/crime-series/", {"format": "csv"})
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"district": ["This field is required."]}


def test_json_nested_too_deep_is_a_400_not_a_server_error(api, world):
    body = "[" * 100_000 + "]" * 100_000
    response = api("clerk").post("/api/v1/strength-entries/", body, content_type="application/json")
    assert response.status_code == 400
    assert "nests deeper" in response.json()["detail"]


def test_json_within_the_nesting_limit_is_parsed(api, world):
    body = '{"plan": ' + "[" * 60 + "]" * 60 + "}"
    response = api("clerk").post("/api/v1/strength-entries/", body, content_type="application/json")
    assert response.status_code == 400
    assert "plan" in response.json()  # a field message: the body was read


def test_an_unknown_api_address_is_a_json_404(api):
    response = api("clerk").get("/api/v1/no-such-resource/")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert "detail" in response.json()
    assert api().get("/api/nothing").json()["detail"]
    assert api("clerk").get("/api/v1/districts")["Location"] == "/api/v1/districts/"  # the missing slash
    strict = APIClient(enforce_csrf_checks=True)
    assert strict.delete("/api/v1/districts/1.5/").status_code == 404  # not an HTML CSRF refusal


def test_anonymous_clients_are_throttled_with_retry_after(api, world, settings):
    cache.clear()
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"anon": "2/min", "user": "3/min"}}
    anonymous = api()
    assert [anonymous.get("/api/v1/districts/").status_code for _ in range(3)] == [401, 401, 429]
    throttled = anonymous.get("/api/v1/districts/")
    assert 0 < int(throttled["Retry-After"]) <= 60
    assert "throttled" in throttled.json()["detail"]

    clerk = api("clerk")
    assert [clerk.get("/api/v1/districts/").status_code for _ in range(4)] == [200, 200, 200, 429]
    cache.clear()


def test_every_operation_documents_its_errors_in_one_shape(api_schema):
    error = api_schema["components"]["schemas"]["Error"]
    assert error["additionalProperties"] == {"type": "array", "items": {"type": "string"}}
    operations = [(path, method, op) for path, item in api_schema["paths"].items() for method, op in item.items()]
    assert len(operations) > 50
    for path, method, operation in operations:
        codes = {code for code in operation["responses"] if code in ERROR_CODES}
        assert {"400", "401", "403", "429"} <= codes, (method, path)
        for code in codes:
            content = operation["responses"][code]["content"]
            assert content == {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}, (path, code)


def test_a_quarter_without_progress_is_null_in_the_data_and_in_the_schema(api, world, api_schema):
    quarters = api_schema["components"]["schemas"]["TargetQuarters"]["properties"]["quarters"]
    assert quarters["items"]["nullable"] is True


def test_next_years_plan_is_located_by_a_plain_string_header(api, world, users):
    """WSGI servers take header values of type str only; a DRF Hyperlink there is a server error."""
    AnnualPlan.objects.filter(pk=world.a.plan.pk).update(status=PlanStatus.APPROVED)  # next year follows approval
    client = APIClient()
    client.force_authenticate(users["admin"])
    response = client.post(f"/api/v1/plans/{world.a.plan.pk}/next-year/")
    assert response.status_code == 201
    assert type(response.headers["Location"]) is str


def test_a_row_deleted_by_another_request_meanwhile_is_not_found(kasur_plan):
    """Two DELETEs of one row at once: the second finds it, then reads it again under the lock: gone, so 404."""
    value = kasur_plan.values.first()
    type(value).objects.filter(pk=value.pk).delete()  # the other request's delete commits first
    with transaction.atomic(), pytest.raises(NotFound):
        lock_for_change(RequestFactory().delete("/"), value)


def test_a_row_whose_plan_another_request_deleted_meanwhile_is_not_found(kasur_plan):
    value = kasur_plan.values.first()
    AnnualPlan.objects.filter(pk=kasur_plan.pk).delete()  # the plan's rows go with it
    with transaction.atomic(), pytest.raises(NotFound):
        lock_for_change(RequestFactory().delete("/"), value)


def test_a_quarter_without_progress_is_null_in_the_half_year_report_schema(api_schema):
    progress = api_schema["components"]["schemas"]["TargetInHalf"]["properties"]["progress"]
    assert progress["items"]["nullable"] is True
