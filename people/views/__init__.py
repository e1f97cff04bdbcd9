"""Views of the public pages about people: the volunteer application, a guardian's children,
/me/, and (account.py) a person's own account."""
