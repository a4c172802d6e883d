"""The printed plan: the Kasur PDF holds the document's tables with computed figures, paginates and
labels itself properly, and is served only to those who may see the plan, from a cache while it is unchanged.

The Kasur PDF is rendered once for the test session (`kasur_pdf`: rendering takes seconds); its expected rows are read
from the database in the same transaction, so the checks follow the data rather than a copy of it.
"""

import re
import shutil
import subprocess
import time
from io import BytesIO
from types import SimpleNamespace

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from PIL import Image
from pypdf import PdfReader

from crime_stats.figures import plan_crime_table
from crime_stats.models import IllicitArmsRecovery
from logistics.chapters import numbered_groups
from logistics.figures import stock_sheets, vehicle_table
from logistics.models import Deployment, VehicleCount, VehicleType
from plans import pdf as plan_pdf
from plans.document import build_document
from plans.figures import budget_total
from plans.models import AnnualPlan, District, DistrictProfile, PlanStatus, Region, Role
from plans.templatetags.plan_format import figure, grouped, quantity, signed
from strength.figures import strength_figures
from strength.models import Cadre, Rank, StrengthEntry
from tests.api.factories import role_user

pytestmark = pytest.mark.django_db  # the test database exists for the module's Kasur fixture too

# Pages ---------------------------------------------------------------------------------------------


def raw_page_texts(pdf):
    """The text of each page in reading order, as printed (a word hyphenated at a line end keeps its U+2010)."""
    if shutil.which("pdftotext"):
        output = subprocess.run(["pdftotext", "-raw", "-", "-"], input=pdf, capture_output=True, check=True).stdout
        return output.decode().split("\f")[:-1]
    return [page.extract_text() for page in PdfReader(BytesIO(pdf)).pages]


def page_texts(pdf):
    """The text of each page in reading order, hyphenated words joined again."""
    return [re.sub(r"\u2010\s*", "", page) for page in raw_page_texts(pdf)]


def row_pattern(cells):
    """A regex for table cells in reading order: any whitespace between them, and within a cell where it wraps."""
    parts = []
    for cell in cells:
        words = [re.escape(word) for word in str(cell).split()]
        parts.append(r"\s*/\s*".join(r"\s+".join(words).split("/")))
    return re.compile(r"(?<!\S)" + r"\s+".join(parts) + r"(?!\S)")


def has_row(text, cells):
    return row_pattern(cells).search(text) is not None


# The Kasur plan, rendered once ----------------------------------------------------------------------


def expected_rows(plan):
    """Every row of the plan's tables as its cells should print, read from the database."""
    rows = {}
    strength = strength_figures(plan)
    for table, short_label in ((strength.police, "Short"), (strength.ministerial, "Shortage")):
        rows[f"strength header {short_label}"] = ["Subject", *(entry.rank.name for entry in table.entries), "Total"]
        for label, column in (("Sanctioned", "sanctioned"), ("Present", "present"), (short_label, "short")):
            values = [figure(getattr(entry, column)) for entry in table.entries]
            rows[f"strength {short_label} {label}"] = [label, *values, figure(table.totals[column])]
    field = strength.field_organisation
    rows["field organisation"] = [figure(value) for value in (field.sub_divisions, field.police_stations)] + [
        figure(field.posts_total),
        figure(field.posts_sanctioned),
        figure(field.posts_unsanctioned),
    ]
    vehicles = vehicle_table(plan)
    for number, row in enumerate(vehicles.rows, start=1):
        rows[f"vehicles {row.vehicle_type.name}"] = [number, row.vehicle_type.name, *map(figure, row.counts), row.total]
    rows["vehicles total"] = ["Total", *map(figure, vehicles.column_totals), figure(vehicles.total)]
    for sheet in stock_sheets(plan):
        grouped_sheet = any(group.is_grouped for group in sheet.groups)
        for group, lines in numbered_groups(sheet):
            for index, (serial, item) in enumerate(lines):
                cells = [serial, item.equipment_type.name]
                for column in ("total_stock", "distributed", "at_headquarters"):
                    cells.append(figure(getattr(item, column)))
                    if grouped_sheet and group.is_grouped and index == 0:
                        cells.append(figure(group.totals[column]))
                if not group.is_grouped:
                    cells.append(figure(item.new_demand))
                elif index == 0:
                    cells.append(figure(group.new_demand))
                rows[f"stock {sheet.statement.category.name} {item.equipment_type.name}"] = cells
    crime = plan_crime_table(plan)
    for row in crime.rows:
        rows[f"crime {row.head.name}"] = [row.head.name, *map(figure, row.cases), signed(row.change)]
    total = crime.total
    rows["crime total"] = ["All reported Crime", *map(figure, total.cases), signed(total.change)]
    for number, allocation in enumerate(plan.budget_allocations.select_related("head"), start=1):
        rows[f"budget {allocation.head}"] = [number, str(allocation.head), f"{grouped(allocation.amount)}/-"]
    rows["budget total"] = ["Total", f"{grouped(budget_total(plan))}/-"]
    for result in plan.operational_results.all():
        for recovery in result.narcotics.select_related("substance"):
            rows[f"narcotics {recovery.substance.name}"] = [
                recovery.substance.name,
                quantity(recovery.quantity),
                recovery.substance.unit,
            ]
        for recovery in result.illicit_arms.select_related("arm_type"):
            rows[f"illicit arms {recovery.arm_type.name}"] = [recovery.arm_type.name, figure(recovery.count)]
    for target in plan.targets.all():
        rows[f"target {target.position}"] = [target.category]
    return rows


