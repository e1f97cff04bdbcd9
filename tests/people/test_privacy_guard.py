"""The privacy guard on public pages: publishing, scheduling or approving a page that names
a registered child in full, or shows a mobile or ID card number, is refused with a message
saying what was found and where; the page stays unpublished and nothing reaches its live
version. A pseudonym (小X) publishes; a draft is saved; a page of any type is guarded."""

import datetime as dt

from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone

from wagtail.models import Revision, Workflow
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

import pytest

from courses.models import TrainingCoursePage
from people.fields import lookup_hash
from people.privacy_guard import (
    CHILD_NAME,
    ID_NUMBER,
    PHONE,
    candidate_names,
    check_texts,
    number_findings,
    registered_names_among,
)
from stories.models import StoryPage
from tests.enrollment.attendance_support import at, training
from tests.enrollment.test_session_cancel import ADMIN_DATETIME, publish_edit
from tests.factories import CountyFactory, ImageFactory, StoryPageFactory
from tests.makers import make_child
from tests.support import post_new_page

pytestmark = pytest.mark.usefixtures("in_english")

NAMED = "<p>张小雨住在离石区城北街道幸福巷5号，妈妈每周去看她。</p>"
PSEUDONYM = "<p>小雨住在城北街道，妈妈每周去看她。</p>"
VALID_ID = "11010519491231002X"  # the standard's example, a valid check digit


@pytest.fixture
def registered_child(db):
    return make_child(name="张小雨")


def story_form(body_html: str, **overrides) -> dict:
    data = {
        "title": "不如见一面",
        "slug": "jian-yi-mian",
        "series": "",
        "episode": "",
        "date": "2026-06-01",
        "county": str(CountyFactory().pk),
        "tags": "",
        "summary": "每个周末，她都去看望结对的孩子。",
        "cover_image": str(ImageFactory().pk),
        "body": streamfield([("paragraph", rich_text(body_html))]),
        "gallery_images": inline_formset([]),
    }
    data.update(overrides)
    return nested_form_data(data)


def errors_of(response) -> str:
    form = response.context["form"]
    return " ".join(str(error) for errors in form.errors.values() for error in errors)


# The checks ---------------------------------------------------------------------------------


def test_mobile_and_id_numbers_are_found_with_spaces_or_dashes():
    assert [f.kind for f in number_findings("f", "电话 138 1234 5678")] == [PHONE]
    assert [f.kind for f in number_findings("f", "电话138-1234-5678。")] == [PHONE]
    assert number_findings("f", "电话13812345678")[0].shown == "138****5678"
    assert [f.kind for f in number_findings("f", f"身份证{VALID_ID}")] == [ID_NUMBER]
    assert [f.kind for f in number_findings("f", "旧证 110105491231002")] == [ID_NUMBER]
    assert number_findings("f", "110105194912310021") == [], "a wrong check digit is no ID"
    assert number_findings("f", "12345678901 和 2026年共有 2845 名妈妈") == []


def test_a_registered_childs_full_name_is_found_but_not_her_given_name(registered_child):
    assert "张小雨" in candidate_names("今天张小雨笑了")
    found = check_texts([("Body", "今天张小雨笑了"), ("Summary", "小雨笑了")])
    assert [(f.kind, f.field) for f in found] == [(CHILD_NAME, "Body")]
    assert "张小雨" not in found[0].message, "the name is never echoed back"
    assert check_texts([("Body", "王小明也来了")]) == [], "not a registered child"


def test_names_are_matched_by_their_keyed_hash_without_decrypting_the_register(
    registered_child, django_assert_num_queries
):
    assert registered_child.name_hash == lookup_hash("张小雨")
    text = "今天张小雨和同学们一起去了图书馆，" * 40  # many candidates, one query per 500
    with django_assert_num_queries(1):
        assert registered_names_among(candidate_names(text)) == {"张小雨"}
    type(registered_child).objects.filter(pk=registered_child.pk).update(name_hash="")
    assert check_texts([("Body", "今天张小雨笑了")]) == [], "found by the hash, not the name"


def test_an_anonymised_child_is_not_looked_for(registered_child):
    type(registered_child).objects.filter(pk=registered_child.pk).update(
        anonymised_at=timezone.now()
    )
    assert check_texts([("Body", "今天张小雨笑了")]) == []


# The page editor ----------------------------------------------------------------------------


def test_a_story_naming_a_registered_child_with_her_address_is_refused(
    editor_client, story_index, registered_child
):
    response, errors = post_new_page(editor_client, story_index, StoryPage, story_form(NAMED))
    assert response.status_code == 200
    assert "names a registered child in full" in errors and "Body" in errors
    assert "Little X" in errors
    assert "names a registered child in full" in response.content.decode(), "shown to her"
    assert not StoryPage.objects.filter(live=True).exists()


def test_the_same_story_with_a_pseudonym_publishes(editor_client, story_index, registered_child):
    response, errors = post_new_page(editor_client, story_index, StoryPage, story_form(PSEUDONYM))
    assert not errors, errors
    assert StoryPage.objects.get().live


