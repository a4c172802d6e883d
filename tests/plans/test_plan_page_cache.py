"""The plan page's cached document: served again while the plan is unchanged, replaced by an edit, and never
shown to a user outside the plan's scope or to one whose permissions differ from the user it was made for."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.translation import override

from plans.demo import build_demo_district
from plans.models import AnnualPlan, PlanStatus, Province, Region
from plans.views.plan_page import document_cache_key
from strength.models import StrengthEntry
from tests.api.factories import DemoPlanFactory, role_user


@pytest.fixture
def region(db):
    return Region.objects.create(province=Province.objects.create(name="Punjab", slug="punjab"), name="North")


@pytest.fixture
def plan(region):
    return DemoPlanFactory(district=build_demo_district(region, 1), year_start=2023)


def page_url(plan):
    return reverse("plans:plan-detail", kwargs={"district": plan.district.slug, "year": plan.fiscal_year})


def document(html):
    """The document half of the page (the cached part), without the per-request CSRF tokens."""
    start = html.index('<div class="document">')
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html[start:])


def get(client, user, plan):
    client.force_login(user)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(page_url(plan))
    return response, len(queries)


@pytest.mark.django_db
def test_a_second_view_is_served_from_the_cache_with_the_same_document(client, plan):
    clerk = role_user("clerk", "clerk", group=True, staff=True, district=plan.district)
    first, cold = get(client, clerk, plan)
    second, warm = get(client, clerk, plan)
    assert first.status_code == second.status_code == 200
    assert warm <= cold - 20  # the chapters' and the check's queries are skipped
    assert document(second.content.decode()) == document(first.content.decode())
    assert second.context["findings"] == first.context["findings"]


@pytest.mark.django_db
def test_an_edit_replaces_the_cached_document(client, plan):
    clerk = role_user("clerk", "clerk", group=True, staff=True, district=plan.district)
    entry = StrengthEntry.objects.filter(plan=plan).select_related("rank").order_by("pk").first()
    html = get(client, clerk, plan)[0].content.decode()
    assert "98,765" not in html
    entry.sanctioned = entry.present = 98765
    entry.full_clean()
    entry.save()
    html = get(client, clerk, plan)[0].content.decode()
    strength = html[html.index('id="part-strength"') :]
    assert "98,765" in strength[: strength.index('class="plan-part ')]
    # the check runs again too: the printed total no longer matches the edited table
    assert "is printed as" in document(html)


@pytest.mark.django_db
def test_a_status_change_without_a_save_signal_still_changes_the_key(client, plan):
    clerk = role_user("clerk", "clerk", group=True, staff=True, district=plan.district)
    draft_key = document_cache_key(plan, clerk)
    assert 'class="tool tool--edit"' in get(client, clerk, plan)[0].content.decode()
    AnnualPlan.objects.filter(pk=plan.pk).update(status=PlanStatus.SUBMITTED)
    plan.refresh_from_db()
    assert document_cache_key(plan, clerk) != draft_key
    assert 'class="tool tool--edit"' not in get(client, clerk, plan)[0].content.decode()


@pytest.mark.django_db
def test_the_cached_page_is_never_shown_outside_the_users_scope(client, plan, region):
    own = role_user("clerk", "clerk", group=True, staff=True, district=plan.district)
    other_district = build_demo_district(region, 2)
    stranger = role_user("stranger", "clerk", group=True, staff=True, district=other_district)
    assert document_cache_key(plan, stranger) == document_cache_key(plan, own)  # same permissions, same entry
    assert get(client, own, plan)[0].status_code == 200  # fills the cache
    response, _queries = get(client, stranger, plan)
    assert response.status_code == 404
    assert plan.district.name not in response.content.decode()
    client.logout()
    assert client.get(page_url(plan)).status_code == 302  # to the login page


@pytest.mark.django_db
def test_a_user_with_other_permissions_gets_a_document_of_their_own(client, plan):
    clerk = role_user("clerk", "clerk", group=True, staff=True, district=plan.district)
    reader = role_user("reader", "reader", group=True, staff=True, district=plan.district)
    assert document_cache_key(plan, clerk) != document_cache_key(plan, reader)
    assert 'class="tool tool--edit"' in get(client, clerk, plan)[0].content.decode()
    assert 'class="tool tool--edit"' not in get(client, reader, plan)[0].content.decode()


@pytest.mark.django_db
def test_each_language_has_its_own_document(client, plan):
    clerk = role_user("clerk", "clerk", group=True, staff=True, district=plan.district)
    with override("en"):
        english = document_cache_key(plan, clerk)
    with override("ur"):
        assert document_cache_key(plan, clerk) != english
    english_html = get(client, clerk, plan)[0].content.decode()  # fills the English entry
    client.cookies["django_language"] = "ur"
    urdu_html = client.get(page_url(plan)).content.decode()
    assert 'dir="rtl"' in urdu_html and 'dir="rtl"' not in english_html[: english_html.index("<body")]
    assert document(urdu_html) != document(english_html)


@pytest.mark.django_db
def test_cached_views_need_the_same_queries_for_a_small_and_a_large_plan(client, region, django_user_model):
    small = DemoPlanFactory(district=build_demo_district(region, 1), year_start=2022)
    large = DemoPlanFactory(district=build_demo_district(region, 2), year_start=2023, scale=3)
    admin = django_user_model.objects.create_superuser("root")
    counts = []
    for plan in (small, large):
        get(client, admin, plan)
        counts.append(get(client, admin, plan)[1])
    assert counts[0] == counts[1]
    assert counts[0] <= 20
