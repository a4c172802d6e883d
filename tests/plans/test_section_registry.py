"""A section app that only the tests install (`tests/extra_section`) reaches every place a plan is shown,
without a change to `plans`; and `plans` and `kasur_police` import no section app."""

import dataclasses
import io
import re
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from pypdf import PdfReader

from plans import registry
from plans.consistency import run_checks
from plans.models import PrintedFigure
from plans.pdf import render_plan_html, render_plan_pdf
from plans.rollover import carry_forward
from plans.views.editors import editable_chapters
from tests.editor_helpers import edit_url, page_data
from tests.extra_section.models import Patrol

ROOT = Path(settings.BASE_DIR)


@pytest.fixture
def plan_with_patrols(kasur_plan):
    Patrol.objects.create(plan=kasur_plan, route="Kasur–Khudian road", officers=12)
    Patrol.objects.create(plan=kasur_plan, route="Ganda Singh border", officers=30)
    return kasur_plan


def test_the_extra_section_registers_its_chapter_in_its_place():
    slugs = [chapter.slug for chapter in registry.chapters()]
    assert slugs.index("targets") < slugs.index("patrols") < slugs.index("financial-resources")


def test_the_printed_plan_has_the_section(plan_with_patrols):
    html = render_plan_html(plan_with_patrols)
    assert "Patrol routes" in html and "Ganda Singh border" in html and ">42<" in html
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(render_plan_pdf(plan_with_patrols))).pages)
    assert "Ganda Singh border" in text
    assert text.index("Targets to be achieved") < text.index("Ganda Singh border") < text.rindex("Financial resources")


@pytest.fixture
def patrols_within_objectives(monkeypatch):
    """The extra section's chapter declared `printed_within` the objectives, as crime's performance is."""
    section = registry._sections["extra_section"]
    chapter = dataclasses.replace(section.chapters[0], printed_within="objectives")
    monkeypatch.setitem(registry._sections, "extra_section", dataclasses.replace(section, chapters=(chapter,)))


def chapter_html(html, kind):
    """The printed chapter of that kind, up to the next chapter."""
    start = html.index(f'class="part part-{kind} chapter"')
    return html[start : html.index('class="part part-', start + 1)]


def test_a_chapter_printed_within_another_goes_under_the_hosts_heading(plan_with_patrols, patrols_within_objectives):
    html = render_plan_html(plan_with_patrols)
    objectives = chapter_html(html, "objectives")
    # Both guests under "g) Performance of District Kasur.", in the order of the chapters, and nowhere else.
    assert objectives.index("Crime-2022") < objectives.index("Ganda Singh border")
    assert "part-patrols" not in html and html.count("Ganda Singh border") == 1
    assert "Patrol routes" not in html  # titled by the heading it is printed under


def test_without_a_place_in_the_host_the_chapter_prints_on_its_own(plan_with_patrols, patrols_within_objectives):
    for objective in plan_with_patrols.objectives.all():
        for heading in objective.headings.filter(points=None):
            heading.points.create(objective=objective, text="A point of its own.")
    html = render_plan_html(plan_with_patrols)
    assert "Ganda Singh border" in chapter_html(html, "patrols") and "Crime-2022" in chapter_html(html, "performance")
    assert "Ganda Singh border" not in chapter_html(html, "objectives")


def test_the_portal_plan_page_and_csv_have_the_section(admin_client, plan_with_patrols):
    page = admin_client.get(plan_with_patrols.get_absolute_url()).content.decode()
    assert 'id="part-patrols"' in page and "Kasur–Khudian road" in page
    csv_url = reverse(
        "plans:plan-csv", kwargs={"district": "kasur", "year": plan_with_patrols.fiscal_year, "table": "patrols"}
    )
    assert csv_url in page
    lines = admin_client.get(csv_url).content.decode("utf-8-sig").splitlines()
    assert lines == ["Route,Officers", "Kasur–Khudian road,12", "Ganda Singh border,30", "Total,42"]


