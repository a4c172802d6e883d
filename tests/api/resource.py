"""The tests every API resource gets, as mixins a resource's test class composes (as NetBox's API test cases do).

A resource's class names the `model` and implements `make(side)` (a saved row of that side's district)
and, when it can be written, `create_data(side)` (a payload for a new row there); `update_data` is a valid
change and `invalid_data` a change whose keys must come back as field errors. It then takes the tests that
apply to it and no others:

- `ReadTests`: list, detail, no login, no permission, other district invisible, query count, bad input;
- `ReadOnlyTests`: the read tests, and writes answered 405;
- `WriteTests`: the read tests with create, update, delete, invalid input and no write permission;
- `ScopeTests`: a payload pointing at district B's objects is refused;
- `LockTests`: a row of a submitted plan cannot change.

`DistrictListTests` (a district's reference list) and `PlanRowTests` (rows of one plan) are the usual sets.
"""

import json
from datetime import date
from decimal import Decimal, InvalidOperation

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from plans.models import AnnualPlan, PlanStatus

# Values a client might send by mistake or malice: none may produce a server error.
BAD_VALUES = ["abc", 10**30, -1, None, 1.5, [], {"id": 1}, "2023-13-45"]


def ids(response):
    return [row["id"] for row in response.json()["results"]]


def same(sent, received):
    """Whether a value read back is the value written: related objects by id, numbers by value."""
    if isinstance(received, dict):
        received = received["id"]
    if isinstance(sent, date):
        sent = sent.isoformat()
    try:
        return Decimal(str(sent)) == Decimal(str(received))
    except InvalidOperation:
        return sent == received


class ResourceTestCase:
    """What every resource's tests share: the model, its addresses, making rows and sending payloads."""

    model = None
    actor = "clerk"  # who reads and writes; district A's clerk holds every permission of the five apps
    update_data = {}
    invalid_data = {}

    def make(self, side):
        raise NotImplementedError

    def create_data(self, side):
        raise NotImplementedError

    def list_url(self):
        return reverse(f"api:{self.model._meta.model_name}-list")

    def detail_url(self, obj):
        return reverse(f"api:{self.model._meta.model_name}-detail", args=[obj.pk])

    def post(self, client, data):
        return client.post(self.list_url(), json.dumps(data, default=str), content_type="application/json")

    def patch(self, client, obj, data):
        return client.patch(self.detail_url(obj), json.dumps(data, default=str), content_type="application/json")

    def assert_other_district_unchanged(self, client, other):
        """What a client may try on district B's row besides reading it; writable resources add their checks."""


class ReadTests(ResourceTestCase):
    def test_list(self, world, api):
        own = self.make(world.a)

        response = api(self.actor).get(self.list_url())

        assert response.status_code == 200
        assert own.pk in ids(response)
        assert {"count", "next", "previous", "results"} <= set(response.json())

    def test_detail(self, world, api):
        own = self.make(world.a)

        response = api(self.actor).get(self.detail_url(own))

        assert response.status_code == 200
        body = response.json()
        assert body["id"] == own.pk
        assert body["display"] == str(own)
        assert body["url"].endswith(self.detail_url(own))

    def test_anonymous_is_401(self, world, api):
        own = self.make(world.a)

        for response in (api().get(self.list_url()), api().get(self.detail_url(own))):
            assert response.status_code == 401
            assert response["WWW-Authenticate"] == "Token"

    def test_without_view_permission_is_403(self, world, api):
        own = self.make(world.a)

        assert api("stranger").get(self.list_url()).status_code == 403
        assert api("stranger").get(self.detail_url(own)).status_code == 403

    def test_other_district_is_invisible(self, world, api):
        other = self.make(world.b)
        clerk = api("clerk")

        assert other.pk not in ids(clerk.get(self.list_url()))
        assert clerk.get(self.detail_url(other)).status_code == 404
        self.assert_other_district_unchanged(clerk, other)

    def test_list_queries_do_not_grow_with_rows(self, world, api):
        client = api(self.actor)
        counts = []
        for rows in (5, 45):
            for _ in range(rows):
                self.make(world.a)
            with CaptureQueriesContext(connection) as queries:
                response = client.get(self.list_url(), {"limit": 100})
            assert response.status_code == 200
            counts.append(len(queries))
        assert counts[0] == counts[1], counts

    def test_bad_input_never_gives_a_server_error(self, world, api):
        payload = self.create_data(world.a)
        own = self.make(world.a)
        client = api(self.actor)

        for field in payload:
            missing = {key: value for key, value in payload.items() if key != field}
            assert self.post(client, missing).status_code < 500, field
            for bad in BAD_VALUES:
                assert self.post(client, {**payload, field: bad}).status_code < 500, (field, bad)
                assert self.patch(client, own, {field: bad}).status_code < 500, (field, bad)


