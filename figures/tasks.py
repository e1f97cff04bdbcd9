"""Reports in the background. Thin: the service builds only a waiting job, so a second
delivery of the same task does nothing."""

from celery import shared_task

from figures.reports.service import report_build


@shared_task(name="figures.build_report", time_limit=600, soft_time_limit=570, ignore_result=True)
def build_report(job_id: int) -> None:
    report_build(job_id=job_id)
