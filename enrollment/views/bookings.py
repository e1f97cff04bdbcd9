"""Booking pages, no JavaScript needed: a confirmation page per session (whom to book for),
a whole training in one step, her booking with its check-in code, cancelling, offers.

Every write goes through ``enrollment.services``; a refusal (``DomainError``, including
``SessionBusy``) is shown to the person as a message, never a server error."""

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from courses.models import Session
from enrollment import services
from enrollment.forms.bookings import BookingForm
from enrollment.models import Booking
from enrollment.selectors import bookings as selectors


def _who(booking: Booking) -> str:
    if booking.kind == Booking.Kind.MOTHER:
        return _("you")
    if booking.kind == Booking.Kind.PAIR:
        return _("you and %(name)s") % {"name": booking.child.first_name}
    return booking.child.first_name


def booking_outcome(booking: Booking, *, with_position: bool = True) -> str:
    """What a new booking came to, in one sentence: a seat, or a place on the waiting list
    (its position costs a query; the booking page shows it too)."""
    if booking.status == Booking.Status.CONFIRMED:
        return _("Booked: %(session)s for %(who)s. The seat is confirmed.") % {
            "session": booking.session.label(),
            "who": _who(booking),
        }
    if not with_position:
        return _(
            "The session is full: %(who)s is on the waiting list for %(session)s. If a seat "
            "frees up, we offer it to you."
        ) % {"who": _who(booking), "session": booking.session.label()}
    position = selectors.queue_position(booking)
    return _(
        "The session is full: %(who)s is on the waiting list for %(session)s, position "
        "%(position)d. If a seat frees up, we offer it to you."
    ) % {"who": _who(booking), "session": booking.session.label(), "position": position}


def _choices(options: selectors.BookingOptions) -> list[tuple[int, str]]:
    return [(choice.child.pk, choice.name) for choice in options.bookable_children]


