"""Text messages through Tencent Cloud SMS (腾讯云短信), with Tencent's own Python SDK
(``tencentcloud-sdk-python-sms``, API version 2021-01-11, action ``SendSms``).

Select it with ``SMS_BACKEND=people.sms_tencent.TencentSmsBackend`` and set, from the
environment (``cms/settings.py``, block "# Notifications"):

- ``TENCENT_SMS_SECRET_ID`` / ``TENCENT_SMS_SECRET_KEY``: an API key (a sub-account with
  only the SMS permission);
- ``TENCENT_SMS_APP_ID``: the SMS application's SdkAppId;
- ``TENCENT_SMS_SIGN_NAME``: the approved signature (签名), e.g. 爱心妈妈;
- ``TENCENT_SMS_TEMPLATE_ID``: an approved notification template with one parameter, ``{1}``,
  which carries the finished text (the text's own 【…】 prefix is dropped: the signature adds
  it); ``TENCENT_SMS_CODE_TEMPLATE_ID`` optionally, a verification-code template used for
  sign-in codes (a message without the 【…】 of notices that holds a run of 4 to 8 digits
  is sent with the code alone);
- ``TENCENT_SMS_REGION`` (default ``ap-guangzhou``) and ``TENCENT_SMS_ENDPOINT`` (default
  ``sms.tencentcloudapi.com``; ``http://127.0.0.1:PORT`` in the tests, a local fake).

A refusal (an error from the API or a status other than ``Ok`` for the number) raises
``SmsRefused``; the outbox then retries with back-off and, in the end, shows it failed.
"""

import re

from django.conf import settings

from tencentcloud.common import credential
from tencentcloud.common.profile.client_profile import ClientProfile
from tencentcloud.common.profile.http_profile import HttpProfile
from tencentcloud.sms.v20210111 import models, sms_client

PREFIX = re.compile(r"^【[^】]*】")
CODE = re.compile(r"(?<!\d)(\d{4,8})(?!\d)")


class SmsRefused(Exception):
    pass


class TencentSmsBackend:
    def __init__(self):
        endpoint = settings.TENCENT_SMS_ENDPOINT
        scheme = "https"
        if "://" in endpoint:
            scheme, endpoint = endpoint.split("://", 1)
        profile = ClientProfile(
            httpProfile=HttpProfile(protocol=scheme, endpoint=endpoint, reqTimeout=10)
        )
        self.client = sms_client.SmsClient(
            credential.Credential(settings.TENCENT_SMS_SECRET_ID, settings.TENCENT_SMS_SECRET_KEY),
            settings.TENCENT_SMS_REGION,
            profile,
        )

    def _template(self, message: str) -> tuple[str, list[str]]:
        code = None if PREFIX.match(message) else CODE.search(message)  # notices carry 【…】
        if settings.TENCENT_SMS_CODE_TEMPLATE_ID and code:
            return settings.TENCENT_SMS_CODE_TEMPLATE_ID, [code.group(1)]
        return settings.TENCENT_SMS_TEMPLATE_ID, [PREFIX.sub("", message)]

    def send(self, phone: str, message: str) -> None:
        template_id, params = self._template(message)
        request = models.SendSmsRequest()
        request.SmsSdkAppId = settings.TENCENT_SMS_APP_ID
        request.SignName = settings.TENCENT_SMS_SIGN_NAME
        request.TemplateId = template_id
        request.TemplateParamSet = params
        request.PhoneNumberSet = [phone]
        response = self.client.SendSms(request)  # raises TencentCloudSDKException on an error
        statuses = response.SendStatusSet or []
        if not statuses or statuses[0].Code != "Ok":
            detail = f"{statuses[0].Code}: {statuses[0].Message}" if statuses else "no status"
            raise SmsRefused(f"Tencent Cloud SMS refused the message ({detail})")
