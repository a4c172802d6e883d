"""The plan's Celery tasks: its PDF rendered by a worker, on request and after edits settle (see plans.pdf)."""

from celery import shared_task

from plans import pdf


@shared_task(ignore_result=True)
def render_pdf(plan_id, with_progress=False):
    """Render the plan's current PDF into the cache (once, however many asked: `plans.pdf.single_flight`)."""
    return pdf.render_scheduled(plan_id, with_progress)


@shared_task(ignore_result=True)
def render_after_edits(plan_id, token):
    """Render the plan's PDF after a change, unless a later change has scheduled another render since."""
    return pdf.render_if_latest(plan_id, token)
