from datetime import date

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import formats, timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from cms.blocks import BodyBlock
from cms.models import CHINESE_SEARCH_FIELDS, ChineseSearchMixin, County
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


class CoursePage(ChineseSearchMixin, Page):
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


def local_when(moment) -> str:
    """A moment as the site writes it, in local time and the reader's language: 2026年12月7日
    09:00 in Chinese (messages, texts and emails, not only pages)."""
    local = timezone.localtime(moment)
    return (
        f"{formats.date_format(local, 'DATE_FORMAT')} {formats.time_format(local, 'TIME_FORMAT')}"
    )


# The page types a session's course can be (reverse one-to-one names from CoursePage).
COURSE_TYPES = ("trainingcoursepage", "summerclasspage")


class SessionQuerySet(models.QuerySet):
    def with_specific_course(self):
        """Fetch each session's course as its own page type in the same query, so that
        ``session.specific_course`` (and ``session.course.specific``) cost no query."""
        return self.select_related(*(f"course__{name}" for name in COURSE_TYPES))

    def upcoming(self, now=None):
        """Sessions not yet over and not cancelled, soonest first."""
        now = now or timezone.now()
        return self.filter(end__gt=now, is_cancelled=False).order_by("start")

    def in_month(self, month: date):
        """Sessions starting in the calendar month of ``month`` (local time)."""
        start = timezone.make_aware(timezone.datetime(month.year, month.month, 1))
        next_month = (
            timezone.datetime(month.year + 1, 1, 1)
            if month.month == 12
            else timezone.datetime(month.year, month.month + 1, 1)
        )
        return self.filter(start__gte=start, start__lt=timezone.make_aware(next_month))


class Session(models.Model):
    """One dated occurrence of a course. Edited inline on the course page."""

    course = ParentalKey(CoursePage, on_delete=models.CASCADE, related_name="sessions")
    title = models.CharField(
        _("title"), max_length=100, blank=True, help_text=_("Optional, e.g. 第一讲：认识儿童心理")
    )
    start = models.DateTimeField(_("starts"))
    end = models.DateTimeField(_("ends"))
    venue = models.ForeignKey(
        Venue, verbose_name=_("venue"), on_delete=models.PROTECT, related_name="sessions"
    )
    capacity = models.PositiveIntegerField(_("seats"), validators=[MinValueValidator(1)])
    booking_opens = models.DateTimeField(
        _("booking opens"), null=True, blank=True, help_text=_("Leave empty to open at once.")
    )
    booking_closes = models.DateTimeField(
        _("booking closes"),
        null=True,
        blank=True,
        help_text=_("Leave empty to close when the session starts."),
    )
    is_cancelled = models.BooleanField(_("cancelled"), default=False)
    # Seats held by confirmed bookings and open offers; kept by enrollment.services under the
    # session's row lock, so listings show seats left without counting bookings.
    seats_taken = models.PositiveIntegerField(_("seats taken"), default=0, editable=False)

    objects = SessionQuerySet.as_manager()

    panels = [
        "title",
        FieldRowPanel(["start", "end"]),
        "venue",
        "capacity",
        FieldRowPanel(["booking_opens", "booking_closes"]),
        "is_cancelled",
    ]

    class Meta:
        ordering = ["start"]
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        indexes = [
            models.Index(fields=["course", "start"], name="session_course_start"),
            models.Index(fields=["start"], name="session_start"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(end__gt=F("start")), name="session_end_after_start"),
            models.CheckConstraint(condition=Q(capacity__gte=1), name="session_capacity_gte_1"),
            models.CheckConstraint(
                condition=Q(booking_closes__isnull=True) | Q(booking_closes__lte=F("end")),
                name="session_booking_closes_before_end",
            ),
            models.CheckConstraint(
                condition=Q(booking_opens__isnull=True)
                | Q(booking_closes__isnull=True)
                | Q(booking_opens__lt=F("booking_closes")),
                name="session_booking_opens_before_closes",
            ),
        ]

    def __str__(self) -> str:
        local = timezone.localtime(self.start)
        return f"{local:%Y-%m-%d %H:%M} {self.title}".strip()

    def label(self) -> str:
        """The session as a message names it: its course (and its own title) and its start."""
        course = f"{self.course.title} · {self.title}" if self.title else self.course.title
        return gettext("%(course)s, %(when)s") % {"course": course, "when": local_when(self.start)}

    @property
    def specific_course(self) -> CoursePage:
        """The course as a TrainingCoursePage or SummerClassPage. Free when the session was
        fetched ``with_specific_course()``; otherwise one query, like ``Page.specific``."""
        course = self.course
        if "specific" not in course.__dict__:
            for name in COURSE_TYPES:
                relation = CoursePage._meta.get_field(name)  # reverse one-to-one to the child
                specific = relation.get_cached_value(course, default=None)
                if specific is not None:
                    course.__dict__["specific"] = specific  # Page.specific's cache
                    break
        return course.specific

    def clean(self):
        super().clean()
        errors = {}
        if self.start and self.end and self.end <= self.start:
            errors["end"] = _("The session must end after it starts.")
        if self.capacity is not None and self.capacity < 1:
            errors["capacity"] = _("A session needs at least one seat.")
        if self.booking_closes and self.end and self.booking_closes > self.end:
            errors["booking_closes"] = _("Booking must close before the session ends.")
        if self.booking_opens and self.booking_closes and self.booking_opens >= self.booking_closes:
            errors["booking_opens"] = _("Booking must open before it closes.")
        if errors:
            raise ValidationError(errors)

    @property
    def seats_left(self) -> int:
        return max(self.capacity - self.seats_taken, 0)

    @property
    def booking_close_time(self):
        return self.booking_closes or self.start

    def booking_status(self, now=None) -> str:
        """Where booking stands: ``cancelled``, ``closed``, ``not_open``, ``full`` or ``open``."""
        now = now or timezone.now()
        if self.is_cancelled:
            return "cancelled"
        if now >= self.booking_close_time:
            return "closed"
        if self.booking_opens and now < self.booking_opens:
            return "not_open"
        if self.seats_left <= 0:
            return "full"
        return "open"


class CourseIndexPage(Page):
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
        context.update(course_listing(index_page=self, params=request.GET))
        return context


class TrainingIndexPage(CourseIndexPage):
    subpage_types = ["courses.TrainingCoursePage"]

    class Meta:
        verbose_name = _("training index")


class SummerClassIndexPage(CourseIndexPage):
    subpage_types = ["courses.SummerClassPage"]

    class Meta:
        verbose_name = _("summer class index")
