from django.apps import AppConfig
from django.db.backends.signals import connection_created
from django.urls import register_converter
from django.utils.translation import gettext_lazy as _


class CmsConfig(AppConfig):
    name = "cms"
    verbose_name = _("Site")

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save

        from wagtail.models import PageViewRestriction, Site
        from wagtail.signals import page_published, page_unpublished, post_page_move

        from cms import (
            checks,  # noqa: F401 (registers the checks)
            navigation,
            restrictions,
            signals,  # noqa: F401 (connects the page cache's purges)
            sites,
            vocabulary,
        )
        from cms.converters import IdConverter
        from cms.files import restrict_sqlite_files

        register_converter(IdConverter, "id")
        connection_created.connect(restrict_sqlite_files, dispatch_uid="cms.restrict_sqlite_files")
        # What the public pages keep in the cache, forgotten when it changes.
        for signal in (post_save, post_delete):
            for receiver in (restrictions.forget, navigation.forget):
                signal.connect(receiver, sender=PageViewRestriction, weak=False)
        post_page_move.connect(restrictions.forget, weak=False)
        for signal in (page_published, page_unpublished, post_page_move):
            signal.connect(navigation.forget, weak=False)
            signal.connect(sites.forget, weak=False)
        for signal in (post_save, post_delete):
            signal.connect(sites.forget, sender=Site, weak=False)
        post_delete.connect(navigation.forget_deleted_page, weak=False)
        vocabulary.keep(self.get_model("County"))
        site_settings = self.get_model("SiteSettings")
        for signal in (post_save, post_delete):
            signal.connect(site_settings.forget, sender=site_settings, weak=False)
