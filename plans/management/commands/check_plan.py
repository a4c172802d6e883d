"""`manage.py check_plan kasur 2023-2024`: the plan's consistency findings, one per line.

The exit status is 1 when any finding is an error, so a script or CI job can refuse an inconsistent plan.
"""

import json

from django.core.management import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from plans.consistency import run_checks
from plans.models import AnnualPlan, District, parse_fiscal_year


class Command(BaseCommand):
    help = "Check a plan's figures: every place where they disagree with each other or with what they imply."

    def add_arguments(self, parser):
        parser.add_argument("district", help="The district's slug, e.g. kasur.")
        parser.add_argument("year", help="The fiscal year, e.g. 2023-2024.")
        parser.add_argument("--format", choices=["text", "json"], default="text", help="Output format.")

    def handle(self, *args, district, year, format, **options):
        plan = find_plan(district, year)
        findings = run_checks(plan)
        errors = sum(finding.is_error for finding in findings)
        warnings = len(findings) - errors
        if format == "json":
            document = {
                "plan": str(plan),
                "district": plan.district.slug,
                "fiscal_year": plan.fiscal_year,
                "errors": errors,
                "warnings": warnings,
                "findings": [
                    {"severity": finding.severity, "section": finding.section, "message": finding.message}
                    for finding in findings
                ],
            }
            self.stdout.write(json.dumps(document, indent=2, ensure_ascii=False))
        else:
            for finding in findings:
                self.stdout.write(f"{finding.severity.upper():<8}{finding.section}: {finding.message}")
            self.stdout.write(
                ngettext("%(count)d error", "%(count)d errors", errors) % {"count": errors}
                + ", "
                + ngettext("%(count)d warning", "%(count)d warnings", warnings) % {"count": warnings}
            )
        if errors:
            self.stdout.flush()
            raise SystemExit(1)


def find_plan(slug, year):
    try:
        year_start = parse_fiscal_year(year)
    except ValueError as error:
        raise CommandError(str(error)) from error
    plan = AnnualPlan.objects.select_related("district").filter(district__slug=slug, year_start=year_start).first()
    if plan is not None:
        return plan
    if not District.objects.filter(slug=slug).exists():
        raise CommandError(_("There is no district with the slug %(slug)r.") % {"slug": slug})
    raise CommandError(_("The district %(slug)s has no plan for %(year)s.") % {"slug": slug, "year": year})
