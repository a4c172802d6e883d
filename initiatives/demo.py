"""The initiatives section of a synthetic demo plan (see `plans.demo`)."""

import random

from initiatives import models
from plans.demo import PHRASES, letter, roman, scaled

SECTIONS = [
    (models.SectionKind.COMMUNITY_POLICING, "Community Policing", 11, 0),
    (models.SectionKind.CRIME_CONTROL, "Establishment of Muhafiz Force", 7, 0),
    (models.SectionKind.CRIME_CONTROL, "Surveillance of Released Accused", 2, 0),
    (models.SectionKind.CRIME_CONTROL, "P.O Hunting", 4, 0),
    (models.SectionKind.CRIME_CONTROL, "Tracker System", 2, 5),
    (models.SectionKind.IT_INITIATIVES, "I.T Initiatives", 6, 0),
    (models.SectionKind.IT_INITIATIVES, "Computerization of CRO", 2, 8),
    (models.SectionKind.PLEDGE, "Policing Pledge", 30, 0),
    (models.SectionKind.COMMITMENTS, "Our Commitments for the Year", 16, 6),
    (models.SectionKind.OTHER, "Patrolling Plan", 3, 0),
]
OBJECTIVES = [
    ("Protect life, property and liberty of citizens", 8, 6),
    ("Preserve and promote public peace", 0, 5),
    ("Improve police efficiency", 6, 5),
]
TARGETS = ["Police Khidmat Markaz", "Driving Training School", "Reduction in street crime", "Arrest of POs"]
TARGETS += ["Disposal of complaints", "Police welfare petrol pump"]


def objectives(builder):
    plan, rng = builder.plan, builder.rng
    specs = [spec for _ in range(builder.scale) for spec in OBJECTIVES]
    objectives = models.Objective.objects.bulk_create(
        models.Objective(plan=plan, number=roman(position), title=title, position=position)
        for position, (title, _, _) in enumerate(specs, start=1)
    )
    headings = []
    for objective, (_, heading_count, _) in zip(objectives, specs, strict=True):
        headings += [
            models.ObjectiveHeading(objective=objective, letter=letter(n), title=rng.choice(PHRASES), position=n)
            for n in range(1, heading_count + 1)
        ]
    models.ObjectiveHeading.objects.bulk_create(headings)
    by_objective = {}
    for heading in headings:
        by_objective.setdefault(heading.objective_id, []).append(heading)
    points = []
    for objective, (_, _, point_count) in zip(objectives, specs, strict=True):
        for heading in by_objective.get(objective.pk, [None]):
            points += [
                models.StrategyPoint(objective=objective, heading=heading, text=rng.choice(PHRASES), position=n)
                for n in range(1, rng.randint(max(1, point_count - 3), point_count + 3) + 1)
            ]
    models.StrategyPoint.objects.bulk_create(points)


def narratives(builder):
    plan, rng = builder.plan, builder.rng
    specs = [
        (kind, title if round_ == 1 else f"{title} ({round_})", points, children)
        for round_ in range(1, builder.scale + 1)
        for kind, title, points, children in SECTIONS
    ]
    sections = models.NarrativeSection.objects.bulk_create(
        models.NarrativeSection(plan=plan, kind=kind, title=title, intro=builder.sentence(2), position=position)
        for position, (kind, title, _, _) in enumerate(specs, start=1)
    )
    top, nested = [], []
    for section, (_, _, point_count, child_count) in zip(sections, specs, strict=True):
        for n in range(1, point_count + 1):
            titled = child_count and rng.random() < 0.6
            point = models.SectionPoint(
                section=section,
                title=rng.choice(PHRASES)[:60] if titled else "",
                text="" if titled and rng.random() < 0.5 else rng.choice(PHRASES),
                position=n,
            )
            top.append(point)
            if titled:
                nested.append((point, rng.randint(1, child_count)))
    models.SectionPoint.objects.bulk_create(top)
    models.SectionPoint.objects.bulk_create(
        models.SectionPoint(section_id=parent.section_id, parent=parent, text=rng.choice(PHRASES), position=n)
        for parent, child_count in nested
        for n in range(1, child_count + 1)
    )


def targets(builder):
    plan, rng, scale = builder.plan, builder.rng, builder.scale
    models.Target.objects.bulk_create(
        models.Target(
            plan=plan,
            position=position,
            category=f"{category} {builder.district.name}",
            present_status=rng.choice(["Functional", "Under construction", f"{rng.randint(10, 90)}%"]),
            expected_achievement=rng.choice(["Fully functional", f"{rng.randint(10, 50)}% reduction", ""]),
            mechanism=rng.choice(PHRASES),
        )
        for position, category in enumerate(scaled(TARGETS, scale), start=1)
    )


def progress(plan, quarters, *, seed=None):
    """Progress against every target of `plan` in its first `quarters` quarters (for approved demo plans)."""
    rng = random.Random(f"{plan.district.slug}:{plan.year_start}:progress:{seed}")
    under_way = [
        models.ProgressStatus.NOT_STARTED,
        models.ProgressStatus.ON_TRACK,
        models.ProgressStatus.ON_TRACK,
        models.ProgressStatus.AT_RISK,
    ]
    final = [models.ProgressStatus.ACHIEVED, models.ProgressStatus.ACHIEVED, models.ProgressStatus.MISSED]
    return models.TargetProgress.objects.bulk_create(
        models.TargetProgress(
            target=target,
            quarter=quarter,
            status=rng.choice(final if quarter == 4 else under_way),
            note=rng.choice(PHRASES),
        )
        for target in models.Target.objects.filter(plan=plan)
        for quarter in range(1, quarters + 1)
    )
