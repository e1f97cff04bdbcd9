"""Fixtures for the people back office tests (tests/enrollment/test_admin_*.py): two counties,
staff of every kind with two-factor authentication set up, and clients signed in as them
(with the second factor passed, as every staff page asks)."""

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

from tests.people import (
    county,
    make_city_staff,
    make_coordinator,
    make_editor,
    sign_in_with_second_factor,
)


def with_totp(user):
    """Staff must have an active TOTP authenticator before any admin page
    (enrollment.mfa.StaffMfaMiddleware); give them one the way allauth stores it."""
    TOTP.activate(user, generate_totp_secret())
    return user


def signed_in(client, user):
    return sign_in_with_second_factor(client, user)


@pytest.fixture
def county_a(db):
    return county("lishi", "离石区")


@pytest.fixture
def county_b(db):
    return county("xingxian", "兴县")


@pytest.fixture
def coordinator_a(county_a):
    return with_totp(make_coordinator(county_a, name="李协调"))


@pytest.fixture
def coordinator_b(county_b):
    return with_totp(make_coordinator(county_b, name="王协调"))


@pytest.fixture
def city_staff(db):
    return with_totp(make_city_staff(name="张市妇联"))


@pytest.fixture
def editor(db):
    return with_totp(make_editor(name="赵编辑"))


@pytest.fixture
def client_a(client, coordinator_a):
    """Signed in as the coordinator of county A."""
    return signed_in(client, coordinator_a)


@pytest.fixture
def city_client(client, city_staff):
    return signed_in(client, city_staff)
