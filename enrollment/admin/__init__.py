"""The bookings side of the Wagtail admin: the attendance sheets (in the "People and pairs"
menu, ``/admin/people/sessions/``) and what the page editor does about the bookings of
course pages' sessions (``course_pages``). Registered in ``enrollment.wagtail_hooks``.

(Django's admin imports this package too, looking for ``admin`` modules; it registers nothing.)
"""
