"""Each notice of the people and pairs sides: its trigger and its text; and every kind's
text message fits one SMS (70 Chinese characters) with everyday details."""

import datetime as dt
import json
from pathlib import Path

from django.conf import settings
from django.utils import timezone

import pytest

from pairs.models import AdjustmentFlag, Pair
from pairs.services import digests_record, pair_end, visit_notices_record
from people import services
from people.models import Notification
from people.notifications import render
from people.services.notifications import notification_send
from tests.makers import (
    make_applicant,
    make_child,
    make_coordinator,
    make_guardian,
    make_mother,
    make_pair,
    make_user,
)

pytestmark = pytest.mark.django_db
Kind = Notification.Kind


def send_all() -> None:
    for pk in (
        Notification.objects.filter(status="pending").order_by("pk").values_list("pk", flat=True)
    ):
        notification_send(notification_id=pk)


def test_application_approved_declined_and_more_information(lishi, mailoutbox):
    coordinator = make_coordinator(lishi)
    approved = make_applicant(lishi, status="submitted").volunteer
    services.volunteer_approve(volunteer=approved, reviewer=coordinator)
    needs = make_applicant(lishi, status="submitted").volunteer
    services.volunteer_request_info(
        volunteer=needs, reviewer=coordinator, message="请补充可服务时间。"
    )
    declined = make_applicant(lishi, status="submitted").volunteer
    services.volunteer_decline(volunteer=declined, reviewer=coordinator, reason="本县名额已满")

    kinds = dict(Notification.objects.values_list("recipient_id", "kind"))
    assert kinds == {
        approved.user_id: Kind.APPLICATION_APPROVED,
        needs.user_id: Kind.APPLICATION_NEEDS_INFO,
        declined.user_id: Kind.APPLICATION_DECLINED,
    }
    assert set(Notification.objects.values_list("county_id", flat=True)) == {lishi.pk}
    send_all()
    by_to = {m.to[0]: m for m in mailoutbox}
    assert by_to[approved.user.email].subject == "欢迎成为爱心妈妈"
    assert "请补充可服务时间。" in by_to[needs.user.email].body
    assert "本县名额已满" in by_to[declined.user.email].body


def test_the_family_is_told_when_a_pair_ends(lishi, mailoutbox):
    guardian = make_guardian(lishi)
    child = make_child(guardian=guardian, county_obj=lishi, name="王小花")
    pair = make_pair(make_mother(lishi, name="周妈妈"), child)
    pair_end(actor=None, pair=pair, reason=Pair.EndReason.OTHER, note="家庭搬迁")
    notice = Notification.objects.get(recipient=guardian)
    assert notice.kind == Kind.PAIR_ENDED and notice.county_id == lishi.pk
    assert "小花" not in json.dumps(notice.context, ensure_ascii=False), "no child's name kept"
    send_all()
    assert "周妈妈" in mailoutbox[0].body and "小花" in mailoutbox[0].body


@pytest.fixture
def pair(lishi):
    return make_pair(make_mother(lishi, name="周妈妈"), make_child(county_obj=lishi, name="王小明"))


def test_a_visit_due_then_overdue_is_told_once_each(pair, mailoutbox):
    started = pair.started_on
    weeks = settings.PAIRS_VISIT_EVERY_WEEKS
    due_day = started + dt.timedelta(weeks=weeks) - dt.timedelta(days=2)
    assert visit_notices_record(today=started) == 0
    assert visit_notices_record(today=due_day) == 1
    assert visit_notices_record(today=due_day + dt.timedelta(days=1)) == 0, "once a day at most"
    late = started + dt.timedelta(weeks=weeks, days=3)
    assert visit_notices_record(today=late) == 1
    assert visit_notices_record(today=late) == 0
    user = pair.mother.user
    kinds = list(
        Notification.objects.filter(recipient=user).order_by("pk").values_list("kind", flat=True)
    )
    assert kinds == [Kind.VISIT_DUE, Kind.VISIT_OVERDUE]
    kept = json.dumps(
        list(Notification.objects.values_list("context", flat=True)), ensure_ascii=False
    )
    assert "小明" not in kept, "the child's name is read at sending time, not kept in the outbox"
    send_all()
    assert mailoutbox[0].subject.startswith("探访提醒") and "小明" in mailoutbox[0].subject
    assert "已逾期" in mailoutbox[1].body


def test_the_coordinators_weekly_digest(pair, lishi, mailoutbox):
    coordinator = make_coordinator(lishi)
    make_coordinator(lishi.__class__.objects.create(slug="wenshui", name="文水县"))  # nothing
    AdjustmentFlag.objects.create(
        pair=pair,
        county_id=lishi.pk,
        reason=AdjustmentFlag.Reason.MOVED,
        detected_on=timezone.localdate(),
    )
    late = pair.started_on + dt.timedelta(weeks=settings.PAIRS_VISIT_EVERY_WEEKS, days=3)
    assert digests_record(today=late) == 1
    assert digests_record(today=late) == 0, "once a week"
    assert digests_record(today=late + dt.timedelta(days=7)) == 1
    send_all()
    assert {m.to[0] for m in mailoutbox} == {coordinator.email}
    body = mailoutbox[0].body
    assert "周妈妈" in body and "待处理的动态调整 1 对" in body and "逾期探访 1 次" in body


SAMPLE = {
    "course": "爱心妈妈赋能培训第6期",
    "when": "2026年12月7日 09:00",
    "previous_when": "2026年12月6日 09:00",
    "venue": "离石区妇女儿童活动中心",
    "address": "离石区龙凤北大街12号",
    "deadline": "2026年12月3日 09:00",
    "booking_url": "https://example.org/me/bookings/12/",
    "child": "小明",
    "mother": "周秀兰",
    "label": "定期走访",
    "due_by": "2026-12-09",
    "county": "离石区",
    "overdue_visits": 12,
    "flagged": 3,
    "reason": "本县名额已满",
    "message": "请补充可服务时间",
}


@pytest.mark.parametrize("kind", [k.value for k in Kind])
def test_every_kind_has_its_templates_and_a_text_fits_one_sms(kind):
    folder = Path(settings.BASE_DIR) / "templates" / "notifications" / kind
    assert {p.name for p in folder.iterdir()} >= {"subject.txt", "body.txt", "body.html", "sms.txt"}
    user = make_user(email="", phone="+8613812345678", name="王秀兰")
    notice = Notification(recipient=user, kind=kind, channel="sms", context=SAMPLE)
    text = render(notice)["sms"]
    assert len(text) <= 70, (len(text), text)
    assert "{" not in text and "&" not in text


@pytest.mark.parametrize("kind", [k.value for k in Kind])
def test_every_kind_renders_an_email_in_chinese(kind):
    user = make_user(name="王秀兰")
    parts = render(Notification(recipient=user, kind=kind, channel="email", context=SAMPLE))
    assert parts["subject"] and "\n" not in parts["subject"]
    assert "王秀兰" in parts["text"] or kind == Kind.DIGEST and "离石区" in parts["text"]
    assert parts["html"].startswith("<!DOCTYPE html>") and "<p>" in parts["html"]
