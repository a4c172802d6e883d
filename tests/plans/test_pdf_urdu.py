"""The printed plan in the language chosen for it: an Urdu plan prints in Urdu, right to left, in Naskh,
whoever downloads it; an English plan prints the same English document for a reader whose portal is in Urdu."""

import re
import subprocess
from io import BytesIO

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation
from pypdf import PdfReader

from plans import pdf as plan_pdf
from plans.models import PrintLanguage
from plans.templatetags.bidi import isolate_numbers, text_direction

URDU_PARAGRAPH = "ضلعی پولیس قصور عوام کی جان و مال کے تحفظ کو اپنی اولین ذمہ داری سمجھتی ہے۔"
URDU_WITH_YEARS = "یہ منصوبہ مالی سال 2023-2024 کے لیے ہے۔"
# Direction marks that pdftotext and the templates add around runs of the other direction: invisible.
BIDI_CONTROLS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def pdf_text(pdf):
    """The PDF's text as pdftotext reads it (logical order, Urdu lines too), without direction marks."""
    output = subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True).stdout.decode()
    return BIDI_CONTROLS.sub("", output)


def font_names(pdf):
    names = set()
    for page in PdfReader(BytesIO(pdf)).pages:
        for font in (page["/Resources"].get("/Font") or {}).values():
            names.add(str(font.get_object()["/BaseFont"]).split("+")[-1])
    return names


@pytest.fixture
def urdu_plan(kasur_plan):
    kasur_plan.print_language = PrintLanguage.URDU
    kasur_plan.message = f"{kasur_plan.message}\n\n{URDU_PARAGRAPH}\n\n{URDU_WITH_YEARS}"
    kasur_plan.save()
    return kasur_plan


