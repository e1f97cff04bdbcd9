"""The page editor's form for trainings and summer classes (``CoursePage.base_form_class``).

Sessions are edited inline on the course page, and bookings point at them. So that nothing
is silently dropped:

- a session that has bookings (of any status: they are its history) is never deleted from
  the editor: deleting it keeps it and ticks "cancelled" instead. Publishing the page then
  cancels its bookings and tells everyone who booked (``enrollment.signals``); saving a draft
  changes no booking. The editor is told which sessions were kept (the hooks in
  ``enrollment.admin.course_pages`` read ``sessions_cancelled_instead_of_deleted``);
- a session's capacity cannot go below the seats already taken.
"""

from django.forms.formsets import DELETION_FIELD_NAME
from django.utils import timezone
from django.utils.translation import gettext as _

from wagtail.admin.forms import WagtailAdminPageForm

# Set on the page instance the form saves: [(session id, label), …] of the sessions kept and
# cancelled instead of deleted.
_CANCELLED_INSTEAD = "_sessions_cancelled_instead_of_deleted"


def session_label(start) -> str:
    """How the editor's messages name a session: by its start, in local time."""
    return timezone.localtime(start).strftime("%Y-%m-%d %H:%M")


def sessions_cancelled_instead_of_deleted(page) -> list[tuple[int, str]]:
    """The sessions (id, label) that the editor's form on ``page`` kept and cancelled
    instead of deleting; read once, so that the editor is told once."""
    return page.__dict__.pop(_CANCELLED_INSTEAD, [])


def _when(form) -> str:
    """The session's start as saved, not as (perhaps) changed in the form."""
    return session_label(form.initial.get("start") or form.instance.start)


class CoursePageForm(WagtailAdminPageForm):
    def clean(self):
        cleaned_data = super().clean()
        formset = self.formsets.get("sessions")
        if formset is None or not formset.is_bound:
            return cleaned_data
        formset.is_valid()  # runs the sessions' own validation, so cleaned_data exists
        cancelled_instead = []
        for form in formset.forms:
            session = form.instance
            if session.pk is None or not hasattr(form, "cleaned_data"):
                continue
            if form.cleaned_data.get(DELETION_FIELD_NAME):
                if session.bookings.exists() and self._cancel_instead_of_delete(formset, form):
                    cancelled_instead.append((session.pk, _when(form)))
                continue
            capacity = form.cleaned_data.get("capacity")
            if capacity is not None and capacity < session.seats_taken:
                form.add_error(
                    "capacity",
                    _(
                        "%(taken)d seats of this session are already taken; the capacity "
                        "cannot be lower. Cancel bookings first if there must be fewer seats."
                    )
                    % {"taken": session.seats_taken},
                )
        if cancelled_instead:
            # The formset worked out its deleted forms when it was validated; again, now.
            formset.__dict__.pop("_deleted_form_indexes", None)
        setattr(self.instance, _CANCELLED_INSTEAD, cancelled_instead)
        return cleaned_data

    def _cancel_instead_of_delete(self, formset, form) -> bool:
        """Keep the booked session of ``form`` and mark it cancelled. The formset ignores the
        errors of a deleted form; kept, its errors count: they are reported on the page."""
        if form.errors:
            details = "; ".join(
                str(message) for messages in form.errors.values() for message in messages
            )
            message = _(
                "The session of %(when)s has bookings, so it is kept and cancelled instead "
                "of deleted, but its details are not valid (%(errors)s). Reload the page and "
                "delete it again."
            ) % {"when": _when(form), "errors": details}
            self.add_error(None, message)
            formset._non_form_errors.append(message)
            return False
        form.cleaned_data[DELETION_FIELD_NAME] = False
        form.cleaned_data["is_cancelled"] = True
        # The session was built from the form's data when the formset was validated.
        form.instance.is_cancelled = True
        return True
