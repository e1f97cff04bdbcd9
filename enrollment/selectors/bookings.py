"""Reads for the public booking pages: a session to book, who she may book it for (and why
not the others), her own bookings with waiting-list positions. Fixed query counts."""

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import Count, IntegerField, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _

from cms.kept_pages import kept_live_page
from courses.models import CoursePage, Session, SummerClassPage, TrainingCoursePage
from enrollment.errors import ContactUnverified
from enrollment.models import Booking
from pairs.selectors.pairs import own_active_pairs
from people.models import Child, User, Volunteer
from people.selectors.accounts import has_verified_contact
from people.selectors.children import own_children

Status = Booking.Status
PAST_BOOKINGS_SHOWN = 10
# What booking a child reads of her: the age check, the name in messages, whose child she is.
BOOKING_CHILD_FIELDS = ("name", "date_of_birth", "anonymised_at", "guardian")


def _visible_or_404(request: HttpRequest, page: CoursePage) -> None:
    """Wagtail's privacy settings (the page's own and its ancestors') apply to its booking
    pages too: whoever may not see the course page does not learn its title there either.
    One query (``cms.restrictions.ViewRestrictionsInOneQueryMixin``)."""
    if not all(rule.accept_request(request) for rule in page.get_view_restrictions()):
        raise Http404


def bookable_session_or_404(request: HttpRequest, session_id: int) -> tuple[Session, CoursePage]:
    """A session of a live course ``request`` may see, with its venue, and its course as its
    own page type. The course is kept between requests until a page is published, moved or
    made private (``cms.kept_pages``): reading it is about a quarter of a booking's work."""
    session = get_object_or_404(Session.objects.select_related("venue__county"), pk=session_id)
    course = kept_live_page(CoursePage, session.course_id)
    if course is None:
        raise Http404
    session.course = course  # its own type: ``session.specific_course`` costs nothing
    _visible_or_404(request, course)
    return session, course


def training_or_404(request: HttpRequest, course_page_id: int) -> TrainingCoursePage:
    """A series training she may see (of alternatives, one session is booked, never all)."""
    course = get_object_or_404(
        TrainingCoursePage.objects.live(),
        pk=course_page_id,
        session_plan=TrainingCoursePage.SessionPlan.SERIES,
    )
    _visible_or_404(request, course)
    return course


def training_sessions(course: TrainingCoursePage, now: datetime | None = None) -> list[Session]:
    """A training's sessions still to come, not cancelled, soonest first."""
    return list(Session.objects.upcoming(now).filter(course=course).select_related("venue__county"))


# Who she may book for ----------------------------------------------------------------------


@dataclass(frozen=True)
class ChildChoice:
    """One of her children (or her paired child) on a booking page: bookable, or why not."""

    child: Child
    name: str
    age: int | None
    reason: str = ""
    booking_id: int | None = None  # her booking of this very session, if the child has one

    @property
    def bookable(self) -> bool:
        return not self.reason


@dataclass
class BookingOptions:
    """What the booking page of one session offers the person who opened it."""

    kind: str  # Booking.Kind: mother (trainings), child or pair (classes)
    refusal: str = ""  # why she cannot book at all, if she cannot
    children: list[ChildChoice] = field(default_factory=list)
    existing: Booking | None = None  # her own active booking of this session (trainings)
    unverified: bool = False  # she must confirm her mobile number or email address first

    @property
    def bookable_children(self) -> list[ChildChoice]:
        return [choice for choice in self.children if choice.bookable]


def _active_bookings(session: Session) -> QuerySet[Booking]:
    """Active bookings of this session or of any session at the same time."""
    return Booking.objects.filter(
        status__in=Booking.ACTIVE, session__start__lt=session.end, session__end__gt=session.start
    )


