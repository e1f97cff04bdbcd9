"""Encrypt the two-step verification secrets stored in clear before ``MfaAdapter``
(enrollment/adapters.py) encrypted them: authenticator app keys, recovery codes' seeds and
codes carried over from other systems. Rows already encrypted are left as they are."""

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.db import migrations

SECRET_FIELDS = {"totp": ["secret"], "recovery_codes": ["seed"]}


def _fernet() -> MultiFernet:
    keys = [key.strip().encode() for key in settings.FIELD_ENCRYPTION_KEYS if key.strip()]
    return MultiFernet([Fernet(key) for key in keys])


def _is_encrypted(fernet: MultiFernet, value: str) -> bool:
    try:
        fernet.decrypt(value.encode())
    except InvalidToken:
        return False
    return True


def _convert(apps, convert) -> None:
    Authenticator = apps.get_model("mfa", "Authenticator")
    fernet = _fernet()
    for authenticator in Authenticator.objects.filter(type__in=list(SECRET_FIELDS)):
        data = dict(authenticator.data)
        for field in SECRET_FIELDS[authenticator.type]:
            if data.get(field):
                data[field] = convert(fernet, data[field])
        if data.get("migrated_codes"):
            data["migrated_codes"] = [convert(fernet, code) for code in data["migrated_codes"]]
        if data != authenticator.data:
            authenticator.data = data
            authenticator.save(update_fields=["data"])


def encrypt(apps, schema_editor) -> None:
    _convert(
        apps,
        lambda fernet, value: (
            value if _is_encrypted(fernet, value) else fernet.encrypt(value.encode()).decode()
        ),
    )


def decrypt(apps, schema_editor) -> None:
    _convert(
        apps,
        lambda fernet, value: (
            fernet.decrypt(value.encode()).decode() if _is_encrypted(fernet, value) else value
        ),
    )


class Migration(migrations.Migration):
    dependencies = [
        ("enrollment", "0004_bookings"),
        ("mfa", "0003_authenticator_type_uniq"),
    ]

    operations = [migrations.RunPython(encrypt, decrypt)]