def reader_with_urdu_portal(client, plan):
    user = get_user_model().objects.create_superuser("urdu-reader", password="a-long-password-for-urdu")
    client.force_login(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ur"
    assert "Urdu" not in client.get(reverse("plans:home")).content.decode()  # the portal speaks Urdu
    return client


def test_an_urdu_plan_prints_in_urdu_right_to_left_in_naskh(urdu_plan):
    with translation.override("en"):  # whoever renders it, in whatever language
        html = plan_pdf.render_plan_html(urdu_plan)
        pdf = plan_pdf.render_plan_pdf(urdu_plan, use_cache=False)
    assert '<html lang="ur" dir="rtl">' in html
    text = pdf_text(pdf)
    pages = len(PdfReader(BytesIO(pdf)).pages)
    headings = [
        "سالانہ پولیسنگ پلان",
        "فہرست مضامین",
        "ضلعی پولیس آفیسر کا پیغام",
        "موجودہ نفری",
        "متوقع دستیاب مالی وسائل",
    ]
    assert [heading for heading in headings if heading not in text] == []
    # "Page N of M" on every page but the cover (pdftotext puts the figures of a right-to-left line in its own order).
    page_texts = [page for page in text.split("\f") if page.strip()]
    assert len(page_texts) == pages
    footer = re.compile(rf"صفحہ\s*\d+\s*از\s*{pages}\b|\b{pages}\s*از\s*\d+\s*صفحہ")
    cover, *pages_after_cover = page_texts
    assert not footer.search(cover)  # the cover, as the document's, carries no page number
    assert all(footer.search(page) for page in pages_after_cover)
    assert URDU_PARAGRAPH in text  # typed in Urdu, read back character for character
    # The years inside Urdu keep their order. pdftotext writes a line that mixes directions in visual order,
    # run by run, so the Urdu on either side comes out as separate runs around them.
    assert "یہ منصوبہ مالی سال" in text and "کے لیے ہے۔" in text
    assert "2023-2024" in text and "2024-2023" not in text
    # English typed into the plan stays as typed, left to right: the DPO's first sentence and his signature.
    first_sentence = urdu_plan.message.splitlines()[0]
    assert first_sentence.startswith("Welcome") and first_sentence in text
    assert f"({urdu_plan.signatory_name}) {urdu_plan.signatory_suffix}" in text  # "(Muhammad Tariq Aziz) PSP"
    fonts = font_names(pdf)
    assert any(name.startswith("Noto-Naskh-Arabic") for name in fonts), fonts
    assert not any("Kufi" in name for name in fonts), fonts


def test_an_english_plan_downloaded_from_an_urdu_portal_is_the_english_pdf(client, kasur_plan, kasur_pdf):
    assert kasur_plan.print_language == PrintLanguage.ENGLISH
    english = pdf_text(kasur_pdf)  # the same plan, printed in English
    cache.clear()
    client = reader_with_urdu_portal(client, kasur_plan)
    response = client.get(reverse("documents:pdf", kwargs={"district": "kasur", "year": "2023-2024"}))
    assert response.status_code == 200
    assert response["Content-Language"] == "en"
    downloaded = pdf_text(response.content)
    assert downloaded == english
    assert not re.search("[\u0600-\u06ff]", downloaded)  # not a word of Urdu
    preview = client.get(reverse("documents:preview", kwargs={"district": "kasur", "year": "2023-2024"}))
    assert '<html lang="en" dir="ltr">' in preview.content.decode()


def test_the_cache_keeps_each_language_apart(kasur_plan):
    english = plan_pdf.pdf_cache_key(kasur_plan)
    assert plan_pdf.pdf_cache_key(kasur_plan, language="ur") != english
    with translation.override("ur"):  # the viewer's language is not part of it: the plan's is
        assert plan_pdf.pdf_cache_key(kasur_plan) == english
    kasur_plan.print_language = PrintLanguage.URDU
    assert plan_pdf.pdf_cache_key(kasur_plan) == plan_pdf.pdf_cache_key(kasur_plan, language="ur")


def test_render_plan_prints_another_language_once(kasur_plan, tmp_path):
    html, output = tmp_path / "plan.html", tmp_path / "plan.pdf"
    call_command("render_plan", "kasur", "2023-2024", "--language", "ur", "--html", str(html), "-o", str(output))
    assert '<html lang="ur" dir="rtl">' in html.read_text(encoding="utf-8")
    assert "ضلعی پولیس آفیسر کا پیغام" in pdf_text(output.read_bytes())
    kasur_plan.refresh_from_db()
    assert kasur_plan.print_language == PrintLanguage.ENGLISH


def test_direction_comes_from_the_first_strong_letter():
    assert text_direction("2023-2024 میں") == "rtl"
    assert text_direction("(Muhammad Tariq Aziz)") == "ltr"
    assert text_direction("2023-2024") == "auto"
    assert text_direction("") == "auto"
    assert isolate_numbers("سال 2023-2024 اور 1:2150") == "سال \u20662023-2024\u2069 اور \u20661:2150\u2069"
    assert isolate_numbers("The plan for 2023-2024") == "The plan for 2023-2024"  # left to right already


def test_the_approved_archive_is_in_the_plans_language(kasur_plan, monkeypatch, settings, tmp_path):
    from plans import workflow

    settings.MEDIA_ROOT = tmp_path
    monkeypatch.setattr(plan_pdf, "write_pdf", lambda html, **options: html.encode())  # the document, not WeasyPrint
    kasur_plan.print_language = PrintLanguage.URDU
    approver = get_user_model().objects.create_user("approver")
    with translation.override("en"):  # an approver who reads the portal in English
        workflow._store_approved_pdf(kasur_plan, approver)
    assert b'<html lang="ur" dir="rtl">' in kasur_plan.approved_pdf.read()


def test_the_office_chooses_the_print_language_through_the_api(client, kasur_plan):
    client.force_login(get_user_model().objects.create_superuser("office", password="a-long-password-for-api"))
    url = reverse("api:annualplan-detail", args=[kasur_plan.pk])
    assert client.get(url).json()["print_language"] == "en"
    response = client.patch(url, {"print_language": "ur"}, content_type="application/json")
    assert response.status_code == 200, response.content
    kasur_plan.refresh_from_db()
    assert kasur_plan.print_language == PrintLanguage.URDU
    response = client.patch(url, {"print_language": "pa"}, content_type="application/json")
    assert response.status_code == 400 and "print_language" in response.json()
    kasur_plan.refresh_from_db()
    assert kasur_plan.print_language == PrintLanguage.URDU


def test_the_print_language_is_on_the_plans_admin_page(client, kasur_plan):
    client.force_login(get_user_model().objects.create_superuser("office", password="a-long-password-for-admin"))
    html = client.get(reverse("admin:plans_annualplan_change", args=[kasur_plan.pk])).content.decode()
    assert 'name="print_language"' in html and '<option value="ur">' in html
