"""The compendium's Celery tasks: a part per district, run by any worker, and the assembly once all are done."""

from celery import shared_task

from publication import compendium


@shared_task
def compendium_part(job_id, plan_id):
    """One district's approved plan for the compendium `job_id`: its file and page count."""
    with compendium.failing_marks(job_id):
        return compendium.make_part(job_id, plan_id)


@shared_task
def assemble_compendium(parts, job_id):
    """The chord's body: the compendium's PDF and zip from the parts."""
    with compendium.failing_marks(job_id):
        return compendium.assemble(job_id, parts)
