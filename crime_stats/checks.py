"""Checks of the performance chapter: the crime table and the year's operational results."""

import re

from django.utils.translation import gettext as _

from crime_stats.figures import computed_figures, plan_crime_table
from crime_stats.models import CrimeFigure, CrimeHead, OperationalResult
from plans.consistency import Derived, Section, added_up, number

CHAPTER = "performance"

# Heuristics, since every district names its own crime heads: the heads whose cases are the narcotics
# and the illicit-arms cases of the operational results, found by name (case-insensitive). A district
# whose heads match neither is not checked; nothing district-specific is assumed beyond these patterns.
NARCOTICS_HEADS = re.compile(r"\bpro\b|prohibition|narcotic|\bcnsa?\b", re.IGNORECASE)
ILLICIT_ARMS_HEADS = re.compile(r"\barms?[\s-]*(ordinance|act)\b", re.IGNORECASE)
ENCOUNTER_FIELDS = OperationalResult.ENCOUNTER_FIGURES  # figures that only an encounter can produce


def crime_section(plan):
    return Section(CHAPTER, _("Crime-%(year)s") % {"year": plan.crime_last_year})


def check(plan):
    table = plan_crime_table(plan)
    yield from check_crime_complete(plan)
    results = list(OperationalResult.objects.filter(plan=plan))
    if not results:
        yield Section(CHAPTER, _("Operational results")).error(
            _("No operational results are entered for %(year)s") % {"year": plan.crime_last_year}
        )
    for result in results:
        yield from check_result(plan, table, result)


def check_crime_complete(plan):
    """Every crime head of the district has a figure for every year of the plan's window (0 is a figure).

    One error lists the missing heads, grouped by the years they miss, so a clerk sees the whole gap at once.
    """
    heads = list(CrimeHead.objects.filter(district_id=plan.district_id).order_by("position", "name"))
    entered = set(CrimeFigure.objects.filter(plan=plan).values_list("head_id", "year"))
    by_years, first_blank = {}, ""
    for head in heads:
        missing = tuple(year for year in plan.crime_years if (head.pk, year) not in entered)
        if missing:
            by_years.setdefault(missing, []).append(head.name)
            first_blank = first_blank or f"crime-{head.pk}-{missing[0]}"  # the first blank cell of the crime grid
    if not by_years:
        return
    count = sum(len(names) for names in by_years.values())
    groups = "; ".join(f"{', '.join(names)} ({', '.join(map(str, years))})" for years, names in by_years.items())
    yield crime_section(plan).error(
        _("%(count)s of %(total)s crime heads lack figures (blank is not 0): %(groups)s")
        % {"count": count, "total": len(heads), "groups": groups},
        first_blank,
    )


def head_cases(table, pattern, year):
    """The heads matching `pattern` and their cases in `year`; no heads when any of them lacks the year."""
    if year not in table.years:
        return [], 0
    index = table.years.index(year)
    rows = [row for row in table.rows if pattern.search(row.head.name)]
    if any(row.cases[index] is None for row in rows):
        return [], 0
    return [row.head.name for row in rows], sum(row.cases[index] for row in rows)


def check_result(plan, table, result):
    values = {"year": result.year, "last": plan.crime_last_year}
    if result.year != plan.crime_last_year:
        yield Section(CHAPTER, _("Operational results")).warning(
            _("The operational results are for %(year)s, but the crime figures run to %(last)s") % values
        )
    for pattern, cases, title, what in (
        (NARCOTICS_HEADS, result.narcotics_cases, _("Recovery of Narcotics"), _("Narcotics cases")),
        (ILLICIT_ARMS_HEADS, result.illicit_arms_cases, _("Recovery of Illicit Arms"), _("Illicit arms cases")),
    ):
        heads, head_total = head_cases(table, pattern, result.year)
        if heads and head_total != cases:
            yield Section(CHAPTER, title).warning(
                _("%(what)s registered in %(year)s are %(cases)s, but the crime table has %(total)s under %(heads)s")
                % {**values, "what": what, "cases": cases, "total": head_total, "heads": ", ".join(heads)}
            )
    casualties = {name: getattr(result, name) for name in ENCOUNTER_FIELDS if getattr(result, name)}
    if not result.encounters and casualties:
        listed = ", ".join(
            f"{OperationalResult._meta.get_field(name).verbose_name} {count}" for name, count in casualties.items()
        )
        yield Section(CHAPTER, _("Police Encounters")).warning(
            _("No encounters are reported, but %(listed)s") % {"listed": listed}
        )
    accounted = result.forensic_matched + result.forensic_unmatched + result.forensic_pending
    if result.forensic_sent != accounted:
        yield Section(CHAPTER, _("Crime Scene %(year)s") % values).error(
            _(
                "%(sent)s samples sent to NADRA, but match %(matched)s + no match %(unmatched)s "
                "+ pending %(pending)s = %(sum)s"
            )
            % {
                "sent": result.forensic_sent,
                "matched": result.forensic_matched,
                "unmatched": result.forensic_unmatched,
                "pending": result.forensic_pending,
                "sum": accounted,
            }
        )


def change_how(cases):
    return f"{number(cases[-1])} - {number(cases[-2])} = {number(cases[-1] - cases[-2], signed=True)}"


def explained_figures(plan):
    table = plan_crime_table(plan)
    computed = computed_figures(plan, table)
    section = crime_section(plan)
    explained = {}
    if len(table.years) >= 2:
        span = {"from": table.years[-2], "to": table.years[-1]}
        for row in table.rows:
            key = f"crime:{row.head.name}:change"
            if key in computed:
                label = _("%(head)s: change from %(from)s to %(to)s") % {**span, "head": row.head.name}
                cell = f"crime-{row.head.pk}-{table.years[-1]}"  # the head's last year in the crime grid
                explained[key] = Derived(section, label, computed[key], change_how(row.cases), signed=True, cell=cell)
    total = table.total
    for index, year in enumerate(table.years):
        key = f"crime:total:{year}"
        if key not in computed:  # no head has a figure for the year
            continue
        explained[key] = Derived(
            section,
            _("All reported crime in %(year)s") % {"year": year},
            computed[key],
            added_up(_("heads"), [row.cases[index] or 0 for row in table.rows]),
        )
    if "crime:total:change" in computed:
        label = _("All reported crime: change from %(from)s to %(to)s") % span
        explained["crime:total:change"] = Derived(
            section, label, computed["crime:total:change"], change_how(total.cases), signed=True
        )
    return explained
