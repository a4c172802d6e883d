"""The half-yearly report of Article 44: progress against the plan's targets in one half of its year, and crime.

The Police Order 2002 (Article 44) has the District Public Safety Commission review the plan's progress;
this report gives it, for H1 (July to December) or H2 (January to June) of the plan's fiscal year, each
target with its progress in the half's two quarters (initiatives' TargetProgress), a count by status,
and the plan's crime table. It prints with the plan's own stylesheet, so it looks like the plan.
"""

from collections import Counter
from dataclasses import dataclass

from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from crime_stats.figures import plan_crime_table
from initiatives.figures import target_progress_table
from initiatives.models import ProgressStatus
from plans.overview import quarter_labels
from plans.pdf import stylesheet, write_pdf

HALVES = {1: (1, 2), 2: (3, 4)}


@dataclass
class TargetInHalf:
    target: object
    progress: list  # the TargetProgress of each quarter of the half, None where none was recorded

    @property
    def latest(self):
        recorded = [progress for progress in self.progress if progress is not None]
        return recorded[-1] if recorded else None


@dataclass
class HalfYearReport:
    plan: object
    half: int
    quarter_labels: list
    targets: list
    crime: object

    @property
    def period(self):
        first, last = self.quarter_labels[0], self.quarter_labels[-1]
        return f"{first.split('–')[0]} – {last.split('–')[1]}"

    @property
    def status_counts(self):
        """How many targets stand at each status at the end of the half (by their latest progress)."""
        counts = Counter(row.latest.status if row.latest else None for row in self.targets)
        rows = [(label, counts.get(value, 0)) for value, label in ProgressStatus.choices]
        return [*rows, (_("No progress recorded"), counts.get(None, 0))]


def half_year_report(plan, half):
    """The report of `plan` for half 1 or 2 of its fiscal year (three queries)."""
    if half not in HALVES:
        raise ValueError("The half is 1 (July to December) or 2 (January to June).")
    quarters = HALVES[half]
    labels = quarter_labels(plan)
    rows = [
        TargetInHalf(row.target, [row.quarters[quarter - 1] for quarter in quarters])
        for row in target_progress_table(plan)
    ]
    return HalfYearReport(
        plan=plan,
        half=half,
        quarter_labels=[labels[quarter - 1] for quarter in quarters],
        targets=rows,
        crime=plan_crime_table(plan),
    )


def report_context(report):
    names = {"district": report.plan.district.name, "year": report.plan.fiscal_year, "half": report.half}
    return {
        "report": report,
        "plan": report.plan,
        "title": _("Half-yearly report H%(half)s on the Annual Policing Plan %(year)s, District %(district)s") % names,
        "running_title": _("District %(district)s · Half-yearly report H%(half)s %(year)s") % names,
        "page_label": _("Page"),
        "of_label": _("of"),
        "stylesheet": stylesheet(),
    }


def render_report_html(report, request=None):
    return render_to_string("publication/report.html", report_context(report), request=request)


def render_report_pdf(report):
    return write_pdf(render_report_html(report))


def report_filename(report):
    return f"{report.plan.district.slug}-half-yearly-report-{report.plan.fiscal_year}-h{report.half}.pdf"
