"""URLs for ``rush.py --floor``: the site's URLs, with the booking form's POST answered by a
view that signs the family in (session, user), reads the form, leaves a message and
redirects, but books nothing. The same burst against it measures what Django, the middleware
and the machine cost per request before any booking work: the floor under the rush's
latency. GET is the real booking page (the families' CSRF tokens come from it)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import path

from cms.urls import urlpatterns as site_urlpatterns
from enrollment.views.bookings import session_book


@login_required
def booking_floor(request: HttpRequest, session_id: int) -> HttpResponse:
    if request.method != "POST":
        return session_book(request, session_id)
    messages.success(request, f"child {request.POST.get('child', '')}")
    return redirect("people:me")


urlpatterns = [
    path("sessions/<int:session_id>/book/", booking_floor),
    *site_urlpatterns,
]
