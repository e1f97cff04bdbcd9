"""Reads for the course listings: filtered, upcoming-first, paginated, fixed query count."""

from django.core.paginator import Paginator
from django.db.models import OuterRef, Prefetch, Q, QuerySet, Subquery
from django.utils import timezone

from cms.cards import with_card_images
from cms.restrictions import public_q
from courses.forms import CourseFilterForm, SummerClassFilterForm, TrainingFilterForm
from courses.models import (
    CoursePage,
    Session,
    SummerClassIndexPage,
    SummerClassPage,
    TrainingCoursePage,
)

COURSES_PER_PAGE = 12


def upcoming_session_cards(*, now, limit: int) -> list[Session]:
    """The next ``limit`` sessions of live courses anyone may see (for the home page, which
    shows no image for them)."""
    return list(
        Session.objects.upcoming(now)
        .filter(course__in=CoursePage.objects.live().filter(public_q()).values("pk"))
        .with_specific_course()  # its audience: a training, a class for children, a 亲子 class
        .select_related("course", "venue__county")[:limit]
    )


def _upcoming_months(index_page, now) -> list:
    courses = CoursePage.objects.live().filter(public_q(), path__startswith=index_page.path)
    sessions = Session.objects.upcoming(now).filter(course__in=courses.values("pk"))
    return [
        dt.date()
        for dt in sessions.datetimes("start", "month", tzinfo=timezone.get_current_timezone())
    ]


def _apply_filters(
    courses: QuerySet, sessions: QuerySet, filters: dict
) -> tuple[QuerySet, QuerySet]:
    """Narrow courses and the sessions shown for them by the form's filters."""
    if county := filters.get("county"):
        if courses.model is TrainingCoursePage:
            courses = courses.filter(Q(county=county) | Q(county__isnull=True))
        else:
            courses = courses.filter(county=county)
    if month := filters.get("month"):
        sessions = sessions.in_month(month)
    if topic := filters.get("topic"):
        courses = courses.filter(topics=topic)
    if stage := filters.get("stage"):
        courses = courses.filter(stage=stage)
    if category := filters.get("category"):
        courses = courses.filter(category=category)
    if course_format := filters.get("format"):
        courses = courses.filter(format=course_format)
    if (age := filters.get("age")) is not None:
        courses = courses.filter(age_min__lte=age, age_max__gte=age)
    return courses, sessions


def course_listing(*, index_page, params, now=None) -> dict:
    """Context for a training or summer-class index: courses with sessions still to come,
    soonest first, each with its upcoming sessions (and seats left) prefetched."""
    now = now or timezone.now()
    is_summer = isinstance(index_page, SummerClassIndexPage)
    form_class: type[CourseFilterForm] = SummerClassFilterForm if is_summer else TrainingFilterForm
    form = form_class(params or None, months=_upcoming_months(index_page, now))
    model = SummerClassPage if is_summer else TrainingCoursePage

    # Courses under a view restriction (Wagtail's privacy setting) are listed to nobody.
    courses = model.objects.live().filter(public_q()).child_of(index_page)
    sessions = Session.objects.upcoming(now)
    courses, sessions = _apply_filters(courses, sessions, form.filters() if params else {})

    courses = (
        courses.annotate(
            next_start=Subquery(sessions.filter(course=OuterRef("pk")).values("start")[:1])
        )
        .filter(next_start__isnull=False)
        .order_by("next_start", "pk")
    )
    related = ["county", "category", "partner"] if is_summer else ["county"]
    prefetch = [
        Prefetch(
            "sessions", queryset=sessions.select_related("venue"), to_attr="upcoming_sessions"
        ),
    ]
    if not is_summer:
        prefetch.append("topics")
    courses = with_card_images(courses.select_related(*related).prefetch_related(*prefetch))

    page_obj = Paginator(courses, COURSES_PER_PAGE).get_page(params.get("page"))
    query = params.copy()
    query.pop("page", None)
    return {
        "filter_form": form,
        "is_summer": is_summer,
        "page_obj": page_obj,
        "courses": page_obj.object_list,
        "filter_query": query.urlencode(),
        "is_filtered": any(v for k, v in params.items() if k != "page"),
    }


def course_sessions(course: CoursePage, now=None) -> QuerySet[Session]:
    """A course page's sessions not yet over, soonest first, with their venues. Cancelled
    sessions stay listed (marked as such) so that people who planned to come find out. Not
    run until the page shows them (they may be kept rendered: ``cms.fragments``)."""
    now = now or timezone.now()
    return (
        Session.objects.filter(course=course, end__gt=now)
        .order_by("start")
        .select_related("venue__county")
    )
