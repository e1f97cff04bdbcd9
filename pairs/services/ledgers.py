"""Ledger imports: upload and check (nothing written but the job), confirm, run.

``ledger_import_check`` reads the whole file and runs every row through its ledger's
resource in a dry run: the job keeps the errors (row, column, message) and what would be
created, updated and left unchanged. ``ledger_import_confirm`` accepts a checked file
without errors and starts the import (``pairs.ledger_tasks``): in a Celery worker when a
broker is configured, otherwise at the end of the request. ``ledger_import_run`` imports in chunks, each in its own
transaction, and moves the job's counts after each, for the progress page; a chunk that
fails leaves the earlier ones imported, and running it again imports nothing twice (rows
are matched with the records already there)."""

import logging
from pathlib import Path

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

import tablib
from import_export.formats.base_formats import XLSX

from cms.models import County
from pairs.ledgers.exports import EXPORTS
from pairs.ledgers.files import MAX_UPLOAD_BYTES, read_rows
from pairs.ledgers.kinds import IMPORTS
from pairs.models import ImportJob
from people.audit import audit_record
from people.errors import DomainError
from people.models import AuditEntry, User
from people.roles import coordinator_county_id, is_staff_with_children_access, may_manage_county

logger = logging.getLogger(__name__)
CHUNK_ROWS = 1000
MAX_ERRORS_KEPT = 500


def _check_scope(actor: User, county_id: int) -> None:
    if not may_manage_county(actor, county_id):
        raise DomainError(_("You can only import into your own county."), field="county")


def _errors(result, resource, dataset) -> list[dict]:
    """The result's errors by row of the sheet and column header."""

    def sheet_row(number: int) -> int:  # import-export counts the dataset's rows from 1
        return dataset[number - 1][-1]

    errors = []
    for invalid in result.invalid_rows:
        for name, messages in invalid.error_dict.items():
            column = resource.column_of(name)
            errors.extend(
                {"row": sheet_row(invalid.number), "column": column, "message": message}
                for message in messages
            )
    errors.extend(
        {
            "row": sheet_row(error_row.number),
            "column": "",
            "message": _("This row could not be read."),
        }
        for error_row in result.error_rows
    )
    if result.base_errors:
        errors.append({"row": 0, "column": "", "message": _("The file could not be imported.")})
    return sorted(errors, key=lambda error: error["row"])


def _import(job: ImportJob, dataset, *, dry_run: bool):
    resource = IMPORTS[job.kind](county=job.county, actor=job.user)
    result = resource.import_data(dataset, dry_run=dry_run, raise_errors=False)
    return result, _errors(result, resource, dataset)


@transaction.atomic
def ledger_import_check(*, actor: User, county: County, kind: str, upload) -> ImportJob:
    """Keep the uploaded workbook (private storage) and check every row of it."""
    _check_scope(actor, county.pk)
    if kind not in IMPORTS:
        raise DomainError(_("Choose which ledger the file is."), field="kind")
    if Path(upload.name).suffix.lower() != ".xlsx":
        raise DomainError(_("Upload an Excel workbook (.xlsx)."), field="file")
    if upload.size > MAX_UPLOAD_BYTES:
        raise DomainError(_("The file is too large (at most 20 MB)."), field="file")
    data = upload.read()
    dataset = read_rows(data, IMPORTS[kind])
    if not len(dataset):
        raise DomainError(_("The file has no rows under its headers."), field="file")
    upload.seek(0)
    job = ImportJob(
        user=actor,
        county=county,
        kind=kind,
        original_name=Path(upload.name).name[:200],
        total_rows=len(dataset),
    )
    job.file.save(f"{kind}.xlsx", upload, save=False)
    result, errors = _import(job, dataset, dry_run=True)
    job.errors = errors[:MAX_ERRORS_KEPT]
    job.created_count = result.totals["new"]
    job.updated_count = result.totals["update"]
    job.skipped_count = result.totals["skip"]
    if errors:
        # It cannot be imported: a corrected file will be uploaded. Children's data is not
        # kept in a plain workbook longer than needed.
        job.file.delete(save=False)
    job.save()
    audit_record(
        actor=actor,
        action=AuditEntry.Action.VIEW,
        obj=job,
        detail=f"checked {kind} ledger: {len(dataset)} rows, {len(errors)} errors",
        children=len(dataset) if kind != ImportJob.Kind.MOTHERS else None,
    )
    return job


