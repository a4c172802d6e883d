"""The consistency check: every finding on the Kasur plan, each rule on small synthetic plans, the command."""

import json
import re
from datetime import date
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from crime_stats import checks as crime_checks
from crime_stats.models import CrimeFigure, CrimeHead, OperationalResult
from initiatives import checks as initiative_checks
from initiatives.models import Objective, ObjectiveHeading, Target
from logistics import checks as logistics_checks
from logistics.models import StockItem, StockStatement, VehicleCount
from plans import checks as plan_checks
from plans import registry
from plans.consistency import run_checks
from plans.demo import build_demo_district
from plans.models import BudgetHead, DistrictProfile, PrintedFigure, Province, Region, SectShare, Unit, UnitKind
from strength import checks as strength_checks
from strength.models import Cadre, FieldOrganisation, StrengthEntry
from tests.api.factories import DemoPlanFactory

# Every finding the check makes on the reference document, in document order (each verified by hand
# against the document's own figures).
KASUR_FINDINGS = [
    ("warning", "Organogram", "The organogram shows 16 police stations, but the vital statistics state 20"),
    (
        "error",
        "Vital statistics",
        "Police-population ratio is stated as 1:2150, but population 4084286 / present police 2109 "
        "(executive and legal ranks) = 1:1937; the sanctioned strength 2323 would give 1:1758",
    ),
    (
        "error",
        "Present strength",
        "The field organisation counts 18 police posts (18 sanctioned, 0 unsanctioned), "
        "but the vital statistics state 31 (8 sanctioned, 23 unsanctioned)",
    ),
    ("error", "Present strength", "Total short is printed as 206, but the shortages add up to 214"),
    (
        "error",
        "Statement of Arms & Ammunition",
        "Rifle Semi 7.62x39 MM Bore: total stock is 299, but distributed 235 + at HQ 54 = 289",
    ),
    (
        "error",
        "Statement of Anti-Riot",
        "Riot Jacket group: distributed to PS is printed as 967, but 647 + 120 = 767",
    ),
    (
        "warning",
        "District objectives of policing",
        "Objective i: heading h) follows f), where g) was expected",
    ),
    # The document's objective iv is the single word "Etc.": a placeholder left in the published plan.
    (
        "warning",
        "District objectives of policing",
        "Objective “iv. Etc.”, title looks like a placeholder still to be written: “Etc.”",
    ),
    ("error", "Crime-2022", "Assault on Police: change from 2021 to 2022 is printed as -4, but 27 - 23 = +4"),
    ("warning", "Financial resources", "Account code AO33807 (POL-Charges) looks like a typo of A03807"),
    ("warning", "Financial resources", "Account code AO3953 (Cost of Investigation) looks like a typo of A03953"),
    ("warning", "Financial resources", "Account code AO3970-001 (Others) looks like a typo of A03970-001"),
]


def listed(findings):
    return [(finding.severity, finding.section, finding.message) for finding in findings]


def output_lines(findings):
    return [f"{severity.upper():<8}{section}: {message}" for severity, section, message in findings]


@pytest.fixture
def region(db):
    province = Province.objects.create(name="Punjab", slug="punjab")
    return Region.objects.create(province=province, name="Demo Region", slug="demo-region")


@pytest.fixture
def plan(region):
    """A synthetic 2023-2024 plan whose figures all agree (crime years 2020-2022)."""
    return DemoPlanFactory(district=build_demo_district(region, 1), year_start=2023, seed=1)


def set_printed(plan, key, value):
    PrintedFigure.objects.filter(plan=plan, key=key).update(value=value)


# --- the reference document ------------------------------------------------------------------------------


def test_every_finding_on_the_kasur_plan(kasur_plan):
    assert listed(run_checks(kasur_plan)) == KASUR_FINDINGS


