"""Reads about bookings, by subject: ``bookings``, ``attendance``, ``training``, ``certificates``."""
