"""Reads about people, by subject: ``applications``, ``accounts``, ``children``, ``me``."""
