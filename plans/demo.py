"""Synthetic, complete annual plans, for trying the portal with many districts and for load tests.

Every district made here is flagged `is_synthetic` and named "Demo District NN"; Kasur stays the one real
district. A plan is built for an existing district with every section filled and its figures consistent
(stock totals add up, the printed figures are the computed ones), so it passes the consistency check and
can go through the workflow. `scale` multiplies the rows of every list; a seed makes the output repeatable.
Rows are written with `bulk_create`: the plan is a new draft, so the lock check in `PlanPart.save` has
nothing to refuse (and no history rows are written for generated data).
"""

import random
from datetime import date
from decimal import Decimal

from django.db import transaction

from crime_stats.models import (
    CrimeFigure,
    CrimeHead,
    IllicitArmsRecovery,
    IllicitArmType,
    NarcoticsRecovery,
    OperationalResult,
    Substance,
)
from initiatives.models import (
    NarrativeSection,
    Objective,
    ObjectiveHeading,
    ProgressStatus,
    SectionKind,
    SectionPoint,
    StrategyPoint,
    Target,
    TargetProgress,
)
from logistics.models import (
    Deployment,
    EquipmentType,
    StockCategory,
    StockItem,
    StockStatement,
    VehicleCount,
    VehicleType,
)
from plans.models import (
    AnnualPlan,
    ApprovingAuthority,
    BudgetAllocation,
    BudgetHead,
    District,
    DistrictProfile,
    PlaceOfWorship,
    PlanValue,
    PrintedFigure,
    Responsibility,
    SectShare,
    Unit,
    UnitKind,
)
from strength.models import Cadre, FieldOrganisation, Rank, StrengthEntry

EXECUTIVE_RANKS = ["SSP", "Add: SP", "SP/ Inv", "DSP/ HQ", "DSP/ Org. /Crime", "ASP/ DSP", "Insp.", "SI", "ASI", "HC"]
EXECUTIVE_RANKS += ["FC"]
LEGAL_RANKS = ["DSP/ Legal", "Insp./ Legal"]
MINISTERIAL_RANKS = ["Office Superintendent", "Assistants", "Senior Scale Stenographers", "Stenographers"]
MINISTERIAL_RANKS += ["Senior Clerk", "Junior Clerk"]
# Typical sanctioned posts per rank at scale 1; the lower ranks are where the numbers are.
SANCTIONED = {"Insp.": 47, "SI": 177, "ASI": 248, "HC": 202, "FC": 1632, "Stenographers": 8, "Senior Clerk": 8}
SANCTIONED |= {"Junior Clerk": 12, "Insp./ Legal": 6, "ASP/ DSP": 4}

VEHICLE_TYPES = ["Jeep", "Vigo", "Toyota Pickup", "Hyundai Pickup", "Car", "Bus", "Jail Van", "Truck", "Tow Truck"]
VEHICLE_TYPES += ["Ambulance", "Mobile Khidmat Markaz", "Science Laboratory"]
DEPLOYMENTS = ["Police Stations", "Police Posts", "Elite", "G.O", "Police Line", "CIA", "Traffic"]

