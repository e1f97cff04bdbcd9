"""The people back office in the Wagtail admin under ``/admin/people/``: children,
volunteers, coordinators' counties and the audit log (pairs and attendance join the same menu
from their apps). Registered in ``people.wagtail_hooks``; every query goes through the county
scope (``people.scope``).

(Django's admin imports this package too, looking for ``admin`` modules; it registers nothing.)
"""
