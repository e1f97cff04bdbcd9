from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from cms.blocks import BodyBlock
from cms.fragments import kept_context
from cms.models import CHINESE_SEARCH_FIELDS, ChineseSearchMixin
from cms.restrictions import ViewRestrictionsInOneQueryMixin


class StorySeries(models.Model):
    """A named series of stories, e.g. 《不如见一面｜爱心妈妈在行动》."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("story series")
        verbose_name_plural = _("story series")

    def __str__(self) -> str:
        return self.name


class StoryTag(TaggedItemBase):
    content_object = ParentalKey(
        "stories.StoryPage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class StoryIndexPage(RoutablePageMixin, ViewRestrictionsInOneQueryMixin, Page):
    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, "intro"]
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["stories.StoryPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("story index")

    @path("")
    def listing(self, request):
        from stories.selectors import story_listing

        return self.render(
            request,
            context_overrides=kept_context(
                request,
                ("open_graph", "listing"),
                lambda: story_listing(index_page=self, params=request.GET),
            ),
        )

    @path("series/<slug:slug>/")
    def series(self, request, slug):
        from stories.selectors import series_episodes

        return self.render(
            request,
            context_overrides=series_episodes(index_page=self, slug=slug),
            template="stories/story_series.html",
        )


class StoryPage(ChineseSearchMixin, ViewRestrictionsInOneQueryMixin, Page):
    series = models.ForeignKey(
        StorySeries,
        verbose_name=_("series"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="episodes",
    )
    episode = models.PositiveSmallIntegerField(_("episode number"), null=True, blank=True)
    date = models.DateField(_("date"))
    county = models.ForeignKey(
        "cms.County",
        verbose_name=_("county"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    summary = models.TextField(_("summary"), max_length=300)
    cover_image = models.ForeignKey(
        "cms.CmsImage",
        verbose_name=_("cover image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = StreamField(BodyBlock(), verbose_name=_("body"))
    tags = ClusterTaggableManager(through=StoryTag, blank=True, verbose_name=_("tags"))

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [FieldRowPanel(["series", "episode"]), FieldRowPanel(["date", "county"]), "tags"],
            heading=_("About the story"),
        ),
        "summary",
        "cover_image",
        "body",
        InlinePanel("gallery_images", heading=_("Gallery"), label=_("Picture")),
    ]
    search_fields = Page.search_fields + CHINESE_SEARCH_FIELDS + [index.FilterField("county_id")]

    parent_page_types = ["stories.StoryIndexPage"]
    subpage_types: list[str] = []
    # What a shared link to a story says it is (cms/templatetags/open_graph.py).
    open_graph_type = "article"

    class Meta:
        verbose_name = _("story")
        verbose_name_plural = _("stories")
        indexes = [models.Index(fields=["series", "episode"], name="story_series_episode")]
        constraints = [
            models.UniqueConstraint(
                fields=["series", "episode"],
                condition=Q(series__isnull=False, episode__isnull=False),
                name="story_unique_episode_in_series",
                violation_error_message=_("This series already has an episode with this number."),
            )
        ]

    def clean(self):
        super().clean()
        if self.series_id and self.episode is None:
            raise ValidationError({"episode": _("A story in a series needs an episode number.")})
        if self.series_id and self.episode is not None:
            taken = StoryPage.objects.filter(
                series_id=self.series_id, episode=self.episode
            ).exclude(pk=self.pk)
            if taken.exists():
                raise ValidationError(
                    {"episode": _("This series already has an episode with this number.")}
                )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(
            kept_context(request, ("open_graph", "story"), lambda: self.content_context(request))
        )
        return context

    def content_context(self, request) -> dict:
        """What the story shows besides its own fields (kept rendered: ``cms.fragments``)."""
        from stories.selectors import episode_neighbours, story_gallery

        is_preview = getattr(request, "is_preview", False)
        if not is_preview and self.pk:
            # Wagtail's routing fetched the page alone: its series, county and cover picture
            # (header, breadcrumb, sharing tags) in one query rather than one each.
            related = ("series", "county", "cover_image")
            fetched = StoryPage.objects.select_related(*related).get(pk=self.pk)
            for name in related:
                setattr(self, name, getattr(fetched, name))
        return {"gallery": story_gallery(self, is_preview=is_preview)} | episode_neighbours(self)


class StoryGalleryImage(Orderable):
    page = ParentalKey(StoryPage, on_delete=models.CASCADE, related_name="gallery_images")
    image = models.ForeignKey(
        "cms.CmsImage", verbose_name=_("image"), on_delete=models.CASCADE, related_name="+"
    )
    caption = models.CharField(_("caption"), max_length=200, blank=True)

    panels = ["image", "caption"]
