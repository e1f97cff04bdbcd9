from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoursesConfig(AppConfig):
    name = "courses"
    verbose_name = _("Courses and classes")

    def ready(self):
        from cms import vocabulary
        from courses import signals  # noqa: F401 - connects its receivers

        vocabulary.keep(self.get_model("TrainingTopic"), self.get_model("ClassCategory"))
