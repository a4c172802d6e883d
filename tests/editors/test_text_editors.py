"""Lists of points as one text area each: the Kasur plan's lists come back unchanged, a bad line is named and
nothing is saved, a locked plan or a list changed meanwhile refuses the save."""

from collections import Counter

import pytest
from django.db import transaction

from initiatives import editors as text_chapters
from initiatives.models import ObjectiveHeading, SectionPoint, StrategyPoint
from plans.base import lock_plan
from plans.editors import plan_chapters
from plans.editors.text import PointsEditor, parse, preview_html, render
from plans.models import AnnualPlan, PlanStatus, Responsibility


def objective_rows(plan):
    headings = list(
        ObjectiveHeading.objects.filter(objective__plan=plan).values_list("objective_id", "letter", "title", "position")
    )
    points = Counter(  # positions count within a heading, so no ordering of all the points is unique
        StrategyPoint.objects.filter(objective__plan=plan).values_list(
            "objective_id", "heading__letter", "text", "position"
        )
    )
    return headings, points


def section_rows(plan):
    """Each point with its title, text, position and the text of the point it sits under (as a multiset: points
    under different parents share positions, so no ordering of the rows is unique)."""
    return Counter(
        SectionPoint.objects.filter(section__plan=plan).values_list(
            "section_id", "title", "text", "position", "parent__text", "parent__title"
        )
    )


def form_data(editor, text):
    return {editor.input_id: text, editor.original_name: editor.original}


def save(editor):
    """Save as the chapter page does: every editor valid first, then inside one transaction holding the plan's lock."""
    assert editor.is_valid(), editor.errors
    with transaction.atomic():
        lock_plan(editor.plan.pk)
        editor.save()


def texts(make, plan):
    return {editor.prefix: editor.text for editor in make(plan) if isinstance(editor, PointsEditor)}


def send(make, plan, texts_by_prefix):
    """Send each list's text as the page would (with the digest of what the page showed) and save them all."""
    shown = {editor.prefix: editor for editor in make(plan)}
    data = {}
    for prefix, text in texts_by_prefix.items():
        data |= form_data(shown[prefix], text)
    for editor in make(plan, data):
        if isinstance(editor, PointsEditor):
            save(editor)


def test_parse_nests_by_two_spaces_or_a_tab_and_drops_pasted_bullets():
    roots, problems = parse("First\n  under first\n\tunder first too\n• Second\n    \n  ▪ under second\n")
    assert problems == []
    assert [(line.text, [child.text for child in line.children]) for line in roots] == [
        ("First", ["under first", "under first too"]),
        ("Second", ["under second"]),
    ]
    assert render(roots) == "First\n  under first\n  under first too\nSecond\n  under second"
    assert (
        preview_html(parse("**CRMS** linked\n  Data")[0])
        == "<ul><li><strong>CRMS</strong> linked<ul><li>Data</li></ul></li></ul>"
    )


def test_kasur_objectives_sent_back_unchanged_give_identical_rows(kasur_plan):
    before = objective_rows(kasur_plan)
    assert len(before[0]) == 15 and len(before[1]) == 77
    originals = texts(text_chapters.objectives, kasur_plan)
    # A changed line replaces the rows; sending the original text again gives the original rows back.
    send(
        text_chapters.objectives, kasur_plan, {prefix: f"One more point\n{text}" for prefix, text in originals.items()}
    )
    assert objective_rows(kasur_plan) != before
    send(text_chapters.objectives, kasur_plan, originals)
    assert objective_rows(kasur_plan) == before


def test_the_objectives_text_reads_like_the_document(kasur_plan):
    editor = text_chapters.objectives(kasur_plan)[0]
    lines = editor.text.splitlines()
    assert lines[:3] == [
        "a) Child Abuse.",
        "  Establishment of child pro-cell.",
        "  Public private partnership to raise awareness.",
    ]
    assert "h) Traffic Discipline." in lines
    iii = text_chapters.objectives(kasur_plan)[2]
    assert iii.text.splitlines()[-1] == "g) Performance of District Kasur."  # a heading without points stays


def test_kasur_narrative_sections_and_responsibilities_round_trip(kasur_plan):
    sections, responsibilities = section_rows(kasur_plan), list(Responsibility.objects.values_list("text", "position"))
    for make in (text_chapters.narratives, lambda plan, data=None: plan_chapters.responsibilities(plan, data)[2:]):
        originals = texts(make, kasur_plan)
        send(make, kasur_plan, {prefix: text + "\nA point added" for prefix, text in originals.items()})
        send(make, kasur_plan, originals)
    assert section_rows(kasur_plan) == sections
    assert list(Responsibility.objects.values_list("text", "position")) == responsibilities
    it = next(e for e in text_chapters.narratives(kasur_plan) if e.title == "I.T Initiatives")
    assert "**Computerization of CRO**\n  New system of computerization" in it.text
    assert "  Call Details Analysis.\n    IMEI Numbers Tracing." in it.text