def test_the_full_plan_has_the_section(admin_client, plan_with_patrols):
    data = admin_client.get(f"/api/v1/plans/{plan_with_patrols.pk}/full/").json()
    assert [row["route"] for row in data["patrols"]] == ["Kasur–Khudian road", "Ganda Singh border"]
    assert data["computed_figures"]["patrols:officers:total"] == 42
    assert list(data).index("targets") < list(data).index("patrols") < list(data).index("budget")


def test_the_consistency_check_checks_the_sections_printed_figure(plan_with_patrols):
    PrintedFigure.objects.create(plan=plan_with_patrols, key="patrols:officers:total", value=40)
    messages = [finding.message for finding in run_checks(plan_with_patrols) if finding.chapter == "patrols"]
    assert messages == ["Total officers on patrol is printed as 40, but 12 + 30"]


def test_next_years_plan_carries_the_section_forward(plan_with_patrols):
    new_plan, copied = carry_forward(plan_with_patrols)
    assert list(Patrol.objects.filter(plan=new_plan).values_list("route", "officers")) == [
        ("Kasur–Khudian road", 12),
        ("Ganda Singh border", 30),
    ]
    assert copied[Patrol] == 2


def test_the_plans_admin_page_has_the_section(admin_client, plan_with_patrols):
    page = admin_client.get(reverse("admin:plans_annualplan_change", args=[plan_with_patrols.pk])).content.decode()
    patrols = reverse("admin:extra_section_patrol_changelist") + f"?plan__id__exact={plan_with_patrols.pk}"
    assert 'id="chapter-patrols"' in page and f'href="{patrols}"' in page
    chapter = page[page.index('id="chapter-patrols"') : page.index('id="chapter-financial-resources"')]
    assert "2 rows" in chapter


SECTION_APPS = [section.app_label for section in registry.sections() if section.app_label != "plans"]


def hub_modules():
    tracked = subprocess.run(
        ["git", "ls-files", "plans", "kasur_police"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.split()
    return [ROOT / name for name in tracked if name.endswith(".py") and "/migrations/" not in name]


def test_plans_and_kasur_police_import_no_section_app():
    imports = re.compile(rf"^\s*(from|import)\s+({'|'.join(SECTION_APPS)})\b", re.MULTILINE)
    offenders = [str(path.relative_to(ROOT)) for path in hub_modules() if imports.search(path.read_text())]
    assert offenders == []


def test_no_list_of_app_labels_is_written_out_in_plans_or_kasur_police():
    labels = "|".join(SECTION_APPS)
    listed = re.compile(rf"""["']({labels})["']\s*,\s*["']({labels})["']""")
    offenders = [
        str(path.relative_to(ROOT))
        for path in hub_modules()
        if path.name not in ("settings.py",) and listed.search(path.read_text())
    ]
    assert offenders == []


def test_the_chapter_edit_page_has_the_sections_editor(admin_client, plan_with_patrols):
    assert "patrols" in [chapter.slug for chapter in editable_chapters()]
    data = page_data(admin_client, plan_with_patrols, "patrols")
    khudian = Patrol.objects.get(route="Kasur–Khudian road")
    assert data[f"patrols-{khudian.pk}-officers"] == "12"
    data |= {f"patrols-{khudian.pk}-officers": "14", "patrols-new0-name": "Raiwind road", "patrols-new0-officers": "6"}
    assert admin_client.post(edit_url(plan_with_patrols, "patrols"), data).status_code == 302
    assert dict(Patrol.objects.values_list("route", "officers")) == {
        "Kasur–Khudian road": 14,
        "Ganda Singh border": 30,
        "Raiwind road": 6,
    }
    page = admin_client.get(plan_with_patrols.get_absolute_url()).content.decode()
    assert edit_url(plan_with_patrols, "patrols") in page