def test_check_plan_prints_the_kasur_findings_and_exits_1(kasur_plan):
    out = StringIO()

    with pytest.raises(SystemExit) as exit_:
        call_command("check_plan", "kasur", "2023-2024", stdout=out)

    assert exit_.value.code == 1
    assert out.getvalue().splitlines() == [*output_lines(KASUR_FINDINGS), "6 errors, 6 warnings"]


def test_check_plan_json(kasur_plan):
    out = StringIO()

    with pytest.raises(SystemExit):
        call_command("check_plan", "kasur", "2023-2024", "--format", "json", stdout=out)

    document = json.loads(out.getvalue())
    assert (document["plan"], document["errors"], document["warnings"]) == ("Kasur 2023-2024", 6, 6)
    assert [(item["severity"], item["section"], item["message"]) for item in document["findings"]] == KASUR_FINDINGS


# --- a consistent plan, and the query count -------------------------------------------------------------


def test_a_consistent_plan_has_no_findings(plan):
    assert run_checks(plan) == []


def test_check_plan_exits_0_without_errors(plan):
    out = StringIO()
    BudgetHead.objects.filter(district=plan.district, name="POL Charges").update(account_code="AO3807")

    call_command("check_plan", plan.district.slug, "2023-2024", stdout=out)

    assert out.getvalue().splitlines() == [
        "WARNING Financial resources: Account code AO3807 (POL Charges) looks like a typo of A03807",
        "0 errors, 1 warning",
    ]


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (("nowhere", "2023-2024"), "There is no district with the slug 'nowhere'."),
        (("demo-01", "2023-2025"), "'2023-2025' is not a fiscal year like 2023-2024."),
        (("demo-01", "2022-2023"), "The district demo-01 has no plan for 2022-2023."),
    ],
)
def test_check_plan_refuses_an_unknown_plan(plan, arguments, message):
    with pytest.raises(CommandError, match=f"^{re.escape(message)}$"):
        call_command("check_plan", *arguments, stdout=StringIO())


def test_queries_do_not_grow_with_the_plan(region, django_assert_max_num_queries):
    counts = []
    for index, scale in ((1, 1), (2, 5)):
        plan = DemoPlanFactory(district=build_demo_district(region, index), year_start=2023, scale=scale, seed=1)
        with django_assert_max_num_queries(36), CaptureQueriesContext(connection) as queries:
            assert run_checks(plan) == []
        counts.append(len(queries))

    assert counts[0] == counts[1]


# --- printed figures -----------------------------------------------------------------------------------


def test_a_printed_total_that_differs_from_the_computed_one(plan):
    totals = StrengthEntry.objects.filter(plan=plan).exclude(rank__cadre=Cadre.MINISTERIAL).totals()
    set_printed(plan, "strength:total:short", totals["short"] + 8)

    assert listed(run_checks(plan)) == [
        (
            "error",
            "Present strength",
            f"Total short is printed as {totals['short'] + 8}, but the shortages add up to {totals['short']}",
        )
    ]


def test_a_printed_change_with_the_wrong_sign(plan):
    head = CrimeHead.objects.get(district=plan.district, name="Murder")
    cases = dict(CrimeFigure.objects.filter(plan=plan, head=head).values_list("year", "cases"))
    change = cases[2022] - cases[2021]
    set_printed(plan, "crime:Murder:change", -change)

    assert listed(run_checks(plan)) == [
        (
            "error",
            "Crime-2022",
            f"Murder: change from 2021 to 2022 is printed as {-change:+d}, "
            f"but {cases[2022]} - {cases[2021]} = {change:+d}",
        )
    ]


def test_a_printed_group_total_names_the_group_and_its_lines(plan):
    key = PrintedFigure.objects.filter(plan=plan, key__startswith="stock:", key__endswith=":distributed").first().key
    _, category, group, _ = key.split(":")
    items = StockItem.objects.filter(statement__plan=plan, group=group).order_by("equipment_type__position")
    parts = [item.distributed for item in items]
    set_printed(plan, key, sum(parts) + 200)

    assert listed(run_checks(plan)) == [
        (
            "error",
            f"Statement of {category}",
            f"{group} group: distributed to PS is printed as {sum(parts) + 200}, "
            f"but {' + '.join(map(str, parts))} = {sum(parts)}",
        )
    ]