ARMS = [
    "Rifle Semi 7.62x39 MM Bore",
    "Rifle G-3 7.62 x 51 MM Bore",
    "Rifle SMG 7.62 x 39 MM Bore",
    "Rifle Muscat 410 Bore",
    "MP-5 9 x 19 MM Bore",
    "Sten Gun 9 x 19 MM Bore",
    "LMG 7.62 x 51 MM Bore",
    "Short Gun 12 Bore",
    "Brita Pistol 9 x 19 MM Bore",
    "Revolver 38 Bore (Special)",
    "Revolver 455 Bore",
    "Signal Pistol I Inch Bore",
    "Grenade Launcher 40 MM Bore",
    "Ammunition (7.62 x 39 MM Bore)",
    "Ammunition G3+LMG 7.62 x 51 MM Bore",
    "Ammunition (9 x 19 MM Bore)",
    "Ammunition Revolver (38 Bore Special)",
    "Ammunition (303 Bore)",
    "Cartridges 12 Bore (Simple)",
    "Cartridges 12 Bore (Rebury)",
]
# Anti-riot lines: (name, group); consecutive lines with a group get a grand total together.
ANTI_RIOT = [
    ("Polo Stick", "Sticks"),
    ("New Baton Turkish", "Sticks"),
    ("Lathi Baansi", "Sticks"),
    ("Steel Helmet", "Helmets"),
    ("New Helmet Turkish", "Helmets"),
    ("Riot Shield", "Shields"),
    ("New Riot Shield Turkish", "Shields"),
    ("Riot Jacket", "Jackets"),
    ("New Riot Jacket Turkish", "Jackets"),
    ("Shin Guard", "Shin guards"),
    ("New Shin Guard Turkish", "Shin guards"),
    ("Arms Guard", ""),
    ("Hand Cuffs", ""),
    ("Rifle Rack", ""),
    ("Bullet Proof Jacket", ""),
    ("Bullet Proof Helmet", ""),
    ("Thigh Guard", ""),
    ("Gloves", ""),
]
TEAR_GAS = ["Tear Gas Gun", "Trichon Gun", "Long Range Shell", "Short Range Shell", "Grenade All Marks"]
TEAR_GAS += ["Chemical Mace All Marks", "Gas Mask + Filter", "Small Size Lock", "Attachment Barrel"]
STOCK_CATEGORIES = [("Arms & Ammunition", ARMS), ("Anti-Riot Equipment", ANTI_RIOT), ("Tear Gas", TEAR_GAS)]

CRIME_HEADS = [
    ("Murder", "302 PPC"),
    ("Attempted Murder", "324 PPC"),
    ("Hurt", "337 PPC"),
    ("Assault on Police", "353 PPC"),
    ("Fatal accident", "320 PPC"),
    ("Non Fatal accident", "337-G PPC"),
    ("Kidnapping/Abduction", "365 PPC"),
    ("Rape", "376 PPC"),
    ("Theft", "379 PPC"),
    ("Dacoity", "395 PPC"),
    ("Robbery", "392 PPC"),
    ("382 PPC", "382 PPC"),
    ("Burglary", "457 PPC"),
    ("Cattle Theft", "379 PPC"),
    ("Motor Vehicle Snatching", "392 PPC"),
    ("Motor Vehicle Theft", "381-A PPC"),
    ("411 PPC", "411 PPC"),
    ("PRO-Ordinance", "PRO"),
    ("Arm Ordinance", "13/20/65 AO"),
    ("Gambling Act", "3/4 GA"),
    ("Miscellaneous", ""),
]
NARCOTICS_HEAD, ARMS_HEAD = "PRO-Ordinance", "Arm Ordinance"
SUBSTANCES = [("Heroin", "kg"), ("Chars", "kg"), ("Opium", "kg"), ("Liquor", "litres"), ("Ice", "kg")]
SUBSTANCES += [("Lahan", "litres"), ("Working Still", "number")]
ILLICIT_ARMS = ["Rifles", "Guns", "Pistols / Revolvers", "Mousers", "Kalashnikov", "Carbine", "Other"]

BUDGET_HEADS = [
    ("Pay and Allowances", "A01", 1_700_000_000),
    ("POL Charges", "A03807", 115_000_000),
    ("Cost of Investigation", "A03953", 7_000_000),
    ("Others", "A03970", 6_000_000),
    ("Repair of Transport", "A13001", 35_000_000),
    ("Machinery & Equipment", "A13101", 1_200_000),
    ("Furniture & Fixture", "A13201", 700_000),
]

