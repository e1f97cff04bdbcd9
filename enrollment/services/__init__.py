"""Every write about people: one function each, keyword arguments, one transaction.

Views, admin actions, commands and tests call these; none of them edits these records
directly. A refused change raises ``DomainError`` with a translatable message.
"""

from enrollment.services.bookings import (
    booking_cancel,
    booking_create,
    bookings_release,
    offer_accept,
    offers_expire,
    session_offers_refresh,
)
from enrollment.services.children import (
    child_create,
    child_delete_by_guardian,
    child_update,
    privacy_consent_give,
)
from enrollment.services.errors import (
    BookingChanged,
    ContactUnverified,
    DomainError,
    SessionBusy,
)
from enrollment.services.pairs import pair_create, pair_end
from enrollment.services.people import account_delete
from enrollment.services.volunteers import (
    volunteer_apply,
    volunteer_approve,
    volunteer_decline,
    volunteer_request_info,
)

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
    "account_delete",
    "child_create",
    "child_delete_by_guardian",
    "child_update",
    "pair_create",
    "pair_end",
    "privacy_consent_give",
    "volunteer_apply",
    "volunteer_approve",
    "volunteer_decline",
    "volunteer_request_info",
]
