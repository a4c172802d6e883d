"""A province's compendium: the approved plans of a year as one PDF (cover, contents with each district's page,
a bookmark per district under its region, the plan's own bookmarks under it) and as a zip of the approved PDFs
byte for byte; each district a task of its own; the portal page for province and region users; the command.

The approved PDFs are small documents printed for the test, two pages and two bookmarks each, so that every
page of the compendium can be traced to its district. Tasks run in the process (no broker), as in `make run`.
"""

import hashlib
import io
import re
import zipfile

import pytest
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command
from django.urls import reverse
from pypdf import PdfReader

from plans import pdf as plan_pdf
from plans.models import AnnualPlan, PlanStatus
from publication import compendium
from publication.tasks import assemble_compendium, compendium_part
from tests.api.factories import PlanFactory
from tests.publication.helpers import record_approval


def approved_document(name):
    """A two-page PDF with the district's name on each page and two bookmarks, as its approved PDF."""
    html = (
        f"<h1>Plan of {name}</h1><p>{name} first page</p>"
        f"<h2 style='break-before: page'>Objectives of {name}</h2><p>{name} second page</p>"
    )
    return plan_pdf.write_pdf(html)


@pytest.fixture
def approved(offices, approver):
    """Punjab: North with districts A (approved) and B (a draft), South with C (approved). 2023-2024."""
    plans = {"a": offices.plan, "c": PlanFactory(district=offices.c, year_start=2023)}
    PlanFactory(district=offices.b, year_start=2023)  # a draft: not in the compendium
    contents = {}
    for key, plan in plans.items():
        contents[key] = approved_document(plan.district.name)
        plans[key] = record_approval(plan, contents[key], approver)
    return {"plans": plans, "contents": contents, "province": offices.north.province}


