"""Receivers (connected in ``EnrollmentConfig.ready``).

A session's seats left changed (``enrollment.domain_signals.seats_changed``) or it moved
(``courses.domain_signals.session_moved``): its course page, that page's index and the home
page, which show it, are purged from the page cache.

People leaving (``people.domain_signals``) and pairs ending (``pairs.domain_signals``) release their bookings still
to come.

What publishing a course page does to its sessions' bookings, state-based, so publishing
twice is harmless:

- a session ticked "cancelled" that still has active bookings → ``session_cancel`` (its
  bookings are cancelled and everyone who booked is told);
- a session with free seats and people waiting (its capacity was raised) →
  ``session_offers_refresh`` (the seats are offered to the waiting list in order).

A session that has bookings is never deleted from the editor: the editor's form
(``enrollment.admin.course_pages.CoursePageForm``) keeps it and ticks "cancelled" instead, so the
first case above cancels its bookings when the page is published. Saving a draft, or
submitting it for moderation, changes no booking: only publishing does. A page whose
sessions have bookings is not deleted (same module).
"""

from django.db.models import F
from django.dispatch import receiver

from wagtail.signals import page_published

from cms.page_cache import purge_page
from courses.domain_signals import session_moved
from courses.models import CoursePage, Session
from enrollment.domain_signals import seats_changed
from enrollment.models import Booking
from enrollment.services import bookings_release, session_offers_refresh
from enrollment.services.sessions import session_cancel
from pairs.domain_signals import pair_ended
from people.domain_signals import child_leaving, volunteer_leaving


@receiver(page_published, dispatch_uid="enrollment_course_published")
def course_published(sender, instance, revision=None, **kwargs) -> None:
    if not isinstance(instance, CoursePage):
        return
    actor = getattr(revision, "user", None)
    sessions = Session.objects.filter(course_id=instance.pk)
    cancelled = sessions.filter(is_cancelled=True, bookings__status__in=Booking.ACTIVE)
    for session in cancelled.distinct():
        session_cancel(session=session, actor=actor)
    with_room = sessions.filter(
        is_cancelled=False,
        seats_taken__lt=F("capacity"),
        bookings__status=Booking.Status.WAITLISTED,
    )
    for session in with_room.distinct():
        session_offers_refresh(session=session)


@receiver(seats_changed, dispatch_uid="enrollment_seats_changed_page_cache")
def purge_pages_showing_seats(sender, session: Session, **kwargs) -> None:
    purge_page(session.course)


@receiver(session_moved, dispatch_uid="enrollment_session_moved_page_cache")
def purge_pages_showing_moved_session(sender, session: Session, **kwargs) -> None:
    purge_page(session.course, times_changed=True)


@receiver(volunteer_leaving, dispatch_uid="enrollment_volunteer_leaving")
def release_volunteers_bookings(sender, volunteer, note: str, **kwargs) -> None:
    bookings_release(volunteer=volunteer, note=note)


@receiver(child_leaving, dispatch_uid="enrollment_child_leaving")
def release_childs_bookings(sender, child, note: str, **kwargs) -> None:
    bookings_release(child=child, note=note)


@receiver(pair_ended, dispatch_uid="enrollment_pair_ended")
def release_pairs_bookings(sender, pair, note: str, **kwargs) -> None:
    """Their 亲子 bookings still to come: the class is for the two of them."""
    bookings_release(volunteer=pair.mother, child=pair.child, note=note)
