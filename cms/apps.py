from django.apps import AppConfig
from django.db.backends.signals import connection_created
from django.urls import register_converter
from django.utils.translation import gettext_lazy as _


class CmsConfig(AppConfig):
    name = "cms"
    verbose_name = _("Site")

    def ready(self) -> None:
        from cms import signals  # noqa: F401 - connects its receivers
        from cms.converters import IdConverter
        from cms.files import restrict_sqlite_files

        register_converter(IdConverter, "id")
        connection_created.connect(restrict_sqlite_files, dispatch_uid="cms.restrict_sqlite_files")
