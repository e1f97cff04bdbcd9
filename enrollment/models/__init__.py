from enrollment.models.bookings import Booking, BookingEvent
from enrollment.models.calendar_tokens import CalendarToken

__all__ = ["Booking", "BookingEvent", "CalendarToken"]
