"""The Tencent Cloud SMS backend, through Tencent's own SDK, against a local fake endpoint (a
tiny HTTP server in the test): no real message is sent."""

import json
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest

from people import sms
from people.models import Notification
from people.services.notifications import notification_record, notification_send
from tests.makers import make_user

pytestmark = pytest.mark.django_db


class FakeTencent(BaseHTTPRequestHandler):
    requests: list = []
    answer_code = "Ok"

    def do_POST(self):
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        FakeTencent.requests.append({"headers": dict(self.headers), "body": body})
        status = {"Code": FakeTencent.answer_code, "Message": "send success", "SerialNo": "1"}
        payload = json.dumps({"Response": {"SendStatusSet": [status], "RequestId": "r-1"}})
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(payload.encode())

    def log_message(self, *args):
        pass


@pytest.fixture
def tencent(settings):
    server = HTTPServer(("127.0.0.1", 0), FakeTencent)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    FakeTencent.requests = []
    FakeTencent.answer_code = "Ok"
    settings.SMS_BACKEND = "people.sms_tencent.TencentSmsBackend"
    settings.TENCENT_SMS_ENDPOINT = f"http://127.0.0.1:{server.server_port}"
    settings.TENCENT_SMS_SECRET_ID = "AKIDtest"
    settings.TENCENT_SMS_SECRET_KEY = "secret"
    settings.TENCENT_SMS_APP_ID = "1400000000"
    settings.TENCENT_SMS_SIGN_NAME = "爱心妈妈"
    settings.TENCENT_SMS_TEMPLATE_ID = "100001"
    settings.TENCENT_SMS_CODE_TEMPLATE_ID = "100002"
    yield FakeTencent
    server.shutdown()
    server.server_close()


def test_a_notice_goes_through_tencents_sendsms(tencent):
    user = make_user(email="", phone="+8613812345678")
    notice = notification_record(
        user=user, kind=Notification.Kind.APPLICATION_APPROVED, subject_key="v:1", context={}
    )
    assert notification_send(notification_id=notice.pk) == "sent"
    [request] = tencent.requests
    assert request["headers"]["X-TC-Action"] == "SendSms"
    assert request["headers"]["Authorization"].startswith("TC3-HMAC-SHA256 Credential=AKIDtest/")
    body = request["body"]
    assert body["PhoneNumberSet"] == ["+8613812345678"]
    assert body["SmsSdkAppId"] == "1400000000" and body["SignName"] == "爱心妈妈"
    assert body["TemplateId"] == "100001"
    assert body["TemplateParamSet"] == ["您的爱心妈妈申请已通过，现在可以预约培训了。"]
    assert sms.outbox == [], "the console backend was not used"


def test_a_sign_in_code_uses_the_code_template(tencent):
    assert sms.send_sms(
        "+8613812345678", "您的爱心妈妈验证码是 482913，几分钟内有效，请勿告诉他人。"
    )
    assert tencent.requests[0]["body"]["TemplateId"] == "100002"
    assert tencent.requests[0]["body"]["TemplateParamSet"] == ["482913"]
    assert sms.send_sms("+8613812345678", "【爱心妈妈】请在2026-12-09前探访小明。")
    assert tencent.requests[1]["body"]["TemplateId"] == "100001", "a notice with a year"


def test_a_refusal_is_a_failed_attempt_retried_later(tencent):
    tencent.answer_code = "LimitExceeded.PhoneNumberDailyLimit"
    user = make_user(email="", phone="+8613812345678")
    notice = notification_record(
        user=user, kind=Notification.Kind.APPLICATION_APPROVED, subject_key="v:1", context={}
    )
    assert notification_send(notification_id=notice.pk) == "retry"
    notice.refresh_from_db()
    assert "LimitExceeded" in notice.last_error and notice.status == "pending"