def test_a_printed_vehicle_total_spells_out_the_sum(plan):
    counts = VehicleCount.objects.filter(plan=plan).order_by("vehicle_type__position", "deployment__position")
    by_type = {}
    for count in counts.select_related("vehicle_type"):
        by_type.setdefault(count.vehicle_type.name, []).append(count.count)
    name, parts = max(by_type.items(), key=lambda item: len(item[1]))
    set_printed(plan, f"vehicles:{name}:total", sum(parts) + 1)
    spelled = f" ({' + '.join(map(str, parts))})" if len(parts) >= 2 else ""

    assert listed(run_checks(plan)) == [
        (
            "error",
            "Vehicles",
            f"{name} total is printed as {sum(parts) + 1}, but the deployments add up to {sum(parts)}{spelled}",
        )
    ]


def test_a_printed_figure_nothing_computes_cannot_be_verified(plan):
    PrintedFigure.objects.create(plan=plan, key="strength:Lady Constable:short", value=Decimal(3))
    PrintedFigure.objects.create(plan=plan, key="budget:total", value=Decimal("1.5"))

    assert listed(run_checks(plan)) == [
        (
            "warning",
            "Present strength",
            "“strength:Lady Constable:short” is printed as 3, but nothing in the plan computes it: cannot verify",
        ),
        (
            "warning",
            "Figures as printed",
            "“budget:total” is printed as 1.5, but nothing in the plan computes it: cannot verify",
        ),
    ]


# --- vital statistics and organogram -------------------------------------------------------------------


def present_and_sanctioned(plan):
    totals = StrengthEntry.objects.filter(plan=plan).exclude(rank__cadre=Cadre.MINISTERIAL).totals()
    return totals["present"], totals["sanctioned"]


@pytest.mark.parametrize(("factor", "fires"), [(Decimal("1.02"), True), (Decimal("0.98"), True), (1, False)])
def test_stated_police_population_ratio(plan, factor, fires):
    profile = DistrictProfile.objects.get(plan=plan)
    present, sanctioned = present_and_sanctioned(plan)
    computed = round(profile.population / present)
    stated = int(computed * factor)
    PrintedFigure.objects.create(plan=plan, key="profile:police_population_ratio", value=stated)

    expected = [
        (
            "error",
            "Vital statistics",
            f"Police-population ratio is stated as 1:{stated}, but population {profile.population} / present police "
            f"{present} (executive and legal ranks) = 1:{computed}; the sanctioned strength {sanctioned} would give "
            f"1:{round(profile.population / sanctioned)}",
        )
    ]
    assert listed(run_checks(plan)) == (expected if fires else [])


def test_a_ratio_within_one_percent_is_the_same_ratio(plan):
    profile = DistrictProfile.objects.get(plan=plan)
    present, _ = present_and_sanctioned(plan)
    computed = round(profile.population / present)
    PrintedFigure.objects.create(plan=plan, key="profile:police_population_ratio", value=int(computed * 1.009))

    assert run_checks(plan) == []


def test_a_stated_ratio_without_present_strength_cannot_be_verified(plan):
    StrengthEntry.objects.filter(plan=plan).update(present=0)
    PrintedFigure.objects.filter(plan=plan, key__startswith="strength:").delete()
    stated = 1937
    PrintedFigure.objects.create(plan=plan, key="profile:police_population_ratio", value=stated)

    assert listed(run_checks(plan)) == [
        (
            "warning",
            "Vital statistics",
            f"Police-population ratio is stated as 1:{stated}, but no present police strength is entered: "
            "cannot verify",
        )
    ]


