"""What the courses side announces, for the sides that depend on it."""

from django.dispatch import Signal

session_moved = Signal()
