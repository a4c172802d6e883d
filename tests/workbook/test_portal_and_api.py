"""The workbook on the plan page and in the API: download, upload, preview, confirm; scope and permissions."""

import io

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from openpyxl import load_workbook

from plans.models import AnnualPlan, District, PlanStatus, Role
from strength.models import StrengthEntry
from tests.api.factories import role_user
from tests.api.fixtures import APPS
from tests.workbook.helpers import edited, kasur_workbook


@pytest.fixture
def clerk(kasur_plan):
    every = Permission.objects.filter(content_type__app_label__in=APPS)
    return role_user("kclerk", Role.CLERK, district=kasur_plan.district, permissions=every)


@pytest.fixture
def reader(kasur_plan):
    views = Permission.objects.filter(content_type__app_label__in=APPS, codename__startswith="view_")
    return role_user("kreader", Role.READER, district=kasur_plan.district, permissions=views)


@pytest.fixture
def outsider(kasur_plan):
    other = District.objects.create(region=kasur_plan.district.region, name="Other", slug="other")
    every = Permission.objects.filter(content_type__app_label__in=APPS)
    return role_user("outsider", Role.CLERK, district=other, permissions=every)


def plan_url(name, plan):
    return reverse(f"plans:{name}", args=[plan.district.slug, plan.fiscal_year])


def upload(client, plan, content):
    return client.post(plan_url("plan-workbook-upload", plan), {"file": io.BytesIO(content)}, format="multipart")


def test_plan_page_offers_download_and_upload_to_a_clerk_download_only_to_a_reader(client, kasur_plan, clerk, reader):
    client.force_login(clerk)
    page = client.get(kasur_plan.get_absolute_url()).content.decode()
    assert "Download workbook" in page and "Upload workbook" in page
    client.force_login(reader)
    page = client.get(kasur_plan.get_absolute_url()).content.decode()
    assert "Download workbook" in page and "Upload workbook" not in page
    assert client.get(plan_url("plan-workbook-upload", kasur_plan)).status_code == 403


def test_download_is_the_plans_workbook_within_scope(client, kasur_plan, clerk, outsider):
    client.force_login(clerk)
    response = client.get(plan_url("plan-workbook", kasur_plan))
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="kasur-2023-2024.xlsx"'
    assert load_workbook(io.BytesIO(response.content))["About"]["B3"].value == "kasur"
    client.force_login(outsider)
    assert client.get(plan_url("plan-workbook", kasur_plan)).status_code == 404
    assert upload(client, kasur_plan, kasur_workbook(kasur_plan)).status_code == 404


def test_upload_previews_the_differences_then_confirm_saves_them(client, kasur_plan, clerk, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(clerk)
    response = upload(client, kasur_plan, edited(kasur_workbook(kasur_plan), {("Strength", "B6"): 0}))
    assert response.status_code == 200
    page = response.content.decode()
    assert "1 change to Kasur 2023-2024" in page and "Strength!B6" in page and "Confirm and save" in page
    assert StrengthEntry.objects.get(plan=kasur_plan, rank__name="SSP").present == 1
    token = response.context["token"]
    assert list((tmp_path / "workbook-uploads").iterdir()) == [tmp_path / "workbook-uploads" / f"{token}.xlsx"]
    response = client.post(plan_url("plan-workbook-confirm", kasur_plan), {"token": token})
    assert response.status_code == 302
    assert StrengthEntry.objects.get(plan=kasur_plan, rank__name="SSP").present == 0
    assert list((tmp_path / "workbook-uploads").iterdir()) == []
    again = client.post(plan_url("plan-workbook-confirm", kasur_plan), {"token": token}, follow=True)
    assert "expired or was already applied" in again.content.decode()


def test_a_token_of_another_session_or_a_cancel_saves_nothing(client, kasur_plan, clerk, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(clerk)
    response = upload(client, kasur_plan, edited(kasur_workbook(kasur_plan), {("Strength", "B6"): 0}))
    token = response.context["token"]
    client.post(plan_url("plan-workbook-confirm", kasur_plan), {"token": token, "cancel": "1"})
    assert StrengthEntry.objects.get(plan=kasur_plan, rank__name="SSP").present == 1
    assert not (tmp_path / "workbook-uploads" / f"{token}.xlsx").exists()
    response = client.post(plan_url("plan-workbook-confirm", kasur_plan), {"token": "../../etc/passwd"})
    assert response.status_code == 302
    assert StrengthEntry.objects.get(plan=kasur_plan, rank__name="SSP").present == 1


def test_a_bad_upload_lists_every_bad_cell(client, kasur_plan, clerk):
    client.force_login(clerk)
    response = upload(client, kasur_plan, edited(kasur_workbook(kasur_plan), {("Strength", "B5"): "many"}))
    assert response.status_code == 400
    assert "Strength!B5: &#x27;many&#x27; is not a number" in response.content.decode()


def test_api_get_and_dry_run_then_post(kasur_plan, clerk):
    from rest_framework.test import APIClient

    client = APIClient()
    client.force_login(clerk)
    url = reverse("api:annualplan-workbook", args=[kasur_plan.pk])
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    content = edited(response.content, {("Strength", "B6"): 0})
    response = client.post(f"{url}?dry_run=1", {"file": io.BytesIO(content)}, format="multipart")
    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["changes"], body["applied"]) == (1, False)
    assert body["differences"][0] | {"record": "SSP"} == {
        "kind": "changed",
        "sheet": "Strength",
        "cell": "B6",
        "record": "SSP",
        "column": "Present",
        "old": "1",
        "new": "0",
    }
    assert StrengthEntry.objects.get(plan=kasur_plan, rank__name="SSP").present == 1
    response = client.post(url, {"file": io.BytesIO(content)}, format="multipart")
    assert response.json()["applied"] is True
    assert StrengthEntry.objects.get(plan=kasur_plan, rank__name="SSP").present == 0


def test_api_bad_cells_400_locked_409_reader_403(kasur_plan, clerk, reader):
    from rest_framework.test import APIClient

    client = APIClient()
    client.force_login(clerk)
    url = reverse("api:annualplan-workbook", args=[kasur_plan.pk])
    bad = edited(kasur_workbook(kasur_plan), {("Strength", "B5"): "many"})
    response = client.post(url, {"file": io.BytesIO(bad)}, format="multipart")
    assert response.status_code == 400
    assert "Strength!B5: 'many' is not a number" in str(response.json())
    not_a_workbook = client.post(url, {"file": io.BytesIO(b"plain text")}, format="multipart")
    assert not_a_workbook.status_code == 400
    good = edited(kasur_workbook(kasur_plan), {("Strength", "B6"): 0})
    AnnualPlan.objects.filter(pk=kasur_plan.pk).update(status=PlanStatus.SUBMITTED)
    assert client.post(url, {"file": io.BytesIO(good)}, format="multipart").status_code == 409
    AnnualPlan.objects.filter(pk=kasur_plan.pk).update(status=PlanStatus.DRAFT)
    client.force_login(reader)
    assert client.post(url, {"file": io.BytesIO(good)}, format="multipart").status_code == 403
    assert client.get(url).status_code == 200
    assert StrengthEntry.objects.get(plan=kasur_plan, rank__name="SSP").present == 1
