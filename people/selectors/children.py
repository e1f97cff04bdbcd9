"""Reads for a guardian's own children. Every query of a child goes through the county scope
(``visible_to``) and is then narrowed to her own records, so a page can never show someone
else's."""

from dataclasses import dataclass

from django.conf import settings
from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone

from people.models import Child, PrivacyConsent, User

CHILDREN_PER_PAGE = 20


def current_privacy_consent(user: User) -> PrivacyConsent | None:
    """Her agreement to the current version of the privacy notice for children, if given."""
    return PrivacyConsent.objects.filter(
        user=user, notice_version=settings.PRIVACY_NOTICE_VERSION
    ).first()


def own_children(user: User) -> QuerySet[Child]:
    """The children she added as their guardian and has not removed."""
    return (
        Child.objects.visible_to(user)
        .filter(guardian=user)
        .active()
        .select_related("county")
        .order_by("-created_at", "-pk")
    )


def own_child_or_404(user: User, child_id: int) -> Child:
    child = own_children(user).filter(pk=child_id).first()
    if child is None:
        raise Http404("No such child among yours")
    return child


@dataclass(frozen=True)
class OwnChild:
    """A guardian's child as her own list shows it."""

    child: Child
    age: int | None


def own_children_page(user: User, page: str | int | None = 1) -> Page:
    """A page of her children (``OwnChild`` rows), for ``/me/``."""
    today = timezone.localdate()
    children = Paginator(own_children(user), CHILDREN_PER_PAGE).get_page(page)
    children.object_list = [OwnChild(child=c, age=c.age_on(today)) for c in children.object_list]
    return children