def test_urban_and_rural_shares_must_make_100(plan):
    profile = DistrictProfile.objects.get(plan=plan)
    DistrictProfile.objects.filter(plan=plan).update(rural_percent=profile.rural_percent + 1)
    urban, rural = int(profile.urban_percent), int(profile.rural_percent) + 1

    assert listed(run_checks(plan)) == [
        ("error", "Vital statistics", f"Urban {urban}% + rural {rural}% = {urban + rural}%, not 100%")
    ]


def test_sect_shares_must_make_100(plan):
    first = SectShare.objects.filter(plan=plan).order_by("position").first()
    SectShare.objects.filter(pk=first.pk).update(percent=first.percent + 2)
    shares = SectShare.objects.filter(plan=plan).order_by("position")
    parts = " + ".join(f"{share.name} {share.percent.normalize():f}%" for share in shares)

    assert listed(run_checks(plan)) == [
        ("error", "Vital statistics", f"The sect shares add up to 102% ({parts}), not 100%")
    ]


@pytest.mark.parametrize(
    ("kind", "things", "profile_field"),
    [
        (UnitKind.POLICE_STATION, "police stations", "police_stations"),
        (UnitKind.SUB_DIVISION, "sub-divisions", "police_subdivisions"),
    ],
)
def test_organogram_against_the_vital_statistics(plan, kind, things, profile_field):
    unit = Unit.objects.filter(plan=plan, kind=kind).last()
    Unit.objects.filter(pk=unit.pk).update(kind=UnitKind.BRANCH)
    stated = getattr(DistrictProfile.objects.get(plan=plan), profile_field)

    assert listed(run_checks(plan)) == [
        (
            "warning",
            "Organogram",
            f"The organogram shows {stated - 1} {things}, but the vital statistics state {stated}",
        )
    ]


def test_no_organogram_is_not_compared(plan):
    Unit.objects.filter(plan=plan).delete()

    assert run_checks(plan) == []


# --- present strength ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("field", "things", "profile_field"),
    [
        ("police_stations", "police stations", "police_stations"),
        ("sub_divisions", "sub-divisions", "police_subdivisions"),
    ],
)
def test_field_organisation_against_the_vital_statistics(plan, field, things, profile_field):
    stated = getattr(DistrictProfile.objects.get(plan=plan), profile_field)
    FieldOrganisation.objects.filter(plan=plan).update(**{field: stated + 2})

    assert listed(run_checks(plan)) == [
        (
            "error",
            "Present strength",
            f"The field organisation counts {stated + 2} {things}, but the vital statistics state {stated}",
        )
    ]


def test_police_posts_against_the_vital_statistics(plan):
    organisation = FieldOrganisation.objects.get(plan=plan)
    profile = DistrictProfile.objects.get(plan=plan)
    FieldOrganisation.objects.filter(plan=plan).update(posts_sanctioned=organisation.posts_sanctioned + 3)
    set_printed(plan, "field:posts_total", organisation.posts_total + 3)

    assert listed(run_checks(plan)) == [
        (
            "error",
            "Present strength",
            f"The field organisation counts {organisation.posts_total + 3} police posts "
            f"({organisation.posts_sanctioned + 3} sanctioned, {organisation.posts_unsanctioned} unsanctioned), "
            f"but the vital statistics state {profile.police_posts_total} ({profile.police_posts_sanctioned} "
            f"sanctioned, {profile.police_posts_unsanctioned} unsanctioned)",
        )
    ]


# --- logistics -----------------------------------------------------------------------------------------


def test_a_stock_line_whose_total_is_not_distributed_plus_hq(plan):
    item = StockItem.objects.filter(statement__plan=plan, group="").select_related("equipment_type").first()
    StockItem.objects.filter(pk=item.pk).update(total_stock=item.accounted + 7)

    assert listed(run_checks(plan)) == [
        (
            "error",
            f"Statement of {item.statement.category.name}",
            f"{item.equipment_type.name}: total stock is {item.accounted + 7}, but distributed {item.distributed} "
            f"+ at HQ {item.at_headquarters} = {item.accounted}",
        )
    ]


