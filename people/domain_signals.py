"""What the people side announces, for the rooms above to act on.

People are the lowest of the rooms that keep personal records (``people`` ← ``pairs`` ←
``enrollment`` in DESIGN.md): a lower room never calls a higher one's services, it sends one
of these and the higher rooms listen (``pairs.signals``, ``enrollment.signals``).

- ``volunteer_leaving(volunteer, note)``: her account is being deleted; her pairs end and
  her bookings still to come are released;
- ``child_leaving(child, note)``: the child's record is being removed (anonymised); the
  child's pairs end and bookings still to come are released.

They are sent inside the sender's transaction, so what the receivers do commits or rolls
back with it.
"""

from django.dispatch import Signal

volunteer_leaving = Signal()
child_leaving = Signal()
