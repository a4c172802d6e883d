"""The chapter edit page (`plans:plan-edit`): one Save per chapter, all or nothing, for the district's editors.

Shown with the performance chapter's crime grid on the Kasur plan (21 heads × 2020-2022).
"""

import re

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from crime_stats.models import CrimeFigure, CrimeHead
from plans.models import PlanStatus, Role
from plans.registry import chapter as registered_chapter
from plans.views.editors import chapter_version
from tests.api.factories import DistrictFactory, role_user
from tests.editor_helpers import edit_url as chapter_url
from tests.editor_helpers import page_data, post_chapter


def edit_url(plan, chapter="performance"):
    return chapter_url(plan, chapter)


def figures(plan):
    return {(figure.head.name, figure.year): figure.cases for figure in CrimeFigure.objects.filter(plan=plan)}


def grid_post(client, plan, changes=(), version=None):
    """POST the crime grid as the page shows it, with `changes` ({input name: text}) applied."""
    return post_chapter(client, plan, "performance", changes, version)


def head(plan, name):
    return CrimeHead.objects.get(district=plan.district, name=name)


def test_the_grid_shows_the_crime_table_with_its_change_and_totals(client, kasur_plan, kasur_clerk):
    client.force_login(kasur_clerk)
    response = client.get(edit_url(kasur_plan))
    assert response.status_code == 200
    html = response.content.decode()
    murder = head(kasur_plan, "Murder").pk
    # Murder 146 / 135 / 160, +25 over 2021; every cell named by its row and column headers.
    cell = re.search(rf'<input[^>]*id="crime-{murder}-2022"[^>]*>', html).group(0)
    assert 'value="160"' in cell
    assert f'aria-labelledby="crime-row-{murder} crime-col-2022"' in cell
    assert f'id="crime-row-{murder}"' in html and 'id="crime-col-2022"' in html
    assert re.search(rf'aria-labelledby="crime-row-{murder} crime-col-change">\+25<', html)
    totals = {year: sum(cases for (_h, y), cases in figures(kasur_plan).items() if y == year) for year in (2021, 2022)}
    assert f'data-total="2022" aria-labelledby="crime-row-total crime-col-2022">{totals[2022]}<' in html
    change = totals[2022] - totals[2021]
    assert f'crime-col-change">{"+" if change > 0 else ""}{change}<' in html
    assert "Save" in html


def test_a_save_writes_changed_cleared_and_new_rows_at_once(client, kasur_plan, kasur_clerk):
    client.force_login(kasur_clerk)
    murder, hurt = head(kasur_plan, "Murder"), head(kasur_plan, "Hurt")
    before = CrimeFigure.objects.get(plan=kasur_plan, head=murder, year=2022)
    response = grid_post(
        client,
        kasur_plan,
        {
            f"crime-{murder.pk}-2022": "1,234",
            f"crime-{hurt.pk}-2020": "",
            "crime-new0-name": "Cyber crime",
            "crime-new0-2021": "7",
            "crime-new0-2022": "9",
        },
    )
    assert response.status_code == 302
    stored = figures(kasur_plan)
    assert stored["Murder", 2022] == 1234
    assert ("Hurt", 2020) not in stored
    assert stored["Cyber crime", 2021] == 7 and stored["Cyber crime", 2022] == 9
    assert ("Cyber crime", 2020) not in stored
    cyber = CrimeHead.objects.get(district=kasur_plan.district, name="Cyber crime")
    assert cyber.position > head(kasur_plan, "Murder").position
    after = CrimeFigure.objects.get(pk=before.pk)
    assert after.version == before.version + 1
    # The history records who changed what, as a save through the model would.
    record = after.history.latest()
    assert record.history_type == "~" and record.history_user == kasur_clerk and record.cases == 1234
    assert CrimeFigure.history.filter(history_type="-", head=hurt, year=2020).get().history_user == kasur_clerk
    assert cyber.history.get().history_type == "+"
    page = client.get(response.url)
    assert "Performance of the district saved." in page.content.decode()


def test_a_word_in_a_count_is_marked_in_its_cell_and_nothing_is_saved(client, kasur_plan, kasur_clerk):
    client.force_login(kasur_clerk)
    murder, hurt = head(kasur_plan, "Murder"), head(kasur_plan, "Hurt")
    before = figures(kasur_plan)
    response = grid_post(
        client,
        kasur_plan,
        {f"crime-{murder.pk}-2022": "many", f"crime-{hurt.pk}-2022": "5", f"crime-{hurt.pk}-2021": "-3"},
    )
    assert response.status_code == 200
    html = response.content.decode()
    cell = re.search(rf'<input[^>]*id="crime-{murder.pk}-2022"[^>]*>', html).group(0)
    assert 'value="many"' in cell and 'aria-invalid="true"' in cell
    assert f'aria-describedby="crime-{murder.pk}-2022-error"' in cell
    assert f'<span class="cell-error" id="crime-{murder.pk}-2022-error">Enter a number.</span>' in html
    assert f'<a href="#crime-{murder.pk}-2022">Murder, 2022: Enter a number.</a>' in html
    assert f'<a href="#crime-{hurt.pk}-2021">Hurt, 2021: Enter a number of 0 or more.</a>' in html
    assert "2 cells need correcting: nothing was saved." in html
    # What was typed stays on the page; nothing reached the database, not even the good cell.
    assert re.search(rf'id="crime-{hurt.pk}-2022"[^>]*value="5"|value="5"[^>]*id="crime-{hurt.pk}-2022"', html)
    assert figures(kasur_plan) == before


