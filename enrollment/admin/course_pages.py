"""What the Wagtail page editor does about the bookings of course pages' sessions, in one
place: the editor's form (set as ``CoursePage.base_form_class`` by ``EnrollmentConfig.ready``)
and the page admin's hooks (registered in ``enrollment.wagtail_hooks``).

- A session that has bookings (of any status: they are its history) is never deleted from
  the editor: when she deletes it, the form keeps it and ticks "cancelled" instead, by
  changing the submitted data before the sessions' formset reads it. Publishing the page
  then cancels its bookings and tells everyone who booked (``enrollment.signals``); saving a
  draft changes no booking. She is told which sessions were kept, and whether their bookings
  are cancelled yet (on publishing) or not (a draft, a page submitted for moderation, a
  scheduled publication).
- A session's capacity cannot go below the seats already taken.
- A page is not deleted, alone or in bulk, while a session of it or of a page under it has
  bookings (they are kept as history, and ``Booking.session`` protects them): the editor is
  told to cancel the sessions or unpublish the page instead.

The form hands the kept sessions to the hooks as ``page.sessions_kept_as_cancelled`` on the
page it saves, the instance Wagtail passes to ``before_publish_page`` and, for a draft,
``after_edit_page`` (after publishing, Wagtail passes a page it loaded again, without it, so
she is told once).
"""

from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _

from wagtail.admin import messages
from wagtail.models import Page

from courses.models import CoursePage, Session
from enrollment.models import Booking
from people.privacy_guard import PrivacyGuardedPageForm

SESSIONS = "sessions"  # the inline panel's relation (Session.course, related_name)
KEPT = "sessions_kept_as_cancelled"  # set on the saved page: [(session id, label), …]


def session_label(start) -> str:
    """How the editor's messages name a session: by its start, in local time."""
    return timezone.localtime(start).strftime("%Y-%m-%d %H:%M")


class CoursePageForm(PrivacyGuardedPageForm):
    def __init__(self, data=None, files=None, *args, **kwargs):
        if data is not None:
            data = data.copy()  # request.POST is immutable; kept sessions are rewritten
        super().__init__(data, files, *args, **kwargs)
        self.kept_sessions = self._keep_booked_sessions() if self.is_bound else []

    def _keep_booked_sessions(self) -> list:
        """The forms of booked sessions the editor deleted, turned into "cancelled"."""
        formset = self.formsets.get(SESSIONS)
        if formset is None:
            return []
        deleted = [
            form
            for form in formset.initial_forms
            if form.instance.pk is not None
            and form.fields["DELETE"].widget.value_from_datadict(
                self.data, self.files, form.add_prefix("DELETE")
            )
        ]
        booked = set(
            Session.objects.filter(
                pk__in=[form.instance.pk for form in deleted], bookings__isnull=False
            ).values_list("pk", flat=True)
        )
        kept = [form for form in deleted if form.instance.pk in booked]
        for form in kept:
            self.data[form.add_prefix("DELETE")] = ""
            self.data[form.add_prefix("is_cancelled")] = "on"
        return kept

    def clean(self):
        cleaned_data = super().clean()
        formset = self.formsets.get(SESSIONS)
        if formset is None or not formset.is_bound:
            return cleaned_data
        formset.is_valid()  # the sessions' own validation first, so cleaned_data exists
        for form in self.kept_sessions:
            if form.errors:
                details = "; ".join(
                    str(message) for messages in form.errors.values() for message in messages
                )
                self.add_error(
                    None,
                    _(
                        "The session of %(when)s has bookings, so it is kept and cancelled "
                        "instead of deleted, but its details are not valid (%(errors)s). Reload "
                        "the page and delete it again."
                    )
                    % {"when": session_label(form.instance.start), "errors": details},
                )
        for form in formset.forms:
            session = form.instance
            capacity = getattr(form, "cleaned_data", {}).get("capacity")
            if session.pk is None or capacity is None or capacity >= session.seats_taken:
                continue
            form.add_error(
                "capacity",
                _(
                    "%(taken)d seats of this session are already taken; the capacity "
                    "cannot be lower. Cancel bookings first if there must be fewer seats."
                )
                % {"taken": session.seats_taken},
            )
        return cleaned_data

    def save(self, commit=True):
        page = super().save(commit=commit)
        setattr(
            page,
            KEPT,
            [
                (form.instance.pk, session_label(form.initial["start"]))
                for form in self.kept_sessions
            ],
        )
        return page


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
    for _pk, when in getattr(page, KEPT, []):
        (_tell_cancelled_later if scheduled else _tell_cancelled)(request, when)


def sessions_cancelled_on_save(request, page):
    """``after_edit_page``, for every other way of saving (a published page was loaded
    again, without the kept sessions, so it says nothing twice): cancelled only if the
    bookings are."""
    sessions = getattr(page, KEPT, [])
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
