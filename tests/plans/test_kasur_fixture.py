"""The Kasur 2023-2024 fixture compared with the document it carries (fixtures/kasur_2023_24.source.txt).

Tables are parsed from the document's tab-separated rows, so each figure is checked against the
document itself; text sections are compared line by line with the document between their headings.
"""

import re
from datetime import date
from decimal import Decimal
from itertools import pairwise
from pathlib import Path

import pytest
from django.conf import settings
from django.db import transaction

from crime_stats.models import CrimeFigure, CrimeHead, OperationalResult
from initiatives.models import SectionKind
from logistics.models import Deployment, StockItem, StockStatement, VehicleCount, VehicleType
from plans.models import AnnualPlan, BudgetAllocation, UnitKind
from strength.models import Cadre, Rank, StrengthEntry
from tests.conftest import insert_kasur_plan

SOURCE = Path(settings.BASE_DIR) / "fixtures" / "kasur_2023_24.source.txt"
LINES = SOURCE.read_text(encoding="utf-8").splitlines()
UNNAMED_DEPLOYMENT = "Other (unnamed column)"


@pytest.fixture(scope="module")
def kasur_plan_of_the_module(django_db_setup, django_db_blocker, kasur_rows):
    """The Kasur plan inserted once for this module's tests, which only read it: each test's transaction is a
    savepoint inside this one, which is rolled back after the module's last test."""
    with django_db_blocker.unblock(), transaction.atomic():
        plan = insert_kasur_plan(kasur_rows)
        yield plan.pk
        transaction.set_rollback(True)


@pytest.fixture
def kasur_plan(kasur_plan_of_the_module, db):
    """The conftest's `kasur_plan`, read afresh from the module's rows."""
    return AnnualPlan.objects.select_related("district").get(pk=kasur_plan_of_the_module)


# --- reading the document ----------------------------------------------------------------------------------


def between(start, end):
    """The lines strictly between the first line `start` and the next line `end`."""
    first = LINES.index(start)
    return LINES[first + 1 : LINES.index(end, first + 1)]


def nonblank(lines):
    return [line for line in lines if line.strip()]


def plain(line):
    """A line without its bullet, indentation and bold markers."""
    text = line.strip().removeprefix("- ").strip()
    return re.sub(r"^\*\*(.*)\*\*$", r"\1", text)


def count(cell):
    """A printed figure as a number: '-', '--' and an empty cell are 0; '35,000,000/-' is 35000000."""
    cell = cell.strip().removesuffix("/-").replace(",", "")
    return 0 if cell in ("", "-", "--") else int(cell)


def table(header_start):
    """The header cells and rows of the tab-separated table whose header line starts with `header_start`."""
    first = next(index for index, line in enumerate(LINES) if line.startswith(header_start))
    rows = []
    for line in LINES[first + 1 :]:
        if "\t" not in line:
            break
        rows.append(line.split("\t"))
    return LINES[first].split("\t"), rows


def stock_statement(heading):
    """The date printed under a stock statement's heading and the statement's numbered rows."""
    first = LINES.index(heading)
    day, month, year = re.search(r"(\d\d)\.(\d\d)\.(\d{4})", nonblank(LINES[first + 1 :])[0]).groups()
    start = next(index for index in range(first, len(LINES)) if LINES[index].startswith("1\t"))
    rows = []
    for line in LINES[start:]:
        if not re.match(r"\d+\t", line):
            break
        rows.append(line.split("\t"))
    return date(int(year), int(month), int(day)), rows


def labelled(start, end):
    """The 'label<TAB>value' lines between the line starting with `start` and the one starting with `end`."""
    first = next(index for index, line in enumerate(LINES) if line.startswith(start))
    last = next(index for index in range(first + 1, len(LINES)) if LINES[index].startswith(end))
    return [tuple(line.split("\t")) for line in LINES[first + 1 : last] if "\t" in line]


# --- reading the database --------------------------------------------------------------------------------


