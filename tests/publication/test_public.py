"""The public record: only approved plans of publishing provinces, on every page and endpoint, and verification."""

import io
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pypdf import PdfReader
from rest_framework.test import APIClient

from plans.demo import build_demo_district, build_demo_plan
from plans.models import AnnualPlan, PlanStatus, WorkflowAction, WorkflowEvent
from publication import verification
from publication.api.views import PublicThrottle
from publication.tables import TABLES
from tests.api.factories import PlanFactory
from tests.publication.helpers import record_approval


@pytest.fixture
def world(approved_kasur, approver):
    """The approved Kasur plan beside a draft, a submitted and a returned plan of its region, with all their data."""
    region = approved_kasur.district.region
    hidden = {}
    for index, status in enumerate(["draft", "submitted", "returned"], start=1):
        plan = build_demo_plan(build_demo_district(region, index), 2023, seed=index)
        if status != "draft":
            AnnualPlan.objects.filter(pk=plan.pk).update(status=PlanStatus.SUBMITTED)
            WorkflowEvent.objects.create(
                plan=plan, action=WorkflowAction.SUBMIT, from_status="draft", to_status="submitted", actor=approver
            )
        if status == "returned":
            AnnualPlan.objects.filter(pk=plan.pk).update(status=PlanStatus.DRAFT)
            WorkflowEvent.objects.create(
                plan=plan,
                action=WorkflowAction.RETURN,
                from_status="submitted",
                to_status="draft",
                actor=approver,
                comment="Fix the strength.",
            )
        hidden[status] = AnnualPlan.objects.select_related("district").get(pk=plan.pk)
    return approved_kasur, hidden


def public_urls():
    """Every public page and endpoint that lists plans or their data."""
    pages = [reverse("publication:plans"), reverse("publication:sitemap")]
    pages += [reverse("publication:table-csv", args=[table]) for table in TABLES]
    api = [reverse("public-api:plan-list")] + [reverse("public-api:table", args=[table]) for table in TABLES]
    api += [reverse("public-api:table", args=[table]) + "?format=csv" for table in TABLES]
    return pages + api


def plan_urls(plan):
    district, year = plan.district.slug, plan.fiscal_year
    return [
        reverse("publication:plan", args=[district, year]),
        reverse("publication:plan-pdf", args=[district, year]),
        reverse("public-api:plan-detail", args=[plan.pk]),
        reverse("public-api:plan-pdf", args=[plan.pk]),
        reverse("public-api:plan-data", args=[plan.pk]),
    ]


def test_only_the_approved_plan_is_public_on_every_page_and_endpoint(client, world):
    approved, hidden = world

    for url in public_urls():
        response = client.get(url)
        text = response.content.decode().lower()
        assert response.status_code == 200, url
        assert "kasur" in text, url
        assert "demo district" not in text and "demo-0" not in text, url
    assert "Showing approved plan 1 of 1." in client.get(reverse("publication:plans")).content.decode()
    for plan in hidden.values():
        for url in plan_urls(plan):
            assert client.get(url).status_code == 404, url
    for url in plan_urls(approved):
        assert client.get(url).status_code == 200, url


def test_a_province_that_does_not_publish_shows_nothing(client, approved_kasur, approval, signing):
    province = approved_kasur.district.region.province
    province.publishes_plans = False
    province.save()

    listing = client.get(reverse("publication:plans")).content.decode()
    assert "Kasur" not in listing and "No approved plan matches." in listing
    assert client.get(reverse("public-api:plan-list")).json()["count"] == 0
    for url in plan_urls(approved_kasur):
        assert client.get(url).status_code == 404, url
    verdict = APIClient().post(reverse("public-api:verify"), {"pdf": pdf_upload(approval.content)}).json()
    assert verdict["status"] == "not-known" and verdict["plan"] is None


def cells(html, row_id):
    row = re.search(rf'<tr id="{row_id}">(.*?)</tr>', html, re.S)[1]
    return [re.sub(r"<[^>]+>", "", cell).strip() for cell in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]


def test_the_public_page_shows_the_figures_its_pdf_prints(client, approved_kasur, approval):
    html = client.get(reverse("publication:plan", args=["kasur", "2023-2024"])).content.decode()
    pdf_text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(approval.content)).pages)

    strength = cells(html, "strength-total")
    crime = cells(html, "crime-total")
    budget = cells(html, "budget-total")[-1]
    assert strength[:3] == ["2,323", "2,109", "214"]
    assert crime[:3] == ["12,426", "15,761", "16,828"]
    for figure in [*strength[:3], *crime[:3], cells(html, "vehicles-total")[-1], budget]:
        assert figure in pdf_text, figure
    listed = client.get(reverse("publication:plans")).content.decode()
    for figure in ["2,109 / 2,323", "16,828", budget]:
        assert figure in listed
    assert "Approved by Ahmad Khan" in listed and "Approved by Ahmad Khan" in html