def page_texts(content):
    """Each page's text, its lines and spaces run together."""
    return [" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(content)).pages]


def outline(content):
    """The bookmarks as (depth, title, 1-based page)."""
    reader = PdfReader(io.BytesIO(content))
    found = []

    def walk(items, depth):
        for item in items:
            if isinstance(item, list):
                walk(item, depth + 1)
            else:
                found.append((depth, item.title, reader.get_destination_page_number(item) + 1))

    walk(reader.outline, 0)
    return found


def stored(name):
    with default_storage.open(name, "rb") as file:
        return file.read()


def test_the_compendium_pdf_has_a_cover_contents_with_pages_and_a_bookmark_per_district(approved, offices):
    job = compendium.start(approved["province"], 2023)
    assert job["state"] == "ready"
    content = stored(job["pdf"])
    pages = page_texts(content)
    a, c = offices.a.name, offices.c.name

    assert "Annual Policing Plans 2023-2024" in pages[0] and "Punjab" in pages[0]
    assert "2 approved plans" in pages[0] and f"{len(pages)} pages" in pages[0]
    contents = pages[1]
    assert "Contents" in contents
    # Each district's plan starts on the page the contents give, and the district's pages follow it.
    starts = {}
    for name in (a, c):
        # "Annual Policing Plan 2023-2024, District A 30 November 2026 3": the plan, its approval date, its page
        match = re.search(rf"Annual Policing Plan 2023-2024, District {name} \d+ \w+ \d{{4}} (\d+)", contents)
        starts[name] = int(match[1])
        assert f"{name} first page" in pages[starts[name] - 1]
        assert f"{name} second page" in pages[starts[name]]
    assert starts == {a: 3, c: 5} and len(pages) == 6
    assert contents.index("Region North") < contents.index(a) < contents.index("Region South") < contents.index(c)
    assert f"No approved plan for 2023-2024: {offices.b.name}" in contents

    assert outline(content) == [
        (0, "Contents", 2),
        (0, "North", 3),
        (1, a, 3),
        (2, f"Plan of {a}", 3),
        (3, f"Objectives of {a}", 4),
        (0, "South", 5),
        (1, c, 5),
        (2, f"Plan of {c}", 5),
        (3, f"Objectives of {c}", 6),
    ]


def test_the_zip_holds_the_approved_pdfs_byte_for_byte_with_their_sums(approved):
    job = compendium.start(approved["province"], 2023)
    with zipfile.ZipFile(io.BytesIO(stored(job["zip"]))) as archive:
        names = archive.namelist()
        files = {name: archive.read(name) for name in names}
    expected = {
        plan.approved_pdf.name.rsplit("/", 1)[-1]: approved["contents"][key] for key, plan in approved["plans"].items()
    }
    assert sorted(names) == sorted(
        [
            *(
                f"{plan.district.slug}-annual-policing-plan-2023-2024-approved.pdf"
                for plan in approved["plans"].values()
            ),
            "SHA256SUMS",
        ]
    )
    for key, plan in approved["plans"].items():
        name = f"{plan.district.slug}-annual-policing-plan-2023-2024-approved.pdf"
        assert files[name] == approved["contents"][key]
        assert f"{hashlib.sha256(files[name]).hexdigest()}  {name}" in files["SHA256SUMS"].decode()
    assert expected  # the plans' own files


def test_a_region_compendium_has_its_districts_only_and_no_region_level(approved, offices):
    job = compendium.start(offices.north, 2023)
    content = stored(job["pdf"])
    assert job["scope_title"] == "Region North, Punjab" and job["total"] == 1
    assert [entry[:2] for entry in outline(content)] == [
        (0, "Contents"),
        (0, offices.a.name),
        (1, f"Plan of {offices.a.name}"),
        (2, f"Objectives of {offices.a.name}"),
    ]
    assert offices.c.name not in " ".join(page_texts(content))


def test_each_district_is_a_task_of_its_own_and_a_chord_binds_them(approved):
    sent = []
    job = compendium.start(approved["province"], 2023, run=sent.append)
    (workflow,) = sent
    assert [task.task for task in workflow.tasks] == [compendium_part.name] * 2
    assert sorted(task.args[1] for task in workflow.tasks) == sorted(p.pk for p in approved["plans"].values())
    assert workflow.body.task == assemble_compendium.name
    assert job["state"] == "queued" and job["done"] == 0 and job["total"] == 2

    parts = [compendium_part.apply(args=task.args).get() for task in workflow.tasks]  # two workers' work
    assert compendium.get_job(job["id"])["done"] == 2
    assert [part["pages"] for part in parts] == [2, 2]
    assemble_compendium.apply(args=(parts, job["id"])).get()
    assert compendium.get_job(job["id"])["state"] == "ready"


def test_asking_again_finds_the_same_compendium(approved):
    first = compendium.start(approved["province"], 2023)
    again = compendium.start(approved["province"], 2023, run=lambda workflow: pytest.fail("made again"))
    assert again["id"] == first["id"] and again["pdf"] == first["pdf"]


def test_a_plan_approved_without_a_kept_pdf_is_printed_for_the_compendium(offices, approved, monkeypatch):
    plan = PlanFactory(district=offices.b, year_start=2024)
    AnnualPlan.objects.filter(pk=plan.pk).update(status=PlanStatus.APPROVED)
    monkeypatch.setattr(plan_pdf, "render_plan_pdf", lambda plan: approved_document(f"printed {plan.district.name}"))
    job = compendium.start(offices.north, 2024)
    assert f"printed {offices.b.name} first page" in page_texts(stored(job["pdf"]))[2]
    with zipfile.ZipFile(io.BytesIO(stored(job["zip"]))) as archive:
        assert f"{offices.b.slug}-annual-policing-plan-2024-2025.pdf" in archive.namelist()


def test_a_failing_part_marks_the_job_failed(approved, monkeypatch):
    def broken(job_id, plan_id):
        raise OSError("the approved file is missing")

    monkeypatch.setattr(compendium, "make_part", broken)
    with pytest.raises(OSError):
        compendium.start(approved["province"], 2023)
    job = compendium.get_job(
        compendium.job_id_for(approved["province"], compendium.approved_plans(approved["province"], 2023))
    )
    assert job["state"] == "failed" and job["error"] == "the approved file is missing"


def test_no_approved_plan_is_a_clear_error(offices):
    with pytest.raises(compendium.NoApprovedPlans, match="Punjab has no approved plan for 2030-2031"):
        compendium.start(offices.north.province, 2030)


# The command ---------------------------------------------------------------------------------------------


def test_the_command_writes_the_pdf_or_the_zip(approved, tmp_path):
    output = tmp_path / "punjab.pdf"
    call_command("render_compendium", "punjab", "2023-2024", "-o", str(output))
    assert len(PdfReader(output).pages) == 6
    archive = tmp_path / "punjab.zip"
    call_command("render_compendium", "punjab", "2023-2024", "-o", str(archive), "--zip")
    assert len(zipfile.ZipFile(archive).namelist()) == 3


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["nowhere", "2023-2024"], "No province or region with the slug 'nowhere'"),
        (["punjab", "2023-24"], "is not a fiscal year like 2023-2024"),
        (["punjab", "2031-2032"], "Punjab has no approved plan for 2031-2032"),
    ],
)
def test_the_command_refuses_bad_input(offices, arguments, message):
    with pytest.raises(CommandError, match=message):
        call_command("render_compendium", *arguments)


