"""Reads about a person's account."""

from allauth.account.models import EmailAddress

from people.models import User


def has_verified_contact(user: User) -> bool:
    """Whether she confirmed a mobile number (by code) or an email address (by link), so the
    platform can reach her about a seat. Booking needs it: a seat held by an account nobody
    answers is a seat lost to a family on the waiting list."""
    if user.phone_verified:
        return True
    return EmailAddress.objects.filter(user=user, verified=True).exists()