def _book_page(
    request: HttpRequest, session: Session, course, form: BookingForm | None = None
) -> HttpResponse:
    options = selectors.booking_options(request.user, session, course)
    if form is None:
        form = BookingForm(kind=options.kind, choices=_choices(options))
    return render(
        request,
        "enrollment/bookings/book.html",
        {
            "session": session,
            "course": course,
            "options": options,
            "form": form,
            "status": session.booking_status(),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def session_book(request: HttpRequest, session_id: int) -> HttpResponse:
    """GET: the confirmation page. POST (field ``child``, one or more ids for a class): book."""
    session, course = selectors.bookable_session_or_404(request, session_id)
    if request.method == "GET":
        return _book_page(request, session, course)

    kind = selectors.booking_kind(course)
    children = selectors.bookable_children(request.user, course)
    form = BookingForm(request.POST, kind=kind, choices=[(pk, str(pk)) for pk in children])
    if not form.is_valid():
        return _book_page(request, session, course, _rebound(request, session, course, form))
    booked, refused = [], []
    for child_id in form.child_ids():
        try:
            booking = services.booking_create(
                session=session, booker=request.user, child=children.get(child_id)
            )
        except services.DomainError as error:
            refused.append(error.message)
        else:
            booked.append(booking)
    if not booked:
        form = _rebound(request, session, course, form)
        for message in refused:
            form.add_error(None, message)
        return _book_page(request, session, course, form)
    for booking in booked:  # the page she is sent to shows her place on a waiting list
        confirmed = booking.status == Booking.Status.CONFIRMED
        outcome = booking_outcome(booking, with_position=False)
        (messages.success if confirmed else messages.warning)(request, outcome)
    for message in refused:
        messages.error(request, message)
    if len(booked) == 1 and not refused:
        return redirect("enrollment:booking_detail", booked[0].pk)
    return redirect("people:me")


def _rebound(request: HttpRequest, session: Session, course, form: BookingForm) -> BookingForm:
    """The submitted form again, with the children's names, to show its errors."""
    options = selectors.booking_options(request.user, session, course)
    rebound = BookingForm(request.POST, kind=options.kind, choices=_choices(options))
    rebound.is_valid()
    for error in form.non_field_errors():
        if error not in rebound.non_field_errors():
            rebound.add_error(None, error)
    return rebound


@dataclass(frozen=True)
class SessionOutcome:
    session: Session
    booking: Booking | None
    message: str


def _outcome_summary(outcomes: list[SessionOutcome]) -> str:
    statuses = [outcome.booking.status if outcome.booking else "" for outcome in outcomes]
    return _("%(confirmed)d confirmed, %(waiting)d on the waiting list, %(refused)d not booked") % {
        "confirmed": statuses.count(Booking.Status.CONFIRMED),
        "waiting": statuses.count(Booking.Status.WAITLISTED),
        "refused": statuses.count(""),
    }


@login_required
@require_http_methods(["GET", "POST"])
def training_book_all(request: HttpRequest, course_page_id: int) -> HttpResponse:
    """Book every upcoming session of a training in one step; say what became of each."""
    course = selectors.training_or_404(request, course_page_id)
    sessions = selectors.training_sessions(course)
    options = selectors.training_options(request.user)
    outcomes: list[SessionOutcome] = []
    if request.method == "POST" and not options.refusal:
        for session in sessions:
            try:
                booking = services.booking_create(session=session, booker=request.user)
            except services.DomainError as error:
                outcomes.append(SessionOutcome(session, None, error.message))
            else:
                outcomes.append(SessionOutcome(session, booking, booking_outcome(booking)))
    mine = selectors.own_session_bookings(request.user, sessions)
    return render(
        request,
        "enrollment/bookings/book_all.html",
        {
            "course": course,
            "sessions": [(session, mine.get(session.pk, [])) for session in sessions],
            "options": options,
            "outcomes": outcomes,
            "summary": _outcome_summary(outcomes) if outcomes else "",
        },
    )


@login_required
def booking_detail(request: HttpRequest, booking_id: int) -> HttpResponse:
    booking = selectors.own_booking_or_404(request.user, booking_id)
    return render(
        request,
        "enrollment/bookings/detail.html",
        {
            "booking": booking,
            "who": _who(booking),
            "can_cancel": selectors.can_cancel_now(booking),
            "cancel_deadline": selectors.cancel_deadline(booking),
            "now": timezone.now(),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def booking_cancel(request: HttpRequest, booking_id: int) -> HttpResponse:
    """GET: are you sure? POST: cancel a seat, leave the waiting list or decline an offer."""
    booking = selectors.own_booking_or_404(request.user, booking_id)
    if request.method == "POST":
        was = booking.status
        try:
            services.booking_cancel(booking=booking, actor=request.user)
        except services.DomainError as error:
            messages.error(request, error.message)
            return redirect("enrollment:booking_detail", booking.pk)
        done = {
            Booking.Status.WAITLISTED: _("You have left the waiting list for %(session)s."),
            Booking.Status.OFFERED: _("You have declined the seat offered for %(session)s."),
        }.get(was, _("Your booking for %(session)s is cancelled."))
        messages.success(request, done % {"session": booking.session.label()})
        return redirect("people:me")
    return render(
        request,
        "enrollment/bookings/cancel.html",
        {
            "booking": booking,
            "is_active": booking.status in Booking.ACTIVE,
            "who": _who(booking),
            "can_cancel": selectors.can_cancel_now(booking),
            "cancel_deadline": selectors.cancel_deadline(booking),
        },
    )


@login_required
@require_POST
def offer_accept(request: HttpRequest, booking_id: int) -> HttpResponse:
    """Take the seat offered (the button is on /me/ and on the booking's page)."""
    booking = selectors.own_booking_or_404(request.user, booking_id)
    try:
        services.offer_accept(booking=booking, actor=request.user)
    except services.DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("Your seat for %(session)s is confirmed.") % {"session": booking.session.label()},
        )
    return redirect("enrollment:booking_detail", booking.pk)
