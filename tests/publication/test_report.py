"""The half-yearly report of Article 44: progress of the half's quarters and crime, in scope, as page, API and PDF."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from pypdf import PdfReader

from initiatives.models import ProgressStatus, Target, TargetProgress
from plans.models import Role
from tests.api.factories import DistrictFactory, role_user
from tests.api.fixtures import token_client


@pytest.fixture
def progress(kasur_plan):
    """Progress on Kasur's first two targets: quarters 1 and 2 (the first half) and quarter 3 (the second)."""
    first, second = Target.objects.filter(plan=kasur_plan)[:2]
    for target, quarter, status, note in [
        (first, 1, ProgressStatus.ON_TRACK, "Site acquired for the petrol pump"),
        (first, 2, ProgressStatus.ACHIEVED, "Petrol pump opened in November"),
        (second, 2, ProgressStatus.AT_RISK, "Building delayed by funds"),
        (second, 3, ProgressStatus.ACHIEVED, "Markaz opened in February"),
    ]:
        TargetProgress.objects.create(target=target, quarter=quarter, status=status, note=note)
    return kasur_plan


@pytest.fixture
def users(progress, role_groups):
    return {
        "reader": role_user("reader", Role.READER, group=True, token=True, district=progress.district),
        "stranger": role_user("stranger", Role.READER, group=True, token=True, district=DistrictFactory()),
    }


def page_url(half):
    return reverse("reports:half-year", args=["kasur", "2023-2024", half])


def test_the_report_shows_the_halfs_quarters_and_crime(client, users):
    client.force_login(users["reader"])

    first = client.get(page_url(1)).content.decode()
    second = client.get(page_url(2)).content.decode()

    assert "Jul–Sep 2023" in first and "Oct–Dec 2023" in first and "Jan–Mar 2024" not in first
    assert "Petrol pump opened in November" in first and "Building delayed by funds" in first
    assert "Markaz opened in February" not in first
    assert "Markaz opened in February" in second and "Petrol pump opened" not in second
    assert "16,828" in first  # all reported crime in the plan's last crime year
    assert "Public Safety Commission" in first


def test_the_report_is_for_users_in_scope_only(client, users):
    assert client.get(page_url(1)).status_code == 302  # to the login page
    client.force_login(users["stranger"])
    assert client.get(page_url(1)).status_code == 404
    client.force_login(users["reader"])
    assert client.get(page_url(3)).status_code == 404


def test_the_api_gives_the_report_as_data(users, progress):
    url = reverse("reports-api:half-year-report", args=[progress.pk, 1])

    report = token_client(users["reader"]).get(url).json()

    assert report["quarters"] == ["Jul–Sep 2023", "Oct–Dec 2023"]
    counts = {row["status"]: row["targets"] for row in report["status_counts"]}
    assert (counts["Achieved"], counts["At risk"]) == (1, 1)
    assert counts["No progress recorded"] == Target.objects.filter(plan=progress).count() - 2
    assert report["crime"]["total"]["cases"][-1] == 16828
    assert token_client(users["stranger"]).get(url).status_code == 404


def test_render_report_prints_the_report_to_pdf(progress, tmp_path):
    output = tmp_path / "h1.pdf"

    call_command("render_report", "kasur", "2023-2024", "--half", "1", "-o", str(output))

    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(output.read_bytes())).pages)
    assert "Half-yearly report H1" in text.replace("HALF-YEARLY REPORT", "Half-yearly report")
    assert "Petrol pump opened in November" in text and "16,828" in text
