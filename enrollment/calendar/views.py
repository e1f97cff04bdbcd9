"""The feeds and the page where she gets (or replaces) her private feed's link.

Feeds answer conditional requests: the validators are computed (one query) before anything
is rendered, and a client whose copy is current gets 304 without a body."""

import hashlib

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date
from django.views.decorators.http import require_GET, require_http_methods

from enrollment.calendar import selectors
from enrollment.calendar.feed import (
    CONTENT_TYPE,
    SessionItem,
    calendar_text,
    feed_cache,
    session_summary,
)
from enrollment.calendar.tokens import (
    calendar_token_created,
    calendar_token_owner_or_404,
    calendar_token_reset,
)
from enrollment.selectors.bookings import bookable_session_or_404


def _calendar_response(body: bytes, validators: selectors.Validators, filename: str):
    response = HttpResponse(body, content_type=CONTENT_TYPE)
    _set_validators(response, validators)
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def _set_validators(response: HttpResponse, validators: selectors.Validators) -> None:
    response["ETag"] = validators.etag
    if validators.last_modified:
        response["Last-Modified"] = http_date(validators.last_modified.timestamp())


def _not_modified(request: HttpRequest, validators: selectors.Validators):
    """A 304 when the client's copy is current, else None."""
    last_modified = validators.last_modified
    return get_conditional_response(
        request,
        etag=validators.etag,
        last_modified=int(last_modified.timestamp()) if last_modified else None,
    )


def _public(response: HttpResponse) -> HttpResponse:
    patch_cache_control(response, public=True, max_age=settings.CALENDAR_PUBLIC_MAX_AGE)
    return response


def _private(response: HttpResponse) -> HttpResponse:
    patch_cache_control(response, private=True, max_age=0, must_revalidate=True)
    return response


@require_GET
def sessions_feed(request: HttpRequest) -> HttpResponse:
    """``/calendar/sessions.ics?course=&kind=&county=``"""
    filters = selectors.FeedFilters.from_query(request.GET)
    if filters is None:
        raise Http404("No such feed")
    sessions = selectors.public_sessions(filters)
    validators = selectors.validators(sessions, filters)
    if (response := _not_modified(request, validators)) is not None:
        _set_validators(response, validators)
        return _public(response)
    # The same validators, the same text: kept whole, so that the many clients polling a
    # feed that has not changed cost a query and a cache read.
    key = f"calendar:feed:{validators.etag}:{request.get_host()}"
    body = feed_cache().get(key)
    if body is None:
        items = selectors.public_items(sessions, request)
        body = calendar_text(selectors.feed_name(filters, items), items)
        feed_cache().set(key, body, timeout=settings.CALENDAR_PUBLIC_MAX_AGE * 12)
    return _public(_calendar_response(body, validators, "sessions.ics"))


@require_GET
def session_event(request: HttpRequest, session_id: int) -> HttpResponse:
    """One session, to add to a calendar (the course page's "Add to my calendar")."""
    session, course = bookable_session_or_404(request, session_id)
    item = SessionItem(session, course.get_full_url(request), session.is_cancelled)
    validators = selectors.validators(
        type(session).objects.filter(pk=session.pk), "session", session.pk
    )
    if (response := _not_modified(request, validators)) is not None:
        _set_validators(response, validators)
        return _public(response)
    body = calendar_text(session_summary(session), [item])
    return _public(_calendar_response(body, validators, f"session-{session.pk}.ics"))


@require_GET
def personal_feed(request: HttpRequest, token: str) -> HttpResponse:
    """``/calendar/u/<token>.ics``: her bookings and due visits. The token is the key: no
    sign-in (calendar apps have none)."""
    user = calendar_token_owner_or_404(token)
    items = selectors.personal_items(user, request)
    due = selectors.due_visit_items(user)
    body = calendar_text(selectors.personal_feed_name(), items, due)
    etag = f'"{hashlib.sha256(body).hexdigest()[:32]}"'
    # Her feed changes with her bookings and the date (what is due) too: it was last
    # modified when this text was first served.
    first_served = feed_cache().get_or_set(
        f"calendar:served:{etag}", timezone.now, timeout=settings.CALENDAR_EVENT_CACHE_SECONDS
    )
    validators = selectors.Validators(etag=etag, last_modified=first_served)
    if (response := _not_modified(request, validators)) is not None:
        _set_validators(response, validators)
        return _private(response)
    return _private(_calendar_response(body, validators, "my-calendar.ics"))


def feed_links(request: HttpRequest, token: str) -> dict[str, str]:
    """Her feed's https address and the same as ``webcal://`` (which phones subscribe to)."""
    url = request.build_absolute_uri(reverse("calendar:personal_feed", args=[token]))
    return {"https": url, "webcal": "webcal://" + url.split("://", 1)[1]}


@login_required
@require_http_methods(["GET", "POST"])
def calendar_link(request: HttpRequest) -> HttpResponse:
    """GET: what the link is, and a button to get one (or a new one: the old stops
    working). POST: makes it and shows it, once, with how to subscribe."""
    context = {"created_at": calendar_token_created(request.user)}
    if request.method == "POST":
        token = calendar_token_reset(user=request.user)
        context = {"links": feed_links(request, token), "now": timezone.now()}
    response = render(request, "enrollment/calendar/link.html", context)
    response["Cache-Control"] = "no-store"
    return response