@pytest.mark.parametrize(
    ("where", "text", "found"),
    [
        ("summary", "有事请打13812345678。", "mobile phone number (138****5678)"),
        ("summary", f"孩子的身份证号{VALID_ID}。", "ID card number (110***********002X)"),
        ("title", "不如见一面 139-0000-1111", "mobile phone number"),
    ],
)
def test_a_phone_or_id_number_is_refused(editor_client, story_index, where, text, found):
    response, errors = post_new_page(
        editor_client, story_index, StoryPage, story_form(PSEUDONYM, **{where: text})
    )
    assert found in errors, errors
    assert not StoryPage.objects.exists()


def test_a_draft_is_saved_and_stays_unpublished(editor_client, story_index, registered_child):
    response, errors = post_new_page(
        editor_client, story_index, StoryPage, story_form(NAMED), publish=False
    )
    assert not errors, errors
    story = StoryPage.objects.get()
    assert not story.live and story.live_revision is None


def test_publishing_an_edit_of_a_live_story_is_refused_and_the_live_page_unchanged(
    editor_client, registered_child, client
):
    story = StoryPageFactory(title="周末的约定")
    url = reverse("wagtailadmin_pages:edit", args=[story.pk])
    data = story_form(NAMED, title="周末的约定", slug=story.slug)
    data["action-publish"] = "action-publish"
    response = editor_client.post(url, data)
    assert response.status_code == 200 and "names a registered child" in errors_of(response)
    story.refresh_from_db()
    assert "张小雨" not in str(story.body) and story.live
    if story.live_revision is not None:
        assert "张小雨" not in str(story.live_revision.as_object().body)
    assert "张小雨" not in client.get(story.url).content.decode()


def test_scheduling_a_story_is_guarded_too(editor_client, story_index, registered_child):
    go_live = (timezone.now() + dt.timedelta(days=2)).strftime("%Y-%m-%d %H:%M")
    response, errors = post_new_page(
        editor_client, story_index, StoryPage, story_form(NAMED, go_live_at=go_live)
    )
    assert "names a registered child in full" in errors
    assert not StoryPage.objects.exists()
    assert not Revision.objects.filter(approved_go_live_at__isnull=False).exists()


def session_row(session) -> dict:
    """The page editor's row of an unchanged session."""
    return {
        "id": str(session.pk),
        "title": session.title,
        "start": timezone.localtime(session.start).strftime(ADMIN_DATETIME),
        "end": timezone.localtime(session.end).strftime(ADMIN_DATETIME),
        "venue": str(session.venue_id),
        "capacity": str(session.capacity),
        "booking_opens": "",
        "booking_closes": "",
    }


def test_a_course_page_is_guarded(editor_client, lishi):
    make_child(name="刘子涵")
    course = training([at(5)], lishi)
    TrainingCoursePage.objects.filter(pk=course.pk).update(summary="刘子涵和妈妈一起参加")
    response = publish_edit(editor_client, course, [session_row(course.sessions.get())])
    assert response.status_code == 200
    assert "names a registered child in full" in errors_of(response)


# Workflow approval --------------------------------------------------------------------------


def test_approving_a_story_that_names_a_child_is_refused_and_it_stays_unpublished(
    editor_client, admin_user, story_index, registered_child
):
    story = StoryPageFactory(parent=story_index, live=False, body=[("paragraph", rich_text(""))])
    story.body = [("paragraph", "")]
    story.summary = "张小雨和妈妈"
    revision = story.save_revision(user=admin_user)
    workflow = Workflow.objects.get(name="Moderators approval")
    state = workflow.start(story, admin_user)
    task_state = state.current_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=[story.pk, "approve", task_state.pk])
    response = editor_client.post(url, {"comment": ""})
    messages = " ".join(str(m) for m in get_messages(response.wsgi_request))
    assert "names a registered child in full" in messages
    story.refresh_from_db()
    task_state.refresh_from_db()
    assert not story.live and task_state.status == "in_progress"
    assert revision.pk == story.latest_revision_id


def test_submitting_for_moderation_is_allowed_but_approving_in_the_editor_is_refused(
    editor_client, story_index, registered_child
):
    story = StoryPageFactory(parent=story_index, live=False)
    url = reverse("wagtailadmin_pages:edit", args=[story.pk])
    data = story_form(NAMED, slug=story.slug)
    submitted = editor_client.post(url, {**data, "action-submit": "action-submit"})
    assert submitted.status_code == 302, "submitting for moderation publishes nothing"
    story.refresh_from_db()
    assert story.workflow_in_progress and not story.live

    approve = {**data, "action-workflow-action": "true", "workflow-action-name": "approve"}
    response = editor_client.post(url, approve)
    assert response.status_code == 200 and "names a registered child" in errors_of(response)
    story.refresh_from_db()
    assert not story.live and story.workflow_in_progress


def test_an_inline_panels_text_is_checked_too(editor_client, story_index, registered_child):
    gallery = inline_formset([{"image": str(ImageFactory().pk), "caption": "张小雨在笑"}])
    response, errors = post_new_page(
        editor_client, story_index, StoryPage, story_form(PSEUDONYM, gallery_images=gallery)
    )
    assert "names a registered child in full" in errors_of(response)
    assert "names a registered child in full" in response.content.decode(), "shown to her"
    assert not StoryPage.objects.exists()
