"""Year replacement after "Start next year", place by place: every text field the registry's sections read
(`Section.text_sources`) gets the old year proposed and replaced, and the forms the old year is written in."""

import pytest
from django.contrib.auth import get_user_model

from plans.demo import build_demo_district, build_demo_plan
from plans.models import AnnualPlan, PlanStatus, Province, Region
from plans.rollover import apply_replacements, proposed_text, start_next_year, text_sources, year_replacements


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Plan 2023–2024 (en dash)", "Plan 2024–2025 (en dash)"),
        ("Plan 2023 - 24, spaced", "Plan 2024 - 25, spaced"),
        ("For the session 2023 only", "For the session 2024 only"),
        ("Paid till 31-12-2023.", "Paid till 31-12-2024."),
        ("Counted on 1.7.2023", "Counted on 1.7.2024"),
        ("From 2023-2024 and again 2023-2024.", "From 2024-2025 and again 2024-2025."),
    ],
)
def test_more_ways_of_writing_the_old_year(text, expected):
    new, changes = proposed_text(text, 2023)
    assert new == expected and changes


@pytest.mark.parametrize("text", ["Dated 30.06.2025, the last day of the new year.", "In 2023-2025 (two years)"])
def test_what_is_not_the_old_plan_year_is_left(text):
    assert proposed_text(text, 2023) == (text, ())


@pytest.fixture
def rolled(db):
    """A demo plan approved for 2023-2024 whose every text field names its year, and 2024-2025 from it."""
    region = Region.objects.create(province=Province.objects.create(name="Punjab", slug="punjab"), name="R", slug="r")
    plan = build_demo_plan(build_demo_district(region, 1), 2023, seed=1)
    for source in text_sources():
        if source.model is AnnualPlan:
            AnnualPlan.objects.filter(pk=plan.pk).update(**dict.fromkeys(source.fields, "Plan for 2023-2024."))
            continue
        row = source.model.objects.filter(**{source.model.plan_path: plan}).first()
        source.model.objects.filter(pk=row.pk).update(
            **{name: f"{name} of {row.pk}: done by 30.09.2023." for name in source.fields}
        )
    AnnualPlan.objects.filter(pk=plan.pk).update(status=PlanStatus.APPROVED)
    plan.refresh_from_db()
    return start_next_year(plan, get_user_model().objects.create_superuser("admin"))


def test_every_text_place_of_every_section_is_proposed_and_replaced(rolled):
    places = {(type(item.place.row)._meta.label, item.place.field) for item in year_replacements(rolled)}
    expected = {(source.model._meta.label, name) for source in text_sources() for name in source.fields}
    assert places == expected

    applied = apply_replacements(rolled, None)

    assert {(type(item.place.row)._meta.label, item.place.field) for item in applied} == expected
    rolled.refresh_from_db()
    assert year_replacements(rolled) == []
    for source in text_sources():
        rows = (
            [AnnualPlan.objects.get(pk=rolled.pk)]
            if source.model is AnnualPlan
            else source.model.objects.filter(**{source.model.plan_path: rolled})
        )
        texts = [getattr(row, name) for row in rows for name in source.fields]
        assert not any("2023-2024" in text or "30.09.2023" in text for text in texts), source.model
        assert any("2024-2025" in text or "30.09.2024" in text for text in texts), source.model
