"""The targets with their quarterly progress (Police Order 2002, Article 44), in two queries."""

from dataclasses import dataclass

from django.db.models import Prefetch

from initiatives.models import Target, TargetProgress
from plans.overview import QUARTERS


@dataclass
class TargetRow:
    target: Target
    quarters: list  # TargetProgress or None, for quarters 1 to 4

    @property
    def latest(self):
        """The progress of the last quarter recorded, or None."""
        recorded = [progress for progress in self.quarters if progress is not None]
        return recorded[-1] if recorded else None


def target_progress_table(plan):
    """Each target of the plan in order, with its progress in quarters 1-4 (None where none is recorded)."""
    targets = Target.objects.filter(plan=plan).prefetch_related(
        Prefetch("progress", queryset=TargetProgress.objects.order_by("quarter"))
    )
    rows = []
    for target in targets:
        quarters = dict.fromkeys(QUARTERS)
        quarters.update((progress.quarter, progress) for progress in target.progress.all())
        rows.append(TargetRow(target=target, quarters=list(quarters.values())))
    return rows
