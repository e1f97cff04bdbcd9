"""Text messages to phones: one-time codes and notices.

``SMS_BACKEND`` names a class with ``send(phone, message)``. The default writes to the log
and keeps an in-memory ``outbox`` (like Django's locmem email backend) that tests read.
A real gateway is a class of the same shape and a settings change.
"""

import logging
from dataclasses import dataclass

from django.conf import settings
from django.utils.module_loading import import_string

logger = logging.getLogger(__name__)


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
    import_string(settings.SMS_BACKEND)().send(str(phone), message)