SECTS = ["Ahle Sunnat", "Shia", "Deobandi", "Ahle Hadith", "Christian", "Others"]
PLACES_OF_WORSHIP = [("Imam Bargahs", False), ("Mosques", True), ("Deeni Madaris", False), ("Churches", False)]
VALUES = [
    ("Integrity", "We are honest, trustworthy and genuinely accountable."),
    ("Commitment", "We are committed to excellence and delivering the highest quality of service."),
    ("Fairness", "We act impartially, treating all according to the law on merit."),
    ("Respect", "We treat all with dignity and honour."),
    ("Values", "Our values are the standards by which we wish to be judged."),
]
BRANCHES = ["SP Investigation", "Additional SP", "DSP Legal-I", "DSP Legal-II", "DSP HQRS", "RI/LO", "DSP Traffic"]
BRANCHES += ["DSP Organized Crime", "DSP PHP", "D.O CTD"]
SUB_DIVISIONS = ["City", "Sadar", "North", "South"]
STATIONS_PER_SUB_DIVISION = 5
PLACES = ["Model Town", "Civil Lines", "Cantt", "Mandi", "Rang Pura", "Shah Kot", "Nawan Kot", "Ghazi Abad"]
PLACES += ["Kot Lakhpat", "Railway Road", "Factory Area", "Saddar Bazar", "Jinnah Park", "Canal View", "Old City"]
PLACES += ["Garden Town", "Mustafa Abad", "Raja Jang", "Phool Nagar", "Green Town"]
OFFICER_NAMES = ["Ahmad Raza", "Bilal Hussain", "Fatima Noor", "Imran Qadir", "Sana Javed", "Usman Tariq"]

# Bullets and sentences the generated text is drawn from (phrases of real plans, reworded).
PHRASES = [
    "Free and prompt registration of cases in all police stations",
    "Round the clock patrolling of the vulnerable points",
    "Public private partnership to raise awareness",
    "Monitoring of released and bailed accused",
    "Special teams to arrest proclaimed offenders of category A and B",
    "Proceedings u/s 87/88 Cr.P.C against proclaimed offenders",
    "Fortnightly meetings of the police hierarchy to review investigations",
    "Submission of challans within the stipulated period",
    "Security of schools, colleges and places of worship",
    "Coordination with the district administration and other agencies",
    "Use of CDR and IMEI tracking to trace criminals",
    "Intelligence based operations with the coordination of agencies",
    "Snap checking and naka bandi with biometric machines",
    "Khuli Katcheri held by officers every week",
    "Welfare grants for medical treatment and education of police families",
    "Training and capacity building of investigating officers",
    "Community liaison officers posted at every police station",
    "Awareness campaigns in schools, colleges and universities",
    "Crackdown on drug peddlers with intelligence-based raids",
    "Effective complaint feedback mechanism through the helpline",
]
SECTIONS = [
    (SectionKind.COMMUNITY_POLICING, "Community Policing", 11, 0),
    (SectionKind.CRIME_CONTROL, "Establishment of Muhafiz Force", 7, 0),
    (SectionKind.CRIME_CONTROL, "Surveillance of Released Accused", 2, 0),
    (SectionKind.CRIME_CONTROL, "P.O Hunting", 4, 0),
    (SectionKind.CRIME_CONTROL, "Tracker System", 2, 5),
    (SectionKind.IT_INITIATIVES, "I.T Initiatives", 6, 0),
    (SectionKind.IT_INITIATIVES, "Computerization of CRO", 2, 8),
    (SectionKind.PLEDGE, "Policing Pledge", 30, 0),
    (SectionKind.COMMITMENTS, "Our Commitments for the Year", 16, 6),
    (SectionKind.OTHER, "Patrolling Plan", 3, 0),
]
OBJECTIVES = [
    ("Protect life, property and liberty of citizens", 8, 6),
    ("Preserve and promote public peace", 0, 5),
    ("Improve police efficiency", 6, 5),
]
TARGETS = ["Police Khidmat Markaz", "Driving Training School", "Reduction in street crime", "Arrest of POs"]
TARGETS += ["Disposal of complaints", "Police welfare petrol pump"]
ROMAN = ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x"]


def scaled(names, scale):
    """`names` repeated `scale` times, later rounds suffixed "(2)", "(3)" ... so every name stays unique."""
    return [name if round_ == 1 else f"{name} ({round_})" for round_ in range(1, scale + 1) for name in names]


