"""Views of the public pages about bookings (book a session, her bookings), the door check-in
and a mother's training record and certificates."""
