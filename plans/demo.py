"""Synthetic, complete annual plans, for trying the portal with many districts and for load tests.

Every district made here is flagged `is_synthetic` and named "Demo District NN"; Kasur stays the one real
district. A plan is built for an existing district with every section filled and its figures consistent
(stock totals add up, the printed figures are the computed ones), so it passes the consistency check and
can go through the workflow. `scale` multiplies the rows of every list; a seed makes the output repeatable.
Rows are written with `bulk_create`: the plan is a new draft, so the lock check in `PlanPart.save` has
nothing to refuse (and no history rows are written for generated data).
"""

import random
from decimal import Decimal

from django.db import transaction

from plans import models, registry

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
    authorities = list(models.ApprovingAuthority)
    district, _ = models.District.objects.get_or_create(
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
    """Progress in the plan's first `quarters` quarters, from every section that records some (approved demo plans)."""
    for section in registry.sections():
        if section.demo_progress:
            section.demo_progress(plan, quarters, seed=seed)


class PlanBuilder:
    """Fills one plan section by section: each section's demo steps (`plans.registry.Section.demo`) in order.

    A step reads `plan`, `rng`, `scale`, `district`, `year_start`, `base_seed` and `sentence()`, and may leave
    what a later step uses on the builder (`units`, `posts`).
    """

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
        self.plan = models.AnnualPlan.objects.create(
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
        steps = [step for section in registry.sections() for step in section.demo]
        for _position, step in sorted(steps, key=lambda step: step[0]):
            step(self)
        return self.plan


# The plans app's own steps (`plans/sections.py`).


def text(builder):
    plan, scale, rng = builder.plan, builder.scale, builder.rng
    models.PlanValue.objects.bulk_create(
        models.PlanValue(plan=plan, name=name, description=description, position=position)
        for position, (name, description) in enumerate(scaled_rows(VALUES, scale), start=1)
    )
    models.Responsibility.objects.bulk_create(
        models.Responsibility(plan=plan, text=rng.choice(PHRASES), position=position)
        for position in range(1, 9 * scale + 1)
    )
    sects = scaled(SECTS, scale)
    weights = [rng.randint(1, 60) for _ in sects]
    shares = [Decimal(100 * weight / sum(weights)).quantize(Decimal("0.01")) for weight in weights[:-1]]
    shares.append(Decimal(100) - sum(shares))
    models.SectShare.objects.bulk_create(
        models.SectShare(plan=plan, name=name, percent=share, position=position)
        for position, (name, share) in enumerate(zip(sects, shares, strict=True), start=1)
    )
    models.PlaceOfWorship.objects.bulk_create(
        models.PlaceOfWorship(plan=plan, kind=kind, count=rng.randint(20, 1800), is_approximate=approx, position=pos)
        for pos, (kind, approx) in enumerate(scaled_rows(PLACES_OF_WORSHIP, scale), start=1)
    )


def units(builder):
    """The organogram: the DPO, HQ branches, sub-divisions and their police stations."""
    plan = builder.plan
    root = models.Unit.objects.create(
        plan=plan, kind=models.UnitKind.DISTRICT, commander="District Police Officer", position=1
    )
    sub_names = scaled(SUB_DIVISIONS, builder.scale)
    branches = [
        models.Unit(plan=plan, parent=root, kind=models.UnitKind.BRANCH, commander=name, position=position)
        for position, name in enumerate(scaled(BRANCHES, builder.scale), start=1)
    ]
    subs = [
        models.Unit(
            plan=plan,
            parent=root,
            kind=models.UnitKind.SUB_DIVISION,
            name=name,
            commander="DSP/SDPO",
            position=position,
        )
        for position, name in enumerate(sub_names, start=len(branches) + 1)
    ]
    models.Unit.objects.bulk_create(branches + subs)
    station_names = scaled(PLACES, builder.scale)
    stations = [
        models.Unit(
            plan=plan,
            parent=sub,
            kind=models.UnitKind.POLICE_STATION,
            name=station_names[index * STATIONS_PER_SUB_DIVISION + number],
            commander="SHO",
            position=number + 1,
        )
        for index, sub in enumerate(subs)
        for number in range(STATIONS_PER_SUB_DIVISION)
    ]
    models.Unit.objects.bulk_create(stations)
    builder.units = {"sub_divisions": len(subs), "police_stations": len(stations)}


def profile(builder):
    rng = builder.rng
    population = rng.randint(1_000_000, 5_000_000) * builder.scale
    urban = Decimal(rng.randint(15, 85))
    models.DistrictProfile.objects.create(
        plan=builder.plan,
        area_sq_km=Decimal(rng.randint(1500, 9000)),
        population=population,
        urban_percent=urban,
        rural_percent=Decimal(100) - urban,
        border_km=Decimal(rng.randint(20, 200)) if rng.random() < 0.5 else None,
        tehsils=rng.randint(3, 6),
        mnas=rng.randint(3, 8),
        mpas=rng.randint(6, 16),
        union_councils=rng.randint(60, 180),
        police_subdivisions=builder.units["sub_divisions"],
        police_stations=builder.units["police_stations"],
        police_posts_sanctioned=getattr(builder, "posts", (0, 0))[0],
        police_posts_unsanctioned=getattr(builder, "posts", (0, 0))[1],
        banks=rng.randint(50, 300),
        petrol_pumps=rng.randint(80, 400),
    )


def budget(builder):
    plan, rng, scale = builder.plan, builder.rng, builder.scale
    rows = scaled_rows(BUDGET_HEADS, scale)
    heads = reference_rows(
        models.BudgetHead, builder.district, {name: {"account_code": code} for name, code, _ in rows}
    )
    amounts = [round(amount * rng.uniform(0.7, 1.3)) for _, _, amount in rows]
    models.BudgetAllocation.objects.bulk_create(
        models.BudgetAllocation(plan=plan, head=head, amount=amount)
        for head, amount in zip(heads, amounts, strict=True)
    )


def printed_figures(builder):
    """The derived figures "as printed": here the computed ones, so the check finds nothing wrong."""
    figures = registry.computed_figures(builder.plan)
    models.PrintedFigure.objects.bulk_create(
        models.PrintedFigure(plan=builder.plan, key=key, value=value)
        for key, value in figures.items()
        if value is not None
    )