def scaled_rows(rows, scale):
    """Like `scaled` for tuples whose first item is the name: (name, *details) rows repeated `scale` times."""
    return [
        (name if round_ == 1 else f"{name} ({round_})", *details)
        for round_ in range(1, scale + 1)
        for name, *details in rows
    ]


def roman(number):
    return ROMAN[number - 1] if number <= len(ROMAN) else str(number)


def letter(number):
    return chr(ord("a") + number - 1) if number <= 26 else str(number)


def reference_rows(model, district, specs, **lookup):
    """The district's rows of one reference list, in `specs` order, creating the ones it lacks.

    `specs` maps each name to its extra field values; rows that already exist are reused as they are,
    so every plan of a district shares its lists (get_or_create, two queries for the whole list).
    """
    existing = {row.name: row for row in model.objects.filter(district=district, name__in=list(specs), **lookup)}
    missing = [
        model(district=district, name=name, position=position, **lookup, **extra)
        for position, (name, extra) in enumerate(specs.items(), start=1)
        if name not in existing
    ]
    model.objects.bulk_create(missing)
    existing.update((row.name, row) for row in missing)
    return [existing[name] for name in specs]


def build_demo_district(region, index):
    """The synthetic district "Demo District NN" (slug demo-NN) of `region`, created when missing."""
    slug = f"demo-{index:02d}"
    authorities = list(ApprovingAuthority)
    district, _ = District.objects.get_or_create(
        slug=slug,
        defaults={
            "region": region,
            "name": f"Demo District {index:02d}",
            "is_synthetic": True,
            "approving_authority": authorities[index % len(authorities)],
        },
    )
    if not district.is_synthetic:
        raise ValueError(f"District {slug!r} exists and is not synthetic: refusing to use it for demo data.")
    return district


@transaction.atomic
def build_demo_plan(district, year_start, *, scale=1, seed=None):
    """A complete synthetic draft plan of `district` for the fiscal year starting `year_start`.

    Without a seed the output is still repeatable: the seed is derived from the district and the year.
    Crime figures depend only on the district, the head and the calendar year, so consecutive plans of a
    district agree on the years their crime windows share.
    """
    if scale < 1:
        raise ValueError("scale must be 1 or more.")
    base_seed = f"{district.slug}:{seed}" if seed is not None else district.slug
    rng = random.Random(f"{base_seed}:{year_start}:{scale}")
    return PlanBuilder(district, year_start, scale, rng, base_seed).build()


def build_demo_progress(plan, quarters, *, seed=None):
    """Progress against every target of `plan` in its first `quarters` quarters (for approved demo plans)."""
    rng = random.Random(f"{plan.district.slug}:{plan.year_start}:progress:{seed}")
    under_way = [ProgressStatus.NOT_STARTED, ProgressStatus.ON_TRACK, ProgressStatus.ON_TRACK, ProgressStatus.AT_RISK]
    final = [ProgressStatus.ACHIEVED, ProgressStatus.ACHIEVED, ProgressStatus.MISSED]
    return TargetProgress.objects.bulk_create(
        TargetProgress(
            target=target,
            quarter=quarter,
            status=rng.choice(final if quarter == 4 else under_way),
            note=rng.choice(PHRASES),
        )
        for target in Target.objects.filter(plan=plan)
        for quarter in range(1, quarters + 1)
    )