def _child_reasons(
    children: list[Child], session: Session, course: SummerClassPage
) -> list[ChildChoice]:
    """Why each child can or cannot take this class, in two queries whatever their number."""
    day = timezone.localtime(session.start).date()
    booked: dict[int, set[int]] = {}
    this_session: dict[int, int] = {}  # child → her booking of this session
    rows = _active_bookings(session).filter(child__in=children)
    for booking_id, child_id, session_id in rows.values_list("pk", "child", "session"):
        booked.setdefault(child_id, set()).add(session_id)
        if session_id == session.pk:
            this_session[child_id] = booking_id
    choices = []
    for child in children:
        age = child.age_on(day)
        name = child.first_name
        reason = ""
        if age is None or not course.age_min <= age <= course.age_max:
            reason = _("This class is for ages %(min)d to %(max)d; %(name)s will be %(age)s.") % {
                "min": course.age_min,
                "max": course.age_max,
                "name": name,
                "age": age if age is not None else "?",
            }
        elif session.pk in booked.get(child.pk, ()):
            reason = _("%(name)s is already booked for this session.") % {"name": name}
        elif child.pk in booked:
            reason = _("%(name)s has another session booked at the same time.") % {"name": name}
        choices.append(
            ChildChoice(
                child=child,
                name=name,
                age=age,
                reason=reason,
                booking_id=this_session.get(child.pk) if reason else None,
            )
        )
    return choices


def booking_kind(course: CoursePage) -> str:
    """What a booking of this course is: a mother's, a child's or a pair's ("" if none)."""
    if isinstance(course, TrainingCoursePage):
        return Booking.Kind.MOTHER
    if isinstance(course, SummerClassPage):
        if course.format == SummerClassPage.Format.PARENT_CHILD:
            return Booking.Kind.PAIR
        return Booking.Kind.CHILD
    return ""


def training_options(user: User) -> BookingOptions:
    """Whether she may book trainings: approved caring mothers with a confirmed contact."""
    return _ask_for_contact(user, _mother_options(user))


def _mother_options(user: User) -> BookingOptions:
    options = BookingOptions(kind=Booking.Kind.MOTHER)
    volunteer = Volunteer.objects.filter(user=user).first()
    if volunteer is None or not volunteer.is_approved:
        options.refusal = _("Trainings are for approved caring mothers.")
    return options


def booking_options(user: User, session: Session, course: CoursePage) -> BookingOptions:
    """Whom ``user`` may book ``session`` for: herself (a training), her children of the right
    age (a class) or herself with her paired child (a 亲子 class), with reasons for the rest."""
    return _ask_for_contact(user, _booking_options(user, session, course))


def _ask_for_contact(user: User, options: BookingOptions) -> BookingOptions:
    """She may book only with a confirmed mobile number or email address (after the other
    reasons, which come first: confirming her number would not make her eligible)."""
    if not options.refusal and not has_verified_contact(user):
        options.refusal = ContactUnverified().message
        options.unverified = True
    return options


def _booking_options(user: User, session: Session, course: CoursePage) -> BookingOptions:
    kind = booking_kind(course)
    if kind == Booking.Kind.MOTHER:
        options = _mother_options(user)
        if not options.refusal:
            options.existing = Booking.objects.filter(
                session=session, volunteer__user=user, status__in=Booking.ACTIVE
            ).first()
        return options
    options = BookingOptions(kind=kind)
    if kind == Booking.Kind.PAIR:
        children = [pair.child for pair in own_active_pairs(user)]
        if not children:
            options.refusal = _(
                "This class is for a caring mother with her paired child; you have no active pair."
            )
    elif kind == Booking.Kind.CHILD:
        children = list(own_children(user))
        if not children:
            options.refusal = _("Add your child on your page first, then book the class.")
    else:
        options.refusal = _("This session cannot be booked.")
        return options
    if children:
        options.children = _child_reasons(children, session, course)
    return options


def bookable_children(user: User, course: CoursePage) -> dict[int, Child]:
    """The children she may name when booking a class (her own, or her paired children for a
    亲子 class), by id, in one query; the booking service judges the rest. Her own children
    come with only what a booking reads of them (``BOOKING_CHILD_FIELDS``): their other
    personal fields are not decrypted for it."""
    if not isinstance(course, SummerClassPage):
        return {}
    if course.format == SummerClassPage.Format.PARENT_CHILD:
        return {pair.child.pk: pair.child for pair in own_active_pairs(user)}
    children = own_children(user).select_related(None).only(*BOOKING_CHILD_FIELDS).order_by()
    return {child.pk: child for child in children}


# Her bookings --------------------------------------------------------------------------------


