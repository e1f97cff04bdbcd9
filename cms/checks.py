"""System checks of the project's own settings."""

from django.conf import settings
from django.core import checks


@checks.register(checks.Tags.caches, deploy=True)
def shared_cache(app_configs, **kwargs) -> list[checks.CheckMessage]:
    """Purges (a page published, made private, a seat taken) reach only the process that
    made them when every process has a cache of its own."""
    backend = settings.CACHES["default"]["BACKEND"]
    if backend.endswith("LocMemCache"):
        return [
            checks.Warning(
                "The default cache is each process's own memory (CACHE_URL is not set).",
                hint="Set CACHE_URL to a Redis shared by every app server process and worker "
                "(e.g. redis://127.0.0.1:6379/1): pages and figures purged in one process "
                "would otherwise still be served by the others.",
                id="cms.W001",
            )
        ]
    return []
