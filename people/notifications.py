"""Rendering and delivering one recorded notice (``people.models.Notification``).

The text comes from templates an editor can read and change, one folder per kind:
``templates/notifications/<kind>/subject.txt``, ``body.txt``, ``body.html`` (email, sent
with a plain-text and an HTML part) and ``sms.txt`` (one text message: keep it within 70
Chinese characters, the length of a single SMS). The context is the row's ``context`` plus
``site_name`` and ``name`` (hers), and what the function named in ``context["details"]``
(a dotted path taking the context) adds at sending time. A ``.ics`` attachment is built by the function named in
``context["ics"]`` (a dotted path taking the context), so the people side need not know
about sessions.
"""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.module_loading import import_string

from people.models import Notification
from people.sms import send_sms


class SmsNotSent(Exception):
    """The hourly cap refused the text: try again later."""


def render(notification: Notification) -> dict[str, str]:
    context = dict(notification.context)
    if context.get("details"):
        # Children's names are not copied into the outbox (its rows are not encrypted): the
        # side that recorded the notice reads them when the notice is sent.
        context |= import_string(context["details"])(notification.context)
    context["site_name"] = settings.WAGTAIL_SITE_NAME
    context["name"] = notification.recipient.get_short_name()
    folder = f"notifications/{notification.kind}"
    with translation.override(settings.LANGUAGE_CODE):
        if notification.channel == Notification.Channel.SMS:
            text = render_to_string(f"{folder}/sms.txt", context).strip()
            return {"sms": f"【{settings.WAGTAIL_SITE_NAME}】{text}"}
        return {
            "subject": " ".join(render_to_string(f"{folder}/subject.txt", context).split()),
            "text": render_to_string(f"{folder}/body.txt", context).strip() + "\n",
            "html": render_to_string(f"{folder}/body.html", context),
        }


class NoAddress(Exception):
    """She no longer has the address the notice was recorded for."""


def deliver(notification: Notification) -> None:
    """Send it by its channel; raise if the provider refused it."""
    user = notification.recipient
    sms = notification.channel == Notification.Channel.SMS
    if not (user.phone if sms else user.email):
        raise NoAddress(f"no {'mobile number' if sms else 'email address'} any more")
    parts = render(notification)
    if notification.channel == Notification.Channel.SMS:
        if not send_sms(str(user.phone), parts["sms"]):
            raise SmsNotSent("over SMS_HOURLY_CAP")
        return
    message = EmailMultiAlternatives(
        parts["subject"], parts["text"], settings.DEFAULT_FROM_EMAIL, [user.email]
    )
    message.attach_alternative(parts["html"], "text/html")
    builder = notification.context.get("ics")
    if builder:
        filename, content = import_string(builder)(notification.context)
        message.attach(filename, content, "text/calendar; charset=utf-8; method=PUBLISH")
    message.send()
