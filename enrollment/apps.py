from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EnrollmentConfig(AppConfig):
    name = "enrollment"
    verbose_name = _("Bookings")

    def ready(self):
        from courses.models import CoursePage
        from enrollment import signals  # noqa: F401 - connects its receivers
        from enrollment.admin.course_pages import CoursePageForm

        # The page editor's form for trainings and summer classes knows their sessions'
        # bookings: set here, before Wagtail builds the editor's form class.
        CoursePage.base_form_class = CoursePageForm