@pytest.fixture(scope="module")
def kasur_document(django_db_setup, django_db_blocker, kasur_pdf):
    """The Kasur PDF, its pages' text, its contents entries and the rows it must hold (database rolled back)."""
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("loaddata", "kasur_2023_24", verbosity=0)
        plan = AnnualPlan.objects.select_related("district").get(district__slug="kasur", year_start=2023)
        document = SimpleNamespace(
            pdf=kasur_pdf,
            rows=expected_rows(plan),
            contents=[str(part.title) for part, _kind in plan_pdf.document_context(plan)["parts"] if part.in_contents],
            filename=plan_pdf.pdf_filename(plan),
            arm_types=[recovery.arm_type.name for recovery in IllicitArmsRecovery.objects.filter(result__plan=plan)],
        )
        transaction.set_rollback(True)
    document.raw_pages = raw_page_texts(document.pdf)
    document.pages = page_texts(document.pdf)
    document.text = "\n".join(document.pages)
    return document


def test_every_table_row_of_the_kasur_plan_is_printed_with_its_figures(kasur_document):
    missing = [name for name, cells in kasur_document.rows.items() if not has_row(kasur_document.text, cells)]
    assert not missing, f"rows not found in the PDF: {missing}"
    assert len(kasur_document.rows) >= 130  # strength, field, vehicles, stock, crime, budget, recoveries, targets


def test_derived_figures_are_the_computed_ones_not_the_documents(kasur_document):
    text = kasur_document.text
    assert has_row(text, ["Assault on Police", 22, 23, 27, "+4"])  # the document printed -4
    assert has_row(text, ["Short", "-", 1, "-", 1, "-", "-", "-", 14, 6, 41, 70, 22, 59, 214])  # it printed 206
    assert has_row(text, [8, "Riot Jacket", 647, 949, 647, 767, "-", 182, "1,551"])  # it printed 967
    assert has_row(text, ["Total", "1,88,06,42,128/-"])
    assert has_row(text, ["All reported Crime", "12,426", "15,761", "16,828", "+1,067"])
    # The document states 1:2,150; its figures give 1:1,937. The print carries the computed value, and nothing of
    # the check that compares them (the portal's plan page lists that finding).
    assert has_row(text, ["Police-Population Ratio", "1:1,937"])
    assert "2,150" not in text and "computed" not in text.casefold()


