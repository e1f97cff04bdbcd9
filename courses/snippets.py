"""Snippets editors pick from: venues, lecturers, partners, categories, topics."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.search import index

from cms.models import County


class Venue(index.Indexed, models.Model):
    name = models.CharField(_("name"), max_length=100)
    county = models.ForeignKey(
        County, verbose_name=_("county"), on_delete=models.PROTECT, related_name="venues"
    )
    address = models.CharField(_("address"), max_length=200)
    directions = models.TextField(_("how to get there"), blank=True)

    panels = ["name", "county", "address", "directions"]
    search_fields = [index.SearchField("name"), index.SearchField("address")]

    class Meta:
        ordering = ["county__sort_order", "name"]
        verbose_name = _("venue")
        verbose_name_plural = _("venues")
        constraints = [
            models.UniqueConstraint(fields=["county", "name"], name="venue_unique_name_per_county")
        ]

    def __str__(self) -> str:
        return f"{self.name}（{self.county.name}）"


class Lecturer(index.Indexed, models.Model):
    name = models.CharField(_("name"), max_length=50)
    title = models.CharField(
        _("title"), max_length=100, blank=True, help_text=_("e.g. 家庭教育讲师, 心理咨询师")
    )
    bio = models.TextField(_("biography"), blank=True)
    photo = models.ForeignKey(
        "cms.CmsImage",
        verbose_name=_("photo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = ["name", "title", "bio", FieldPanel("photo")]
    search_fields = [index.SearchField("name"), index.SearchField("title")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("lecturer")
        verbose_name_plural = _("lecturers")

    def __str__(self) -> str:
        return f"{self.name}（{self.title}）" if self.title else self.name


class PartnerOrganisation(index.Indexed, models.Model):
    name = models.CharField(_("name"), max_length=100, unique=True)
    description = models.TextField(_("description"), blank=True)
    website = models.URLField(_("website"), blank=True)

    panels = ["name", "description", "website"]
    search_fields = [index.SearchField("name")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("partner organisation")
        verbose_name_plural = _("partner organisations")

    def __str__(self) -> str:
        return self.name


class ClassCategory(models.Model):
    """A kind of summer class (陶艺研学, 围棋, 剪纸 …)."""

    name = models.CharField(_("name"), max_length=50, unique=True)
    slug = models.SlugField(_("slug"), max_length=50, unique=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("class category")
        verbose_name_plural = _("class categories")

    def __str__(self) -> str:
        return self.name


class TrainingTopic(models.Model):
    """What a training is about (家庭教育, 儿童心理, 安全教育, 沟通技巧 …)."""

    name = models.CharField(_("name"), max_length=50, unique=True)
    slug = models.SlugField(_("slug"), max_length=50, unique=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("training topic")
        verbose_name_plural = _("training topics")

    def __str__(self) -> str:
        return self.name
