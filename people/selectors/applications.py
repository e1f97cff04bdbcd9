"""Reads for a caring mother's own application."""

from courses.models import TrainingIndexPage
from people.models import User, Volunteer


def own_application(user: User) -> Volunteer | None:
    """Her application to become a caring mother (with county and skills), if she made one."""
    return (
        Volunteer.objects.visible_to(user)
        .filter(user=user)
        .select_related("county")
        .prefetch_related("skills")
        .first()
    )


def training_index_url() -> str:
    """The address of the trainings listing, or empty if there is none yet."""
    index = TrainingIndexPage.objects.live().public().order_by("path").first()
    return index.url if index is not None else ""