def test_a_new_row_needs_a_name_of_its_own(client, kasur_plan, kasur_clerk):
    client.force_login(kasur_clerk)
    response = grid_post(client, kasur_plan, {"crime-new0-name": "", "crime-new0-2022": "4"})
    assert '<a href="#crime-new0-name">New crime head: Name the new row, or clear its figures.</a>' in (
        response.content.decode()
    )
    response = grid_post(client, kasur_plan, {"crime-new0-name": " murder ", "crime-new0-2022": "4"})
    assert "The grid already has a row of that name." in response.content.decode()
    assert not CrimeHead.objects.filter(name__iexact="murder ").exists()
    assert CrimeHead.objects.filter(district=kasur_plan.district).count() == 21


def test_a_locked_plan_shows_read_only_and_refuses_a_save(client, kasur_plan, kasur_clerk):
    client.force_login(kasur_clerk)
    page = client.get(edit_url(kasur_plan))
    version = re.search(r'name="version" value="([^"]+)"', page.content.decode()).group(1)
    kasur_plan.status = PlanStatus.SUBMITTED
    kasur_plan.save()
    response = client.get(edit_url(kasur_plan))
    html = response.content.decode()
    assert "This plan is locked" in html
    assert 'type="submit" class="button button--primary">Save' not in html
    assert re.search(r'<input type="text"[^>]* readonly', html)
    before = figures(kasur_plan)
    murder = head(kasur_plan, "Murder")
    response = client.post(edit_url(kasur_plan), {"version": version, f"crime-{murder.pk}-2022": "1"})
    assert response.status_code == 409
    assert "is submitted and locked" in response.content.decode()
    assert figures(kasur_plan) == before


def test_a_save_on_a_stale_page_is_refused_with_what_was_typed_kept(client, kasur_plan, kasur_clerk):
    client.force_login(kasur_clerk)
    page = client.get(edit_url(kasur_plan)).content.decode()
    stale_version = re.search(r'name="version" value="([^"]+)"', page).group(1)
    murder, hurt = head(kasur_plan, "Murder"), head(kasur_plan, "Hurt")
    theirs = CrimeFigure.objects.get(plan=kasur_plan, head=hurt, year=2022)
    theirs.cases = 999  # someone else, in the admin or the API, meanwhile
    theirs.save()
    response = grid_post(client, kasur_plan, {f"crime-{murder.pk}-2022": "170"}, version=stale_version)
    assert response.status_code == 409
    html = response.content.decode()
    assert "Someone changed this chapter after you opened it: nothing was saved." in html
    assert re.search(rf'id="crime-{murder.pk}-2022"[^>]*value="170"', html)
    assert figures(kasur_plan)["Murder", 2022] == 160 and figures(kasur_plan)["Hurt", 2022] == 999
    # The page now carries the stored version: saving again applies what the user sees.
    fresh = re.search(r'name="version" value="([^"]+)"', html).group(1)
    assert fresh != stale_version
    assert grid_post(client, kasur_plan, {f"crime-{murder.pk}-2022": "170"}, version=fresh).status_code == 302
    assert figures(kasur_plan)["Murder", 2022] == 170


def test_the_page_version_follows_every_row_it_shows(kasur_plan):
    chapter = registered_chapter("performance")
    version = chapter_version(kasur_plan, chapter.editors(kasur_plan))
    assert chapter_version(kasur_plan, chapter.editors(kasur_plan)) == version
    figure = CrimeFigure.objects.filter(plan=kasur_plan).first()
    figure.save()
    assert chapter_version(kasur_plan, chapter.editors(kasur_plan)) != version


def test_only_the_districts_editors_may_edit(client, kasur_plan, kasur_clerk, role_groups):
    url = edit_url(kasur_plan)
    assert client.get(url).status_code == 302  # to the login page
    reader = role_user("kasur-reader", Role.READER, group=True, district=kasur_plan.district)
    client.force_login(reader)
    assert client.get(url).status_code == 403
    assert client.post(url, {"version": "x"}).status_code == 403
    stranger = role_user("other-clerk", Role.CLERK, group=True, district=DistrictFactory())
    client.force_login(stranger)
    assert client.get(url).status_code == 404
    assert client.post(url, {"version": "x"}).status_code == 404
    client.force_login(kasur_clerk)
    assert client.get(edit_url(kasur_plan, "no-such-chapter")).status_code == 404


