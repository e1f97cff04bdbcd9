"""Reads about pairs, by subject: ``pairs``."""
