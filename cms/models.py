from django.core.cache import caches
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.images.models import AbstractImage, AbstractRendition
from wagtail.models import Page, Site
from wagtail.search import index

from cms.fragments import kept_context
from cms.restrictions import ViewRestrictionsInOneQueryMixin
from cms.routes import kept_route
from cms.search import index_terms

CHINESE_SEARCH_FIELDS = [index.SearchField("chinese_search_terms")]


class CmsImage(AbstractImage):
    """Wagtail's image with alt text made compulsory: every picture on the site is described."""

    description = models.CharField(
        _("alt text"),
        max_length=255,
        help_text=_("Describe what the picture shows for people who cannot see it."),
    )

    admin_form_fields = (
        "title",
        "file",
        "description",
        "collection",
        "tags",
        "focal_point_x",
        "focal_point_y",
        "focal_point_width",
        "focal_point_height",
    )

    class Meta(AbstractImage.Meta):
        verbose_name = _("image")
        verbose_name_plural = _("images")


class CmsRendition(AbstractRendition):
    image = models.ForeignKey(CmsImage, on_delete=models.CASCADE, related_name="renditions")

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)


class ChineseSearchMixin:
    """For page types: a search field holding the page's text as Chinese bigrams
    (see cms/search.py). Add ``CHINESE_SEARCH_FIELDS`` to the page's ``search_fields``."""

    def search_text(self) -> str:
        """The page's own text to make searchable; page types add their fields."""
        parts = [self.title, self.search_description]
        body = getattr(self, "body", None)
        if body is not None:
            parts.extend(body.stream_block.get_searchable_content(body))
        summary = getattr(self, "summary", "")
        parts.append(summary)
        return " ".join(p for p in parts if p)

    def chinese_search_terms(self) -> str:
        return index_terms(self.search_text())


class HomePage(ViewRestrictionsInOneQueryMixin, Page):
    headline = models.CharField(_("headline"), max_length=120)
    intro = models.TextField(_("introduction"), blank=True)
    hero_image = models.ForeignKey(
        CmsImage,
        verbose_name=_("hero image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    content_panels = [*Page.content_panels, "headline", "intro", "hero_image"]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "courses.TrainingIndexPage",
        "courses.SummerClassIndexPage",
        "stories.StoryIndexPage",
    ]
    max_count = 1

    class Meta:
        verbose_name = _("home page")

    def route(self, request, path_components):
        """The site's root: which page a path leads to is kept (``cms.routes``)."""
        return kept_route(self, request, path_components, super().route)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(
            kept_context(request, ("open_graph", "content"), lambda: self.content_context(request))
        )
        return context

    def content_context(self, request) -> dict:
        """What the page's content shows (kept rendered: ``cms.fragments``)."""
        from cms.selectors import home_page_context

        context = home_page_context(now=timezone.now())
        # Live figures from the rooms above (cms imports none of them): the first hook that
        # has any wins; without them the home page shows what the editor wrote.
        for figures in hooks.get_hooks("home_page_figures"):
            if found := figures(request):
                context["program_figures"] = found
                break
        return context


@register_setting(icon="site")
class SiteSettings(BaseSiteSetting):
    organisation = models.CharField(_("organisation"), max_length=100, default="市妇联")
    hotline = models.CharField(_("hotline"), max_length=40, blank=True)
    address = models.CharField(_("address"), max_length=200, blank=True)
    footer_note = models.TextField(_("footer note"), blank=True)

    panels = [
        FieldPanel("organisation"),
        FieldPanel("hotline"),
        FieldPanel("address"),
        FieldPanel("footer_note"),
    ]

    class Meta:
        verbose_name = _("site settings")

    CACHE_KEY = "cms:site-settings:{site_id}"

    @classmethod
    def for_request(cls, request):
        """Wagtail's, from the cache: every public page shows them (header and footer) and
        they change a few times a year (``forget`` on save). The settings' own admin view
        reads them from the database (``for_site``)."""
        attr_name = cls.get_cache_attr_name()
        if hasattr(request, attr_name):
            return getattr(request, attr_name)
        site = Site.find_for_request(request)
        if site is None:
            return super().for_request(request)
        key = cls.CACHE_KEY.format(site_id=site.pk)
        site_settings = caches["kept"].get(key)
        if site_settings is None:
            site_settings = cls.for_site(site)
            caches["kept"].set(key, site_settings, None)
        site_settings._request = request
        setattr(request, attr_name, site_settings)
        return site_settings

    @classmethod
    def forget(cls, sender, instance, **kwargs) -> None:
        """Receiver: these settings were saved or deleted."""
        caches["kept"].delete(cls.CACHE_KEY.format(site_id=instance.site_id))


# The vocabulary every app shares.


class County(index.Indexed, models.Model):
    """A county, county-level city or district of the city (区 / 县 / 市)."""

    name = models.CharField(_("name"), max_length=50, unique=True)
    slug = models.SlugField(_("slug"), max_length=50, unique=True, allow_unicode=False)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)
    # The county women's federation's contact, printed on its pairing cards (结对卡).
    contact_phone = models.CharField(_("contact phone"), max_length=30, blank=True)
    contact_address = models.CharField(_("contact address"), max_length=200, blank=True)

    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("county")
        verbose_name_plural = _("counties")

    def __str__(self) -> str:
        return self.name
