"""Calendar feeds (RFC 5545, written with ``icalendar``): the public feed of sessions
(``/calendar/sessions.ics``, filterable), one session to add to a calendar, and each
person's private feed (``/calendar/u/<token>.ics``) of her bookings and, for a caring
mother, her pairs' due visits.

- ``feed``: the calendar text (events, timezone, alarm), each event's text cached by a
  fingerprint of everything it shows;
- ``selectors``: what goes in each feed, and the validators of a conditional request;
- ``tokens``: the private feed's key, stored hashed, made or replaced by her;
- ``views``, ``urls``: mounted at ``/calendar/`` (``cms.urls``).
"""