def printed(plan):
    return {figure.key: figure.value for figure in plan.printed_figures.all()}


def outline(points):
    """Titles and texts of section points (and their children) in reading order."""
    for point in points:
        yield from (part for part in (point.title, point.text) if part)
        yield from outline(point.children.all())


def point_label(point):
    return point.title or point.text


def children(section, parent_label):
    """Labels of the children of the section's point labelled `parent_label`."""
    parent = next(point for point in section.points.all() if point_label(point) == parent_label)
    return [point_label(child) for child in parent.children.all()]


def preorder(units):
    for unit in units:
        yield unit
        yield from preorder(unit.children.all())


def squash(text):
    return re.sub(r"\s+", "", text).lower()


# --- the plan and its front matter ----------------------------------------------------------------------


def test_plan_belongs_to_kasur_in_sheikhupura_punjab(kasur_plan):
    district = kasur_plan.district
    assert (district.name, district.slug) == ("Kasur", "kasur")
    assert (district.region.name, district.region.slug) == ("Sheikhupura", "sheikhupura")
    assert (district.region.province.name, district.region.province.slug) == ("Punjab", "punjab")
    assert f"For the Calendar year {kasur_plan.fiscal_year}" in LINES
    assert kasur_plan.crime_years == [2020, 2021, 2022]
    assert kasur_plan.status == "draft"


def test_message_is_the_dpos_letter_paragraph_by_paragraph(kasur_plan):
    paragraphs = nonblank(between("W", "Main Responsibilities:"))
    paragraphs[0] = "W" + paragraphs[0]  # the drop cap stands on a line of its own in the text export
    assert kasur_plan.message.split("\n\n") == paragraphs
    assert kasur_plan.message.startswith("Welcome to our Annual Policy Plan for the Year 2023-2024.")


def test_values_responsibilities_and_signature(kasur_plan):
    intro, *values = nonblank(between("Main Responsibilities:", "Our responsibilities are as under:-"))
    assert kasur_plan.responsibilities_intro == intro
    assert [(value.name, value.description) for value in kasur_plan.values.all()] == [
        (plain(values[index]), values[index + 1]) for index in range(0, len(values), 2)
    ]
    assert [value.name for value in kasur_plan.values.all()] == [
        "Integrity",
        "Commitment",
        "Fairness",
        "Respect",
        "Values",
    ]
    assert kasur_plan.responsibilities_lead == "Our responsibilities are as under:-"
    assert [item.text for item in kasur_plan.responsibilities.all()] == [
        plain(line) for line in nonblank(between("Our responsibilities are as under:-", "(Muhammad Tariq Aziz) PSP"))
    ]
    assert (kasur_plan.signatory_name, kasur_plan.signatory_suffix) == ("Muhammad Tariq Aziz", "PSP")
    assert kasur_plan.signatory_designation == "District Police Officer, Kasur"
    closing_text, salutation = nonblank(LINES)[-2:]
    assert (kasur_plan.closing_text, kasur_plan.closing_salutation) == (closing_text, salutation)
    assert salutation == "(Inshaa Allah)"


# --- vital statistics and organogram --------------------------------------------------------------------


