"""Bad input at the edges: map uploads checked by content, reference items of the row's own district only,
NUL characters and non-numeric version ids refused before they reach the database."""

from io import BytesIO

import pytest
from django.apps import apps
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from plans.base import PlanPart
from plans.references import reference_fields
from tests.api.factories import DistrictFactory

EPS = b"%!PS-Adobe-3.0 EPSF-3.0\n%%BoundingBox: 0 0 10 10\nnewpath 0 0 moveto 10 10 lineto stroke\nshowpage\n"
SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'


def image_bytes(image_format, size=(40, 30)):
    image = BytesIO()
    Image.new("RGB", size, "navy").save(image, format=image_format)
    return image.getvalue()


def map_errors(profile, name, content):
    profile.map_image = SimpleUploadedFile(name, content)
    with pytest.raises(ValidationError) as refused:
        profile.full_clean()
    return refused.value.message_dict.get("map_image")


# Uploads --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("map.eps", EPS),
        ("map.ps", EPS),
        ("map.png", EPS),  # PostScript under an image's name
        ("map.svg", SVG),
        ("map.pdf", b"%PDF-1.7\n%%EOF\n"),
        ("map.png", image_bytes("GIF")),  # a raster, but not one of the three
        ("map.eps", image_bytes("PNG")),  # a PNG whose name says otherwise
    ],
)
def test_a_map_that_is_not_a_png_jpeg_or_webp_is_refused(kasur_plan, name, content):
    assert map_errors(kasur_plan.profile, name, content)


@pytest.mark.parametrize(("name", "image_format"), [("map.png", "PNG"), ("map.jpg", "JPEG"), ("map.webp", "WEBP")])
def test_png_jpeg_and_webp_maps_are_accepted(kasur_plan, name, image_format):
    profile = kasur_plan.profile
    profile.map_image = SimpleUploadedFile(name, image_bytes(image_format))
    profile.full_clean()


def test_a_map_over_the_size_limit_is_refused(kasur_plan, settings):
    content = image_bytes("PNG", size=(400, 300))
    settings.MAX_UPLOAD_IMAGE_BYTES = len(content) - 1
    assert "largest accepted" in map_errors(kasur_plan.profile, "map.png", content)[0]


# References -----------------------------------------------------------------------------------------


def plan_rows_with_references():
    return [
        (model, field.name)
        for model in apps.get_models()
        if issubclass(model, PlanPart)
        for field in reference_fields(model)
    ]


def test_the_narcotics_and_arms_rows_are_among_those_checked():
    checked = {(model.__name__, field) for model, field in plan_rows_with_references()}
    assert {("NarcoticsRecovery", "substance"), ("IllicitArmsRecovery", "arm_type")} <= checked


@pytest.mark.parametrize(
    ("model", "field"), plan_rows_with_references(), ids=lambda value: getattr(value, "__name__", value)
)
def test_every_plan_row_refuses_another_districts_reference_item(kasur_plan, model, field):
    row = model.objects.filter(**{f"{model.plan_path}": kasur_plan}).first()
    assert row is not None, f"the Kasur plan has no {model.__name__}"
    item = getattr(row, field)
    item.pk = None
    item.district = DistrictFactory(region=kasur_plan.district.region)
    item.name = f"{item.name} (elsewhere)"
    item.save()
    setattr(row, field, item)
    with pytest.raises(ValidationError) as refused:
        row.full_clean()
    assert field in refused.value.message_dict


def test_a_superuser_cannot_point_a_recovery_at_another_districts_substance_through_the_api(kasur_plan, client):
    from crime_stats.models import NarcoticsRecovery

    recovery = NarcoticsRecovery.objects.filter(result__plan=kasur_plan).first()
    elsewhere = recovery.substance
    elsewhere.pk, elsewhere.name = None, "Elsewhere's substance"
    elsewhere.district = DistrictFactory(region=kasur_plan.district.region)
    elsewhere.save()
    client.force_login(User.objects.create_superuser("root"))
    response = client.patch(
        f"/api/v1/narcotics-recoveries/{recovery.pk}/", {"substance": elsewhere.pk}, content_type="application/json"
    )
    assert response.status_code == 400
    assert "substance" in response.json()
    recovery.refresh_from_db()
    assert recovery.substance.district == kasur_plan.district


# NUL characters and ids -------------------------------------------------------------------------------


@pytest.fixture
def admin_client_(client, db):
    client.force_login(User.objects.create_superuser("root"))
    return client


@pytest.mark.parametrize(
    "url",
    [
        "/admin/plans/district/?q=Kas%00ur",
        "/admin/plans/district/?region__id__exact=%00",
        "/admin/autocomplete/?term=%00&app_label=plans&model_name=membership&field_name=user",
        "/plans/kasur/2023-2024/?tab=%00",
    ],
)
def test_a_nul_character_in_the_query_string_is_a_400(admin_client_, url):
    assert admin_client_.get(url).status_code == 400


def test_a_nul_character_in_a_form_field_is_a_400(admin_client_):
    assert admin_client_.post("/admin/plans/province/add/", {"name": "Pun\x00jab"}).status_code == 400


def test_a_nul_character_in_an_api_query_is_a_json_400(admin_client_):
    response = admin_client_.get("/api/v1/districts/", {"search": "a\x00b"})
    assert response.status_code == 400
    assert "NUL" in response.json()["detail"]


@pytest.mark.parametrize("path", ["{pk}/history/abc/", "{pk}/history/1.5/", "x{pk}/history/1/"])
def test_a_non_numeric_id_in_an_admin_version_address_is_a_404(admin_client_, kasur_plan, path):
    assert admin_client_.get("/admin/plans/annualplan/" + path.format(pk=kasur_plan.pk)).status_code == 404