def test_unchanged_text_writes_nothing(kasur_plan, django_assert_max_num_queries):
    editor = text_chapters.narratives(kasur_plan)[2]
    bound = text_chapters.narratives(kasur_plan, form_data(editor, editor.text))[2]
    pks = list(SectionPoint.objects.values_list("pk", "version"))
    save(bound)
    assert list(SectionPoint.objects.values_list("pk", "version")) == pks


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda text: text + "\n        Far too deep", "Line {n}: it is indented more than one level deeper than"),
        (
            lambda text: text + "\n   Three spaces",
            "Line {n}: it is indented by 3 spaces: indent by two spaces or one tab per level",
        ),
        (lambda text: text + "\n" + "x" * 2001, "Line {n}: it is 2001 characters long; a point may have at most 2000"),
    ],
)
def test_a_bad_line_is_named_and_nothing_is_saved(kasur_plan, change, message):
    before = section_rows(kasur_plan)
    editor = text_chapters.narratives(kasur_plan)[0]
    text = change(editor.text)
    bound = text_chapters.narratives(kasur_plan, form_data(editor, text))[0]
    assert not bound.is_valid()
    number = len(text.splitlines())
    assert [error.message[: len(message.format(n=number))] for error in bound.errors] == [message.format(n=number)]
    assert bound.errors[0].cell_id == "section-1-text"
    assert bound.errors[0].label == "Points of “COMMUNITY POLICING”"
    assert section_rows(kasur_plan) == before


def test_nesting_deeper_than_the_list_allows_names_the_line(kasur_plan):
    editor = plan_chapters.responsibilities(kasur_plan)[2]
    bound = plan_chapters.responsibilities(kasur_plan, form_data(editor, "Maintain law & order.\n  Under it"))[2]
    assert not bound.is_valid()
    assert [error.message for error in bound.errors] == ["Line 2: this list has no sub-points: remove the indentation"]


def test_an_objectives_point_after_a_heading_must_be_indented(kasur_plan):
    editor = text_chapters.objectives(kasur_plan)[1]  # ii: points only
    text = "a) Muharram.\n  Peace during Muharram.\nNot indented."
    bound = text_chapters.objectives(kasur_plan, form_data(editor, text))[1]
    assert not bound.is_valid()
    assert [error.message for error in bound.errors] == [
        "Line 3: a point directly under the objective comes before the first heading: indent it to put it under "
        "the heading above, or move it up"
    ]


def test_model_validation_names_the_line(kasur_plan):
    editor = text_chapters.objectives(kasur_plan)[1]
    long_title = "a) " + "T" * 301
    bound = text_chapters.objectives(kasur_plan, form_data(editor, f"A point\n{long_title}\n  Under it"))[1]
    assert not bound.is_valid()
    assert [error.message for error in bound.errors] == [
        "Line 2: Ensure this value has at most 300 characters (it has 301)."
    ]


def test_a_new_nested_list_is_saved_as_rows(kasur_plan):
    editor = text_chapters.narratives(kasur_plan)[1]
    text = "**Muhafiz Force**\n  Dedicated staff\n    35 officers\nPatrolling round the clock"
    save(text_chapters.narratives(kasur_plan, form_data(editor, text))[1])
    rows = list(SectionPoint.objects.filter(section_id=2).values_list("title", "text", "position", "parent__text"))
    assert rows == [
        ("Muhafiz Force", "", 1, None),
        ("", "Dedicated staff", 1, ""),
        ("", "35 officers", 1, "Dedicated staff"),
        ("", "Patrolling round the clock", 2, None),
    ] or sorted(rows, key=str) == sorted(
        [
            ("Muhafiz Force", "", 1, None),
            ("", "Dedicated staff", 1, ""),
            ("", "35 officers", 1, "Dedicated staff"),
            ("", "Patrolling round the clock", 2, None),
        ],
        key=str,
    )
    assert text_chapters.narratives(kasur_plan)[1].text == text


def test_a_locked_plan_refuses(kasur_plan):
    AnnualPlan.objects.filter(pk=kasur_plan.pk).update(status=PlanStatus.SUBMITTED)
    plan = AnnualPlan.objects.get(pk=kasur_plan.pk)
    editor = plan_chapters.responsibilities(plan)[2]
    bound = plan_chapters.responsibilities(plan, form_data(editor, "Only this"))[2]
    assert not bound.is_valid()
    assert "is submitted and locked" in bound.errors[0].message
    assert Responsibility.objects.count() == 9


def test_a_list_changed_meanwhile_is_refused(kasur_plan):
    editor = plan_chapters.responsibilities(kasur_plan)[2]
    data = form_data(editor, editor.text + "\nMine")
    Responsibility.objects.filter(position=1).update(text="Theirs")
    bound = plan_chapters.responsibilities(kasur_plan, data)[2]
    assert not bound.is_valid()
    assert bound.errors[0].message.startswith("Someone else changed")
    assert Responsibility.objects.filter(text="Mine").count() == 0


def test_a_saved_list_renews_the_plans_cached_pdf(kasur_plan):
    from django.core.cache import cache

    from plans.pdf import version_key

    before = cache.get(version_key("plan", kasur_plan.pk))
    editor = plan_chapters.responsibilities(kasur_plan)[2]
    save(plan_chapters.responsibilities(kasur_plan, form_data(editor, editor.text + "\nOne more"))[2])
    assert cache.get(version_key("plan", kasur_plan.pk)) != before
