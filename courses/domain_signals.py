"""What the courses side announces, for the rooms above to act on (DESIGN.md: a lower room
sends a signal, a higher one listens).

- ``session_moved(session, previous)``: a saved session's start, end or venue changed;
  ``previous`` is a dict of what it was (``start``, ``end``, ``venue_id``). Sent once per
  change, after the transaction that saved it has committed (``courses.signals``); its
  ``session.sequence`` is already the new calendar sequence.
"""

from django.dispatch import Signal

session_moved = Signal()
