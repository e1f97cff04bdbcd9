"""What ``/me/`` shows of the people side: her application, a page of her children, whether
she confirmed a way to reach her. The rooms above add their own sections (her pairs, her
bookings) through the ``me_page_sections`` hook (``people.views.me``)."""

from dataclasses import dataclass

from django.core.paginator import Page

from people.models import User, Volunteer
from people.selectors.accounts import has_verified_contact
from people.selectors.applications import own_application
from people.selectors.children import own_children_page


@dataclass(frozen=True)
class MyPage:
    application: Volunteer | None
    children: Page
    contact_confirmed: bool  # booking needs a confirmed mobile number or email address


def my_page(user: User, *, children_page: str | int | None = 1) -> MyPage:
    """The people side of ``/me/`` in a fixed number of queries, however many rows."""
    return MyPage(
        application=own_application(user),
        children=own_children_page(user, children_page),
        contact_confirmed=has_verified_contact(user),
    )
