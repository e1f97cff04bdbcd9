from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PairsConfig(AppConfig):
    name = "pairs"
    verbose_name = _("Pairs")

    def ready(self):
        from pairs import ledger_tasks, signals  # noqa: F401 - registers the task; connects receivers