def test_the_document_follows_the_reference_order(kasur_document):
    pages = [page for page in kasur_document.pages if "CONTENTS" not in page]  # the contents list them too
    text = re.sub(r"\s+", " ", "\n".join(pages))
    headings = [
        "ANNUAL POLICING PLAN",
        "For the Calendar year 2023-2024",
        "Chapter-IV, Article-32 of Police Order-2002",
        "MESSAGE OF THE DISTRICT POLICE OFFICER",
        "(Muhammad Tariq Aziz) PSP",
        "DISTRICT DETAIL",
        "VITAL STATISTICS",
        "PRESENT STRENGTH",
        "c. Ministerial Staff",
        "LOGISTICS: VEHICLES",
        "STATEMENT OF ARMS & AMMUNITION",
        "STATEMENT OF ANTI-RIOT",
        "STATEMENT OF TEAR GAS",
        "2. DISTRICT OBJECTIVES OF POLICING",
        "i. Protect of life, property and liberty of citizen",
        "iii. To improve Police efficiency",
        "f) Welfare and incentives for police service.",
        "g) Performance of District Kasur.",  # the performance tables print under their objective heading
        "Crime-2022",
        "V) Recovery of Illicit Arms during Year 2022",
        "Crime Scene 2022",
        "iv. Etc.",
        "COMMUNITY POLICING",
        "STRATEGY TO CONTROL CRIME",
        "POLICING PLEDGE",
        "OUR COMMITMENTS FOR THE YEAR 2023-2024",
        "3. TARGETS TO BE ACHIEVED AND MECHANISM",
        "4. FINANCIAL RESOURCES LIKELY TO BE AVAILABLE",
        "(Inshaa Allah)",
    ]
    positions = [text.find(heading) for heading in headings]
    assert -1 not in positions, [heading for heading, position in zip(headings, positions, strict=True) if position < 0]
    assert positions == sorted(positions)


def test_contents_page_numbers_are_the_pages_of_the_headings(kasur_document):
    contents_page = next(number for number, page in enumerate(kasur_document.pages, start=1) if "CONTENTS" in page)
    contents = kasur_document.pages[contents_page - 1]
    outline = {}
    reader = PdfReader(BytesIO(kasur_document.pdf))
    items = list(reader.outline)
    while items:  # bookmarks at every level: the performance tables are a heading within the objectives
        item = items.pop(0)
        if isinstance(item, list):
            items.extend(item)
        else:
            outline.setdefault(item.title.casefold(), reader.get_destination_page_number(item) + 1)
    search_from = contents_page + 1
    for title in kasur_document.contents:
        listed = re.search(re.escape(title) + r"[\s.]*?(\d+)\s*$", contents, re.MULTILINE)
        assert listed, f"{title!r} is not in the contents"
        listed_page = int(listed[1])
        heading = re.compile(r"\s+".join(map(re.escape, title.upper().split())))
        found_page = next(
            number
            for number in range(search_from, len(kasur_document.pages) + 1)
            if heading.search(kasur_document.pages[number - 1].upper().replace("STATEMENT OF ", ""))
        )
        assert listed_page == found_page, f"{title!r}: contents say page {listed_page}, heading is on {found_page}"
        assert any(key.endswith(title.casefold()) and page == listed_page for key, page in outline.items()), title
        search_from = found_page


def test_every_page_but_the_cover_has_the_running_header_and_page_n_of_m(kasur_document):
    count = len(kasur_document.pages)
    assert count == len(PdfReader(BytesIO(kasur_document.pdf)).pages)
    cover, *pages = kasur_document.pages
    assert "Page" not in cover and "Annual Policing Plan 2023-2024" not in cover
    for number, page in enumerate(pages, start=2):
        assert f"Page {number} of {count}" in page
        assert "District Kasur · Annual Policing Plan 2023-2024" in page


def test_every_page_of_a_draft_carries_the_draft_mark_and_no_approval(kasur_document):
    for number, page in enumerate(kasur_document.pages, start=1):
        assert page.count("DRAFT — not approved") == 1, f"page {number}"
    assert "On behalf of the" not in kasur_document.text


def test_nothing_of_the_check_nor_placeholders_is_printed(kasur_document):
    text = kasur_document.text
    assert "computed" not in text.casefold()
    assert "No map uploaded." not in text and not re.search(r"\bNo [\w ]+ (entered|uploaded)\.", text)
    assert "MAP" not in text.upper().split()  # no heading over a map that is not there


def test_no_word_is_hyphenated_or_split_in_the_table_headers(kasur_document):
    raw = "\n".join(kasur_document.raw_pages)
    assert "\u2010" not in raw  # no hyphen the renderer added: "Super-intendent" was one
    start = raw.index("Ministerial Staff")
    header = raw[start : raw.index("Sanctioned", start)].split()  # the ministerial table's header, word by word
    for word in ("Superintendent", "Stenographers", "Assistants", "Clerk"):
        assert word in header, header
    assert has_row(kasur_document.text, ["Other (unnamed column)"])


