"""Every write about bookings: one function each, keyword arguments, one transaction.

Views, admin actions, tasks and tests call these; none of them edits a booking directly. A
refused change raises ``DomainError`` (``people.errors``) or one of its subclasses in
``enrollment.errors``, with a translatable message.
"""

from enrollment.errors import BookingChanged, ContactUnverified, SessionBusy
from enrollment.services.bookings import (
    booking_cancel,
    booking_create,
    bookings_release,
    offer_accept,
    offers_expire,
    session_offers_refresh,
)
from people.errors import DomainError

__all__ = [
    "BookingChanged",
    "ContactUnverified",
    "DomainError",
    "SessionBusy",
    "booking_cancel",
    "booking_create",
    "bookings_release",
    "offer_accept",
    "offers_expire",
    "session_offers_refresh",
]