# The portal ----------------------------------------------------------------------------------------------


def test_a_province_reviewer_puts_the_compendium_together_and_downloads_it(client, approved, offices):
    client.force_login(offices.users["reviewer_punjab"])
    page = client.get(reverse("compendium:index")).content.decode()
    assert "Punjab" in page and "2 of 3 districts" in page
    assert "Region North, Punjab" in page and "1 of 2 districts" in page

    response = client.post(
        reverse("compendium:start"), {"scope": f"province-{offices.north.province_id}", "year": 2023}
    )
    job_url = response["Location"]
    job_id = job_url.rstrip("/").rsplit("/", 1)[-1]
    page = client.get(job_url).content.decode()
    assert "Approved plans 2023-2024: Punjab" in page
    assert "2 plans, 6 pages." in page
    status = client.get(reverse("compendium:status", args=[job_id])).json()
    assert status == {
        "state": "ready",
        "percent": 100,
        "detail": "2 plans, 6 pages.",
        "done": 2,
        "total": 2,
        "retry_after": 2,
    }

    pdf = client.get(reverse("compendium:file", args=[job_id, "pdf"]))
    assert pdf["Content-Disposition"] == 'attachment; filename="punjab-annual-policing-plans-2023-2024.pdf"'
    assert len(PdfReader(io.BytesIO(b"".join(pdf.streaming_content))).pages) == 6
    archive = client.get(reverse("compendium:file", args=[job_id, "zip"]))
    assert archive["Content-Type"] == "application/zip"


def test_while_it_is_made_the_page_shows_progress(client, approved, offices):
    job = compendium.start(approved["province"], 2023, run=lambda workflow: None)
    compendium.make_part(job["id"], approved["plans"]["a"].pk)
    client.force_login(offices.users["reviewer_punjab"])
    status = client.get(reverse("compendium:status", args=[job["id"]])).json()
    assert status["state"] == "running" and status["done"] == 1 and status["percent"] == 45
    assert status["detail"] == "1 of 2 districts' plans collected."
    page = client.get(reverse("compendium:job", args=[job["id"]])).content.decode()
    assert 'value="45"' in page and '<meta http-equiv="refresh"' in page
    assert client.get(reverse("compendium:file", args=[job["id"], "pdf"])).status_code == 404


def test_a_region_reviewer_sees_only_their_region_and_district_users_none(client, approved, offices):
    job = compendium.start(approved["province"], 2023)
    client.force_login(offices.users["reviewer_north"])
    page = client.get(reverse("compendium:index")).content.decode()
    assert "Region North, Punjab" in page and "South" not in page
    assert client.get(reverse("compendium:job", args=[job["id"]])).status_code == 404
    assert client.get(reverse("compendium:file", args=[job["id"], "pdf"])).status_code == 404
    refused = client.post(reverse("compendium:start"), {"scope": f"province-{offices.north.province_id}", "year": 2023})
    assert refused["Location"] == reverse("compendium:index")  # not theirs: nothing started, told why

    client.force_login(offices.users["dpo_a"])
    assert client.get(reverse("compendium:index")).status_code == 403
    assert client.get(reverse("compendium:job", args=[job["id"]])).status_code == 403