def test_vital_statistics(kasur_plan):
    _, rows = table("DESCRIPTION\tUNITS")
    stats = {row[0]: row[1] for row in rows}
    profile = kasur_plan.profile
    assert stats["Area"] == f"{profile.area_sq_km:.0f} Sqr. KM"
    assert profile.population == int(stats["Population"]) == 4084286
    ratio = printed(kasur_plan)["profile:police_population_ratio"]
    assert stats["Police-Population Ratio"] == f"1:{int(ratio)}"
    assert (
        stats["Urban-Rural Population Ratio"]
        == f"{profile.urban_percent:.0f}% (Urban) {profile.rural_percent:.0f}% (Rural)"
    )
    assert stats["Border Area"] == f"{profile.border_km:.0f} KM"
    for label, field in [
        ("Tehsils", "tehsils"),
        ("MNAs", "mnas"),
        ("MPAs", "mpas"),
        ("Union Councils", "union_councils"),
        ("Police Sub-Divisions", "police_subdivisions"),
        ("Police Stations", "police_stations"),
        ("Banks", "banks"),
        ("Petrol Pumps", "petrol_pumps"),
    ]:
        assert getattr(profile, field) == int(stats[label]), label
    total, sanctioned, unsanctioned = map(int, re.findall(r"\d+", stats["Police Posts"]))
    assert (profile.police_posts_sanctioned, profile.police_posts_unsanctioned) == (sanctioned, unsanctioned)
    assert printed(kasur_plan)["profile:police_posts_total"] == total == 31

    sects = re.findall(r"• ([^=•]+?) = (\d+)%", stats["Sects Classification"])
    assert [(share.name, share.percent) for share in kasur_plan.sect_shares.all()] == [
        (name, Decimal(percent)) for name, percent in sects
    ]
    places = [(place.kind, place.count, place.is_approximate) for place in kasur_plan.places_of_worship.all()]
    assert places == [
        (kind, int(re.match(r"\d+", stats[kind])[0]), "(Approx)" in stats[kind])
        for kind in ("Imam Barghas", "Mosques", "Deeni Madaras", "Churches")
    ]
    assert ("Mosques", 1631, True) in places


def test_organogram_holds_every_printed_box_in_order(kasur_plan):
    root = kasur_plan.units.get(parent=None)
    units = list(preorder([root]))
    printed_boxes = between("ORGANOGRAM", "VITAL STATISTICS")
    assert squash("".join(str(unit) for unit in units)) == squash("".join(printed_boxes))
    assert (root.kind, root.commander) == (UnitKind.DISTRICT, "District Police Officer")

    # Each SHO box printed after a DSP/SDPO box is a police station of that circle.
    circles = {}
    for box in (" ".join(box.split("\n")) for box in "\n".join(printed_boxes).split("\n\n") if box.strip()):
        if box.startswith("DSP/"):
            circles[squash(box)] = circle = []
        elif box.startswith("SHO"):
            circle.append(squash(box))
    loaded = {
        squash(str(unit)): [squash(str(station)) for station in unit.children.all()]
        for unit in units
        if unit.kind == UnitKind.SUB_DIVISION
    }
    assert loaded == circles
    stations = [unit for unit in units if unit.kind == UnitKind.POLICE_STATION]
    assert len(stations) == 16 and all(station.commander == "SHO" for station in stations)
    assert "Mandi ....." in [station.name for station in stations]

    traffic = kasur_plan.units.get(commander="Traffic")
    assert [str(traffic.parent), str(traffic.parent.parent), traffic.parent.parent.parent] == [
        "Senior Traffic Warden",
        "DSP Traffic",
        root,
    ]
    # The export shows no connectors: every other box reports to the DPO.
    others = [
        unit for unit in units[1:] if unit.kind != UnitKind.POLICE_STATION and unit not in (traffic, traffic.parent)
    ]
    assert others and all(unit.parent_id == root.pk for unit in others)


# --- strength ---------------------------------------------------------------------------------------------


def test_field_organisation(kasur_plan):
    _, (row,) = table("Sub-Divisions\tPolice Stations")
    sub_divisions, stations, total, sanctioned, unsanctioned = map(count, row)
    field = kasur_plan.field_organisation
    assert (field.sub_divisions, field.police_stations) == (sub_divisions, stations) == (4, 20)
    assert (field.posts_sanctioned, field.posts_unsanctioned) == (sanctioned, unsanctioned) == (18, 0)
    assert printed(kasur_plan)["field:posts_total"] == total


