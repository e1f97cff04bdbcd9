"""The notification log in the back office (county scope, failed ones filterable, send
again, fixed queries) and her choice of channel on /me/."""

import itertools
import json

from django.urls import reverse

import pytest

from people.models import AuditEntry, Notification, User
from people.services.notifications import notification_record
from tests.makers import make_user
from tests.support import assert_same_queries, queries_to_render

pytestmark = pytest.mark.django_db
LOG = "/admin/people/notifications/"
_n = itertools.count(1)


def notice(county, *, status="sent", session_id=None, user=None):
    made = notification_record(
        user=user or make_user(name=f"收件人{next(_n)}"),
        kind=Notification.Kind.BOOKING_CONFIRMED,
        subject_key=f"booking:{next(_n)}",
        context={},
        county_id=county.pk,
        session_id=session_id,
    )
    Notification.objects.filter(pk=made.pk).update(
        status=status, attempts=3 if status == "failed" else 1
    )
    return made


def test_a_coordinator_sees_her_countys_notices_only(client_a, county_a, county_b):
    mine = notice(county_a)
    theirs = notice(county_b)
    page = client_a.get(LOG).content.decode()
    assert mine.recipient.name in page and theirs.recipient.name not in page


def test_failed_notices_are_filterable_per_person_and_per_session(client_a, county_a):
    failed = notice(county_a, status="failed", session_id=7)
    sent = notice(county_a, session_id=8)
    page = client_a.get(LOG + "?status=failed").content.decode()
    assert failed.recipient.name in page and sent.recipient.name not in page
    page = client_a.get(LOG + f"?recipient={sent.recipient_id}").content.decode()
    assert sent.recipient.name in page and failed.recipient.name not in page
    page = client_a.get(LOG + "?session=7").content.decode()
    assert failed.recipient.name in page and sent.recipient.name not in page


def test_send_again_a_failed_notice(
    client_a, county_a, mailoutbox, django_capture_on_commit_callbacks
):
    failed = notice(county_a, status="failed")
    with django_capture_on_commit_callbacks(execute=True):
        response = client_a.post(f"{LOG}resend/{failed.pk}/")
    assert response.status_code == 302
    failed.refresh_from_db()
    assert failed.status == "sent" and len(mailoutbox) == 1
    assert AuditEntry.objects.filter(
        object_type="people.notification", object_id=str(failed.pk)
    ).exists()


def test_another_countys_notice_cannot_be_sent_again(client_a, county_b):
    theirs = notice(county_b, status="failed")
    assert client_a.post(f"{LOG}resend/{theirs.pk}/").status_code == 404
    assert Notification.objects.get(pk=theirs.pk).status == "failed"


def test_the_log_takes_the_same_queries_for_few_and_many_notices(client_a, county_a):
    notice(county_a, status="failed")
    small = queries_to_render(client_a, LOG)
    for i in range(8):
        notice(county_a, status=["sent", "failed", "pending"][i % 3], session_id=i)
    large = queries_to_render(client_a, LOG)
    assert_same_queries(small, large, "the notification log")


# Her choice on /me/ ---------------------------------------------------------------------------


def test_she_chooses_text_messages_on_her_page(client):
    user = make_user(phone="+8613812345678")
    client.force_login(user)
    page = client.get("/me/").content.decode()
    assert 'name="notify_by"' in page and "/me/notices/" in page
    response = client.post("/me/notices/", {"notify_by": "sms"})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.notify_by == User.NotifyBy.SMS


def test_she_cannot_choose_text_messages_without_a_number(client):
    user = make_user()
    client.force_login(user)
    client.post("/me/notices/", {"notify_by": "sms"})
    user.refresh_from_db()
    assert user.notify_by == ""


def test_a_volunteers_page_links_to_the_notices_sent_to_her(client_a, county_a):
    from tests.makers import make_mother

    mother = make_mother(county_a)
    page = client_a.get(f"/admin/people/volunteers/inspect/{mother.volunteer.pk}/")
    assert page.status_code == 200
    assert f"{LOG}?recipient={mother.pk}" in page.content.decode()


def test_her_data_download_lists_the_notices_sent_to_her(client):
    user = make_user(phone="+8613812345678", notify_by="sms")
    notification_record(
        user=user, kind=Notification.Kind.APPLICATION_APPROVED, subject_key="v:1", context={}
    )
    client.force_login(user)
    data = json.loads(client.get(reverse("account_data_export")).content)
    assert data["notices_by"] == "sms"
    assert [n["kind"] for n in data["notices"]] == ["申请通过"]
