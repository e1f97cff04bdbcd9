"""What the bookings side refuses, as ``DomainError`` subclasses (``people.errors``)."""

from django.utils.translation import gettext as _

from people.errors import DomainError


class SessionBusy(DomainError):
    def __init__(self):
        super().__init__(_("Many people are booking this session right now. Please try again."))


class ContactUnverified(DomainError):
    def __init__(self):
        super().__init__(
            _(
                "Confirm your mobile number or your email address before booking, so that we "
                "can reach you about your seat."
            )
        )


class BookingChanged(DomainError):
    def __init__(self):
        super().__init__(
            _("This booking has just changed. Please reload the page to see where it stands.")
        )