def test_strength_by_rank(kasur_plan):
    header, rows = table("Subject\tSSP")
    rows = {row[0]: row[1:] for row in rows}
    ranks = header[1:-1]
    entries = (
        StrengthEntry.objects.filter(plan=kasur_plan).exclude(rank__cadre=Cadre.MINISTERIAL).select_related("rank")
    )
    assert [entry.rank.name for entry in entries] == ranks
    assert len(ranks) == 13
    assert {entry.rank.name: (entry.sanctioned, entry.present) for entry in entries} == {
        rank: (count(rows["Sanctioned"][index]), count(rows["Present"][index])) for index, rank in enumerate(ranks)
    }
    assert [entry.rank.name for entry in entries if entry.rank.cadre == Cadre.LEGAL] == ["DSP/ Legal", "Insp./ Legal"]

    figures = printed(kasur_plan)
    for index, rank in enumerate(ranks):
        assert figures[f"strength:{rank}:short"] == count(rows["Short"][index]), rank
        assert figures[f"strength:{rank}:excess"] == count(rows["Excess"][index]), rank
    totals = {part: figures[f"strength:total:{part}"] for part in ("sanctioned", "present", "short", "excess")}
    assert totals == {part: count(rows[part.title()][-1]) for part in totals}
    assert totals == {"sanctioned": 2323, "present": 2109, "short": 206, "excess": 0}


def test_ministerial_staff(kasur_plan):
    header, rows = table("Subject\tOffice Superintendent")
    rows = {row[0]: row[1:] for row in rows}
    entries = StrengthEntry.objects.filter(plan=kasur_plan, rank__cadre=Cadre.MINISTERIAL).select_related("rank")
    assert [entry.rank.name for entry in entries] == header[1:]
    assert [(entry.sanctioned, entry.present) for entry in entries] == [
        (count(sanctioned), count(present))
        for sanctioned, present in zip(rows["Sanctioned"], rows["Present"], strict=True)
    ]
    figures = printed(kasur_plan)
    assert [figures[f"strength:{rank}:short"] for rank in header[1:]] == list(map(count, rows["Shortage"]))


# --- logistics --------------------------------------------------------------------------------------------


def test_vehicles(kasur_plan):
    header, rows = table("Sr. No.\tVehicles")
    *body, total_row = rows
    deployments = [name or UNNAMED_DEPLOYMENT for name in header[2:-1]]
    district = kasur_plan.district
    assert list(Deployment.objects.filter(district=district).values_list("name", flat=True)) == deployments
    assert list(VehicleType.objects.filter(district=district).values_list("name", flat=True)) == [
        row[1] for row in body
    ]
    loaded = {
        (cell.vehicle_type.name, cell.deployment.name): cell.count
        for cell in VehicleCount.objects.filter(plan=kasur_plan).select_related("vehicle_type", "deployment")
    }
    assert loaded == {
        (row[1], deployment): count(cell)
        for row in body
        for deployment, cell in zip(deployments, row[2:-1], strict=True)
        if count(cell)
    }
    figures = printed(kasur_plan)
    assert {row[1]: figures[f"vehicles:{row[1]}:total"] for row in body} == {row[1]: count(row[-1]) for row in body}
    assert [figures[f"vehicles:total:{deployment}"] for deployment in deployments] == list(map(count, total_row[2:-1]))
    assert figures["vehicles:total:total"] == count(total_row[-1]) == 107


def stock_lines(plan, category):
    items = StockItem.objects.filter(statement__plan=plan, statement__category__name=category)
    return list(items.select_related("equipment_type"))


def stock_row(item):
    figures = (item.total_stock, item.distributed, item.at_headquarters, item.new_demand)
    return (item.equipment_type.position, item.equipment_type.name, *figures, item.group)


@pytest.mark.parametrize(
    "category, heading",
    [("Arms & Ammunition", "STATEMENT OF ARMS & AMMUNITION"), ("Tear Gas", "STATEMENT OF TEAR GAS")],
)
def test_stock_statement(kasur_plan, category, heading):
    as_of, rows = stock_statement(heading)
    assert StockStatement.objects.get(plan=kasur_plan, category__name=category).as_of == as_of == date(2023, 7, 24)
    loaded = [stock_row(item) for item in stock_lines(kasur_plan, category)]
    assert loaded == [(int(sr), name, *map(count, figures), "") for sr, name, *figures in rows]


