"""Encrypted model fields for children's personal data, and the keyed hash for lookups.

Encryption is django-fernet-encrypted-fields (Fernet from ``cryptography``); we only change
where the keys come from: ``FIELD_ENCRYPTION_KEYS`` (first encrypts, all decrypt), not
SECRET_KEY, so rotating the session secret never touches children's records. Other secrets
kept at rest (staff's authenticator app keys, ``people.adapters.MfaAdapter``) use the same
keys through ``field_fernet()``.
"""

import hashlib
import hmac
import unicodedata

from django.conf import settings
from django.utils.functional import cached_property

from cryptography.fernet import Fernet, MultiFernet
from encrypted_fields import fields as encrypted


def encryption_keys() -> list[bytes]:
    return [key.strip().encode() for key in settings.FIELD_ENCRYPTION_KEYS if key.strip()]


def field_fernet() -> MultiFernet:
    """Encrypts with the first of ``FIELD_ENCRYPTION_KEYS``, decrypts with any of them."""
    return MultiFernet([Fernet(key) for key in encryption_keys()])


class _KeysFromSettings:
    @cached_property
    def keys(self) -> list[bytes]:
        return encryption_keys()


class EncryptedCharField(_KeysFromSettings, encrypted.EncryptedCharField):
    pass


class EncryptedTextField(_KeysFromSettings, encrypted.EncryptedTextField):
    pass


class EncryptedDateField(_KeysFromSettings, encrypted.EncryptedDateField):
    pass


def lookup_hash(*parts: object) -> str:
    """A keyed hash (HMAC-SHA256 with FIELD_HASH_KEY) of normalised values, for equality
    lookups on encrypted fields (duplicate children, ID numbers) without storing them."""
    text = "\x1f".join(unicodedata.normalize("NFKC", str(p)).strip().lower() for p in parts)
    return hmac.new(settings.FIELD_HASH_KEY.encode(), text.encode(), hashlib.sha256).hexdigest()
