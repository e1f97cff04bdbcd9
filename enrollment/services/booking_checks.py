"""Who may book what: the checks ``booking_create`` makes before and after it takes its
locks. They read and raise ``DomainError``; they change nothing."""

from datetime import datetime
from functools import reduce
from operator import or_

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from courses.models import Session, SummerClassPage, TrainingCoursePage
from courses.sessions import local_when
from enrollment.errors import ContactUnverified
from enrollment.models import Booking
from pairs.models import Pair
from people.errors import DomainError
from people.models import Child, User, Volunteer
from people.selectors.accounts import has_verified_contact


def check_contact(booker: User) -> None:
    if not has_verified_contact(booker):
        raise ContactUnverified()


def check_session_open(session: Session, now: datetime) -> None:
    if session.is_cancelled:
        raise DomainError(_("This session has been cancelled."))
    if session.start <= now:
        raise DomainError(_("This session has already started."))
    if session.booking_opens and now < session.booking_opens:
        raise DomainError(
            _("Booking opens on %(date)s.") % {"date": local_when(session.booking_opens)}
        )
    if now >= session.booking_close_time:
        raise DomainError(_("Booking for this session has closed."))


def check_clashes(
    *,
    session: Session,
    volunteer: Volunteer | None,
    child: Child | None,
    same_lesson: bool = False,
) -> None:
    """Refuse if the mother or the child is already booked on ``session`` or on another
    session at the same time, or (``same_lesson``: a training whose sessions are the same
    lesson) on another session of the same training; one query of their active bookings.
    Only meaningful with their rows locked (``lock_people``): before that it is a guess."""
    people = [Q(volunteer=volunteer)] if volunteer is not None else []
    people += [Q(child=child)] if child is not None else []
    when = Q(session=session) | Q(session__start__lt=session.end, session__end__gt=session.start)
    if same_lesson:
        when |= Q(session__course_id=session.course_id)
    found = Booking.objects.filter(reduce(or_, people), status__in=Booking.ACTIVE).filter(when)
    mother, kid, lesson = set(), set(), set()
    for session_id, volunteer_id, child_id, course_id in found.values_list(
        "session_id", "volunteer_id", "child_id", "session__course_id"
    ):
        if volunteer is not None and volunteer_id == volunteer.pk:
            mother.add(session_id)
            if course_id == session.course_id:
                lesson.add(session_id)
        if child is not None and child_id == child.pk:
            kid.add(session_id)
    if session.pk in mother:
        raise DomainError(_("You have already booked this session."))
    if same_lesson and lesson:
        raise DomainError(
            _(
                "You already have a seat for this training on another date. Its sessions are "
                "the same lesson, so one is enough; cancel that one first to change the date."
            )
        )
    if mother:
        raise DomainError(_("You have another session booked at the same time."))
    if session.pk in kid:
        raise DomainError(
            _("%(name)s is already booked for this session.") % {"name": child.first_name}
        )
    if kid:
        raise DomainError(
            _("%(name)s has another session booked at the same time.") % {"name": child.first_name}
        )


def check_mother(volunteer: Volunteer) -> None:
    if not volunteer.is_approved:
        raise DomainError(_("Only approved caring mothers can book."))


def check_child(child: Child, session: Session, course: SummerClassPage) -> None:
    if child.anonymised_at:
        raise DomainError(_("This child's record has been removed."))
    age = child.age_on(timezone.localtime(session.start).date())
    if age is None or not course.age_min <= age <= course.age_max:
        raise DomainError(
            _("This class is for children aged %(min)d to %(max)d; %(name)s will be %(age)s.")
            % {"min": course.age_min, "max": course.age_max, "name": child.first_name, "age": age}
        )


def people_for(
    *, session: Session, booker: User, child: Child | None
) -> tuple[str, Volunteer | None, Child | None]:
    """Who takes the seats, by the course's audience; raises DomainError if they may not."""
    course = session.specific_course
    if isinstance(course, TrainingCoursePage):
        if child is not None:
            raise DomainError(_("Trainings are for caring mothers only."))
        volunteer = Volunteer.objects.filter(user=booker).first()
        if volunteer is None:
            raise DomainError(_("Trainings are for caring mothers. Apply to become one first."))
        check_mother(volunteer)
        return Booking.Kind.MOTHER, volunteer, None
    if not isinstance(course, SummerClassPage):
        raise DomainError(_("This session cannot be booked."))
    if child is None:
        raise DomainError(_("Choose the child to book for."))
    if course.format == SummerClassPage.Format.PARENT_CHILD:
        volunteer = Volunteer.objects.filter(user=booker).first()
        pair = (
            Pair.objects.filter(mother=volunteer, child=child, status=Pair.Status.ACTIVE).exists()
            if volunteer
            else False
        )
        if not pair:
            raise DomainError(_("This class is for a caring mother with her paired child."))
        check_mother(volunteer)
        check_child(child, session, course)
        return Booking.Kind.PAIR, volunteer, child
    if child.guardian_id != booker.pk:
        raise DomainError(_("You can only book for your own children."))
    check_child(child, session, course)
    return Booking.Kind.CHILD, None, child
