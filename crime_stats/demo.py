"""The crime statistics section of a synthetic demo plan (see `plans.demo`)."""

import random
from decimal import Decimal

from crime_stats import models
from plans.demo import reference_rows, scaled, scaled_rows

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


def cases(builder, head_name, year):
    """Cases of one head in one calendar year: the same in every plan of the district that shows the year."""
    level = random.Random(f"{builder.base_seed}:{head_name}").randint(10, 2000)
    wobble = random.Random(f"{builder.base_seed}:{head_name}:{year}").uniform(0.8, 1.2)
    return round(level * wobble * (1 + 0.05 * (year - 2020)))


def encounters(builder):
    """Encounter figures; casualties and arrests only where there were encounters."""
    rng = builder.rng
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


def crime(builder):
    plan, rng, scale = builder.plan, builder.rng, builder.scale
    # Only one head each counts narcotics and illicit arms cases: the check compares them with the results.
    extra = [head for head in CRIME_HEADS if head[0] not in (NARCOTICS_HEAD, ARMS_HEAD)]
    rows = CRIME_HEADS + scaled_rows(extra, scale)[len(extra) :]
    specs = {name: {"law_sections": sections} for name, sections in rows}
    heads = reference_rows(models.CrimeHead, builder.district, specs)
    models.CrimeFigure.objects.bulk_create(
        models.CrimeFigure(plan=plan, head=head, year=year, cases=cases(builder, head.name, year))
        for head in heads
        for year in plan.crime_years
    )
    year = plan.crime_last_year
    narcotics_cases, arms_cases = cases(builder, NARCOTICS_HEAD, year), cases(builder, ARMS_HEAD, year)
    sent, matched, unmatched = rng.randint(10, 80), rng.randint(0, 20), rng.randint(0, 20)
    result = models.OperationalResult.objects.create(
        plan=plan,
        year=year,
        gangs_smashed=rng.randint(20, 200) * scale,
        gang_members_arrested=rng.randint(60, 600) * scale,
        gang_arms_recovered=rng.randint(50, 500) * scale,
        gang_property_recovered=rng.randint(1_000_000, 90_000_000) * scale,
        proclaimed_offenders_arrested=rng.randint(200, 2000) * scale,
        court_absconders_arrested=rng.randint(200, 2500) * scale,
        **encounters(builder),
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
        models.Substance,
        builder.district,
        {name: {"unit": unit} for name, unit in scaled_rows(SUBSTANCES, scale)},
    )
    models.NarcoticsRecovery.objects.bulk_create(
        models.NarcoticsRecovery(result=result, substance=substance, quantity=Decimal(rng.randint(1, 700_000)) / 1000)
        for substance in substances
    )
    arm_types = reference_rows(models.IllicitArmType, builder.district, dict.fromkeys(scaled(ILLICIT_ARMS, scale), {}))
    # The recoveries by type add up to the cases registered, as they do in the reference plan.
    cuts = sorted(rng.randint(0, arms_cases) for _ in arm_types[1:])
    counts = [b - a for a, b in zip([0, *cuts], [*cuts, arms_cases], strict=True)]
    models.IllicitArmsRecovery.objects.bulk_create(
        models.IllicitArmsRecovery(result=result, arm_type=arm_type, count=count)
        for arm_type, count in zip(arm_types, counts, strict=True)
    )
