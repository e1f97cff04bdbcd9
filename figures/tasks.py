"""Reports and the city's figures in the background. Thin: the report service builds only a
waiting job, so a second delivery of the same task does nothing; counting the figures again
twice only stores the same snapshot twice."""

from datetime import date

from django.utils import timezone

from celery import shared_task

from figures.reports.service import report_build
from figures.snapshots import city_snapshot_refresh, this_year


@shared_task(name="figures.build_report", time_limit=600, soft_time_limit=570, ignore_result=True)
def build_report(job_id: int) -> None:
    report_build(job_id=job_id)


@shared_task(name="figures.refresh_city", time_limit=600, soft_time_limit=570, ignore_result=True)
def refresh_city_figures(start: str, end: str) -> None:
    """Count the city's figures for a period again (sent when a stale snapshot was shown)."""
    city_snapshot_refresh(start=date.fromisoformat(start), end=date.fromisoformat(end))


@shared_task(name="figures.refresh_city_year", time_limit=600, soft_time_limit=570)
def refresh_city_year() -> str:
    """The beat job: this year's city figures, so the default view is never counted on a
    request."""
    start, end = this_year(timezone.localdate())
    city_snapshot_refresh(start=start, end=end)
    return f"{start}..{end}"
