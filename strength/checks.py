"""Checks of the 'Present strength' chapter, and of the vital statistics that depend on the strength."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from plans.checks import VITAL_STATISTICS
from plans.consistency import Derived, Section, missing_parts, previous_plan
from plans.figures import police_population_ratio
from plans.models import DistrictProfile, PrintedFigure
from strength.figures import computed_figures, strength_figures
from strength.models import Cadre, FieldOrganisation, StrengthEntry

PRESENT_STRENGTH = Section("strength", gettext_lazy("Present strength"))

RATIO_TOLERANCE = 0.01  # a stated ratio within 1% of the computed one is the same ratio, rounded
# The ratio a document printed (N of 1:N); the portal computes the ratio, so only a plan loaded from a
# document has it. Checked here, with a tolerance, rather than compared exactly as other printed figures are.
PRINTED_RATIO = "profile:police_population_ratio"
checked_figures = {PRINTED_RATIO}


def check(plan):
    yield from missing_parts(
        plan, previous_plan(plan), [(StrengthEntry, PRESENT_STRENGTH), (FieldOrganisation, PRESENT_STRENGTH)]
    )
    figures = strength_figures(plan)
    profile = DistrictProfile.objects.filter(plan=plan).first()
    if profile is None:
        return
    printed = PrintedFigure.objects.filter(plan=plan, key=PRINTED_RATIO).values_list("value", flat=True).first()
    if printed is not None:
        yield from check_police_population_ratio(profile, figures, int(printed))
    if figures.field_organisation is not None:
        yield from check_field_organisation(profile, figures.field_organisation)


def check_police_population_ratio(profile, figures, stated):
    """The printed 1:N against population / present police (executive and legal ranks)."""
    present = figures.present_police
    computed = police_population_ratio(profile.population, present)
    values = {"stated": stated, "population": profile.population, "present": present, "computed": computed}
    if computed is None:
        yield VITAL_STATISTICS.warning(
            _(
                "Police-population ratio is stated as 1:%(stated)s, but no present police strength is entered: "
                "cannot verify"
            )
            % values
        )
        return
    if abs(stated - computed) <= computed * RATIO_TOLERANCE:
        return
    sanctioned = figures.police.totals["sanctioned"]
    by_sanctioned = police_population_ratio(profile.population, sanctioned)
    message = (
        _(
            "Police-population ratio is stated as 1:%(stated)s, but population %(population)s / "
            "present police %(present)s (executive and legal ranks) = 1:%(computed)s"
        )
        % values
    )
    if by_sanctioned is not None:
        message += _("; the sanctioned strength %(sanctioned)s would give 1:%(ratio)s") % {
            "sanctioned": sanctioned,
            "ratio": by_sanctioned,
        }
    yield VITAL_STATISTICS.error(message)


def check_field_organisation(profile, field_organisation):
    """The field organisation and the vital statistics count the same sub-divisions, stations and posts."""
    for counted, stated, things, cell in (
        (field_organisation.sub_divisions, profile.police_subdivisions, _("sub-divisions"), "sub_divisions"),
        (field_organisation.police_stations, profile.police_stations, _("police stations"), "police_stations"),
    ):
        if counted != stated:
            yield PRESENT_STRENGTH.error(
                _("The field organisation counts %(counted)s %(things)s, but the vital statistics state %(stated)s")
                % {"counted": counted, "things": things, "stated": stated},
                f"field-plan-{cell}",  # its cell in the field organisation grid
            )
    field_posts = (field_organisation.posts_sanctioned, field_organisation.posts_unsanctioned)
    stated_posts = (profile.police_posts_sanctioned, profile.police_posts_unsanctioned)
    if field_posts != stated_posts:
        yield PRESENT_STRENGTH.error(
            _(
                "The field organisation counts %(total)s police posts (%(sanctioned)s sanctioned, %(unsanctioned)s "
                "unsanctioned), but the vital statistics state %(stated_total)s (%(stated_sanctioned)s sanctioned, "
                "%(stated_unsanctioned)s unsanctioned)"
            )
            % {
                "total": sum(field_posts),
                "sanctioned": field_posts[0],
                "unsanctioned": field_posts[1],
                "stated_total": sum(stated_posts),
                "stated_sanctioned": stated_posts[0],
                "stated_unsanctioned": stated_posts[1],
            },
            "field-plan-posts_sanctioned",
        )


def gap_how(entry, column):
    """How a rank's short or excess comes about, for a message."""
    values = {"sanctioned": entry.sanctioned, "present": entry.present, "gap": getattr(entry, column)}
    if column == "short":
        if entry.present > entry.sanctioned:
            return _("present %(present)s exceeds sanctioned %(sanctioned)s: no shortage") % values
        return _("sanctioned %(sanctioned)s - present %(present)s = %(gap)s") % values
    if entry.present < entry.sanctioned:
        return _("present %(present)s is below sanctioned %(sanctioned)s: no excess") % values
    return _("present %(present)s - sanctioned %(sanctioned)s = %(gap)s") % values


def explained_figures(plan):
    figures = strength_figures(plan)
    computed = computed_figures(plan, figures)
    explained = {}
    for entry in figures.police.entries + figures.ministerial.entries:
        short_label = _("shortage") if entry.rank.cadre == Cadre.MINISTERIAL else _("short")
        for column, label in (("short", short_label), ("excess", _("excess"))):
            key = f"strength:{entry.rank.name}:{column}"
            grid = "ministerial" if entry.rank.cadre == Cadre.MINISTERIAL else "police"
            explained[key] = Derived(
                PRESENT_STRENGTH,
                f"{entry.rank.name} {label}",
                computed[key],
                gap_how(entry, column),
                cell=f"{grid}-{entry.rank.pk}-present",  # the rank's row in its strength grid
            )
    for column, label, things in (
        ("sanctioned", _("Total sanctioned"), _("sanctioned posts")),
        ("present", _("Total present"), _("present posts")),
        ("short", _("Total short"), _("shortages")),
        ("excess", _("Total excess"), _("excesses")),
    ):
        key = f"strength:total:{column}"
        how = _("the %(things)s add up to %(total)s") % {"things": things, "total": computed[key]}
        explained[key] = Derived(PRESENT_STRENGTH, label, computed[key], how)
    organisation = figures.field_organisation
    if organisation is not None:
        explained["field:posts_total"] = Derived(
            PRESENT_STRENGTH,
            _("Total police posts of the field organisation"),
            computed["field:posts_total"],
            _("sanctioned %(sanctioned)s + unsanctioned %(unsanctioned)s = %(total)s")
            % {
                "sanctioned": organisation.posts_sanctioned,
                "unsanctioned": organisation.posts_unsanctioned,
                "total": computed["field:posts_total"],
            },
        )
    return explained