@transaction.atomic
def ledger_import_confirm(*, actor: User, job: ImportJob) -> ImportJob:
    _check_scope(actor, job.county_id)
    job = ImportJob.objects.select_for_update().get(pk=job.pk)
    if job.status != ImportJob.Status.VALIDATED:
        raise DomainError(_("This file has already been imported."))
    if job.errors:
        raise DomainError(_("Correct the errors in the file and upload it again."))
    job.status = ImportJob.Status.QUEUED
    job.save(update_fields=["status"])
    from pairs.ledger_tasks import run_ledger_import  # the task module imports this one

    transaction.on_commit(lambda: run_ledger_import.delay(job.pk))
    return job


def ledger_import_run(*, job_id: int) -> ImportJob:
    """Import a confirmed file, chunk by chunk (see the module's docstring). Safe to run
    twice: only a queued job starts."""
    started = ImportJob.objects.filter(pk=job_id, status=ImportJob.Status.QUEUED).update(
        status=ImportJob.Status.RUNNING,
        rows_done=0,
        created_count=0,
        updated_count=0,
        skipped_count=0,
    )
    job = ImportJob.objects.select_related("county", "user").get(pk=job_id)
    if not started:
        return job
    try:
        with job.file.open("rb") as file:
            dataset = read_rows(file.read(), IMPORTS[job.kind])
        for start in range(0, len(dataset), CHUNK_ROWS):
            chunk = tablib.Dataset(*dataset[start : start + CHUNK_ROWS], headers=dataset.headers)
            with transaction.atomic():
                result, errors = _import(job, chunk, dry_run=False)
                job.rows_done += len(chunk)
                if not result.has_errors():  # otherwise import-export rolled the chunk back
                    job.created_count += result.totals["new"]
                    job.updated_count += result.totals["update"]
                    job.skipped_count += result.totals["skip"]
                job.errors = (job.errors + errors)[:MAX_ERRORS_KEPT]
                job.save(update_fields=[*COUNTS, "errors"])
    except Exception:
        # Shown on the job's page; the rows of the chunks before stay imported, and a new
        # upload of the same file adds only what is missing.
        logger.exception("ledger import %s failed", job.pk)
        job.status = ImportJob.Status.FAILED
        job.finished_at = timezone.now()
        job.save(update_fields=["status", "finished_at"])
        return job
    job.status = ImportJob.Status.DONE
    job.finished_at = timezone.now()
    job.file.delete(save=False)  # imported: the plain workbook is not kept
    job.save(update_fields=["status", "finished_at", "file"])
    audit_record(
        actor=job.user,
        action=AuditEntry.Action.CREATE,
        obj=job,
        detail=(
            f"imported {job.kind} ledger: {job.total_rows} rows, {job.created_count} created, "
            f"{job.updated_count} updated, {job.skipped_count} unchanged"
        ),
        children=job.total_rows if job.kind != ImportJob.Kind.MOTHERS else None,
    )
    return job


@transaction.atomic
def ledger_export(*, actor: User, kind: str) -> tuple[str, bytes]:
    """The ledger ``kind`` of ``actor``'s county (every county's for city staff) as a file
    name and .xlsx bytes; written to the audit log with how many rows it holds."""
    if kind not in EXPORTS or not is_staff_with_children_access(actor):
        raise DomainError(_("There is no such ledger to export."))
    ledger = EXPORTS[kind]
    queryset = ledger.rows(actor)
    dataset = ledger.resource().export(queryset)
    audit_record(
        actor=actor,
        action=AuditEntry.Action.EXPORT,
        object_type=queryset.model._meta.label_lower,
        county_id=coordinator_county_id(actor),
        detail=f"{kind} ledger: {dataset.height} rows",
        children=dataset.height if ledger.shows_children else None,
    )
    name = f"{ledger.file_title}-{timezone.localdate():%Y%m%d}.xlsx"
    return name, XLSX().export_data(dataset)


COUNTS = ("rows_done", "created_count", "updated_count", "skipped_count")
