"""Views of the public pages about people (and, in account.py, a person's own account)."""
