"""The secrets of two-step verification stay secret: the authenticator app's key and the
recovery codes' seed are encrypted in the database with the children's field keys (and
still work at sign-in), and no admin lists the authenticators."""

import time

from django.contrib import admin
from django.urls import reverse

import pytest
from allauth.mfa import app_settings as mfa_settings
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import (
    TOTP,
    format_hotp_value,
    generate_totp_secret,
    hotp_value,
)
from cryptography.fernet import Fernet

from people.adapters import MfaAdapter
from tests.makers import PASSWORD, make_city_staff, make_user, sign_in_with_second_factor

pytestmark = pytest.mark.django_db


def totp_code(secret: str) -> str:
    return format_hotp_value(hotp_value(secret, int(time.time()) // mfa_settings.TOTP_PERIOD))


def test_the_authenticator_secret_is_not_stored_in_clear_and_its_codes_sign_her_in(client, home):
    staff = make_city_staff()
    secret = generate_totp_secret()
    TOTP.activate(staff, secret)
    RecoveryCodes.activate(staff)

    stored = Authenticator.objects.get(user=staff, type=Authenticator.Type.TOTP).data["secret"]
    seed = Authenticator.objects.get(user=staff, type=Authenticator.Type.RECOVERY_CODES)
    assert secret not in str(stored), "the TOTP secret is in the database in clear"
    assert MfaAdapter().decrypt(stored) == secret
    assert MfaAdapter().decrypt(seed.data["seed"]) != seed.data["seed"], "seed in clear"

    client.post(reverse("account_login"), {"login": staff.email, "password": PASSWORD})
    client.post(reverse("mfa_authenticate"), {"code": totp_code(secret)})

    assert client.session["_auth_user_id"] == str(staff.pk)


def test_secrets_written_with_an_older_key_are_read_after_a_new_one_is_added(settings):
    old_key = settings.FIELD_ENCRYPTION_KEYS[0]
    encrypted = MfaAdapter().encrypt("JBSWY3DPEHPK3PXP")

    settings.FIELD_ENCRYPTION_KEYS = [Fernet.generate_key().decode(), old_key]

    assert MfaAdapter().decrypt(encrypted) == "JBSWY3DPEHPK3PXP"
    assert MfaAdapter().encrypt("x") != MfaAdapter().encrypt("x"), "Fernet tokens are salted"


def test_no_admin_lists_the_authenticators(client, home):
    superuser = make_user(is_superuser=True, is_staff=True)
    TOTP.activate(superuser, generate_totp_secret())
    sign_in_with_second_factor(client, superuser)

    response = client.get("/django-admin/mfa/authenticator/")

    assert Authenticator not in admin.site._registry
    assert response.status_code == 404