class ReadOnlyTests(ReadTests):
    """A resource the API only shows: every write is 405, whoever asks."""

    def test_create(self, world, api):
        assert self.post(api(self.actor), self.create_data(world.a)).status_code == 405

    def test_update(self, world, api):
        assert self.patch(api(self.actor), self.make(world.a), self.update_data).status_code == 405

    def test_delete(self, world, api):
        assert api(self.actor).delete(self.detail_url(self.make(world.a))).status_code == 405


class WriteTests(ReadTests):
    """Create, update and delete, refused with field messages on invalid input and without write permission."""

    def test_create(self, world, api):
        payload = self.create_data(world.a)

        response = self.post(api(self.actor), payload)

        assert response.status_code == 201, response.json()
        body = response.json()
        created = self.model.objects.get(pk=body["id"])
        assert body["display"] == str(created)
        for field, value in payload.items():
            assert same(value, body[field]), field

    def test_update(self, world, api):
        own = self.make(world.a)

        response = self.patch(api(self.actor), own, self.update_data)

        assert response.status_code == 200, response.json()
        again = api(self.actor).get(self.detail_url(own)).json()
        for field, value in self.update_data.items():
            assert same(value, again[field]), field

    def test_delete(self, world, api):
        own = self.make(world.a)

        response = api(self.actor).delete(self.detail_url(own))

        assert response.status_code == 204
        assert not type(own).objects.filter(pk=own.pk).exists()

    def test_invalid_input_is_400_with_field_messages(self, world, api):
        payload = {**self.create_data(world.a), **self.invalid_data}

        response = self.post(api(self.actor), payload)

        assert response.status_code == 400
        assert set(self.invalid_data) <= set(response.json()), response.json()

    def test_without_write_permission_is_403(self, world, api):
        own = self.make(world.a)

        assert self.post(api("reader"), self.create_data(world.a)).status_code == 403
        assert self.patch(api("reader"), own, self.update_data).status_code == 403
        assert api("reader").delete(self.detail_url(own)).status_code == 403

    def assert_other_district_unchanged(self, client, other):
        assert self.patch(client, other, self.update_data).status_code == 404
        assert client.delete(self.detail_url(other)).status_code == 404
        assert type(other).objects.filter(pk=other.pk).exists()


class ScopeTests(ResourceTestCase):
    """A new row of district A's clerk cannot point at district B's objects."""

    def test_cannot_create_for_other_district(self, world, api):
        payload = self.create_data(world.b)
        before = self.model.objects.count()

        response = self.post(api("clerk"), payload)

        assert response.status_code in (400, 404), response.json()
        assert self.model.objects.count() == before


class LockTests(ResourceTestCase):
    """Rows of a plan: refused with 409 while the plan is submitted or approved."""

    creates_in_plan = True  # a new row goes into an existing plan, so creating it is refused too

    def test_locked_plan_refuses_writes(self, world, api):
        own = self.make(world.a)
        payload = self.create_data(world.a)
        AnnualPlan.objects.filter(district=world.a.district).update(status=PlanStatus.SUBMITTED)
        clerk = api(self.actor)

        responses = [self.patch(clerk, own, self.update_data), clerk.delete(self.detail_url(own))]
        if self.creates_in_plan:
            responses.append(self.post(clerk, payload))
        for response in responses:
            assert response.status_code == 409, response.json()
            assert "locked" in response.json()["detail"]
        assert clerk.get(self.detail_url(own)).status_code == 200
        assert type(own).objects.filter(pk=own.pk).exists()


class DistrictListTests(WriteTests, ScopeTests):
    """A reference list of one district (ranks, vehicle types, crime heads...): not locked with a plan."""


class PlanRowTests(WriteTests, ScopeTests, LockTests):
    """Rows of one plan: written within the district, locked with the plan."""