def test_the_illicit_arms_table_leaves_no_fewer_than_three_rows_alone(kasur_document):
    heading = "Recovery of Illicit Arms during Year"
    start = next(number for number, page in enumerate(kasur_document.pages) if heading in page)
    pages_of_rows = []
    for name in kasur_document.arm_types:
        pattern = re.compile(r"(?<!\S)" + r"\s+".join(map(re.escape, name.split())) + r"\s+[\d,-]+")
        pages_of_rows.append(next(n for n in range(start, start + 3) if pattern.search(kasur_document.pages[n])))
    assert len(kasur_document.arm_types) >= 7
    last_chunk = pages_of_rows.count(pages_of_rows[-1])
    assert len(set(pages_of_rows)) == 1 or last_chunk >= 3, pages_of_rows


def test_pdf_metadata_names_the_plan_and_the_office(kasur_document):
    metadata = PdfReader(BytesIO(kasur_document.pdf)).metadata
    assert metadata.title == "Annual Policing Plan 2023-2024, District Kasur"
    assert metadata.author == "Office of the District Police Officer, Kasur"
    assert "Article-32 of Police Order-2002" in metadata.subject
    assert kasur_document.filename == "kasur-annual-policing-plan-2023-2024.pdf"


# Small plans ----------------------------------------------------------------------------------------


@pytest.fixture
def district(db):
    from plans.models import Province

    province = Province.objects.create(name="Test Province", slug="test-province")
    region = Region.objects.create(province=province, name="Test Region", slug="test-region")
    return District.objects.create(region=region, name="Testpur", slug="testpur")


@pytest.fixture
def plan(district):
    return AnnualPlan.objects.create(district=district, year_start=2023, crime_first_year=2020, crime_last_year=2022)


def user_of(district, username, role=Role.READER):
    return role_user(username, role, district=district)


def test_a_plan_with_no_data_still_prints_every_chapter_without_placeholders(plan):
    """The portal's plan page says what is missing; the printed draft leaves the placeholders out."""
    text = "\n".join(page_texts(plan_pdf.render_plan_pdf(plan, use_cache=False)))
    titles = [
        "MESSAGE OF THE DISTRICT POLICE OFFICER",
        "DISTRICT DETAIL",
        "VITAL STATISTICS",
        "PRESENT STRENGTH",
        "STOCK STATEMENTS",
        "2. DISTRICT OBJECTIVES OF POLICING",
        "PERFORMANCE OF THE DISTRICT",
        "3. TARGETS TO BE ACHIEVED AND MECHANISM",
        "4. FINANCIAL RESOURCES LIKELY TO BE AVAILABLE",
    ]
    assert [title for title in titles if title not in text] == []
    assert " entered." not in text and "No map uploaded." not in text
    html = plan_pdf.render_plan_html(plan)
    assert "No units entered." in html and "No map uploaded." in html  # in the markup, for the portal


def test_very_long_text_wraps_onto_more_pages_and_user_markup_stays_text(plan):
    token = "X" * 3000 + "ENDOFTOKEN"
    plan.message = "\n\n".join(f"Paragraph {number} " + "of a long message " * 60 for number in range(40))
    plan.message += f"\n\n{token}\n\n<b>not bold</b> LASTWORDS"
    plan.save()
    html = plan_pdf.render_plan_html(plan)
    assert "&lt;b&gt;not bold&lt;/b&gt;" in html and "<b>not bold</b>" not in html
    pages = page_texts(plan_pdf.write_pdf(html))
    text = "".join(re.sub(r"\s+", "", page) for page in pages)
    assert len(pages) > 15
    assert "ENDOFTOKEN" in text and "<b>notbold</b>LASTWORDS" in text


def test_wide_tables_turn_the_page_or_the_table_rather_than_lose_columns(plan):
    deployments = [
        Deployment.objects.create(district=plan.district, name=f"Deployment {n}", position=n) for n in range(12)
    ]
    jeep = VehicleType.objects.create(district=plan.district, name="Jeep")
    VehicleCount.objects.bulk_create(
        VehicleCount(plan=plan, vehicle_type=jeep, deployment=d, count=3) for d in deployments
    )
    for number in range(20):
        rank = Rank.objects.create(district=plan.district, name=f"Rank {number}", position=number)
        StrengthEntry.objects.create(plan=plan, rank=rank, sanctioned=100 + number, present=90)
    pdf = plan_pdf.render_plan_pdf(plan, use_cache=False)
    pages = page_texts(pdf)
    vehicles_page = next(number for number, page in enumerate(pages) if "LOGISTICS: VEHICLES" in page)
    box = PdfReader(BytesIO(pdf)).pages[vehicles_page].mediabox
    assert box.width > box.height  # a landscape page for twelve deployments
    assert has_row(pages[vehicles_page], [1, "Jeep", *[3] * 12, 36])
    text = "\n".join(pages)
    for number in range(20):  # twenty ranks: one row each instead of twenty-two columns
        assert has_row(text, [f"Rank {number}", 100 + number, 90, 10 + number, "-"])


