"""The plans app's chapters and the targets in the portal's chapter editor: forms of the models' own fields,
every input labelled, errors at their input, nothing saved on a bad value, a locked plan and other districts
refused."""

import pytest
from django.contrib.auth.models import Permission

from initiatives.models import StrategyPoint, Target
from plans.models import AnnualPlan, DistrictProfile, PlanStatus, Role, SectShare, Unit
from tests.api.factories import role_user
from tests.editors.page_forms import edit_url, read_form, unlabelled

MY_CHAPTERS = [
    "cover",
    "message",
    "responsibilities",
    "district-detail",
    "vital-statistics",
    "objectives",
    "narratives",
    "targets",
    "closing",
]


@pytest.fixture
def clerk(kasur_plan):
    every = Permission.objects.filter(content_type__app_label__in=("plans", "initiatives"))
    return role_user("kasur-clerk", Role.CLERK, district=kasur_plan.district, permissions=every)


@pytest.fixture
def client_of(client):
    def log_in(user):
        client.force_login(user)
        return client

    return log_in


def snapshot(plan):
    plan = AnnualPlan.objects.get(pk=plan.pk)
    return (
        plan.version,
        list(DistrictProfile.objects.filter(plan=plan).values()),
        list(SectShare.objects.filter(plan=plan).values()),
        list(Unit.objects.filter(plan=plan).values()),
        list(Target.objects.filter(plan=plan).values()),
    )


@pytest.mark.parametrize("chapter", MY_CHAPTERS)
def test_each_chapter_opens_with_every_input_labelled_and_saves_unchanged(kasur_plan, clerk, client_of, chapter):
    client = client_of(clerk)
    response = client.get(edit_url(kasur_plan, chapter))
    assert response.status_code == 200
    form = read_form(response)
    assert form.inputs and unlabelled(form) == []
    before = snapshot(kasur_plan)
    response = client.post(edit_url(kasur_plan, chapter), form.data)
    assert response.status_code == 302, response.context and response.context["errors"]
    assert snapshot(kasur_plan) == before


def test_a_bad_value_is_reported_at_its_input_and_nothing_is_saved(kasur_plan, clerk, client_of):
    client = client_of(clerk)
    url = edit_url(kasur_plan, "vital-statistics")
    data = read_form(client.get(url)).data
    before = snapshot(kasur_plan)
    data |= {"profile-rural_percent": "40", "profile-population": "4000000", "sects-0-name": ""}
    response = client.post(url, data)
    assert response.status_code == 200
    errors = {(error.cell_id, error.message) for error in response.context["errors"]}
    assert any(cell == "profile-rural_percent" and "must add up to 100%" in message for cell, message in errors)
    assert ("sects-0-name", "This field is required.") in errors
    page = response.content.decode()
    assert 'href="#profile-rural_percent"' in page and 'id="profile-rural_percent"' in page
    assert snapshot(kasur_plan) == before


def test_rows_are_added_changed_and_deleted(kasur_plan, clerk, client_of):
    client = client_of(clerk)
    url = edit_url(kasur_plan, "vital-statistics")
    data = read_form(client.get(url)).data
    total = int(data["sects-TOTAL_FORMS"])
    last = total - 1  # the blank row
    data |= {f"sects-{last}-name": "Bohra", f"sects-{last}-percent": "0", f"sects-{last}-position": "9"}
    data["sects-0-DELETE"] = "on"
    first = SectShare.objects.filter(plan=kasur_plan).first()
    data["profile-population"] = "3500000"
    response = client.post(url, data)
    assert response.status_code == 302, response.context and response.context["errors"]
    names = list(SectShare.objects.filter(plan=kasur_plan).values_list("name", flat=True))
    assert first.name not in names and names[-1] == "Bohra"
    assert DistrictProfile.objects.get(plan=kasur_plan).population == 3500000


def test_the_plans_own_text_is_saved(kasur_plan, clerk, client_of):
    client = client_of(clerk)
    url = edit_url(kasur_plan, "message")
    data = read_form(client.get(url)).data
    data["message-message"] = "A new message.\n\nIn two paragraphs."
    assert client.post(url, data).status_code == 302
    assert AnnualPlan.objects.get(pk=kasur_plan.pk).message.split() == [
        "A",
        "new",
        "message.",
        "In",
        "two",
        "paragraphs.",
    ]


def test_the_organogram_offers_the_plans_own_units(kasur_plan, clerk, client_of, world):
    response = client_of(clerk).get(edit_url(kasur_plan, "district-detail"))
    editor = response.context["editors"][0]
    parents = editor.formset.forms[0].fields["parent"].queryset
    assert set(parents.values_list("plan_id", flat=True)) == {kasur_plan.pk}


def test_a_locked_plan_refuses_and_keeps_its_rows(kasur_plan, clerk, client_of):
    client = client_of(clerk)
    url = edit_url(kasur_plan, "targets")
    data = read_form(client.get(url)).data
    data["targets-0-category"] = "Changed behind the lock"
    AnnualPlan.objects.filter(pk=kasur_plan.pk).update(status=PlanStatus.SUBMITTED)
    before = snapshot(kasur_plan)
    response = client.post(url, data)
    assert response.status_code == 409
    assert snapshot(kasur_plan) == before
    page = client.get(url).content.decode()
    assert 'id="targets-0-category"' in page and "disabled" in page


def test_another_districts_plan_is_not_found(kasur_plan, world, client_of):
    every = Permission.objects.filter(content_type__app_label__in=("plans", "initiatives"))
    outsider = role_user("outsider", Role.CLERK, district=world.a.district, permissions=every)
    client = client_of(outsider)
    for chapter in ("vital-statistics", "narratives"):
        assert client.get(edit_url(kasur_plan, chapter)).status_code == 404
        assert client.post(edit_url(kasur_plan, chapter), {"version": "x"}).status_code == 404


def test_an_objective_removed_takes_its_strategy_and_a_new_one_gets_its_list(kasur_plan, clerk, client_of):
    client = client_of(clerk)
    url = edit_url(kasur_plan, "objectives")
    data = read_form(client.get(url)).data
    etc = kasur_plan.objectives.get(number="iv")
    ii = kasur_plan.objectives.get(number="ii")
    index = next(key.split("-")[1] for key, value in data.items() if key.endswith("-id") and value == str(ii.pk))
    data[f"objectives-{index}-DELETE"] = "on"
    data[f"objective-{ii.pk}-text"] += "\nA point typed before the objective was removed"
    last = int(data["objectives-TOTAL_FORMS"]) - 1
    data |= {
        f"objectives-{last}-position": "5",
        f"objectives-{last}-number": "v",
        f"objectives-{last}-title": "Safe roads",
    }
    data[f"objective-{etc.pk}-text"] = "Strict action against land grabbers."
    response = client.post(url, data)
    assert response.status_code == 302, response.context and response.context["errors"]
    assert list(kasur_plan.objectives.values_list("number", flat=True)) == ["i", "iii", "iv", "v"]
    assert not StrategyPoint.objects.filter(objective_id=ii.pk).exists()
    assert list(StrategyPoint.objects.filter(objective=etc).values_list("text", flat=True)) == [
        "Strict action against land grabbers."
    ]
    page = client.get(url).content.decode()
    new = kasur_plan.objectives.get(number="v")
    assert f'id="objective-{new.pk}-text"' in page
