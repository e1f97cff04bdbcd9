"""What the people and pairs side announces, for the bookings side to act on.

People and pairs are the lower room, bookings the higher one (``people`` ← ``pairs`` ←
``enrollment`` in DESIGN.md): a lower room never calls a higher one's services, it sends
one of these and the higher room listens (``enrollment.signals``).

- ``volunteer_leaving(volunteer, note)``: her account is being deleted;
- ``child_leaving(child, note)``: the child's record is being removed (anonymised);
- ``pair_ended(pair, note)``: the pair has ended; their 亲子 bookings go with it.

They are sent inside the sender's transaction, so what the receivers do commits or rolls
back with it.
"""

from django.dispatch import Signal

volunteer_leaving = Signal()
child_leaving = Signal()
pair_ended = Signal()
