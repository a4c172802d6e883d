"""Error pages in the portal's own layout."""

from plans.demo import build_demo_district
from plans.models import Province, Region, Role
from tests.api.factories import DemoPlanFactory, role_user


def test_another_districts_plan_answers_404_in_the_portals_layout(client, db):
    region = Region.objects.create(province=Province.objects.create(name="Punjab", slug="punjab"), name="N", slug="n")
    own, other = build_demo_district(region, 1), build_demo_district(region, 2)
    plan = DemoPlanFactory(district=other, year_start=2023)
    client.force_login(role_user("clerk", Role.CLERK, district=own))

    response = client.get(plan.get_absolute_url())

    assert response.status_code == 404
    page = response.content.decode()
    assert "belongs to a district you do not work with" in page
    assert 'href="/"' in page
