"""The strength section of a synthetic demo plan (see `plans.demo`)."""

from plans.demo import reference_rows, scaled
from strength.models import Cadre, FieldOrganisation, Rank, StrengthEntry

EXECUTIVE_RANKS = ["SSP", "Add: SP", "SP/ Inv", "DSP/ HQ", "DSP/ Org. /Crime", "ASP/ DSP", "Insp.", "SI", "ASI", "HC"]
EXECUTIVE_RANKS += ["FC"]
LEGAL_RANKS = ["DSP/ Legal", "Insp./ Legal"]
MINISTERIAL_RANKS = ["Office Superintendent", "Assistants", "Senior Scale Stenographers", "Stenographers"]
MINISTERIAL_RANKS += ["Senior Clerk", "Junior Clerk"]
# Typical sanctioned posts per rank at scale 1; the lower ranks are where the numbers are.
SANCTIONED = {"Insp.": 47, "SI": 177, "ASI": 248, "HC": 202, "FC": 1632, "Stenographers": 8, "Senior Clerk": 8}
SANCTIONED |= {"Junior Clerk": 12, "Insp./ Legal": 6, "ASP/ DSP": 4}


def strength(builder):
    plan, rng, scale = builder.plan, builder.rng, builder.scale
    specs = {}
    for names, cadre in ((EXECUTIVE_RANKS, Cadre.EXECUTIVE), (LEGAL_RANKS, Cadre.LEGAL)):
        specs |= {name: {"cadre": cadre} for name in scaled(names, scale)}
    specs |= {name: {"cadre": Cadre.MINISTERIAL} for name in scaled(MINISTERIAL_RANKS, scale)}
    ranks = reference_rows(Rank, builder.district, specs)
    entries = []
    for rank in ranks:
        sanctioned = max(1, round(SANCTIONED.get(rank.name.split(" (")[0], 1) * rng.uniform(0.6, 1.4)))
        present = max(0, sanctioned - rng.randint(-1, max(1, sanctioned // 6)))
        entries.append(StrengthEntry(plan=plan, rank=rank, sanctioned=sanctioned, present=present))
    StrengthEntry.objects.bulk_create(entries)
    posts_sanctioned, posts_unsanctioned = rng.randint(5, 20) * scale, rng.randint(0, 25) * scale
    builder.posts = (posts_sanctioned, posts_unsanctioned)
    FieldOrganisation.objects.create(
        plan=plan,
        sub_divisions=builder.units["sub_divisions"],
        police_stations=builder.units["police_stations"],
        posts_sanctioned=posts_sanctioned,
        posts_unsanctioned=posts_unsanctioned,
    )
