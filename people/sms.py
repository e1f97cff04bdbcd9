"""Text messages to phones: one-time codes and notices.

``settings.SMS_BACKEND`` is the dotted path of a class with a method
``send(phone: str, message: str) -> None``, instantiated without arguments for each message
(read credentials from settings in ``__init__``). ``phone`` is E.164 (``+8613800138000``),
``message`` the finished text. ``send`` raises on failure (the caller shows an error; allauth
lets the person ask for another code).

The default, ``ConsoleSmsBackend``, writes to the log and keeps an in-memory ``outbox``
(like Django's locmem email backend) that tests read and clear. A real gateway (Aliyun,
Tencent Cloud SMS …) is a class of the same shape in its own module and a settings change:
``SMS_BACKEND=myproject.sms_aliyun.AliyunSmsBackend``.

Texts cost money and can be used to pester people, so the site sends at most
``settings.SMS_HOURLY_CAP`` in each clock hour, all kinds together, counted in the cache (one
atomic counter per hour; use a shared cache such as Redis when several processes serve the
site). Past the cap nothing is sent, the refusal is logged, and ``send_sms`` returns False
so a view can tell the person to try later.
"""

import logging
import time
from dataclasses import dataclass
from typing import Protocol

from django.conf import settings
from django.core.cache import cache
from django.utils.module_loading import import_string

logger = logging.getLogger(__name__)


class SmsBackend(Protocol):
    def send(self, phone: str, message: str) -> None: ...


@dataclass(frozen=True)
class TextMessage:
    phone: str
    message: str


outbox: list[TextMessage] = []


class ConsoleSmsBackend:
    """Development and tests: log the message and keep it in ``outbox``."""

    def send(self, phone: str, message: str) -> None:
        outbox.append(TextMessage(phone=str(phone), message=message))
        logger.info("SMS to %s: %s", phone, message)


HOUR = 3600


def _count_this_hour() -> int:
    """Count one more text in this clock hour; the number so far, this one included."""
    key = f"sms:sent:{int(time.time()) // HOUR}"
    cache.add(key, 0, timeout=2 * HOUR)
    try:
        return cache.incr(key)
    except ValueError:  # the key expired between add and incr
        cache.add(key, 1, timeout=2 * HOUR)
        return 1


def send_sms(phone: str, message: str) -> bool:
    """Send ``message`` to ``phone``; False (and nothing sent) past the hourly cap."""
    sent_this_hour = _count_this_hour()
    if sent_this_hour > settings.SMS_HOURLY_CAP:
        logger.warning(
            "SMS to %s**** not sent: %s texts this hour, over SMS_HOURLY_CAP=%s",
            str(phone)[:-4],
            sent_this_hour,
            settings.SMS_HOURLY_CAP,
        )
        return False
    backend: SmsBackend = import_string(settings.SMS_BACKEND)()
    backend.send(str(phone), message)
    return True
