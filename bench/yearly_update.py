"""A year's update of the Kasur plan walked through the chapter editors in Chromium, timed chapter by chapter.

Run from the project root:  .venv/bin/python bench/yearly_update.py [--chromium /usr/bin/chromium]

On a temporary SQLite database with the Kasur 2023-2024 plan (approved), a local server and Debian's
Chromium, the walk does what an office does once a year: "Start 2024-2025 from this plan" and replace the
old year in the text; then, in the performance chapter, paste each column the new year left empty (the new
crime year, the year's operational results), and in the strength, vehicles and budget chapters paste every
column afresh (those counts are taken again each year); each chapter saved once. Every paste is a column
block as copied from a spreadsheet. It prints, per step, the cells and blocks pasted, the machine's time
(page load, pastes, Save) and an estimate of a clerk's time from the counts, with the rates it states.
"""

import argparse
import os
import re
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "yearly-update-walk"
PASTE = """(text) => {
    const data = new DataTransfer();
    data.setData("text/plain", text);
    document.activeElement.dispatchEvent(
        new ClipboardEvent("paste", {clipboardData: data, bubbles: true, cancelable: true}));
}"""
# What a clerk's time is estimated from: switching to the spreadsheet, selecting and copying a column,
# clicking the grid's first cell and pasting; reading a chapter over before saving it; reading the
# roll-forward's proposed replacements.
SECONDS_PER_BLOCK = 20
SECONDS_PER_CHAPTER_REVIEW = 60
SECONDS_FOR_YEAR_REPLACEMENT = 120
# Chapters whose every column is taken again each year; in the others only the columns left empty.
REFRESHED_CHAPTERS = ("strength", "vehicles", "financial-resources")
WALKED_CHAPTERS = ("performance", *REFRESHED_CHAPTERS)
COLUMNS = """(grid) => {
    const columns = {};
    for (const input of grid.querySelectorAll("tr[data-row]:not([data-new]) input.cell")) {
        (columns[input.dataset.col] ||= []).push({id: input.id, value: input.value});
    }
    return Object.entries(columns).map(([key, cells]) => ({key, cells}));
}"""


def manage(env, *args):
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True, capture_output=True)


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def prepared_server(folder):
    """A server on a fresh database holding the approved Kasur 2023-2024 plan, and a superuser."""
    env = {**os.environ, "DEBUG": "true", "DATABASE_URL": f"sqlite:///{folder}/walk.sqlite3"}
    env.pop("CELERY_BROKER_URL", None)
    env.pop("REDIS_URL", None)
    manage(env, "migrate", "--noinput")
    manage(env, "loaddata", "kasur_2023_24")
    manage(
        env,
        "shell",
        "-c",
        "from django.contrib.auth import get_user_model;"
        "from plans.models import AnnualPlan, PlanStatus;"
        f"get_user_model().objects.create_superuser('walker', 'walker@localhost', '{PASSWORD}');"
        "AnnualPlan.objects.filter(district__slug='kasur', year_start=2023).update(status=PlanStatus.APPROVED)",
    )
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    for _attempt in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            break
        except OSError:
            time.sleep(0.2)
    return server, f"http://127.0.0.1:{port}"


def walk_chapter(page, base, slug):
    """Open the chapter's editor, paste its columns, save it; (cells, blocks, seconds load, paste, save)."""
    started = time.perf_counter()
    page.goto(f"{base}/plans/kasur/2024-2025/edit/{slug}/")
    loaded = time.perf_counter()
    cells = blocks = 0
    for grid in page.locator("table.grid[data-grid]").element_handles():
        columns = grid.evaluate(COLUMNS)
        previous = None
        for column in columns:
            values = [cell["value"] for cell in column["cells"]]
            if slug not in REFRESHED_CHAPTERS and all(values):
                previous = values
                continue
            block = [value or (previous[index] if previous else "0") or "0" for index, value in enumerate(values)]
            page.locator(f"#{column['cells'][0]['id']}").focus()
            page.evaluate(PASTE, "\n".join(block) + "\n")
            cells += len(block)
            blocks += 1
            previous = values
    pasted = time.perf_counter()
    page.get_by_role("button", name="Save").click()
    page.wait_for_load_state()
    if page.locator("#error-summary").count():
        raise SystemExit(f"{slug}: the Save was refused: {page.locator('#error-summary').inner_text()}")
    saved = time.perf_counter()
    return cells, blocks, loaded - started, pasted - loaded, saved - pasted


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    options = parser.parse_args()
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as folder, sync_playwright() as playwright:
        server, base = prepared_server(folder)
        try:
            browser = playwright.chromium.launch(executable_path=options.chromium)
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.goto(f"{base}/accounts/login/")
            page.fill("#id_username", "walker")
            page.fill("#id_password", PASSWORD)
            page.press("#id_password", "Enter")
            page.wait_for_load_state()

            rows = []
            started = time.perf_counter()
            page.goto(f"{base}/plans/kasur/2023-2024/")
            page.get_by_role("button", name="Start 2024-2025 from this plan").click()
            page.wait_for_url("**/carried-forward/")
            page.get_by_role("button", name=re.compile(r"^Replace in all")).click()
            page.wait_for_load_state()
            rows.append(("start 2024-2025, replace the year", 0, 0, time.perf_counter() - started, 0, 0))
            for slug in WALKED_CHAPTERS:
                rows.append((slug, *walk_chapter(page, base, slug)))
            browser.close()
        finally:
            server.terminate()
            server.wait()

    print("| step | cells pasted | blocks | load s | paste s | save s | clerk's time, est. min |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    total_clerk = total_machine = 0
    for step, cells, blocks, load, paste, save in rows:
        clerk = SECONDS_FOR_YEAR_REPLACEMENT if not cells else blocks * SECONDS_PER_BLOCK + SECONDS_PER_CHAPTER_REVIEW
        total_clerk += clerk
        total_machine += load + paste + save
        print(f"| {step} | {cells} | {blocks} | {load:.2f} | {paste:.2f} | {save:.2f} | {clerk / 60:.1f} |")
    print(
        f"| all | {sum(r[1] for r in rows)} | {sum(r[2] for r in rows)} | machine {total_machine:.1f} s |  |  "
        f"| {total_clerk / 60:.0f} |"
    )


if __name__ == "__main__":
    main()
