"""Uploaded files: DEBUG off by default, nothing under /media/, maps and approved PDFs only within the user's scope."""

import os
import subprocess
import sys
from io import BytesIO
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import Permission, User
from django.core.files.base import ContentFile
from PIL import Image

from plans.models import AnnualPlan, DistrictProfile, Membership, PlanStatus, Role
from tests.api.factories import DistrictFactory, PlanFactory

ROOT = Path(settings.BASE_DIR)


def png_bytes():
    image = BytesIO()
    Image.new("RGB", (40, 30), "navy").save(image, format="PNG")
    return image.getvalue()


def test_debug_is_off_unless_set():
    environment = {key: value for key, value in os.environ.items() if key != "DEBUG"}
    environment.update(SECRET_KEY="x7Gq-production-secret-" + "k" * 40, ALLOWED_HOSTS="plans.example.org")
    result = subprocess.run(
        [
            sys.executable,
            "manage.py",
            "shell",
            "--no-imports",
            "-c",
            "from django.conf import settings; print(settings.DEBUG)",
        ],
        cwd=ROOT,
        env={**environment, "DJANGO_SETTINGS_MODULE": "kasur_police.settings"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.stdout.strip() == "False", result.stderr


@pytest.fixture
def files(db, settings, tmp_path):
    """Districts North and South, each with a plan whose map is uploaded; a reader of North."""
    settings.MEDIA_ROOT = tmp_path
    sides = {}
    for name in ("north", "south"):
        plan = PlanFactory(district=DistrictFactory(name=name.title(), slug=name), year_start=2023)
        profile = DistrictProfile(plan=plan, area_sq_km=1, population=1, urban_percent=50, rural_percent=50)
        for field in ("tehsils", "mnas", "mpas", "union_councils", "police_subdivisions", "police_stations"):
            setattr(profile, field, 1)
        for field in ("police_posts_sanctioned", "police_posts_unsanctioned", "banks", "petrol_pumps"):
            setattr(profile, field, 1)
        profile.map_image.save(f"{name}.png", ContentFile(png_bytes()))
        plan.approved_pdf.save(f"{name}-2023-2024-approved.pdf", ContentFile(b"%PDF-1.7 approved"), save=False)
        AnnualPlan.objects.filter(pk=plan.pk).update(approved_pdf=plan.approved_pdf.name)
        sides[name] = AnnualPlan.objects.get(pk=plan.pk)
    reader = User.objects.create_user("reader")
    Membership.objects.create(user=reader, role=Role.READER, district=sides["north"].district)
    return sides, reader


def test_uploads_are_not_served_under_media(client, files):
    sides, reader = files
    client.force_login(reader)
    name = sides["north"].approved_pdf.name
    assert client.get(f"/media/{name}").status_code == 404
    assert client.get(f"/media/{sides['north'].profile.map_image.name}").status_code == 404


def test_a_map_is_served_to_a_user_of_its_district_only(client, files):
    sides, reader = files
    north, south = sides["north"].profile.map_image, sides["south"].profile.map_image
    anonymous = client.get(north.url)
    assert anonymous.status_code == 302 and "/accounts/login/" in anonymous["Location"]

    client.force_login(reader)
    response = client.get(north.url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert b"".join(response.streaming_content) == png_bytes()
    assert client.get(south.url).status_code == 404  # another district's map
    assert client.get(north.url.replace("north", "nowhere")).status_code == 404


def test_an_approved_pdf_is_served_only_once_its_plan_is_approved(client, files):
    sides, reader = files
    client.force_login(reader)
    url = sides["north"].approved_pdf.url
    assert client.get(url).status_code == 404  # the plan is still a draft

    AnnualPlan.objects.filter(pk__in=[side.pk for side in sides.values()]).update(status=PlanStatus.APPROVED)
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.7 approved"
    assert client.get(sides["south"].approved_pdf.url).status_code == 404


def test_the_portal_and_the_api_link_the_map_through_the_scoped_address(client, files):
    sides, reader = files
    profile = sides["north"].profile
    assert profile.map_image.url == f"/files/{profile.map_image.name}"
    reader.user_permissions.add(Permission.objects.get(codename="view_districtprofile"))
    client.force_login(reader)
    data = client.get(f"/api/v1/district-profiles/{profile.pk}/").json()
    assert data["map_image"].endswith(f"/files/{profile.map_image.name}")
