"""Quarterly progress against the targets (Police Order 2002, Article 44) in the printed plan, when asked for.

One test prints for real (the plan with and without progress); the others replace WeasyPrint with a
counter and read the HTML it was given.
"""

import re
from io import BytesIO

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pypdf import PdfReader

from initiatives.chapters import targets
from initiatives.models import ProgressStatus, Target, TargetProgress
from plans import pdf as plan_pdf
from plans.demo import build_demo_progress
from plans.document import DocumentOptions
from plans.management.commands import render_plan
from plans.models import District, Province, Region, Role
from plans.overview import quarter_labels
from tests.api.factories import DemoPlanFactory, role_user

pytestmark = pytest.mark.django_db

TARGETS_TITLE = "Targets to be achieved and mechanism"


@pytest.fixture
def plan(db):
    """A synthetic plan with progress recorded in its first two quarters."""
    province = Province.objects.create(name="Test Province", slug="test-province")
    region = Region.objects.create(province=province, name="Test Region", slug="test-region")
    district = District.objects.create(region=region, name="Testpur", slug="testpur")
    plan = DemoPlanFactory(district=district, year_start=2023)
    build_demo_progress(plan, quarters=2)
    return plan


@pytest.fixture
def fake_printer(monkeypatch):
    """Replace WeasyPrint with a recorder of the HTML it is asked to print."""
    cache.clear()
    printed = []

    def write_pdf(html):
        printed.append(html)
        return b"%PDF-1.7 fake " + str(len(printed)).encode()

    monkeypatch.setattr(plan_pdf, "write_pdf", write_pdf)
    return printed


def label_pattern(label):
    """A quarter label as extracted text: any whitespace where the column wraps it."""
    return re.compile(r"\s+".join(re.escape(word) for word in label.split()))


def targets_section(pdf):
    """The text of the targets chapter: from its heading (in capitals, unlike its contents entry) to the next one."""
    text = "\n".join(page.extract_text() for page in PdfReader(BytesIO(pdf)).pages)
    text = re.sub(r"\s+", " ", re.sub(r"\u2010\s*", "", text))  # words hyphenated at a line end joined again
    start = text.index(TARGETS_TITLE.upper())
    end = text.find("FINANCIAL RESOURCES", start)
    return text[start : end if end != -1 else None]


def test_the_pdf_prints_quarterly_progress_in_the_targets_table_only_when_asked(plan):
    first = TargetProgress.objects.filter(target__plan=plan, quarter=1).order_by("target").first()
    statuses = [str(label) for label in ProgressStatus.labels]

    with_progress = targets_section(plan_pdf.render_plan_pdf(plan, use_cache=False, with_progress=True))
    for label in quarter_labels(plan):
        assert label_pattern(label).search(with_progress), label
    assert first.get_status_display() in with_progress
    assert "—" in with_progress  # quarters 3 and 4 have nothing recorded

    without = targets_section(plan_pdf.render_plan_pdf(plan, use_cache=False))
    assert not any(label_pattern(label).search(without) for label in quarter_labels(plan))
    assert not any(status in without for status in statuses)
    for target in plan.targets.all()[:3]:
        assert target.category in without


def test_progress_costs_the_same_queries_however_many_targets(plan):
    def queries():
        with CaptureQueriesContext(connection) as captured:
            targets(plan, DocumentOptions(with_progress=True))
        return len(captured)

    before = queries()
    for position in range(100, 110):
        target = Target.objects.create(plan=plan, position=position, category=f"Extra target {position}")
        TargetProgress.objects.create(target=target, quarter=1, status=ProgressStatus.ON_TRACK)
    assert queries() == before == 2


def test_the_cache_keeps_the_plan_with_and_without_progress_apart(plan, fake_printer):
    plain = plan_pdf.render_plan_pdf(plan)
    progress = plan_pdf.render_plan_pdf(plan, with_progress=True)
    assert plain != progress and len(fake_printer) == 2
    assert "Jul–Sep 2023" in fake_printer[1] and "Jul–Sep 2023" not in fake_printer[0]
    assert plan_pdf.render_plan_pdf(plan) == plain
    assert plan_pdf.render_plan_pdf(plan, with_progress=True) == progress
    assert len(fake_printer) == 2

    recorded = TargetProgress.objects.filter(target__plan=plan, quarter=2).first()
    recorded.note = "Reviewed by the commission"
    recorded.save()
    plan_pdf.render_plan_pdf(plan, with_progress=True)
    assert len(fake_printer) == 3 and "Reviewed by the commission" in fake_printer[-1]


def test_the_pdf_and_preview_urls_take_the_progress_option(client, plan, fake_printer):
    client.force_login(role_user("reader", Role.READER, district=plan.district))
    kwargs = {"district": "testpur", "year": "2023-2024"}
    pdf_url, preview_url = (reverse(f"documents:{name}", kwargs=kwargs) for name in ("pdf", "preview"))

    assert client.get(pdf_url).status_code == 200
    assert client.get(pdf_url, {"progress": "1"}).status_code == 200
    assert "Oct–Dec 2023" not in fake_printer[0] and "Oct–Dec 2023" in fake_printer[1]
    assert "Oct–Dec 2023" in client.get(preview_url, {"progress": "1"}).content.decode()
    assert "Oct–Dec 2023" not in client.get(preview_url).content.decode()


def test_render_plan_command_prints_progress_when_asked(plan, monkeypatch, tmp_path):
    monkeypatch.setattr(render_plan, "write_pdf", lambda html: b"%PDF-1.7 fake")
    html = tmp_path / "plan.html"
    call_command("render_plan", "testpur", "2023-2024", "-o", str(tmp_path / "plan.pdf"), "--html", str(html))
    assert "Apr–Jun 2024" not in html.read_text(encoding="utf-8")
    call_command(
        "render_plan", "testpur", "2023-2024", "-o", str(tmp_path / "plan.pdf"), "--html", str(html), "--with-progress"
    )
    assert "Apr–Jun 2024" in html.read_text(encoding="utf-8")
    assert (tmp_path / "plan.pdf").read_bytes().startswith(b"%PDF")