def test_the_public_pdf_is_the_stored_approved_file(client, approved_kasur, approval):
    response = client.get(reverse("publication:plan-pdf", args=["kasur", "2023-2024"]))

    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content) == approval.content
    assert response["X-Content-SHA256"] == approval.sha256
    api = APIClient().get(reverse("public-api:plan-pdf", args=[approved_kasur.pk]))
    assert b"".join(api.streaming_content) == approval.content


def test_the_pages_are_accessible_and_open_to_search_engines(client, approved_kasur):
    for url in [reverse("publication:plans"), reverse("publication:plan", args=["kasur", "2023-2024"])]:
        html = client.get(url).content.decode()
        assert html.count("<main") == 1 and html.count("<h1") == 1
        assert html.count("<table") == html.count("<caption") > 0
        assert "noindex" not in html
        assert 'aria-label="Public records"' in html
    sitemap = client.get(reverse("publication:sitemap")).content.decode()
    assert "/public/kasur/2023-2024/" in sitemap and "/public/kasur/2023-2024/approved.pdf" in sitemap


def more_approved_plans(approved, approver, count):
    for _ in range(count):
        plan = PlanFactory(district__region=approved.district.region)
        record_approval(plan, b"%PDF-1.7 another approved plan", approver)


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_lists_cost_the_same_queries_for_one_plan_or_many(client, approved_kasur, approver):
    urls = [
        reverse("publication:plans"),
        reverse("public-api:plan-list"),
        reverse("publication:table-csv", args=["strength"]),
    ]
    few = [count_queries(client, url) for url in urls]
    more_approved_plans(approved_kasur, approver, 6)
    many = [count_queries(client, url) for url in urls]

    assert many == few
    assert max(many) <= 6


def test_a_plan_page_is_rendered_once_per_approved_file(client, approved_kasur):
    url = reverse("publication:plan", args=["kasur", "2023-2024"])
    first, second = count_queries(client, url), count_queries(client, url)

    assert second <= 3 < first


# The public API


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_the_public_api_refuses_writes(approved_kasur, method):
    api = APIClient()
    for url in [
        reverse("public-api:plan-list"),
        reverse("public-api:plan-detail", args=[approved_kasur.pk]),
        reverse("public-api:table", args=["crime"]),
    ]:
        assert getattr(api, method)(url, {}).status_code == 405, (method, url)
    assert AnnualPlan.objects.filter(status=PlanStatus.APPROVED).count() == 1


def test_the_public_api_is_throttled(monkeypatch, approved_kasur):
    monkeypatch.setattr(PublicThrottle, "rate", "3/minute", raising=False)
    api = APIClient()
    url = reverse("public-api:plan-list")

    codes = [api.get(url).status_code for _ in range(4)]

    assert codes == [200, 200, 200, 429]
    assert api.post(reverse("public-api:verify"), {}).status_code == 429


def test_the_public_api_answers_without_login_and_with_its_own_schema(approved_kasur):
    api = APIClient()
    plans = api.get(reverse("public-api:plan-list"), {"district": "kasur", "year": "2023-2024"}).json()
    [plan] = plans["results"]
    assert plan["figures"] == {
        "sanctioned": 2323,
        "present": 2109,
        "crime_year": 2022,
        "crime": 16828,
        "crime_change": 1067,
        "budget": plan["figures"]["budget"],
    }
    assert plan["approval"]["approved_by"] == "Ahmad Khan"
    assert api.get(reverse("public-api:plan-list"), {"district": "nowhere"}).status_code == 400

    schema = api.get(reverse("public-api-schema"), {"format": "json"}).json()
    assert set(schema["paths"]) == {
        "/api/public/v1/plans/",
        "/api/public/v1/plans/{id}/",
        "/api/public/v1/plans/{id}/pdf/",
        "/api/public/v1/plans/{id}/data/",
        "/api/public/v1/tables/{table}/",
        "/api/public/v1/verify/",
    }
    portal_schema = APIClient().get(reverse("api-schema"), {"format": "json"}).json()
    assert not any(path.startswith("/api/public/") for path in portal_schema["paths"])


def test_the_plan_data_is_the_json_embedded_in_the_approved_pdf(approved_kasur, approval):
    [embedded] = PdfReader(io.BytesIO(approval.content)).attachments["plan.json"]

    response = APIClient().get(reverse("public-api:plan-data", args=[approved_kasur.pk]))

    assert response.content == embedded


