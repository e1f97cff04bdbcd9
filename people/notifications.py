"""Telling a person something: by email where she has one, else by text message."""

from django.conf import settings
from django.core.mail import send_mail

from people.sms import send_sms


def notify_user(user, *, subject: str, message: str) -> None:
    if user.email:
        send_mail(subject, message, settings.DEFAULT_FROM_EMAIL, [user.email])
    elif user.phone:
        send_sms(str(user.phone), f"【{settings.WAGTAIL_SITE_NAME}】{subject}：{message}")
