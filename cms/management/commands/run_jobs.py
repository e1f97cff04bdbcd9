"""Run the periodic jobs without a broker: ``manage.py run_jobs --once`` runs each job that
is due once; without ``--once`` it loops, waking every ``--interval`` seconds. The jobs and
their periods are ``CELERY_BEAT_SCHEDULE``'s (the same list ``celery beat`` uses), so the
quick start and production run the same jobs; each job is idempotent, so running it more
often than scheduled, or beside a beat, records nothing twice."""

import logging
import time

from django.conf import settings
from django.core.management.base import BaseCommand

from cms.celery import app

logger = logging.getLogger(__name__)


def _period(schedule) -> float:
    if isinstance(schedule, int | float):
        return float(schedule)
    return schedule.run_every.total_seconds()  # a celery.schedules.schedule


class Command(BaseCommand):
    help = "Run the periodic jobs of CELERY_BEAT_SCHEDULE in this process (no broker needed)."

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="Run every job once and stop.")
        parser.add_argument("--interval", type=float, default=60.0, help="Seconds between checks.")

    def handle(self, *args, once: bool = False, interval: float = 60.0, **options):
        app.loader.import_default_modules()  # registers the tasks
        last_run: dict[str, float] = {}
        while True:
            now = time.monotonic()
            for name, entry in settings.CELERY_BEAT_SCHEDULE.items():
                if not once and now - last_run.get(name, -1e18) < _period(entry["schedule"]):
                    continue
                last_run[name] = now
                task = app.tasks[entry["task"]]
                try:
                    result = task.apply().get()
                except Exception:  # a failing job must not stop the others
                    logger.exception("Job %s failed", name)
                    self.stderr.write(f"{name}: failed")
                    continue
                self.stdout.write(f"{name}: {result}")
            if once:
                return
            time.sleep(interval)
