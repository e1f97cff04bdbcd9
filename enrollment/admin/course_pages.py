"""What the Wagtail page admin does about the bookings of course pages' sessions
(registered in ``enrollment.wagtail_hooks``):

- after the editor deleted a session that has bookings (kept and cancelled instead, see
  ``courses.admin_forms``), she is told so, and whether its bookings are cancelled yet
  (on publishing) or not (a draft, a page submitted for moderation, a scheduled publication);
- a page is not deleted, alone or in bulk, while a session of it or of a page under it has
  bookings (they are kept as history, and ``Booking.session`` protects them): the editor is
  told to cancel the sessions or unpublish the page instead.
"""

from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _

from wagtail.admin import messages
from wagtail.models import Page

from courses.admin_forms import sessions_cancelled_instead_of_deleted
from courses.models import CoursePage, Session
from enrollment.models import Booking

# A deleted page's message names at most this many of the booked courses under it.
MAX_TITLES = 5


def _tell_cancelled(request, when: str) -> None:
    messages.warning(
        request,
        _(
            "The session of %(when)s has bookings, so it was cancelled instead of deleted: "
            "its bookings are cancelled and everyone who booked is told."
        )
        % {"when": when},
    )


def _tell_cancelled_later(request, when: str) -> None:
    messages.warning(
        request,
        _(
            "The session of %(when)s has bookings, so it is kept and marked cancelled "
            "instead of deleted. Its bookings stand until the page is published; then they "
            "are cancelled and everyone who booked is told."
        )
        % {"when": when},
    )


def sessions_cancelled_on_publish(request, page):
    """``before_publish_page``: the revision is about to be published, and with it the
    sessions' cancellation (``enrollment.signals``), unless it is scheduled for later."""
    scheduled = page.go_live_at is not None and page.go_live_at > timezone.now()
    for _pk, when in sessions_cancelled_instead_of_deleted(page):
        (_tell_cancelled_later if scheduled else _tell_cancelled)(request, when)


def sessions_cancelled_on_save(request, page):
    """``after_edit_page``, for every other way of saving (a published page was reloaded,
    so it says nothing twice): cancelled only if the bookings are, e.g. by a moderator's
    approval publishing the page."""
    sessions = sessions_cancelled_instead_of_deleted(page)
    if not sessions:
        return
    still_booked = set(
        Session.objects.filter(
            pk__in=[pk for pk, _when in sessions], bookings__status__in=Booking.ACTIVE
        ).values_list("pk", flat=True)
    )
    for pk, when in sessions:
        (_tell_cancelled_later if pk in still_booked else _tell_cancelled)(request, when)


def _booked_courses(page: Page) -> list[CoursePage]:
    """``page`` and the course pages under it, those whose sessions have bookings (of any
    status)."""
    return list(
        CoursePage.objects.filter(path__startswith=page.path, sessions__bookings__isnull=False)
        .distinct()
        .order_by("path")
    )


def _refuse(request, page: Page, booked: list[CoursePage]) -> None:
    if [course.pk for course in booked] == [page.pk]:
        message = _(
            "“%(page)s” cannot be deleted: its sessions have bookings, which are kept as "
            "history. Cancel the sessions instead (tick “cancelled” and publish: everyone who "
            "booked is told), or unpublish the page."
        )
    else:
        message = _(
            "“%(page)s” cannot be deleted: sessions of the courses under it (%(courses)s) "
            "have bookings, which are kept as history. Cancel those sessions instead (tick "
            "“cancelled” and publish: everyone who booked is told), or unpublish the pages."
        )
    titles = [f"“{course.title}”" for course in booked[:MAX_TITLES]]
    if len(booked) > MAX_TITLES:
        titles.append("…")
    messages.error(request, message % {"page": page.title, "courses": ", ".join(titles)})


def refuse_deleting_booked_pages(request, page):
    """``before_delete_page`` (its confirmation and the deletion): back to the page."""
    booked = _booked_courses(page)
    if not booked:
        return None
    _refuse(request, page, booked)
    if [course.pk for course in booked] == [page.pk]:
        return redirect("wagtailadmin_pages:edit", page.pk)
    return redirect("wagtailadmin_explore", page.pk)


def refuse_bulk_deleting_booked_pages(request, action_type, objects, action):
    """``before_bulk_action``: deleting several pages at once deletes none of them if one
    would take booked sessions with it."""
    if action_type != "delete":
        return None
    refused = False
    for page in objects:
        if not isinstance(page, Page):
            continue
        booked = _booked_courses(page)
        if booked:
            _refuse(request, page, booked)
            refused = True
    return redirect(action.next_url) if refused else None
