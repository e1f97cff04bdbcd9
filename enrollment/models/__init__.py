from enrollment.models.bookings import Booking, BookingEvent

__all__ = ["Booking", "BookingEvent"]
