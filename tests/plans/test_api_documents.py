"""The plan as a PDF through the API: rendered now, or exactly as approved. These tests print for real."""

import base64
import hashlib

import pytest
from django.contrib.auth.models import Permission
from django.core.cache import cache
from django.http import HttpResponse
from django.urls import reverse

from plans.models import AnnualPlan, District, PlanStatus, Role
from tests.api.factories import OperationalResultFactory, PlanFactory, ProfileFactory, role_user
from tests.api.fixtures import token_client


@pytest.fixture
def small_plan(offices):
    """An empty 2023-2024 plan of a district named Kasur: a few pages, quick to print."""
    cache.clear()  # no PDF of an earlier test's plan that had the same id
    district = District.objects.create(region=offices.north, name="Kasur", slug="kasur")
    return PlanFactory(district=district, year_start=2023)


def url(name, plan):
    return reverse(f"api:annualplan-{name}", args=[plan.pk])


def test_the_pdf_is_a_download_named_after_the_plan(small_plan):
    client = token_client(role_user("reader_kasur", Role.READER, district=small_plan.district, group=True, token=True))

    response = client.get(url("pdf", small_plan), HTTP_ACCEPT="application/pdf")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="kasur-annual-policing-plan-2023-2024.pdf"'
    assert response.content.startswith(b"%PDF-")
    assert b"%%EOF" in response.content[-1024:]
    again = client.get(url("pdf", small_plan))  # any Accept: the PDF all the same, from the cache
    assert again["Content-Type"] == "application/pdf" and again.content == response.content


def test_errors_of_the_pdf_endpoints_are_json_even_when_a_pdf_was_asked_for(offices, small_plan):
    outsider = offices.client("dpo_a")  # district A: Kasur's plan is not theirs
    for name in ("pdf", "approved-pdf"):
        for client, status in ((offices.client(), 401), (outsider, 404)):
            response = client.get(url(name, small_plan), HTTP_ACCEPT="application/pdf")
            assert response.status_code == status, (name, status)
            assert response["Content-Type"] == "application/json"
            assert "detail" in response.json()


def test_the_pdf_needs_the_view_permission_on_every_section(offices):
    reader = offices.users["reader_a"]
    reader.groups.clear()
    reader.user_permissions.add(Permission.objects.get(codename="view_annualplan"))

    response = offices.client("reader_a").get(url("pdf", offices.plan), HTTP_ACCEPT="application/pdf")

    assert response.status_code == 403
    assert response["Content-Type"] == "application/json"


def test_the_approved_pdf_is_served_byte_for_byte_with_its_sha256(offices, small_plan):
    district = small_plan.district
    dpo = token_client(role_user("dpo_kasur", Role.DPO, district=district, group=True, token=True))
    reviewer = offices.client("reviewer_north")
    assert dpo.get(url("approved-pdf", small_plan)).status_code == 404
    ProfileFactory(plan=small_plan)  # what a plan must hold to be submitted at all
    OperationalResultFactory(plan=small_plan)

    assert dpo.post(url("submit", small_plan)).status_code == 200
    assert reviewer.get(url("approved-pdf", small_plan)).json() == {"detail": "Kasur 2023-2024 has no approved PDF."}
    assert reviewer.post(url("approve", small_plan)).status_code == 200
    plan = AnnualPlan.objects.get(pk=small_plan.pk)
    assert plan.status == PlanStatus.APPROVED

    response = dpo.get(url("approved-pdf", small_plan), HTTP_ACCEPT="application/pdf")

    assert response.status_code == 200
    served = b"".join(response.streaming_content)
    digest = hashlib.sha256(served).hexdigest()
    assert served.startswith(b"%PDF-")
    assert digest == plan.approved_pdf_sha256
    assert response["X-Content-SHA256"] == digest
    assert response["Repr-Digest"] == f"sha-256=:{base64.b64encode(hashlib.sha256(served).digest()).decode()}:"
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        'attachment; filename="kasur-annual-policing-plan-2023-2024-approved.pdf"'
    )
    assert dpo.get(url("detail", small_plan)).json()["approved_pdf_sha256"] == digest


@pytest.mark.parametrize(
    ("query", "with_progress"), [({}, False), ({"progress": "1"}, True), ({"progress": "no"}, False)]
)
def test_the_pdf_takes_quarterly_progress_as_an_option(small_plan, monkeypatch, query, with_progress):
    asked = []
    monkeypatch.setattr(
        "plans.api.views.pdf_response", lambda plan, **options: asked.append(options) or HttpResponse(b"%PDF-")
    )
    client = token_client(role_user("reader_kasur", Role.READER, district=small_plan.district, group=True, token=True))

    assert client.get(url("pdf", small_plan), query).status_code == 200
    assert asked == [{"with_progress": with_progress}]
