"""Every admin page of every model, across two districts: a clerk of one never reaches the other's rows."""

import pytest
from django.contrib import admin
from django.contrib.auth.models import Permission
from django.urls import reverse

from plans.base import district_path
from plans.demo import build_demo_district, build_demo_progress
from plans.models import Province, Region, Role, WorkflowEvent
from tests.api.factories import DemoPlanFactory, role_user

SECTION_APPS = ("plans", "strength", "logistics", "crime_stats", "initiatives")
REGISTERED = sorted(
    (model for model in admin.site._registry if model._meta.app_label in SECTION_APPS),
    key=lambda model: model._meta.label,
)
# Where districts sit and who works where are not district data: a province holds both districts here.
PLACES_AND_PEOPLE = {"plans.Province", "plans.Region", "plans.Membership"}
SCOPED = [
    model for model in REGISTERED if hasattr(model.objects, "visible_to") and model._meta.label not in PLACES_AND_PEOPLE
]


def url(model, view, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


@pytest.fixture
def two_districts(db):
    region = Region.objects.create(province=Province.objects.create(name="Punjab", slug="punjab"), name="N", slug="n")
    own, other = build_demo_district(region, 1), build_demo_district(region, 2)
    every = Permission.objects.filter(content_type__app_label__in=SECTION_APPS)
    clerk = role_user("clerk", Role.CLERK, district=own, staff=True, permissions=every)
    for district in (own, other):
        plan = DemoPlanFactory(district=district, year_start=2023, seed=district.pk)
        build_demo_progress(plan, quarters=1)
        WorkflowEvent.objects.create(
            plan=plan, action="submit", from_status="draft", to_status="submitted", actor=clerk
        )
    return own, other, clerk


def test_every_scoped_model_of_the_five_apps_is_in_this_test():
    unscoped = {model._meta.label for model in REGISTERED} - {model._meta.label for model in SCOPED}
    assert unscoped <= PLACES_AND_PEOPLE
    assert len(SCOPED) >= 30


@pytest.mark.parametrize("model", SCOPED, ids=lambda model: model._meta.label)
def test_another_districts_rows_answer_404_and_stay_out_of_lists(client, two_districts, model):
    own, other, clerk = two_districts
    client.force_login(clerk)
    path = district_path(model)
    theirs = model.objects.filter(**{f"{path}__in": [other.pk]}).first()
    ours = model.objects.filter(**{f"{path}__in": [own.pk]}).first()
    assert theirs is not None, f"the test data has no {model._meta.verbose_name}"

    for view in ("change", "history", "delete"):
        assert client.get(url(model, view, theirs.pk)).status_code == 404, view

    listed = client.get(url(model, "changelist"), {"all": ""})
    assert listed.status_code == 200
    shown = {row.pk for row in listed.context["cl"].result_list}
    assert theirs.pk not in shown
    if ours is not None:
        assert ours.pk in shown or listed.context["cl"].result_count > len(shown)