def test_open_data_tables_across_districts_match_the_plan(client, approved_kasur, approver):
    other = PlanFactory(district__region=approved_kasur.district.region, district__name="Okara")
    record_approval(other, b"%PDF-1.7 Okara", approver)
    response = client.get(reverse("publication:table-csv", args=["strength"]), {"district": "kasur"})
    lines = response.content.decode().splitlines()

    assert lines[0] == ",".join(TABLES["strength"].columns)
    rows = [line.split(",") for line in lines[1:]]
    assert {row[2] for row in rows} == {"Kasur"}
    assert sum(int(row[6]) for row in rows if row[5] != "ministerial") == 2323
    crime = APIClient().get(reverse("public-api:table", args=["crime"]), {"year": "2023-2024"}).json()
    assert sum(record["cases"] for record in crime if record["year"] == 2022) == 16828
    assert client.get(reverse("publication:table-csv", args=["weapons"])).status_code == 404


# Verification


def pdf_upload(content, name="plan.pdf"):
    upload = io.BytesIO(content)
    upload.name = name
    return upload


def one_byte_changed(content):
    """The PDF with one byte of a content stream changed (its structure still readable)."""
    position = content.index(b"stream\n", len(content) // 3) + 20
    changed = bytearray(content)
    changed[position] ^= 0x01
    return bytes(changed)


@pytest.fixture
def no_temporary_files(settings, tmp_path):
    """Uploads would be spooled here; verification must leave (and make) nothing."""
    settings.FILE_UPLOAD_TEMP_DIR = tmp_path / "uploads"
    settings.FILE_UPLOAD_TEMP_DIR.mkdir()
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 1024  # anything bigger would go to a temporary file
    yield settings.FILE_UPLOAD_TEMP_DIR
    assert list(settings.FILE_UPLOAD_TEMP_DIR.iterdir()) == []


def test_verifying_the_approved_pdf_names_the_plan_and_its_intact_signature(
    approved_kasur, approval, signing, media, no_temporary_files
):
    files_before = sorted(media.rglob("*"))

    verdict = (
        APIClient().post(reverse("public-api:verify"), {"pdf": pdf_upload(approval.content)}, format="multipart").json()
    )

    assert (verdict["status"], verdict["signature_status"]) == ("approved", "intact")
    assert verdict["plan"]["district"]["slug"] == "kasur" and verdict["plan"]["fiscal_year"] == "2023-2024"
    assert verdict["plan"]["approval"]["approved_by"] == "Ahmad Khan"
    [signature] = verdict["signatures"]
    assert "TEST ONLY" in signature["signer"] and signature["signer_name"] == "Ahmad Khan"
    assert sorted(media.rglob("*")) == files_before


def test_a_copy_with_one_byte_changed_is_not_known_and_its_signature_broken(
    approved_kasur, approval, signing, no_temporary_files
):
    verdict = (
        APIClient().post(reverse("public-api:verify"), {"pdf": pdf_upload(one_byte_changed(approval.content))}).json()
    )

    assert (verdict["status"], verdict["signature_status"], verdict["plan"]) == ("not-known", "broken", None)
    assert verdict["signatures"][0]["intact"] is False


def test_a_file_that_is_no_pdf_is_not_known(approved_kasur, no_temporary_files):
    verdict = APIClient().post(reverse("public-api:verify"), {"pdf": pdf_upload(b"just some text")}).json()

    assert (verdict["status"], verdict["signature_status"]) == ("not-known", "unreadable")


def test_verification_refuses_a_file_over_the_limit_and_a_request_without_one(monkeypatch, approved_kasur):
    monkeypatch.setattr(verification, "MAX_UPLOAD_BYTES", 1000)
    monkeypatch.setattr(verification, "MULTIPART_ALLOWANCE", 100)
    api = APIClient()

    assert api.post(reverse("public-api:verify"), {"pdf": pdf_upload(b"%PDF" + b"x" * 5000)}).status_code == 413
    assert api.post(reverse("public-api:verify"), {}).status_code == 400
    assert api.get(reverse("public-api:verify")).status_code == 405


def test_the_verification_page_answers_in_words(client, approved_kasur, approval, signing, no_temporary_files):
    url = reverse("publication:verify")
    assert client.get(url).status_code == 200

    approved = client.post(url, {"pdf": pdf_upload(approval.content)}).content.decode()
    changed = client.post(url, {"pdf": pdf_upload(one_byte_changed(approval.content))}).content.decode()

    assert "Approved: this is an approved plan" in approved and "Signature intact" in approved
    assert "Annual Policing Plan 2023-2024 of District Kasur" in approved and "Ahmad Khan" in approved
    assert "Not known" in changed and "Signature broken" in changed
    assert client.post(url, {}).status_code == 400
