"""Course pages render with their content and the sessions people can still come to."""

import re

import pytest

from tests.factories import (
    ClassCategoryFactory,
    LecturerFactory,
    PartnerFactory,
    SummerClassPageFactory,
    TrainingCoursePageFactory,
    TrainingTopicFactory,
    paragraph,
    session_in,
)


def _seats_shown(html: str) -> list[int]:
    """The number in each "seats left" badge on the page, whatever the language."""
    badges = re.findall(r'<span class="seats[^"]*">([^<]*)</span>', html)
    return [int(re.search(r"\d+", badge).group(0)) for badge in badges]


@pytest.fixture
def training(db):
    return TrainingCoursePageFactory(
        title="爱心妈妈赋能培训：儿童心理",
        summary="学习与结对儿童建立信任关系。",
        topics=[TrainingTopicFactory(name="儿童心理")],
        lecturers=[LecturerFactory(name="王老师")],
        body=paragraph("<p>请提前十分钟到场签到。</p>"),
        sessions=[
            session_in(-7, title="上周的讲座"),
            session_in(3, title="第一讲", capacity=30, seats_taken=12),
            session_in(5, title="停课的讲座", is_cancelled=True),
            session_in(9, title="第二讲", capacity=20, seats_taken=20),
        ],
    )


def test_training_page_renders_its_content(client, training):
    response = client.get(training.url)

    assert response.status_code == 200
    html = response.text
    for text in [
        "爱心妈妈赋能培训：儿童心理",
        "学习与结对儿童建立信任关系。",
        "儿童心理",
        "王老师",
    ]:
        assert text in html, f"{text!r} is missing from the training page"
    assert "请提前十分钟到场签到。" in html, "the body text is missing"
    assert training.cover_image.description in html, "the cover picture has no alt text"


def test_training_page_lists_sessions_to_come_with_seats_left(client, training):
    response = client.get(training.url)

    titles = [s.title for s in response.context["sessions"]]
    assert titles == ["第一讲", "停课的讲座", "第二讲"], "sessions are missing or out of order"
    assert "上周的讲座" not in response.text, "a past session is still offered"
    assert _seats_shown(response.text) == [18, 0], "seats left are wrong (or shown when cancelled)"
    assert "booking-status--full" in response.text, "a full session is not marked full"


def test_training_page_marks_a_cancelled_session(client, training):
    response = client.get(training.url)

    cancelled = re.search(r'<li class="session session--cancelled">.*?</li>', response.text, re.S)
    assert cancelled, "the cancelled session is not marked as cancelled"
    assert "停课的讲座" in cancelled.group(0)
    assert "booking-status--cancelled" in cancelled.group(0)


def test_course_page_without_sessions_says_so(client, db):
    course = TrainingCoursePageFactory()

    response = client.get(course.url)

    assert response.status_code == 200
    assert 'class="empty-state"' in response.text


def test_summer_class_page_renders_its_content(client, db):
    course = SummerClassPageFactory(
        title="暑期陶艺研学",
        category=ClassCategoryFactory(name="陶艺研学"),
        partner=PartnerFactory(name="吕梁陶艺工作室"),
        age_min=7,
        age_max=11,
        format="pair",
        sessions=[session_in(4, title="亲子陶艺课", capacity=15, seats_taken=5)],
    )

    response = client.get(course.url)

    assert response.status_code == 200
    for text in ["暑期陶艺研学", "陶艺研学", "吕梁陶艺工作室", "7", "11", course.county.name]:
        assert text in response.text, f"{text!r} is missing from the class page"
    assert [s.title for s in response.context["sessions"]] == ["亲子陶艺课"]
    assert _seats_shown(response.text) == [10]


def test_a_parent_child_class_says_who_may_book_it_and_where_children_s_classes_are(client, db):
    course = SummerClassPageFactory(format="pair", sessions=[session_in(4)])
    for_children = SummerClassPageFactory(format="child", sessions=[session_in(4)])

    html = client.get(course.url).content.decode()

    assert "爱心妈妈带结对孩子参加" in html
    assert "只能由爱心妈妈为两个人报名" in html
    assert f'href="{course.get_parent().url}?format=child"' in html
    assert "只能由爱心妈妈" not in client.get(for_children.url).content.decode()


def test_unpublished_course_is_not_found(client, db):
    course = TrainingCoursePageFactory(live=False)

    assert client.get(course.url).status_code == 404
