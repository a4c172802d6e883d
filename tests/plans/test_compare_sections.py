"""Two plans compared section by section: every section the registry knows, its tables and its text."""

import pytest
from django.contrib.auth import get_user_model
from django.db.models import F

from crime_stats.models import CrimeFigure, CrimeHead
from initiatives.models import SectionPoint, StrategyPoint, Target
from logistics.models import StockItem, VehicleCount
from plans import registry
from plans.comparison import Words, compare_text_lists, compared_sections, word_diff
from plans.models import (
    AnnualPlan,
    BudgetAllocation,
    DistrictProfile,
    PlaceOfWorship,
    PlanStatus,
    PlanValue,
    Responsibility,
    SectShare,
    Unit,
)
from plans.rollover import start_next_year
from strength.models import FieldOrganisation, StrengthEntry
from tests.extra_section.models import Patrol


def test_words_are_diffed_whole_not_letter_by_letter():
    runs = word_diff(
        "Annual Plan for the Year 2023-2024 in Kasur.", "Annual Plan for the Year 2024-2025 in District Kasur."
    )

    assert runs == [
        Words("equal", "Annual Plan for the Year"),
        Words("delete", "2023-2024"),
        Words("insert", "2024-2025"),
        Words("equal", "in"),
        Words("insert", "District"),
        Words("equal", "Kasur."),
    ]


def test_paragraph_breaks_survive_the_diff_and_spacing_alone_is_no_change():
    runs = word_diff("One  paragraph.\n\nTwo.", "One paragraph.\n\nTwo and three.")

    assert runs == [Words("equal", "One paragraph. \n\n"), Words("delete", "Two."), Words("insert", "Two and three.")]
    assert not compared_text("a  b", "a b").changed


def compared_text(a, b):
    (text,) = compare_text_lists([a], [b], label=str)
    return text


def test_a_bullet_inserted_in_a_list_leaves_the_others_matched():
    texts = compare_text_lists(
        ["First.", "Second.", "Third."], ["First.", "New one.", "Second.", "Third changed."], str
    )

    assert [(text.status, text.earlier, text.later) for text in texts] == [
        ("", "First.", "First."),
        ("added", None, "New one."),
        ("", "Second.", "Second."),
        ("changed", "Third.", "Third changed."),
    ]


@pytest.fixture
def kasur_pair(kasur_plan):
    """Kasur 2023-2024 and 2024-2025 carried forward from it, with one change in every section."""
    AnnualPlan.objects.filter(pk=kasur_plan.pk).update(status=PlanStatus.APPROVED)
    kasur_plan.refresh_from_db()
    later = start_next_year(kasur_plan, get_user_model().objects.create_superuser("admin"))
    AnnualPlan.objects.filter(pk=later.pk).update(
        message=later.message.replace("2023-2024", "2024-2025"), closing_text="A crime free society."
    )
    later.refresh_from_db()
    Responsibility.objects.filter(pk=later.responsibilities.first().pk).update(text="Fight terrorism, always.")
    PlanValue.objects.filter(pk=later.values.first().pk).update(description="Honest in every deed.")
    Unit.objects.filter(pk=later.units.get(commander="SP Investigation").pk).update(commander="SSP Investigation")
    DistrictProfile.objects.filter(plan=later).update(population=F("population") + 1000)
    SectShare.objects.filter(pk=later.sect_shares.first().pk).update(percent=F("percent") - 1)
    PlaceOfWorship.objects.filter(pk=later.places_of_worship.first().pk).update(count=F("count") + 1)
    StrengthEntry.objects.filter(pk=later.strength_entries.first().pk).update(present=F("present") + 5)
    FieldOrganisation.objects.filter(plan=later).update(police_stations=F("police_stations") + 1)
    VehicleCount.objects.filter(pk=later.vehicle_counts.first().pk).update(count=F("count") + 2)
    StockItem.objects.filter(pk=StockItem.objects.filter(statement__plan=later).first().pk).update(
        new_demand=F("new_demand") + 3
    )
    StrategyPoint.objects.filter(pk=StrategyPoint.objects.filter(objective__plan=later).first().pk).update(
        text="Establishment of a child protection cell in every circle."
    )
    SectionPoint.objects.filter(pk=SectionPoint.objects.filter(section__plan=later).first().pk).update(
        text="Revival of the public's trust in the Police."
    )
    Target.objects.filter(pk=later.targets.first().pk).update(mechanism="Monthly review by the DPO.")
    CrimeFigure.objects.filter(plan=later, head__name="Hurt", year=2022).update(cases=F("cases") + 5)
    CrimeFigure.objects.create(
        plan=later, head=CrimeHead.objects.get(district=later.district, name="Murder"), year=2023, cases=312
    )
    BudgetAllocation.objects.filter(pk=later.budget_allocations.first().pk).update(amount=F("amount") + 100)
    Patrol.objects.create(plan=later, route="Ferozepur Road", officers=6)
    return kasur_plan, later


