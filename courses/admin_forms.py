"""The page editor's form for trainings and summer classes (``CoursePage.base_form_class``).

Sessions are edited inline on the course page, and bookings point at them. So that nothing
is silently dropped:

- a session that has bookings cannot be deleted from the editor: the editor is told to tick
  "cancelled" instead (publishing then cancels its bookings and tells everyone who booked,
  see ``enrollment.signals``);
- a session's capacity cannot go below the seats already taken.
"""

from django.forms.formsets import DELETION_FIELD_NAME
from django.utils import timezone
from django.utils.translation import gettext as _

from wagtail.admin.forms import WagtailAdminPageForm


def _label(session) -> str:
    return timezone.localtime(session.start).strftime("%Y-%m-%d %H:%M")


class CoursePageForm(WagtailAdminPageForm):
    def clean(self):
        cleaned_data = super().clean()
        formset = self.formsets.get("sessions")
        if formset is None or not formset.is_bound:
            return cleaned_data
        formset.is_valid()  # runs the sessions' own validation, so cleaned_data exists
        for form in formset.forms:
            session = form.instance
            if session.pk is None or not hasattr(form, "cleaned_data"):
                continue
            if form.cleaned_data.get(DELETION_FIELD_NAME):
                if session.bookings.exists():
                    message = _(
                        "The session of %(when)s has bookings and cannot be deleted. Keep it "
                        "and tick “cancelled” instead: its bookings are then cancelled and "
                        "everyone who booked is told."
                    ) % {"when": _label(session)}
                    self.add_error(None, message)
                    formset._non_form_errors.append(message)
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
        return cleaned_data
