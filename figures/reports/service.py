"""The one door for writing reports: ``report_request`` makes a job (scope checked) and
sends ``figures.build_report`` once the transaction commits (in a worker when a broker is
configured, otherwise at the end of the request); ``report_build`` builds the workbook of a
waiting job, and does nothing for a job already started or finished."""

import logging
from datetime import date

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from figures.models import ReportJob
from figures.reports.tables import report_tables
from figures.reports.workbook import report_workbook
from people.audit import audit_record
from people.errors import DomainError
from people.models import AuditEntry, User
from people.roles import coordinator_county_id, is_city_staff

logger = logging.getLogger(__name__)


def period_of(kind: str, start: date) -> tuple[date, date]:
    """The first and last day of the month or year that ``start`` falls in."""
    if kind == ReportJob.Kind.YEAR:
        return date(start.year, 1, 1), date(start.year, 12, 31)
    following = date(start.year + start.month // 12, start.month % 12 + 1, 1)
    return start.replace(day=1), date.fromordinal(following.toordinal() - 1)


@transaction.atomic
def report_request(*, actor: User, county_id: int | None, kind: str, start: date) -> ReportJob:
    """A report for ``county_id`` (None: the city, for city staff only; a coordinator's
    report is always her county's) of the month or year of ``start``."""
    if kind not in ReportJob.Kind.values:
        raise DomainError(_("Choose a monthly or a yearly report."), field="kind")
    if not is_city_staff(actor):
        own = coordinator_county_id(actor)
        if own is None or (county_id is not None and county_id != own):
            raise DomainError(_("You can only ask for your own county's report."), field="county")
        county_id = own
    first, last = period_of(kind, start)
    job = ReportJob.objects.create(
        user=actor, county_id=county_id, kind=kind, start=first, end=last
    )
    audit_record(actor=actor, action=AuditEntry.Action.CREATE, obj=job, detail=str(job))
    from figures.tasks import build_report  # the task module imports this one

    transaction.on_commit(lambda: build_report.delay(job.pk))
    return job


def report_build(*, job_id: int) -> ReportJob:
    """Build the workbook of a waiting job. Safe to run twice: only a queued job starts."""
    started = ReportJob.objects.filter(pk=job_id, status=ReportJob.Status.QUEUED).update(
        status=ReportJob.Status.RUNNING, progress=10
    )
    job = ReportJob.objects.select_related("county", "user").get(pk=job_id)
    if not started:
        return job
    try:
        with translation.override(settings.LANGUAGE_CODE):  # a worker has no request's language
            tables = report_tables(job.user, county_id=job.county_id, start=job.start, end=job.end)
            ReportJob.objects.filter(pk=job.pk).update(progress=60)
            data = report_workbook(str(job), tables)
        with transaction.atomic():
            job.file.save(f"report-{job.pk}.xlsx", ContentFile(data), save=False)
            job.status, job.progress = ReportJob.Status.DONE, 100
            job.save(update_fields=["file", "status", "progress"])
    except Exception:
        logger.exception("report %s failed", job.pk)
        ReportJob.objects.filter(pk=job.pk).update(status=ReportJob.Status.FAILED)
        job.refresh_from_db()
    return job