def test_anti_riot_statement_and_its_groups(kasur_plan):
    as_of, rows = stock_statement("STATEMENT OF ANTI-RIOTS")
    assert StockStatement.objects.get(plan=kasur_plan, category__name="Anti-Riot").as_of == as_of
    figures = printed(kasur_plan)
    expected, group = [], ""
    for sr, name, total, total_grand, distributed, distributed_grand, at_hq, at_hq_grand, demand in rows:
        if total_grand:  # a printed Grand Total opens a group, named after its first row
            group = name
            grand = {"total_stock": total_grand, "distributed": distributed_grand, "at_headquarters": at_hq_grand}
            for part, cell in grand.items():
                assert figures[f"stock:Anti-Riot:{group}:{part}"] == count(cell), (group, part)
        elif demand:  # no merged cells on this row: it stands alone
            group = ""
        expected.append((int(sr), name, count(total), count(distributed), count(at_hq), count(demand), group))
    loaded = [stock_row(item) for item in stock_lines(kasur_plan, "Anti-Riot")]
    assert loaded == expected
    grouped = [sr for sr, *_, group in loaded if group]
    assert grouped == [1, 2, 4, 5, 6, 7, 8, 9, 10, 11]


def test_document_mistakes_are_kept_as_printed(kasur_plan):
    figures = printed(kasur_plan)
    rifle = stock_lines(kasur_plan, "Arms & Ammunition")[0]
    assert (rifle.total_stock, rifle.distributed, rifle.at_headquarters) == (299, 235, 54)
    assert figures["stock:Anti-Riot:Riot Jacket:distributed"] == 967  # 647 + 120 = 767
    assert figures["crime:Assault on Police:change"] == -4  # 27 - 23 = +4


# --- crime and operational results ----------------------------------------------------------------------


def test_crime_table(kasur_plan):
    header, rows = table("Performance Indicator\t")
    *heads, total_row = rows
    years = [int(re.search(r"\d{4}", cell)[0]) for cell in header[1:-1]]
    assert years == kasur_plan.crime_years
    loaded_heads = CrimeHead.objects.filter(district=kasur_plan.district)
    assert [head.name for head in loaded_heads] == [row[0] for row in heads]
    assert len(heads) == 21 and total_row[0] == "All reported Crime"
    assert {head.name: head.law_sections for head in loaded_heads if head.law_sections} == {
        "382 PPC": "382 PPC",
        "411 PPC": "411 PPC",
    }
    loaded = {
        (figure.head.name, figure.year): figure.cases
        for figure in CrimeFigure.objects.filter(plan=kasur_plan).select_related("head")
    }
    assert loaded == {(row[0], year): count(cell) for row in heads for year, cell in zip(years, row[1:-1], strict=True)}
    figures = printed(kasur_plan)
    assert {row[0]: figures[f"crime:{row[0]}:change"] for row in heads} == {row[0]: int(row[-1]) for row in heads}
    assert [figures[f"crime:total:{year}"] for year in years] == list(map(count, total_row[1:-1]))
    assert figures["crime:total:change"] == int(total_row[-1]) == 1067


