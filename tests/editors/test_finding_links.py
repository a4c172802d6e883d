"""Every consistency finding on the plan page links to the chapter editor and the cell that carry it."""

import re
from decimal import Decimal

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils.html import escape

from initiatives.models import StrategyPoint
from plans import registry
from plans.consistency import finding_url, run_checks
from plans.models import AnnualPlan, DistrictProfile, PlanStatus, PrintedFigure, Role
from tests.api.factories import role_user


def links_on(html):
    return re.findall(r'<a class="finding__link" href="([^"]+)"', html)


@pytest.fixture
def plan_with_slips(kasur_plan):
    """The Kasur plan with a few more slips: rural share off, an old year in a strategy point, a printed total."""
    DistrictProfile.objects.filter(plan=kasur_plan).update(rural_percent=Decimal("30"))
    point = StrategyPoint.objects.filter(objective__plan=kasur_plan, heading__isnull=True).first()
    StrategyPoint.objects.filter(pk=point.pk).update(text="Peace during Muharram 2021-22.")
    PrintedFigure.objects.update_or_create(plan=kasur_plan, key="profile:police_posts_total", defaults={"value": 30})
    return kasur_plan


def test_each_finding_of_a_chapter_with_editors_links_to_it_and_its_cell_is_there(admin_client, plan_with_slips):
    plan = plan_with_slips
    findings = run_checks(plan)
    pages = {}
    linked = 0
    for finding in findings:
        chapter = registry.chapter(finding.chapter)
        url = finding_url(plan, finding)
        if chapter is None or chapter.editors is None:
            assert url == ""
            continue
        linked += 1
        page_url, _hash, cell = url.partition("#")
        assert page_url == reverse("plans:plan-edit", args=["kasur", plan.fiscal_year, chapter.slug])
        if cell:
            if page_url not in pages:
                pages[page_url] = admin_client.get(page_url).content.decode()
            assert f'id="{cell}"' in pages[page_url], (finding, cell)
    assert linked >= 5
    cells = [finding.cell for finding in findings]
    assert any(cell.startswith("stock") for cell in cells), "the document's stock lines that do not add up"


def test_the_findings_name_the_cells_of_the_slips(plan_with_slips):
    cells = {(finding.chapter, finding.cell) for finding in run_checks(plan_with_slips)}
    objective = StrategyPoint.objects.get(text__startswith="Peace during Muharram").objective_id
    assert ("vital-statistics", "profile-rural_percent") in cells
    assert ("vital-statistics", "profile-police_posts_sanctioned") in cells
    assert ("objectives", f"objective-{objective}-text") in cells


def test_the_plan_page_links_each_finding(admin_client, plan_with_slips):
    html = admin_client.get(plan_with_slips.get_absolute_url()).content.decode()
    box = html[html.index('id="check"') : html.index("</section>", html.index('id="check"'))]
    edit = reverse("plans:plan-edit", args=["kasur", plan_with_slips.fiscal_year, "vital-statistics"])
    assert f"{edit}#profile-rural_percent" in links_on(box)
    findings = run_checks(plan_with_slips)
    expected = [finding_url(plan_with_slips, finding) for finding in findings if finding_url(plan_with_slips, finding)]
    assert sorted(links_on(box)) == sorted(escape(url) for url in expected)


def test_the_admin_findings_link_too(admin_client, plan_with_slips):
    html = admin_client.get(reverse("admin:plans_annualplan_change", args=[plan_with_slips.pk])).content.decode()
    edit = reverse("plans:plan-edit", args=["kasur", plan_with_slips.fiscal_year, "vital-statistics"])
    assert f"{edit}#profile-rural_percent" in links_on(html)


def test_a_locked_plan_has_nothing_to_correct(admin_client, plan_with_slips):
    AnnualPlan.objects.filter(pk=plan_with_slips.pk).update(status=PlanStatus.SUBMITTED)
    html = admin_client.get(plan_with_slips.get_absolute_url()).content.decode()
    assert "Urban 67% + rural 30% = 97%, not 100%" in html
    assert links_on(html) == []


def test_a_reader_gets_no_link_to_an_editor(client, plan_with_slips):
    views = Permission.objects.filter(codename__startswith="view_")
    reader = role_user("kasur-reader", Role.READER, district=plan_with_slips.district, permissions=views)
    client.force_login(reader)
    html = client.get(plan_with_slips.get_absolute_url()).content.decode()
    assert "Urban 67% + rural 30% = 97%, not 100%" in html
    assert links_on(html) == []
