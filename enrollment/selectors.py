"""Reads for the public pages about people: a person's own application, children and pairs.

Every query of a child or a pair goes through the county scope (``visible_to``) and is then
narrowed to the person's own records, so a page can never show someone else's.
"""

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone

from allauth.account.models import EmailAddress

from courses.models import TrainingIndexPage
from enrollment.models import Child, Pair, PrivacyConsent, User, Volunteer

CHILDREN_PER_PAGE = 20


def own_application(user: User) -> Volunteer | None:
    """Her application to become a caring mother (with county and skills), if she made one."""
    return (
        Volunteer.objects.visible_to(user)
        .filter(user=user)
        .select_related("county")
        .prefetch_related("skills")
        .first()
    )


def has_verified_contact(user: User) -> bool:
    """Whether she confirmed a mobile number (by code) or an email address (by link), so the
    platform can reach her about a seat. Booking needs it: a seat held by an account nobody
    answers is a seat lost to a family on the waiting list."""
    if user.phone_verified:
        return True
    return EmailAddress.objects.filter(user=user, verified=True).exists()


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


def own_active_pairs(user: User) -> QuerySet[Pair]:
    """Her active pairs as a caring mother, each with its child."""
    return (
        Pair.objects.visible_to(user)
        .active()
        .filter(mother__user=user)
        .select_related("child")
        .order_by("started_on", "pk")
    )


@dataclass(frozen=True)
class PairedChild:
    """All a caring mother may know of her paired child: given name, age and needs. Templates
    get this, never the child's record, so they cannot show more by mistake."""

    pair_id: int
    first_name: str
    age: int | None
    needs: str
    started_on: date

    @classmethod
    def of(cls, pair: Pair, today: date) -> "PairedChild":
        child = pair.child
        return cls(
            pair_id=pair.pk,
            first_name=child.first_name,
            age=child.age_on(today),
            needs=child.needs or "",
            started_on=pair.started_on,
        )


@dataclass(frozen=True)
class OwnChild:
    """A guardian's child as her own list shows it."""

    child: Child
    age: int | None


@dataclass(frozen=True)
class MyPage:
    """What ``/me/`` shows: her application, her paired children, a page of her children."""

    application: Volunteer | None
    paired_children: list[PairedChild]
    children: Page
    contact_confirmed: bool  # booking needs a confirmed mobile number or email address


def paired_child_or_404(user: User, pair_id: int) -> PairedChild:
    """The child of one of her active pairs; 404 for any other pair, hers or not."""
    pair = own_active_pairs(user).filter(pk=pair_id).first()
    if pair is None:
        raise Http404("No such active pair of yours")
    return PairedChild.of(pair, timezone.localdate())


def my_page(user: User, *, children_page: str | int | None = 1) -> MyPage:
    """Everything on ``/me/`` in a fixed number of queries, however many rows there are."""
    today = timezone.localdate()
    children = Paginator(own_children(user), CHILDREN_PER_PAGE).get_page(children_page)
    children.object_list = [OwnChild(child=c, age=c.age_on(today)) for c in children.object_list]
    return MyPage(
        application=own_application(user),
        paired_children=[PairedChild.of(pair, today) for pair in own_active_pairs(user)],
        children=children,
        contact_confirmed=has_verified_contact(user),
    )


def training_index_url() -> str:
    """The address of the trainings listing, or empty if there is none yet."""
    index = TrainingIndexPage.objects.live().public().order_by("path").first()
    return index.url if index is not None else ""
