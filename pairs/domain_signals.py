"""What the pairs side announces, for the bookings side to act on (``enrollment.signals``).

- ``pair_ended(pair, note)``: the pair has ended; their 亲子 bookings still to come go with
  it.

Sent inside the sender's transaction, so what the receivers do commits or rolls back with
it.
"""

from django.dispatch import Signal

pair_ended = Signal()