def test_digit_grouping_setting_reaches_the_document(plan, settings):
    rank = Rank.objects.create(district=plan.district, name="FC", cadre=Cadre.EXECUTIVE)
    StrengthEntry.objects.create(plan=plan, rank=rank, sanctioned=1829728, present=0)
    settings.DIGIT_GROUPING = "international"
    assert "1,829,728" in plan_pdf.render_plan_html(plan)
    settings.DIGIT_GROUPING = "lakh"
    assert "18,29,728" in plan_pdf.render_plan_html(plan)


def test_the_uploaded_map_is_embedded(plan, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    image = BytesIO()
    Image.new("RGB", (40, 30), "navy").save(image, format="PNG")
    profile = DistrictProfile(plan=plan, area_sq_km=1, population=1, urban_percent=50, rural_percent=50, tehsils=1)
    profile.mnas = profile.mpas = profile.union_councils = profile.police_subdivisions = profile.police_stations = 1
    profile.police_posts_sanctioned = profile.police_posts_unsanctioned = profile.banks = profile.petrol_pumps = 1
    profile.map_image.save("map.png", ContentFile(image.getvalue()))
    html = render_to_string(
        "pdf/plan.html",
        {**plan_pdf.document_context(plan), "parts": [(part, "district_detail") for part in build_document(plan)[3:4]]},
    )
    reader = PdfReader(BytesIO(plan_pdf.write_pdf(html)))
    images = {image.data for page in reader.pages for image in page.images}  # pages share one resource dictionary
    assert len(images) == 1


# The URL fetcher ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "https://example.com/logo.png",
        "http://169.254.169.254/latest/meta-data/",
        "file:///etc/passwd",
        "https://plan.invalid/static/../../../../etc/passwd",
        "https://plan.invalid/files/../kasur_police/settings.py",
        "https://plan.invalid/etc/passwd",
        "ftp://plan.invalid/static/pdf/plan.css",
    ],
)
def test_the_fetcher_refuses_anything_but_our_static_and_media_files(url, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    with pytest.raises(plan_pdf.AssetRefused):
        plan_pdf.asset_fetcher().fetch(url)


def test_the_fetcher_serves_static_files_and_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    (tmp_path / "media" / "maps").mkdir(parents=True)
    (tmp_path / "media" / "maps" / "kasur.png").write_bytes(b"png bytes")
    (tmp_path / "outside.png").write_bytes(b"secret")
    fetcher = plan_pdf.asset_fetcher()
    assert fetcher.fetch("https://plan.invalid/static/pdf/plan.css").read().startswith(b"/*")
    assert fetcher.fetch("https://plan.invalid/files/maps/kasur.png").read() == b"png bytes"
    assert fetcher.fetch((tmp_path / "media" / "maps" / "kasur.png").as_uri()).read() == b"png bytes"
    with pytest.raises(plan_pdf.AssetRefused):
        fetcher.fetch((tmp_path / "outside.png").as_uri())
    with pytest.raises(plan_pdf.AssetRefused):
        fetcher.fetch("https://plan.invalid/files/../outside.png")


# Views and cache ------------------------------------------------------------------------------------


@pytest.fixture
def fake_printer(monkeypatch):
    """Replace WeasyPrint with a counter, for tests about serving and caching rather than printing."""
    cache.clear()
    calls = []

    def write_pdf(html):
        calls.append(html)
        return b"%PDF-1.7 fake " + str(len(calls)).encode()

    monkeypatch.setattr(plan_pdf, "write_pdf", write_pdf)
    return calls


def test_pdf_and_preview_answer_a_user_of_the_district(client, plan):
    cache.clear()
    client.force_login(user_of(plan.district, "reader"))
    response = client.get(reverse("documents:pdf", kwargs={"district": "testpur", "year": "2023-2024"}))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="testpur-annual-policing-plan-2023-2024.pdf"'
    assert response.content.startswith(b"%PDF")
    response = client.get(reverse("documents:preview", kwargs={"district": "testpur", "year": "2023-2024"}))
    assert response.status_code == 200 and response["Content-Type"].startswith("text/html")
    assert b"District Testpur" in response.content


def test_pdf_and_preview_are_not_found_for_another_district_and_need_a_login(client, plan, fake_printer):
    other = District.objects.create(region=plan.district.region, name="Elsewhere", slug="elsewhere")
    kwargs = {"district": "testpur", "year": "2023-2024"}
    urls = [reverse(f"documents:{name}", kwargs=kwargs) for name in ("pdf", "preview")]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    client.force_login(user_of(other, "outsider"))
    for url in urls:
        assert client.get(url).status_code == 404
    client.force_login(user_of(plan.district, "insider"))
    assert client.get(reverse("documents:pdf", kwargs={"district": "testpur", "year": "2023-24"})).status_code == 404
    assert client.get(reverse("documents:pdf", kwargs={"district": "testpur", "year": "2024-2025"})).status_code == 404
    assert not fake_printer


def test_an_unchanged_plan_is_served_from_the_cache_quickly(client, plan, fake_printer):
    client.force_login(user_of(plan.district, "reader"))
    url = reverse("documents:pdf", kwargs={"district": "testpur", "year": "2023-2024"})
    first = client.get(url).content
    started = time.perf_counter()
    second = client.get(url).content
    elapsed = time.perf_counter() - started
    assert first == second and len(fake_printer) == 1
    assert elapsed <= 0.05


def test_any_change_to_the_plans_data_renders_it_again(plan, fake_printer):
    rank = Rank.objects.create(district=plan.district, name="SI", cadre=Cadre.EXECUTIVE)
    entry = StrengthEntry.objects.create(plan=plan, rank=rank, sanctioned=10, present=8)
    plan_pdf.render_plan_pdf(plan)
    plan_pdf.render_plan_pdf(plan)
    assert len(fake_printer) == 1

    entry.present = 9
    entry.save()
    plan_pdf.render_plan_pdf(plan)
    assert len(fake_printer) == 2 and ">9<" in fake_printer[-1]

    rank.name = "Sub-Inspector"  # a reference list of the district: every plan of it prints anew
    rank.save()
    plan_pdf.render_plan_pdf(plan)
    assert len(fake_printer) == 3 and "Sub-Inspector" in fake_printer[-1]

    entry.delete()
    plan_pdf.render_plan_pdf(plan)
    assert len(fake_printer) == 4 and "Sub-Inspector" not in fake_printer[-1]

    other_plan = AnnualPlan.objects.create(
        district=plan.district, year_start=2024, crime_first_year=2021, crime_last_year=2023
    )
    plan_pdf.render_plan_pdf(other_plan)
    plan_pdf.render_plan_pdf(plan)
    assert len(fake_printer) == 5  # another plan's change leaves this one cached


# The approved plan ----------------------------------------------------------------------------------


def test_the_approved_pdf_carries_the_approval_and_no_draft_mark(plan, settings, tmp_path):
    """Rendered inside the approval step, the archived PDF says who approved it, for whom and when."""
    from django.utils import timezone
    from django.utils.formats import date_format

    from plans.models import WorkflowAction, WorkflowEvent
    from plans.workflow import approve

    settings.MEDIA_ROOT = tmp_path
    approver = get_user_model().objects.create_superuser("approver", first_name="Amina", last_name="Rauf")
    # Submitted as it stands: the print's status marks are the subject here, not the plan's completeness.
    AnnualPlan.objects.filter(pk=plan.pk).update(status=PlanStatus.SUBMITTED)
    plan.refresh_from_db()
    draft_pages = page_texts(plan_pdf.render_plan_pdf(plan, use_cache=False))
    assert all("DRAFT — not approved" in page for page in draft_pages)  # submitted is not approved yet

    approve(plan, approver)

    plan.refresh_from_db()
    with plan.approved_pdf.open("rb") as stored:
        pages = page_texts(stored.read())
    event = WorkflowEvent.objects.get(plan=plan, action=WorkflowAction.APPROVE)
    approved_on = date_format(timezone.localtime(event.created), "j F Y")
    cover = re.sub(r"\s+", " ", pages[0])
    assert "APPROVED On behalf of the Regional Police Officer" in cover
    assert f"by Amina Rauf on {approved_on}" in cover
    assert not any("DRAFT" in page for page in pages)
    assert len(pages) == len(draft_pages)  # the approval block fits on the cover
