"""Error pages in the portal's own layout."""

from plans.demo import build_demo_district, build_demo_plan
from plans.models import Membership, Province, Region, Role


def test_another_districts_plan_answers_404_in_the_portals_layout(client, django_user_model, db):
    region = Region.objects.create(province=Province.objects.create(name="Punjab", slug="punjab"), name="N", slug="n")
    own, other = build_demo_district(region, 1), build_demo_district(region, 2)
    plan = build_demo_plan(other, 2023)
    clerk = django_user_model.objects.create_user("clerk", password="x")
    Membership.objects.create(user=clerk, role=Role.CLERK, district=own)
    client.force_login(clerk)

    response = client.get(plan.get_absolute_url())

    assert response.status_code == 404
    page = response.content.decode()
    assert "belongs to a district you do not work with" in page
    assert 'href="/"' in page
