"""The back office for people, in the Wagtail admin under ``/admin/people/``: children,
volunteers, pairs, the audit log and coordinators' counties. Registered in
``enrollment.wagtail_hooks``; every query goes through the county scope (``people.scope``).

(Django's admin imports this package too, looking for ``admin`` modules; it registers nothing.)
"""