OPERATIONAL_RESULTS = {
    # field: (section start, section end, label)
    "gangs_smashed": ("I) Gangs", "II) Arrest", "Total Gangs"),
    "gang_members_arrested": ("I) Gangs", "II) Arrest", "Criminal Arrested"),
    "gang_arms_recovered": ("I) Gangs", "II) Arrest", "Arms Recovered"),
    "gang_property_recovered": ("I) Gangs", "II) Arrest", "Cash and Property Recovered"),
    "proclaimed_offenders_arrested": ("II) Arrest", "III) Police", "POs Arrested"),
    "court_absconders_arrested": ("II) Arrest", "III) Police", "Courts Absconders arrested"),
    "encounters": ("III) Police", "IV) Recovery", "Encounters"),
    "police_martyred": ("III) Police", "IV) Recovery", "Police Men Martyred"),
    "police_injured": ("III) Police", "IV) Recovery", "Police Men Injured"),
    "criminals_killed": ("III) Police", "IV) Recovery", "Criminal Killed During Encounters"),
    "criminals_injured": ("III) Police", "IV) Recovery", "Criminals Injured"),
    "criminals_arrested": ("III) Police", "IV) Recovery", "Criminals Arrested"),
    "public_killed": ("III) Police", "IV) Recovery", "Public Killed"),
    "public_injured": ("III) Police", "IV) Recovery", "Public Injured"),
    "narcotics_cases": ("IV) Recovery", "V) Recovery", "Cases Registered"),
    "narcotics_accused": ("IV) Recovery", "V) Recovery", "Accused Arrested"),
    "illicit_arms_cases": ("V) Recovery", "Crime Scene 2022", "Cases Registered"),
    "illicit_arms_accused": ("V) Recovery", "Crime Scene 2022", "Accused Arrested"),
}


def test_operational_results_2022(kasur_plan):
    result = OperationalResult.objects.get(plan=kasur_plan)
    assert result.year == 2022
    for field, (start, end, label) in OPERATIONAL_RESULTS.items():
        assert getattr(result, field) == count(dict(labelled(start, end))[label]), field
    _, (row,) = table("Sr. No.\tTotal Sent to NDRA")
    forensic = (result.forensic_sent, result.forensic_matched, result.forensic_unmatched, result.forensic_pending)
    assert forensic == tuple(map(count, row[1:])) == (40, 12, 20, 8)
    assert (result.gangs_smashed, result.gang_property_recovered, result.criminals_killed) == (199, 86938050, 1)


def test_narcotics_and_illicit_arms_recovered(kasur_plan):
    result = OperationalResult.objects.get(plan=kasur_plan)
    substances = labelled("IV) Recovery", "V) Recovery")[3:]  # after the header, cases and accused rows
    assert [(item.substance.name, item.quantity) for item in result.narcotics.all()] == [
        (name, Decimal(quantity)) for name, quantity in substances
    ]
    # The document prints no units; these are the fixture's assumptions.
    assert {item.substance.name: item.substance.unit for item in result.narcotics.all()} == {
        "Heroin": "kg",
        "Chars": "kg",
        "Opium": "kg",
        "Liquor": "litres",
        "Ice": "kg",
        "Lhan": "litres",
        "Working Still": "number",
    }
    arms = labelled("V) Recovery", "Crime Scene 2022")[2:]
    assert [(item.arm_type.name, item.count) for item in result.illicit_arms.all()] == [
        (name, count(recovered)) for name, recovered in arms
    ]
    assert ("Mousers", 0) in [(item.arm_type.name, item.count) for item in result.illicit_arms.all()]


# --- objectives and narrative sections ------------------------------------------------------------------


def printed_objectives():
    """(number, title, [(letter, title, points)], points directly under the objective) as the document has them."""
    objectives = []
    for line in between("2. District Objectives of Policing:", "COMMUNITY POLICING"):
        if match := re.fullmatch(r"(i|ii|iii|iv)\. (.+)", line):
            objectives.append((match[1], match[2], [], []))
        elif match := re.fullmatch(r"([a-z])\) (.+)", line):
            objectives[-1][2].append((match[1], match[2], []))
        elif line.startswith("- "):
            headings, direct = objectives[-1][2], objectives[-1][3]
            (headings[-1][2] if headings else direct).append(plain(line))
    return objectives