@pytest.mark.parametrize(
    ("as_of", "message"),
    [
        (date(2024, 7, 1), "Dated 01.07.2024, after the plan's year ends on 30.06.2024"),
        (
            date(2022, 6, 30),
            "Dated 30.06.2022, more than a year before the plan's year starts on 01.07.2023: out of date?",
        ),
        (date(2024, 6, 30), None),
        (date(2022, 7, 1), None),
    ],
)
def test_stock_statement_date(plan, as_of, message):
    statement = StockStatement.objects.filter(plan=plan).select_related("category").first()
    StockStatement.objects.filter(pk=statement.pk).update(as_of=as_of)

    expected = [("warning", f"Statement of {statement.category.name}", message)] if message else []
    assert listed(run_checks(plan)) == expected


# --- crime and operational results ---------------------------------------------------------------------


def test_a_missing_crime_figure(plan):
    figure = CrimeFigure.objects.get(plan=plan, head__name="Murder", year=2020)
    total = sum(CrimeFigure.objects.filter(plan=plan, year=2020).values_list("cases", flat=True))
    figure.delete()

    assert listed(run_checks(plan)) == [
        (
            "error",
            "Crime-2022",
            f"1 of {CrimeHead.objects.filter(district=plan.district).count()} crime heads lack figures "
            "(blank is not 0): Murder (2020)",
        ),
        (
            "error",
            "Crime-2022",
            f"All reported crime in 2020 is printed as {total}, but the heads add up to {total - figure.cases}",
        ),
    ]


@pytest.mark.parametrize(
    ("field", "head", "section", "what"),
    [
        ("narcotics_cases", "PRO-Ordinance", "Recovery of Narcotics", "Narcotics cases"),
        ("illicit_arms_cases", "Arm Ordinance", "Recovery of Illicit Arms", "Illicit arms cases"),
    ],
)
def test_operational_cases_against_the_crime_head(plan, field, head, section, what):
    cases = CrimeFigure.objects.get(plan=plan, head__name=head, year=2022).cases
    OperationalResult.objects.filter(plan=plan).update(**{field: cases + 5})

    assert listed(run_checks(plan)) == [
        (
            "warning",
            section,
            f"{what} registered in 2022 are {cases + 5}, but the crime table has {cases} under {head}",
        )
    ]


def test_operational_cases_are_not_compared_without_a_matching_head(plan):
    CrimeHead.objects.filter(district=plan.district, name="PRO-Ordinance").update(name="Liquor and drugs")
    PrintedFigure.objects.filter(plan=plan, key="crime:PRO-Ordinance:change").update(
        key="crime:Liquor and drugs:change"
    )
    OperationalResult.objects.filter(plan=plan).update(narcotics_cases=1)

    assert run_checks(plan) == []


def test_operational_results_of_another_year(plan):
    first_year = {
        name: CrimeFigure.objects.get(plan=plan, head__name=name, year=2020).cases
        for name in ("PRO-Ordinance", "Arm Ordinance")
    }
    OperationalResult.objects.filter(plan=plan).update(
        year=2020, narcotics_cases=first_year["PRO-Ordinance"], illicit_arms_cases=first_year["Arm Ordinance"]
    )

    assert listed(run_checks(plan)) == [
        ("warning", "Operational results", "The operational results are for 2020, but the crime figures run to 2022")
    ]


def test_forensic_results_must_account_for_every_sample(plan):
    result = OperationalResult.objects.get(plan=plan)
    OperationalResult.objects.filter(pk=result.pk).update(forensic_pending=result.forensic_pending + 1)
    accounted = result.forensic_matched + result.forensic_unmatched + result.forensic_pending + 1

    assert listed(run_checks(plan)) == [
        (
            "error",
            "Crime Scene 2022",
            f"{result.forensic_sent} samples sent to NADRA, but match {result.forensic_matched} + no match "
            f"{result.forensic_unmatched} + pending {result.forensic_pending + 1} = {accounted}",
        )
    ]


