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
"""

import logging
from dataclasses import dataclass
from typing import Protocol

from django.conf import settings
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


def send_sms(phone: str, message: str) -> None:
    backend: SmsBackend = import_string(settings.SMS_BACKEND)()
    backend.send(str(phone), message)