def test_objectives_headings_and_strategy_points(kasur_plan):
    loaded = [
        (
            objective.number,
            objective.title,
            [
                (heading.letter, heading.title, [point.text for point in heading.points.all()])
                for heading in objective.headings.all()
            ],
            [point.text for point in objective.points.filter(heading=None)],
        )
        for objective in kasur_plan.objectives.all()
    ]
    assert loaded == printed_objectives()
    first, second, third, fourth = loaded
    assert "".join(letter for letter, *_ in first[2]) == "abcdefhi"  # the document skips g)
    assert second[2] == [] and len(second[3]) == 5
    assert third[2][-1] == ("g", "Performance of District Kasur.", [])
    assert fourth == ("iv", "Etc.", [], [])


SECTIONS = [
    # kind, title, the document's lines from which the section runs and before which it ends
    (SectionKind.COMMUNITY_POLICING, "COMMUNITY POLICING", "COMMUNITY POLICING", "STRATEGY TO CONTROL CRIME"),
    (SectionKind.CRIME_CONTROL, "STRATEGY TO CONTROL CRIME", "STRATEGY TO CONTROL CRIME", "I.T Initiatives:"),
    (SectionKind.IT_INITIATIVES, "I.T Initiatives", "I.T Initiatives:", "POLICING PLEDGE"),
    (SectionKind.PLEDGE, "POLICING PLEDGE", "POLICING PLEDGE", "Our Commitments for the Year"),
    (
        SectionKind.COMMITMENTS,
        "Our Commitments for the Year 2023-2024",
        "2023-2024",  # the heading's second line
        "3. Targets to be achieved and Mechanism:",
    ),
]


@pytest.mark.parametrize("kind, title, start, end", SECTIONS)
def test_narrative_section_has_every_line_in_order(kasur_plan, kind, title, start, end):
    section = kasur_plan.narrative_sections.get(kind=kind)
    assert section.title == title
    loaded = ([section.intro] if section.intro else []) + list(outline(section.points.filter(parent=None)))
    assert loaded == [plain(line) for line in nonblank(between(start, end))]


def test_narrative_sections_in_document_order(kasur_plan):
    assert [section.kind for section in kasur_plan.narrative_sections.all()] == [kind for kind, *_ in SECTIONS]


def test_indented_bullets_nest_under_the_bullet_above(kasur_plan):
    """A run of ' - ' lines in the document is the first children of the '- ' line printed before it."""
    for kind, _, start, end in SECTIONS:
        section = kasur_plan.narrative_sections.get(kind=kind)
        parent, run = None, []
        for line in [*nonblank(between(start, end)), "- (end)"]:
            if line.startswith(" - "):
                run.append(plain(line))
                continue
            if run:
                assert children(section, parent)[: len(run)] == run, parent
                run = []
            if line.startswith("- "):
                parent = plain(line)


def test_it_initiatives_items_and_sub_sections(kasur_plan):
    section = kasur_plan.narrative_sections.get(kind=SectionKind.IT_INITIATIVES)
    lines = between("I.T Initiatives:", "POLICING PLEDGE")
    top = list(section.points.filter(parent=None))
    # A bullet with a plain line right under it is an item with its description.
    titled = [
        (plain(line), below)
        for line, below in pairwise(lines)
        if line.startswith("- ") and below and not below.lstrip().startswith("-")
    ]
    assert len(titled) == 6
    assert [(point.title, point.text) for point in top[:6]] == titled
    # A plain line after a blank line heads a sub-section.
    sub_sections = [
        line for previous, line in pairwise(lines) if line and not previous and not line.lstrip().startswith("-")
    ]
    assert [point.title for point in top[6:]] == sub_sections
    assert sub_sections[3] == "Functions:" and sub_sections[-1] == "TRACKER SYSTEM:"
    assert children(section, "Call Details Analysis.")[-1] == "Mobile Numbers Tracing."
    assert len(children(section, "The function of Rescue “15” is to:-")) == 5


