"""The plan's admin page is no longer one giant form: it links to the chapter editors, in document order, with
each chapter's completeness, and to the admin's lists of the plan's rows."""

import re

from django.urls import reverse

from initiatives.models import StrategyPoint
from plans import registry
from plans.models import AnnualPlan, PlanStatus
from strength.models import StrengthEntry


def admin_page(client, plan):
    return client.get(reverse("admin:plans_annualplan_change", args=[plan.pk]))


def test_one_editor_link_per_chapter_in_document_order_with_its_completeness(admin_client, kasur_plan):
    content = admin_page(admin_client, kasur_plan).content.decode()
    links = re.findall(
        r'<li class="plan-chapter-editor"><a href="([^"]+)">[^<]+</a>\s*<span class="mark mark--(\w+)"', content
    )
    slugs = [chapter.slug for chapter in registry.chapters() if chapter.editors is not None]
    assert [url for url, _mark in links] == [
        reverse("plans:plan-edit", args=["kasur", kasur_plan.fiscal_year, slug]) for slug in slugs
    ]
    marks = dict(zip(slugs, (mark for _url, mark in links), strict=True))
    assert marks["objectives"] == "incomplete" and marks["narratives"] == "complete"


def test_completing_a_chapter_changes_its_mark(admin_client, kasur_plan):
    objective = kasur_plan.objectives.get(number="iv")
    StrategyPoint.objects.create(objective=objective, text="Strict action against land grabbers.", position=1)
    page = admin_page(admin_client, kasur_plan)
    complete = {
        chapter["key"]: chapter["editor"]["complete"] for chapter in page.context["plan_chapters"] if chapter["editor"]
    }
    assert complete["objectives"] is True


def test_the_rows_are_not_inlined_but_listed(admin_client, kasur_plan):
    response = admin_page(admin_client, kasur_plan)
    content = response.content.decode()
    fields = re.findall(r"<(?:input|select|textarea)\b(?![^>]*type=\"hidden\")", content)
    assert len(fields) < 40  # the plan's own fields (1,246 with every row inlined)
    assert len(response.content) < 150_000  # 936 kB with every row inlined
    assert "strength_entries-TOTAL_FORMS" not in content
    strength = reverse("admin:strength_strengthentry_changelist") + f"?plan__id__exact={kasur_plan.pk}"
    assert f'href="{strength}"' in content
    listed = admin_client.get(strength).context["cl"].result_list
    assert set(listed) == set(StrengthEntry.objects.filter(plan=kasur_plan))


def test_a_locked_plan_links_to_its_editors_to_view(admin_client, kasur_plan):
    AnnualPlan.objects.filter(pk=kasur_plan.pk).update(status=PlanStatus.APPROVED)
    content = admin_page(admin_client, kasur_plan).content.decode()
    assert "View in the chapter editor" in content and "Edit in the chapter editor" not in content