def by_slug(sections):
    return {section.slug: section for section in sections}


def changed_rows(section):
    return [
        (row.label, row.status, [(cell.earlier, cell.later) for cell in row.cells if cell.changed])
        for table in section.tables
        for row in table.rows
        if row.changed
    ]


def changed_texts(section):
    return [(str(text.label), text.status) for text in section.texts if text.changed]


def test_every_section_shows_what_changed_in_its_tables_and_text(kasur_pair):
    earlier, later = kasur_pair

    sections = by_slug(compared_sections(earlier, later))

    assert list(sections) == [
        "message",
        "responsibilities",
        "district-detail",
        "vital-statistics",
        "strength",
        "vehicles",
        "stock",
        "objectives",
        "performance",
        "narratives",
        "targets",
        "patrols",
        "budget",
        "closing",
    ]
    assert all(section.changed for section in sections.values())
    (message,) = sections["message"].texts
    assert Words("delete", "2023-2024.") in message.words and Words("insert", "2024-2025.") in message.words
    assert ("Responsibility 1", "changed") in changed_texts(sections["responsibilities"])
    assert any(label.startswith("Value: ") for label, _status in changed_texts(sections["responsibilities"]))
    organogram = [text for text in sections["district-detail"].texts if text.changed]
    assert [run for run in organogram[0].words if run.op != "equal"] == [Words("delete", "SP"), Words("insert", "SSP")]
    profile = changed_rows(sections["vital-statistics"])
    assert profile[0][:2] == ("Population", "changed") and profile[0][2][0][1] - profile[0][2][0][0] == 1000
    assert len(profile) == 3, "population, a sect's share, a kind of place of worship"
    strength = changed_rows(sections["strength"])
    assert len(strength) == 2, "a rank's present strength, the police stations of the field organisation"
    assert strength[0][2][0][1] - strength[0][2][0][0] == 5
    assert [(cell[1] - cell[0]) for cell in changed_rows(sections["vehicles"])[0][2]] == [2]
    assert [(cell[1] - cell[0]) for cell in changed_rows(sections["stock"])[0][2]] == [3]
    assert len(changed_texts(sections["objectives"])) == 1
    crime = sections["performance"]
    murder = next(row for row in crime.tables[0].rows if row.label == "Murder")
    assert crime.tables[0].columns == ["2020", "2021", "2022", "2023"]
    assert (murder.cells[0].later, murder.cells[-1].earlier, murder.cells[-1].later) == (None, None, 312)
    assert murder.status == "", "a year only one plan covers is shown, not a change"
    assert [row.label for row in crime.tables[0].rows if row.changed] == ["Hurt"]
    assert crime.tables[0].note.endswith("not counted as a change: 2020 only in 2023-2024; 2023 only in 2024-2025.")
    assert "Version" not in [row.label for row in crime.tables[1].rows]
    assert all(row.status == "dropped" for row in crime.tables[1].rows if row.changed), "2023's results are not entered"
    assert len(changed_texts(sections["narratives"])) == 1
    assert changed_texts(sections["targets"]) == [("Target 1: mechanism", "changed")]
    assert changed_rows(sections["patrols"]) == [("Ferozepur Road", "added", [(None, 6)])]
    assert [(cell[1] - cell[0]) for cell in changed_rows(sections["budget"])[0][2]] == [100]
    assert changed_texts(sections["closing"]) == [("Closing text", "changed")]


def test_changes_only_keeps_what_differs_and_every_heading(kasur_pair):
    earlier, later = kasur_pair

    sections = compared_sections(earlier, later, changes_only=True)

    assert len(sections) == len(compared_sections(earlier, later))
    for section in sections:
        assert all(row.changed for table in section.tables for row in table.rows)
        assert all(text.changed for text in section.texts)
    strength = by_slug(sections)["strength"]
    assert sum(len(table.rows) for table in strength.tables) == 2


def test_every_registered_section_compares_and_the_test_section_too(kasur_pair):
    """Each section contributes through the registry's `compare` hook, the test-only app included."""
    earlier, later = kasur_pair
    compared = {section.slug for section in compared_sections(earlier, later)}

    assert all(section.compare is not None for section in registry.sections())
    assert "patrols" in compared
    registered = registry.unregister("extra_section")
    try:
        assert "patrols" not in {section.slug for section in compared_sections(earlier, later)}
    finally:
        registry.register(registered)
