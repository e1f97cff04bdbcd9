"""Receivers of the cms side (connected in ``CmsConfig.ready``): content that changes what
the public sees makes every cached page out of date (``cms.page_cache``). Publishing,
unpublishing, moving or deleting a page, changing who may see it (a view restriction), the
site settings (the footer) or a site."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from cms.models import SiteSettings
from cms.page_cache import purge_all


@receiver(page_published, dispatch_uid="cms_page_cache_published")
@receiver(page_unpublished, dispatch_uid="cms_page_cache_unpublished")
@receiver(post_page_move, dispatch_uid="cms_page_cache_moved")
def page_changed(sender, **kwargs) -> None:
    purge_all()


@receiver(post_delete, dispatch_uid="cms_page_cache_deleted")
def page_deleted(sender, instance, **kwargs) -> None:
    if isinstance(instance, Page):
        purge_all()


@receiver(post_save, sender=PageViewRestriction, dispatch_uid="cms_page_cache_restricted")
@receiver(post_delete, sender=PageViewRestriction, dispatch_uid="cms_page_cache_unrestricted")
@receiver(post_save, sender=SiteSettings, dispatch_uid="cms_page_cache_site_settings")
@receiver(post_save, sender=Site, dispatch_uid="cms_page_cache_site")
def site_changed(sender, **kwargs) -> None:
    purge_all()