def test_commitments_items_sub_headings_and_paragraphs(kasur_plan):
    section = kasur_plan.narrative_sections.get(kind=SectionKind.COMMITMENTS)
    lines = nonblank(between("2023-2024", "3. Targets to be achieved and Mechanism:"))
    bold = [plain(line) for line in lines if line.startswith("- **")]
    assert [point.title for point in section.points.filter(parent=None)] == bold
    assert children(section, "Establishment of Tahaffuz Markaz Kasur") == ["Vulnerable to be attended:"]
    assert len(children(section, "Vulnerable to be attended:")) == 9
    redress = section.points.get(title="Effective Complaints Redressal Mechanism")
    assert redress.text == "(Police Stations, offices of SDPOs, SP/Investigation and DPO)"
    assert section.points.get(title="Patrolling Plan:").text.startswith("A comprehensive patrolling plan")
    # The page break drops the indentation of the last five Child Abuse bullets; they stay under it.
    assert len(children(section, "Child Abuse")) == 9


def test_community_policing_and_pledge_intros(kasur_plan):
    sections = {section.kind: section for section in kasur_plan.narrative_sections.all()}
    assert sections[SectionKind.COMMUNITY_POLICING].intro.startswith("The present scenario, the importance")
    assert sections[SectionKind.PLEDGE].intro.endswith("safe from harm. We will:")
    crime_control = sections[SectionKind.CRIME_CONTROL]
    assert [point.title for point in crime_control.points.filter(parent=None)] == ["Establishment of Muhafiz Force"]
    assert len(children(crime_control, "Establishment of Muhafiz Force")) == 7


# --- targets and budget ---------------------------------------------------------------------------------


def test_targets(kasur_plan):
    _, rows = table("Sr. No.\tCategory of Targets")
    loaded = [
        (str(target.position), target.category, target.present_status, target.expected_achievement, target.mechanism)
        for target in kasur_plan.targets.all()
    ]
    assert loaded == [tuple(row) for row in rows]
    assert len(loaded) == 6 and loaded[1][2:] == ("Functional`", "--", "--")


def test_budget(kasur_plan):
    _, rows = table("Sr. No.\tCode/Head of Account")
    allocations = BudgetAllocation.objects.filter(plan=kasur_plan).select_related("head")
    loaded = [(allocation.head.position, str(allocation.head), allocation.amount) for allocation in allocations]
    assert loaded == [(int(sr), head, count(amount)) for sr, head, amount in rows]
    heads = {allocation.head.name: allocation.head.account_code for allocation in allocations}
    assert heads["Pay and Allowances"] == ""
    assert heads["POL-Charges"] == "AO33807"
    assert heads["Others"] == "AO3970-001"
    assert allocations.get(head__name="Repair of Transport").amount == 35000000


# --- the PrintedFigure contract -------------------------------------------------------------------------


def test_printed_figures_are_exactly_the_contracts_keys(kasur_plan):
    district = kasur_plan.district
    ranks = Rank.objects.filter(district=district)
    groups = (
        StockItem.objects.filter(statement__plan=kasur_plan).exclude(group="").select_related("statement__category")
    )
    expected = (
        {f"strength:{rank.name}:short" for rank in ranks}
        | {f"strength:{rank.name}:excess" for rank in ranks if rank.cadre != Cadre.MINISTERIAL}
        | {f"strength:total:{part}" for part in ("sanctioned", "present", "short", "excess")}
        | {"field:posts_total", "profile:police_posts_total", "profile:police_population_ratio"}
        | {
            f"vehicles:{name}:total"
            for name in VehicleType.objects.filter(district=district).values_list("name", flat=True)
        }
        | {
            f"vehicles:total:{name}"
            for name in Deployment.objects.filter(district=district).values_list("name", flat=True)
        }
        | {"vehicles:total:total"}
        | {
            f"stock:{item.statement.category.name}:{item.group}:{part}"
            for item in groups
            for part in ("total_stock", "distributed", "at_headquarters")
        }
        | {f"crime:total:{year}" for year in kasur_plan.crime_years}
        | {
            f"crime:{name}:change"
            for name in CrimeHead.objects.filter(district=district).values_list("name", flat=True)
        }
        | {"crime:total:change"}
    )
    assert set(printed(kasur_plan)) == expected
