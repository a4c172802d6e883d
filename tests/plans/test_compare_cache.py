"""The comparison page's cached sections (renewed by an edit of either plan) and its long list of other plans."""

import pytest
from django.db import connection
from django.test.html import parse_html
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from plans.demo import build_demo_district
from plans.models import Province, Region
from strength.models import StrengthEntry
from tests.api.factories import DemoPlanFactory


@pytest.fixture
def district(db):
    region = Region.objects.create(province=Province.objects.create(name="Punjab", slug="punjab"), name="N", slug="n")
    district = build_demo_district(region, 1)
    for year in (2022, 2023):
        DemoPlanFactory(district=district, year_start=year, seed=year)
    return district


def compare(client, district, **query):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("plans:compare-plans", args=[district.slug]), query)
    assert response.status_code == 200
    html = response.content.decode()
    return html[html.index('<div class="compare">') :], len(queries)


def test_the_compared_sections_come_from_the_cache_until_a_plan_changes(admin_client, district):
    first, cold = compare(admin_client, district)
    second, warm = compare(admin_client, district)
    assert second == first
    assert warm <= cold - 10  # the sections' queries are skipped

    entry = StrengthEntry.objects.filter(plan__district=district, plan__year_start=2023).order_by("pk").first()
    entry.present = 98765
    entry.full_clean()
    entry.save()
    third, _queries = compare(admin_client, district)
    assert "98,765" not in first and "98,765" in third


def test_the_switch_and_the_other_plan_each_have_their_own_sections(admin_client, district):
    everything, _queries = compare(admin_client, district)
    changes, _queries = compare(admin_client, district, a=2022, b=2023, changes="on")
    other = DemoPlanFactory(district=build_demo_district(district.region, 2), year_start=2023, seed=9)
    beside_other, _queries = compare(admin_client, district, a=2023, b=2023, other=other.pk)
    assert len({everything, changes, beside_other}) == 3
    assert other.district.name in beside_other and other.district.name not in everything


def test_the_other_plans_are_listed_by_district_and_year_with_the_chosen_one_selected(admin_client, district):
    other = DemoPlanFactory(district=build_demo_district(district.region, 2), year_start=2023, seed=9)
    url = reverse("plans:compare-plans", args=[district.slug])
    html = admin_client.get(url, {"a": 2023, "b": 2023, "other": other.pk}).content.decode()
    select = html[html.index('<select name="other"') : html.index("</select>", html.index('<select name="other"'))]
    options = parse_html(select + "</select>").children
    assert [(option.attributes, option.children) for option in options] == [
        ([("value", "")], ["(none: this district's later plan)"]),
        ([("selected", None), ("value", str(other.pk))], [f"{other.district.name} 2023-2024"]),
    ]
