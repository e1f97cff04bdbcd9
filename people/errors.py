"""The one error a refused change raises, in every app: services raise ``DomainError`` with a
translatable message; views and admin actions show it to the person."""


class DomainError(Exception):
    """A change the rules refuse. ``message`` is translatable and shown to the person;
    ``field`` names the form field it belongs to, if any."""

    def __init__(self, message, *, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field