def test_encounter_casualties_without_encounters(plan):
    OperationalResult.objects.filter(plan=plan).update(
        encounters=0, police_injured=0, criminals_killed=2, criminals_injured=0, criminals_arrested=0
    )

    assert listed(run_checks(plan)) == [
        ("warning", "Police Encounters", "No encounters are reported, but criminals killed 2")
    ]


# --- objectives, targets, budget -----------------------------------------------------------------------


def test_a_skipped_heading_letter(plan):
    objective = Objective.objects.get(plan=plan, number="i")
    last = ObjectiveHeading.objects.filter(objective=objective).order_by("position").last()
    before = chr(ord(last.letter) - 1)
    ObjectiveHeading.objects.filter(pk=last.pk).update(letter=chr(ord(last.letter) + 1))

    assert listed(run_checks(plan)) == [
        (
            "warning",
            "District objectives of policing",
            f"Objective i: heading {chr(ord(last.letter) + 1)}) follows {before}), where {last.letter}) was expected",
        )
    ]


def test_a_skipped_objective_number(plan):
    Objective.objects.filter(plan=plan, number="iii").update(number="iv")

    assert listed(run_checks(plan)) == [
        ("warning", "District objectives of policing", "Objective iv follows ii, where iii was expected")
    ]


def test_numbering_of_its_own_kind_is_not_checked(plan):
    for position, objective in enumerate(Objective.objects.filter(plan=plan).order_by("position"), start=1):
        Objective.objects.filter(pk=objective.pk).update(number=str(position * 2))

    assert run_checks(plan) == []


def test_a_target_without_category(plan):
    Target.objects.filter(plan=plan, position=2).update(category="  ")

    assert listed(run_checks(plan)) == [("error", "Targets to be achieved and mechanism", "Target 2 has no category")]


@pytest.mark.parametrize(
    ("code", "message"),
    [
        ("AO33807", "Account code AO33807 (POL Charges) looks like a typo of A03807"),
        ("AO3970-001", "Account code AO3970-001 (POL Charges) looks like a typo of A03970-001"),
        ("A038O7", "Account code A038O7 (POL Charges) looks like a typo of A03807"),
        ("POL", "Account code POL (POL Charges) does not look like a government account code (like A03807)"),
        ("A03807", None),
        ("A038", None),
        ("A03970-001", None),
        ("", None),
    ],
)
def test_budget_account_codes(plan, code, message):
    BudgetHead.objects.filter(district=plan.district, name="POL Charges").update(account_code=code)

    expected = [("warning", "Financial resources", message)] if message else []
    assert listed(run_checks(plan)) == expected


# --- document order ------------------------------------------------------------------------------------


def test_findings_come_in_document_order(plan):
    BudgetHead.objects.filter(district=plan.district, name="POL Charges").update(account_code="POL")
    Target.objects.filter(plan=plan, position=1).update(category="")
    OperationalResult.objects.filter(plan=plan).update(forensic_sent=0)
    Unit.objects.filter(plan=plan, kind=UnitKind.POLICE_STATION).delete()

    assert [section for _, section, _ in listed(run_checks(plan))] == [
        "Organogram",
        "Crime Scene 2022",
        "Targets to be achieved and mechanism",
        "Financial resources",
    ]


def test_every_section_sits_in_a_chapter_of_the_document():
    sections = [
        plan_checks.ORGANOGRAM,
        plan_checks.VITAL_STATISTICS,
        plan_checks.FINANCIAL_RESOURCES,
        strength_checks.PRESENT_STRENGTH,
        logistics_checks.VEHICLES,
        initiative_checks.OBJECTIVES,
        initiative_checks.TARGETS,
    ]
    chapters = {section.chapter for section in sections} | {crime_checks.CHAPTER, "stock"}

    assert chapters - {chapter.slug for chapter in registry.chapters()} == set()
