"""The ledger import as a background job. Thin: it calls the service, which starts only a
job still waiting (a second delivery of the same task does nothing). With no broker
(``CELERY_BROKER_URL`` empty) Celery runs it eagerly, at the end of the request that
confirmed the import."""

from celery import shared_task

from pairs.services.ledgers import ledger_import_run


@shared_task(
    name="pairs.run_ledger_import", time_limit=900, soft_time_limit=870, ignore_result=True
)
def run_ledger_import(job_id: int) -> None:
    ledger_import_run(job_id=job_id)
