"""The Celery app. Configured from Django settings under the ``CELERY_`` namespace.

With no ``CELERY_BROKER_URL`` the settings make tasks run eagerly in-process, so the quick
start and the tests need neither Redis nor a worker.
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings")

app = Celery("cms")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
