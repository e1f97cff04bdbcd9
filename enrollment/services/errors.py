from django.utils.translation import gettext as _


class DomainError(Exception):
    """A change the rules refuse. ``message`` is translatable and shown to the person;
    ``field`` names the form field it belongs to, if any."""

    def __init__(self, message, *, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field


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