def _with_position(bookings: QuerySet[Booking]) -> QuerySet[Booking]:
    """Annotate ``queue_position``: 1 + the waiting entries of the same session ahead of it
    (first come, first served: waiting since earlier, or as long and booked earlier)."""
    ahead = (
        Booking.objects.filter(session=OuterRef("session"), status=Status.WAITLISTED)
        .filter(
            Q(waitlisted_at__lt=OuterRef("waitlisted_at"))
            | Q(waitlisted_at=OuterRef("waitlisted_at"), pk__lt=OuterRef("pk"))
        )
        .order_by()
        .values("session")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return bookings.annotate(
        queue_position=Coalesce(Subquery(ahead, output_field=IntegerField()), Value(0)) + 1
    )


def queue_position(booking: Booking) -> int:
    """Her place on the waiting list (1 = next)."""
    return _with_position(Booking.objects.filter(pk=booking.pk)).get().queue_position


def own_bookings(user: User) -> QuerySet[Booking]:
    """Every booking she made, with what its pages show fetched in the same query."""
    if not user.is_authenticated:
        return Booking.objects.none()
    return Booking.objects.filter(booker=user).select_related(
        "session__course", "session__venue__county", "child"
    )


def own_booking_or_404(user: User, booking_id: int) -> Booking:
    booking = _with_position(own_bookings(user)).filter(pk=booking_id).first()
    if booking is None:
        raise Http404("No such booking of yours")
    return booking


def cancel_deadline(booking: Booking) -> datetime:
    return booking.session.start - timedelta(hours=settings.BOOKING_CANCEL_DEADLINE_HOURS)


def can_cancel_now(booking: Booking, now: datetime | None = None) -> bool:
    """Whether she may still cancel it herself (a waiting place or an offer: always, until the
    session starts; a confirmed seat: until the deadline)."""
    now = now or timezone.now()
    if booking.status not in Booking.ACTIVE or booking.session.start <= now:
        return False
    return booking.status != Status.CONFIRMED or now < cancel_deadline(booking)


@dataclass(frozen=True)
class MyBookings:
    """The bookings part of ``/me/``."""

    offers: list[Booking]
    upcoming: list[Booking]
    waiting: list[Booking]
    past: list[Booking]

    def __bool__(self) -> bool:
        return bool(self.offers or self.upcoming or self.waiting or self.past)


def my_bookings(user: User, now: datetime | None = None) -> MyBookings:
    """Her offers, upcoming confirmed seats, waiting places (with positions) and her latest
    past bookings: two queries, however many bookings there are."""
    now = now or timezone.now()
    active = list(
        _with_position(
            own_bookings(user).filter(status__in=Booking.ACTIVE, session__end__gt=now)
        ).order_by("session__start", "pk")
    )
    past = list(
        own_bookings(user)
        .filter(Q(session__end__lte=now) | ~Q(status__in=Booking.ACTIVE))
        .order_by("-session__start", "-pk")[:PAST_BOOKINGS_SHOWN]
    )
    for booking in active:
        booking.can_cancel = can_cancel_now(booking, now)
    return MyBookings(
        offers=[b for b in active if b.status == Status.OFFERED],
        upcoming=[b for b in active if b.status == Status.CONFIRMED],
        waiting=[b for b in active if b.status == Status.WAITLISTED],
        past=past,
    )


def _by_session(bookings: QuerySet[Booking]) -> dict[int, list[Booking]]:
    found: dict[int, list[Booking]] = {}
    for booking in bookings.select_related("child").order_by("pk"):
        found.setdefault(booking.session_id, []).append(booking)
    return found


def own_session_bookings(user: User, sessions: list[Session]) -> dict[int, list[Booking]]:
    """Her active bookings of these sessions, by session id, in one query."""
    if not user.is_authenticated or not sessions:
        return {}
    return _by_session(
        Booking.objects.filter(booker=user, session__in=sessions, status__in=Booking.ACTIVE)
    )


def own_course_bookings(
    user: User, course_id: int, now: datetime | None = None
) -> dict[int, list[Booking]]:
    """Her active bookings of a course's sessions not yet over (those its page lists), by
    session id, in one query; none asked for an anonymous visitor. Course pages show the
    sessions kept rendered (``cms.fragments``) to whoever has none of them booked."""
    if not user.is_authenticated:
        return {}
    now = now or timezone.now()
    return _by_session(
        Booking.objects.filter(
            booker=user,
            session__course_id=course_id,
            session__end__gt=now,
            status__in=Booking.ACTIVE,
        )
    )