class PlanBuilder:
    """Fills one plan section by section; each method writes one part of the document."""

    def __init__(self, district, year_start, scale, rng, base_seed):
        self.district, self.year_start, self.scale, self.rng, self.base_seed = (
            district,
            year_start,
            scale,
            rng,
            base_seed,
        )

    def sentence(self, count=1):
        return ". ".join(self.rng.choice(PHRASES) for _ in range(count)) + "."

    def build(self):
        rng = self.rng
        officer = rng.choice(OFFICER_NAMES)
        self.plan = AnnualPlan.objects.create(
            district=self.district,
            year_start=self.year_start,
            crime_first_year=self.year_start - 3,
            crime_last_year=self.year_start - 1,
            message="\n\n".join(self.sentence(3) for _ in range(4)),
            responsibilities_intro="Our main responsibility is to fight crime by providing effective law enforcement.",
            responsibilities_lead="Our responsibilities are as under:-",
            closing_text="We will achieve our goals by bringing the criminals to justice.",
            closing_salutation="(Inshaa Allah)",
            signatory_name=officer,
            signatory_suffix="PSP",
            signatory_designation=f"District Police Officer, {self.district.name}",
        )
        self.build_text()
        units = self.build_units()
        self.build_strength(units)
        self.build_profile(units)
        self.build_logistics()
        self.build_crime()
        self.build_objectives()
        self.build_sections()
        self.build_targets_and_budget()
        self.build_printed_figures()
        return self.plan

    def build_text(self):
        plan, scale, rng = self.plan, self.scale, self.rng
        PlanValue.objects.bulk_create(
            PlanValue(plan=plan, name=name, description=description, position=position)
            for position, (name, description) in enumerate(scaled_rows(VALUES, scale), start=1)
        )
        Responsibility.objects.bulk_create(
            Responsibility(plan=plan, text=rng.choice(PHRASES), position=position)
            for position in range(1, 9 * scale + 1)
        )
        sects = scaled(SECTS, scale)
        weights = [rng.randint(1, 60) for _ in sects]
        shares = [Decimal(100 * weight / sum(weights)).quantize(Decimal("0.01")) for weight in weights[:-1]]
        shares.append(Decimal(100) - sum(shares))
        SectShare.objects.bulk_create(
            SectShare(plan=plan, name=name, percent=share, position=position)
            for position, (name, share) in enumerate(zip(sects, shares, strict=True), start=1)
        )
        PlaceOfWorship.objects.bulk_create(
            PlaceOfWorship(plan=plan, kind=kind, count=rng.randint(20, 1800), is_approximate=approx, position=pos)
            for pos, (kind, approx) in enumerate(scaled_rows(PLACES_OF_WORSHIP, scale), start=1)
        )

    def build_units(self):
        """The organogram: the DPO, HQ branches, sub-divisions and their police stations."""
        plan = self.plan
        root = Unit.objects.create(plan=plan, kind=UnitKind.DISTRICT, commander="District Police Officer", position=1)
        sub_names = scaled(SUB_DIVISIONS, self.scale)
        branches = [
            Unit(plan=plan, parent=root, kind=UnitKind.BRANCH, commander=name, position=position)
            for position, name in enumerate(scaled(BRANCHES, self.scale), start=1)
        ]
        subs = [
            Unit(plan=plan, parent=root, kind=UnitKind.SUB_DIVISION, name=name, commander="DSP/SDPO", position=position)
            for position, name in enumerate(sub_names, start=len(branches) + 1)
        ]
        Unit.objects.bulk_create(branches + subs)
        station_names = scaled(PLACES, self.scale)
        stations = [
            Unit(
                plan=plan,
                parent=sub,
                kind=UnitKind.POLICE_STATION,
                name=station_names[index * STATIONS_PER_SUB_DIVISION + number],
                commander="SHO",
                position=number + 1,
            )
            for index, sub in enumerate(subs)
            for number in range(STATIONS_PER_SUB_DIVISION)
        ]
        Unit.objects.bulk_create(stations)
        return {"sub_divisions": len(subs), "police_stations": len(stations)}

    def build_strength(self, units):
        plan, rng, scale = self.plan, self.rng, self.scale
        specs = {}
        for names, cadre in ((EXECUTIVE_RANKS, Cadre.EXECUTIVE), (LEGAL_RANKS, Cadre.LEGAL)):
            specs |= {name: {"cadre": cadre} for name in scaled(names, scale)}
        specs |= {name: {"cadre": Cadre.MINISTERIAL} for name in scaled(MINISTERIAL_RANKS, scale)}
        ranks = reference_rows(Rank, self.district, specs)
        entries = []
        for rank in ranks:
            sanctioned = max(1, round(SANCTIONED.get(rank.name.split(" (")[0], 1) * rng.uniform(0.6, 1.4)))
            present = max(0, sanctioned - rng.randint(-1, max(1, sanctioned // 6)))
            entries.append(StrengthEntry(plan=plan, rank=rank, sanctioned=sanctioned, present=present))
        StrengthEntry.objects.bulk_create(entries)
        posts_sanctioned, posts_unsanctioned = rng.randint(5, 20) * scale, rng.randint(0, 25) * scale
        self.posts = (posts_sanctioned, posts_unsanctioned)
        FieldOrganisation.objects.create(
            plan=plan,
            sub_divisions=units["sub_divisions"],
            police_stations=units["police_stations"],
            posts_sanctioned=posts_sanctioned,
            posts_unsanctioned=posts_unsanctioned,
        )
        return sum(entry.present for entry, rank in zip(entries, ranks, strict=True) if rank.cadre != Cadre.MINISTERIAL)

    def build_profile(self, units):
        rng = self.rng
        population = rng.randint(1_000_000, 5_000_000) * self.scale
        urban = Decimal(rng.randint(15, 85))
        DistrictProfile.objects.create(
            plan=self.plan,
            area_sq_km=Decimal(rng.randint(1500, 9000)),
            population=population,
            urban_percent=urban,
            rural_percent=Decimal(100) - urban,
            border_km=Decimal(rng.randint(20, 200)) if rng.random() < 0.5 else None,
            tehsils=rng.randint(3, 6),
            mnas=rng.randint(3, 8),
            mpas=rng.randint(6, 16),
            union_councils=rng.randint(60, 180),
            police_subdivisions=units["sub_divisions"],
            police_stations=units["police_stations"],
            police_posts_sanctioned=self.posts[0],
            police_posts_unsanctioned=self.posts[1],
            banks=rng.randint(50, 300),
            petrol_pumps=rng.randint(80, 400),
        )

    def build_logistics(self):
        plan, rng, scale = self.plan, self.rng, self.scale
        types = reference_rows(VehicleType, self.district, dict.fromkeys(scaled(VEHICLE_TYPES, scale), {}))
        deployments = reference_rows(Deployment, self.district, dict.fromkeys(DEPLOYMENTS, {}))
        counts = []
        for vehicle_type in types:
            # Every type stands at one deployment at least; most cells of the table stay empty.
            chosen = {rng.choice(deployments)} | {d for d in deployments if rng.random() < 0.25}
            counts += [
                VehicleCount(plan=plan, vehicle_type=vehicle_type, deployment=d, count=rng.randint(1, 30))
                for d in deployments
                if d in chosen
            ]
        VehicleCount.objects.bulk_create(counts)

        categories = reference_rows(StockCategory, self.district, {name: {} for name, _ in STOCK_CATEGORIES})
        as_of = date(self.year_start, 7, rng.randint(1, 28))
        statements = StockStatement.objects.bulk_create(
            StockStatement(plan=plan, category=category, as_of=as_of) for category in categories
        )
        items = []
        for statement, (_, lines) in zip(statements, STOCK_CATEGORIES, strict=True):
            lines = [line if isinstance(line, tuple) else (line, "") for line in lines]
            names = scaled([name for name, _ in lines], scale)
            groups = [
                group if round_ == 1 or not group else f"{group} ({round_})"
                for round_ in range(1, scale + 1)
                for _, group in lines
            ]
            equipment_types = reference_rows(
                EquipmentType, self.district, dict.fromkeys(names, {}), category=statement.category
            )
            previous_group = None
            for equipment_type, group in zip(equipment_types, groups, strict=True):
                distributed, at_hq = rng.randint(0, 900), rng.randint(0, 300)
                first_of_group = not group or group != previous_group
                items.append(
                    StockItem(
                        statement=statement,
                        equipment_type=equipment_type,
                        group=group,
                        total_stock=distributed + at_hq,
                        distributed=distributed,
                        at_headquarters=at_hq,
                        new_demand=rng.choice([0, rng.randint(10, 1500)]) if first_of_group else 0,
                    )
                )
                previous_group = group
        StockItem.objects.bulk_create(items)

    def cases(self, head_name, year):
        """Cases of one head in one calendar year: the same in every plan of the district that shows the year."""
        level = random.Random(f"{self.base_seed}:{head_name}").randint(10, 2000)
        wobble = random.Random(f"{self.base_seed}:{head_name}:{year}").uniform(0.8, 1.2)
        return round(level * wobble * (1 + 0.05 * (year - 2020)))

    def encounters(self):
        """Encounter figures; casualties and arrests only where there were encounters."""
        rng = self.rng
        count = rng.randint(0, 10)
        if not count:
            return {"encounters": 0}
        return {
            "encounters": count,
            "police_injured": rng.randint(0, 3),
            "criminals_killed": rng.randint(0, 3),
            "criminals_injured": rng.randint(0, 5),
            "criminals_arrested": rng.randint(1, 10),
        }

    def build_crime(self):
        plan, rng, scale = self.plan, self.rng, self.scale
        # Only one head each counts narcotics and illicit arms cases: the check compares them with the results.
        extra = [head for head in CRIME_HEADS if head[0] not in (NARCOTICS_HEAD, ARMS_HEAD)]
        rows = CRIME_HEADS + scaled_rows(extra, scale)[len(extra) :]
        specs = {name: {"law_sections": sections} for name, sections in rows}
        heads = reference_rows(CrimeHead, self.district, specs)
        CrimeFigure.objects.bulk_create(
            CrimeFigure(plan=plan, head=head, year=year, cases=self.cases(head.name, year))
            for head in heads
            for year in plan.crime_years
        )
        year = plan.crime_last_year
        narcotics_cases, arms_cases = self.cases(NARCOTICS_HEAD, year), self.cases(ARMS_HEAD, year)
        sent, matched, unmatched = rng.randint(10, 80), rng.randint(0, 20), rng.randint(0, 20)
        result = OperationalResult.objects.create(
            plan=plan,
            year=year,
            gangs_smashed=rng.randint(20, 200) * scale,
            gang_members_arrested=rng.randint(60, 600) * scale,
            gang_arms_recovered=rng.randint(50, 500) * scale,
            gang_property_recovered=rng.randint(1_000_000, 90_000_000) * scale,
            proclaimed_offenders_arrested=rng.randint(200, 2000) * scale,
            court_absconders_arrested=rng.randint(200, 2500) * scale,
            **self.encounters(),
            narcotics_cases=narcotics_cases,
            narcotics_accused=narcotics_cases + rng.randint(0, 40),
            illicit_arms_cases=arms_cases,
            illicit_arms_accused=arms_cases,
            forensic_sent=sent + matched + unmatched,
            forensic_matched=matched,
            forensic_unmatched=unmatched,
            forensic_pending=sent,
        )
        substances = reference_rows(
            Substance,
            self.district,
            {name: {"unit": unit} for name, unit in scaled_rows(SUBSTANCES, scale)},
        )
        NarcoticsRecovery.objects.bulk_create(
            NarcoticsRecovery(result=result, substance=substance, quantity=Decimal(rng.randint(1, 700_000)) / 1000)
            for substance in substances
        )
        arm_types = reference_rows(IllicitArmType, self.district, dict.fromkeys(scaled(ILLICIT_ARMS, scale), {}))
        # The recoveries by type add up to the cases registered, as they do in the reference plan.
        cuts = sorted(rng.randint(0, arms_cases) for _ in arm_types[1:])
        counts = [b - a for a, b in zip([0, *cuts], [*cuts, arms_cases], strict=True)]
        IllicitArmsRecovery.objects.bulk_create(
            IllicitArmsRecovery(result=result, arm_type=arm_type, count=count)
            for arm_type, count in zip(arm_types, counts, strict=True)
        )

    def build_objectives(self):
        plan, rng = self.plan, self.rng
        specs = [spec for _ in range(self.scale) for spec in OBJECTIVES]
        objectives = Objective.objects.bulk_create(
            Objective(plan=plan, number=roman(position), title=title, position=position)
            for position, (title, _, _) in enumerate(specs, start=1)
        )
        headings = []
        for objective, (_, heading_count, _) in zip(objectives, specs, strict=True):
            headings += [
                ObjectiveHeading(objective=objective, letter=letter(n), title=rng.choice(PHRASES), position=n)
                for n in range(1, heading_count + 1)
            ]
        ObjectiveHeading.objects.bulk_create(headings)
        by_objective = {}
        for heading in headings:
            by_objective.setdefault(heading.objective_id, []).append(heading)
        points = []
        for objective, (_, _, point_count) in zip(objectives, specs, strict=True):
            for heading in by_objective.get(objective.pk, [None]):
                points += [
                    StrategyPoint(objective=objective, heading=heading, text=rng.choice(PHRASES), position=n)
                    for n in range(1, rng.randint(max(1, point_count - 3), point_count + 3) + 1)
                ]
        StrategyPoint.objects.bulk_create(points)

    def build_sections(self):
        plan, rng = self.plan, self.rng
        specs = [
            (kind, title if round_ == 1 else f"{title} ({round_})", points, children)
            for round_ in range(1, self.scale + 1)
            for kind, title, points, children in SECTIONS
        ]
        sections = NarrativeSection.objects.bulk_create(
            NarrativeSection(plan=plan, kind=kind, title=title, intro=self.sentence(2), position=position)
            for position, (kind, title, _, _) in enumerate(specs, start=1)
        )
        top, nested = [], []
        for section, (_, _, point_count, child_count) in zip(sections, specs, strict=True):
            for n in range(1, point_count + 1):
                titled = child_count and rng.random() < 0.6
                point = SectionPoint(
                    section=section,
                    title=rng.choice(PHRASES)[:60] if titled else "",
                    text="" if titled and rng.random() < 0.5 else rng.choice(PHRASES),
                    position=n,
                )
                top.append(point)
                if titled:
                    nested.append((point, rng.randint(1, child_count)))
        SectionPoint.objects.bulk_create(top)
        SectionPoint.objects.bulk_create(
            SectionPoint(section_id=parent.section_id, parent=parent, text=rng.choice(PHRASES), position=n)
            for parent, child_count in nested
            for n in range(1, child_count + 1)
        )

    def build_targets_and_budget(self):
        plan, rng, scale = self.plan, self.rng, self.scale
        Target.objects.bulk_create(
            Target(
                plan=plan,
                position=position,
                category=f"{category} {self.district.name}",
                present_status=rng.choice(["Functional", "Under construction", f"{rng.randint(10, 90)}%"]),
                expected_achievement=rng.choice(["Fully functional", f"{rng.randint(10, 50)}% reduction", ""]),
                mechanism=rng.choice(PHRASES),
            )
            for position, category in enumerate(scaled(TARGETS, scale), start=1)
        )
        rows = scaled_rows(BUDGET_HEADS, scale)
        heads = reference_rows(BudgetHead, self.district, {name: {"account_code": code} for name, code, _ in rows})
        amounts = [round(amount * rng.uniform(0.7, 1.3)) for _, _, amount in rows]
        BudgetAllocation.objects.bulk_create(
            BudgetAllocation(plan=plan, head=head, amount=amount) for head, amount in zip(heads, amounts, strict=True)
        )

    def build_printed_figures(self):
        """The derived figures "as printed": here the computed ones, so the check finds nothing wrong."""
        from crime_stats.figures import computed_figures as crime_figures
        from logistics.figures import computed_figures as logistics_figures
        from plans.figures import computed_figures as plan_figures
        from strength.figures import computed_figures as strength_figures

        figures = {}
        for compute in (plan_figures, strength_figures, logistics_figures, crime_figures):
            figures |= compute(self.plan)
        PrintedFigure.objects.bulk_create(
            PrintedFigure(plan=self.plan, key=key, value=value) for key, value in figures.items() if value is not None
        )
