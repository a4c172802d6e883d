"""The full plan's cached data: served again while the plan is unchanged, renewed by every kind of write, and
never handed to a user outside the plan's scope."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext, override_settings
from django.urls import reverse

from strength.models import StrengthEntry
from tests.editor_helpers import post_chapter


def full_url(plan):
    return reverse("api:annualplan-full", args=[plan.pk])


def read(client, plan, **extra):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(full_url(plan), **extra)
    assert response.status_code == 200
    return response.json(), len(queries)


def present_of(data, entry):
    rows = [row for row in data["strength"]["police"]["entries"] if row["id"] == entry.pk]
    assert len(rows) == 1
    return rows[0]["present"]


@pytest.fixture
def si(kasur_plan):
    return StrengthEntry.objects.get(plan=kasur_plan, rank__name="SI")


def test_a_second_read_is_the_same_data_from_the_cache(kasur_plan, api):
    client = api("admin")
    first, cold = read(client, kasur_plan)
    second, warm = read(client, kasur_plan)
    assert second == first
    assert warm <= cold - 15  # the sections' queries are skipped


def test_an_api_edit_renews_the_cached_plan(kasur_plan, api, si):
    client = api("admin")
    assert present_of(read(client, kasur_plan)[0], si) == si.present
    response = client.patch(
        reverse("api:strengthentry-detail", args=[si.pk]),
        {"present": si.present + 1},
        format="json",
        HTTP_IF_MATCH=f'"{si.version}"',
    )
    assert response.status_code == 200, response.content
    assert present_of(read(client, kasur_plan)[0], si) == si.present + 1


def test_a_chapter_editors_bulk_save_renews_the_cached_plan(client, kasur_plan, kasur_clerk, api, si):
    reader = api("admin")
    before = read(reader, kasur_plan)[0]
    client.force_login(kasur_clerk)
    response = post_chapter(client, kasur_plan, "strength", {f"police-{si.rank_id}-present": "150"})
    assert response.status_code == 302
    after = read(reader, kasur_plan)[0]
    assert present_of(before, si) == si.present != 150
    assert present_of(after, si) == 150
    assert after["strength"]["police"]["totals"]["present"] == (
        before["strength"]["police"]["totals"]["present"] - si.present + 150
    )


def test_the_cache_is_read_only_after_the_scope_and_permission_checks(world, api):
    plan = world.a.plan
    read(api("clerk"), plan)  # fills the cache
    assert api("clerk").get(full_url(world.b.plan)).status_code == 404
    assert api("stranger").get(full_url(plan)).status_code in (403, 404)
    assert api().get(full_url(plan)).status_code == 401


@override_settings(ALLOWED_HOSTS=["testserver", "plans.example.org"])
def test_each_server_address_gets_its_own_urls(kasur_plan, api):
    client = api("admin")
    local = read(client, kasur_plan)[0]
    public = read(client, kasur_plan, HTTP_HOST="plans.example.org")[0]
    assert local["url"].startswith("http://testserver/")
    assert public["url"].startswith("http://plans.example.org/")