def test_the_plan_page_links_each_edited_chapter_for_its_editors(client, kasur_plan, kasur_clerk, role_groups):
    plan_page = reverse("plans:plan-detail", args=[kasur_plan.district.slug, kasur_plan.fiscal_year])
    client.force_login(kasur_clerk)
    assert edit_url(kasur_plan).encode() in client.get(plan_page).content
    client.force_login(role_user("kasur-reader", Role.READER, group=True, district=kasur_plan.district))
    assert edit_url(kasur_plan).encode() not in client.get(plan_page).content
    kasur_plan.status = PlanStatus.SUBMITTED
    kasur_plan.save()
    client.force_login(kasur_clerk)
    assert edit_url(kasur_plan).encode() not in client.get(plan_page).content


def test_the_chapter_navigation_lists_the_edited_chapters_with_their_mark(client, kasur_plan, kasur_clerk):
    client.force_login(kasur_clerk)
    html = client.get(edit_url(kasur_plan)).content.decode()
    nav = html[html.index('class="chapter-nav"') : html.index("</nav>", html.index('class="chapter-nav"'))]
    assert f'href="{edit_url(kasur_plan)}" aria-current="page"' in nav
    assert edit_url(kasur_plan, "strength") in nav
    assert "Patrol routes" not in nav  # the test-only section's: the role groups may not change its rows
    assert "Complete" in nav
    CrimeFigure.objects.filter(plan=kasur_plan, year=2022).first().delete()
    html = client.get(edit_url(kasur_plan)).content.decode()
    assert '<span class="mark mark--incomplete">Incomplete</span>' in html


def test_saving_takes_the_same_queries_for_one_cell_and_for_every_cell(client, kasur_plan, kasur_clerk):
    client.force_login(kasur_clerk)
    heads = list(CrimeHead.objects.filter(district=kasur_plan.district))

    def save(changes):
        data = {**page_data(client, kasur_plan, "performance"), **changes}
        with CaptureQueriesContext(connection) as queries:
            assert client.post(edit_url(kasur_plan), data).status_code == 302
        return len(queries)

    one = save({f"crime-{heads[0].pk}-2022": "1"})
    years = (2020, 2021, 2022)
    every = save(
        {f"crime-{item.pk}-{year}": str(year - 2000 + index) for index, item in enumerate(heads) for year in years}
    )
    added = save({"crime-new0-name": "Cyber crime", "crime-new0-2022": "3", f"crime-{heads[1].pk}-2020": ""})
    assert every == one
    assert added <= one + 6  # the new head and its history, its figures, the deleted figure and its history


def test_a_write_refused_midway_rolls_the_whole_chapter_back(client, kasur_plan, kasur_clerk, monkeypatch):
    from django.core.exceptions import ValidationError

    from crime_stats.editors import ResultTableGrid

    def refuse(self):
        raise ValidationError("The operational results cannot be written now.")

    monkeypatch.setattr(ResultTableGrid, "save", refuse)  # after the crime grid has written its figures
    client.force_login(kasur_clerk)
    murder = head(kasur_plan, "Murder")
    response = grid_post(client, kasur_plan, {f"crime-{murder.pk}-2022": "999"})
    assert response.status_code == 409
    html = response.content.decode()
    assert "The operational results cannot be written now." in html
    assert re.search(rf'id="crime-{murder.pk}-2022"[^>]*value="999"', html)
    assert figures(kasur_plan)["Murder", 2022] == 160


def test_a_save_makes_the_plans_cached_documents_stale(client, kasur_plan, kasur_clerk):
    from plans.pdf import pdf_cache_key

    client.force_login(kasur_clerk)
    murder, before = head(kasur_plan, "Murder"), pdf_cache_key(kasur_plan)
    assert grid_post(client, kasur_plan, {f"crime-{murder.pk}-2022": "161"}).status_code == 302
    assert pdf_cache_key(kasur_plan) != before
    before = pdf_cache_key(kasur_plan)
    assert grid_post(client, kasur_plan, {f"crime-{murder.pk}-2022": ""}).status_code == 302  # a delete
    assert pdf_cache_key(kasur_plan) != before
    page = client.get(reverse("plans:plan-detail", args=[kasur_plan.district.slug, kasur_plan.fiscal_year]))
    assert "Cyber crime" not in page.content.decode()
    grid_post(client, kasur_plan, {"crime-new0-name": "Cyber crime", "crime-new0-2022": "5"})
    page = client.get(reverse("plans:plan-detail", args=[kasur_plan.district.slug, kasur_plan.fiscal_year]))
    assert "Cyber crime" in page.content.decode()
