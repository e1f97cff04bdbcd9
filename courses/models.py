from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from cms.blocks import BodyBlock
from cms.fragments import kept_context
from cms.models import CHINESE_SEARCH_FIELDS, ChineseSearchMixin, County
from cms.restrictions import ViewRestrictionsInOneQueryMixin
from courses.sessions import Session
from courses.snippets import (
    ClassCategory,
    Lecturer,
    PartnerOrganisation,
    TrainingTopic,
    Venue,
)

__all__ = [
    "ClassCategory",
    "CoursePage",
    "Lecturer",
    "PartnerOrganisation",
    "Session",
    "SummerClassIndexPage",
    "SummerClassPage",
    "TrainingCoursePage",
    "TrainingIndexPage",
    "TrainingTopic",
    "Venue",
]


class CoursePage(ChineseSearchMixin, ViewRestrictionsInOneQueryMixin, Page):
    """What trainings and summer classes share: text, picture, county and their sessions.

    Not creatable itself; bookings (later) point at ``Session``, which points here, so one
    booking model serves both kinds of course.
    """

    summary = models.TextField(
        _("summary"), max_length=300, help_text=_("One or two sentences for listings.")
    )
    cover_image = models.ForeignKey(
        "cms.CmsImage",
        verbose_name=_("cover image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = StreamField(BodyBlock(), verbose_name=_("body"), blank=True)
    county = models.ForeignKey(
        County,
        verbose_name=_("county"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Leave empty for a city-wide course."),
    )

    is_creatable = False
    # base_form_class is set by the bookings side (enrollment.admin.course_pages): deleting
    # a booked session cancels it instead; seats cannot go below those taken.
    search_fields = Page.search_fields + CHINESE_SEARCH_FIELDS + [index.FilterField("county_id")]

    class Meta:
        verbose_name = _("course")

    @property
    def audience(self) -> str:
        """Who the course is for, in words a family understands: on every card and page."""
        return ""

    def get_context(self, request, *args, **kwargs):
        from courses.selectors import course_sessions

        context = super().get_context(request, *args, **kwargs)
        # Kept rendered (cms.fragments), the sessions too but to a mother who booked some:
        # they show her bookings. The sessions are queried only if they are rendered.
        names = ("open_graph", "about", "facts", "sessions", "body")
        context.update(kept_context(request, names, dict))
        context["sessions"] = course_sessions(self)
        return context


class TrainingCoursePage(CoursePage):
    class Stage(models.TextChoices):
        BASIC = "basic", _("Basic")
        ADVANCED = "advanced", _("Advanced")
        SPECIAL = "special", _("Special topic")

    class SessionPlan(models.TextChoices):
        SERIES = "series", _("A series: each session is a different part; book them all")
        ALTERNATIVES = "alternatives", _("The same lesson on different dates; book one")

    stage = models.CharField(_("stage"), max_length=10, choices=Stage.choices, default=Stage.BASIC)
    session_plan = models.CharField(
        _("its sessions are"),
        max_length=12,
        choices=SessionPlan.choices,
        default=SessionPlan.SERIES,
        help_text=_(
            "A series is booked whole, in one step; of alternatives a mother books one, and "
            "one attended completes the training."
        ),
    )
    topics = ParentalManyToManyField(TrainingTopic, verbose_name=_("topics"), related_name="+")
    lecturers = ParentalManyToManyField(
        Lecturer, verbose_name=_("lecturers"), blank=True, related_name="+"
    )
    hours = models.DecimalField(
        _("hours"), max_digits=4, decimal_places=1, validators=[MinValueValidator(0.5)]
    )
    required_sessions = models.PositiveSmallIntegerField(
        _("sessions to attend for completion"),
        default=1,
        validators=[MinValueValidator(1)],
        help_text=_("How many of this training's sessions a mother must attend to complete it."),
    )

    content_panels = [
        *Page.content_panels,
        "summary",
        MultiFieldPanel(
            [
                FieldRowPanel(["stage", "hours", "required_sessions"]),
                "session_plan",
                FieldPanel("topics", widget=forms.CheckboxSelectMultiple),
                "lecturers",
                "county",
            ],
            heading=_("About the training"),
        ),
        "cover_image",
        "body",
        InlinePanel("sessions", heading=_("Sessions"), label=_("Session"), min_num=0),
    ]

    parent_page_types = ["courses.TrainingIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("training course")
        verbose_name_plural = _("training courses")
        constraints = [
            models.CheckConstraint(
                condition=Q(required_sessions__gte=1), name="training_required_sessions_gte_1"
            )
        ]

    @property
    def audience(self) -> str:
        return gettext("Training for caring mothers")

    @property
    def is_series(self) -> bool:
        return self.session_plan == self.SessionPlan.SERIES

    def clean(self):
        super().clean()
        if not self.is_series and self.required_sessions != 1:
            raise ValidationError(
                {
                    "required_sessions": _(
                        "The sessions are the same lesson: attending one completes the training."
                    )
                }
            )


class SummerClassPage(CoursePage):
    class Format(models.TextChoices):
        # Who takes part, in the words a family uses: a grandmother reading "亲子" thinks of
        # bringing her grandchild, but these classes are for a caring mother and her paired child.
        CHILD = "child", _("For children")
        PARENT_CHILD = "pair", _("A caring mother with her paired child")

    category = models.ForeignKey(
        ClassCategory, verbose_name=_("category"), on_delete=models.PROTECT, related_name="+"
    )
    age_min = models.PositiveSmallIntegerField(
        _("youngest age"), validators=[MinValueValidator(3), MaxValueValidator(18)]
    )
    age_max = models.PositiveSmallIntegerField(
        _("oldest age"), validators=[MinValueValidator(3), MaxValueValidator(18)]
    )
    format = models.CharField(
        _("format"), max_length=10, choices=Format.choices, default=Format.CHILD, db_index=True
    )
    partner = models.ForeignKey(
        PartnerOrganisation,
        verbose_name=_("partner organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    content_panels = [
        *Page.content_panels,
        "summary",
        MultiFieldPanel(
            [
                FieldRowPanel(["category", "format"]),
                FieldRowPanel(["age_min", "age_max"]),
                "county",
                "partner",
            ],
            heading=_("About the class"),
        ),
        "cover_image",
        "body",
        InlinePanel("sessions", heading=_("Sessions"), label=_("Session"), min_num=0),
    ]

    parent_page_types = ["courses.SummerClassIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("summer class")
        verbose_name_plural = _("summer classes")
        constraints = [
            models.CheckConstraint(condition=Q(age_min__lte=F("age_max")), name="class_age_range")
        ]

    @property
    def audience(self) -> str:
        return self.get_format_display()

    def clean(self):
        super().clean()
        errors = {}
        if self.age_min is not None and self.age_max is not None and self.age_min > self.age_max:
            errors["age_max"] = _("The oldest age cannot be below the youngest age.")
        if not self.county_id:
            errors["county"] = _("Choose the county where the class takes place.")
        if errors:
            raise ValidationError(errors)


class CourseIndexPage(ViewRestrictionsInOneQueryMixin, Page):
    """Shared behaviour of the two listing pages; see ``courses.selectors``."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, "intro"]
    parent_page_types = ["cms.HomePage"]
    max_count_per_parent = 1

    class Meta:
        abstract = True

    def get_context(self, request, *args, **kwargs):
        from courses.selectors import course_listing

        context = super().get_context(request, *args, **kwargs)
        context.update(
            kept_context(
                request,
                ("open_graph", "listing"),
                lambda: course_listing(index_page=self, params=request.GET),
            )
        )
        return context


class TrainingIndexPage(CourseIndexPage):
    subpage_types = ["courses.TrainingCoursePage"]

    class Meta:
        verbose_name = _("training index")


class SummerClassIndexPage(CourseIndexPage):
    subpage_types = ["courses.SummerClassPage"]

    class Meta:
        verbose_name = _("summer class index")
