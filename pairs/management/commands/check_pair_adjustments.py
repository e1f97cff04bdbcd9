"""The daily 动态管理 check, for the embedded start without a Celery beat (run it from cron)."""

from django.core.management.base import BaseCommand

from pairs import services


class Command(BaseCommand):
    help = "Flag pairs whose child is over the age limit, changed category or moved county."

    def handle(self, *args, **options):
        flags = services.adjustments_check()
        self.stdout.write(f"{len(flags)} new flag(s)")
