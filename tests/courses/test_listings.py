"""The training and summer class listings: courses still to come, soonest first, filtered
and paginated, and never a crash for odd query strings."""

import datetime as dt

from django.utils import timezone

import pytest

from courses.selectors import COURSES_PER_PAGE
from tests.factories import (
    ClassCategoryFactory,
    CountyFactory,
    SummerClassPageFactory,
    TrainingCoursePageFactory,
    TrainingTopicFactory,
    session_in,
)


def _listed(client, index, **params) -> list[str]:
    response = client.get(index.url, params)
    assert response.status_code == 200, f"{index.url} {params} answered {response.status_code}"
    return [course.title for course in response.context["courses"]]


def _training(title, *days, **kwargs):
    return TrainingCoursePageFactory(
        title=title, cover_image=None, sessions=[session_in(d) for d in days], **kwargs
    )


def _summer_class(title, *days, **kwargs):
    return SummerClassPageFactory(
        title=title, cover_image=None, sessions=[session_in(d) for d in days], **kwargs
    )


# What is listed, in which order ----------------------------------------------------------


def test_training_index_lists_courses_with_sessions_to_come_soonest_first(client, training_index):
    _training("五天后", 5)
    _training("两天后", 2, 30)
    _training("已结束", -3)
    _training("没有日期")
    TrainingCoursePageFactory(title="只剩取消的", sessions=[session_in(4, is_cancelled=True)])

    assert _listed(client, training_index) == ["两天后", "五天后"]


def test_summer_index_lists_classes_with_sessions_to_come_soonest_first(client, summer_index):
    _summer_class("下周", 7)
    _summer_class("明天", 1)
    _summer_class("去年", -300)

    assert _listed(client, summer_index) == ["明天", "下周"]


def test_listing_shows_only_the_sessions_still_to_come(client, training_index):
    course = TrainingCoursePageFactory(
        cover_image=None,
        sessions=[
            session_in(-2, title="上周的课"),
            session_in(3, title="下周的课"),
            session_in(6, title="取消的课", is_cancelled=True),
        ],
    )

    response = client.get(training_index.url)

    [listed] = response.context["courses"]
    assert listed.pk == course.pk
    assert [s.title for s in listed.upcoming_sessions] == ["下周的课"], (
        "past or cancelled sessions were offered in the listing"
    )


def test_unpublished_courses_are_not_listed(client, training_index, summer_index):
    _training("草稿培训", 3, live=False)
    _summer_class("草稿课程", 3, live=False)
    _training("已发布", 3)

    assert _listed(client, training_index) == ["已发布"]
    assert _listed(client, summer_index) == []


def test_an_empty_listing_renders(client, training_index):
    response = client.get(training_index.url)

    assert response.status_code == 200
    assert list(response.context["courses"]) == []
    assert 'class="empty-state"' in response.text, "an empty listing should explain itself"


# Filters ---------------------------------------------------------------------------------


def test_training_county_filter_keeps_city_wide_trainings(client, training_index):
    lishi, fenyang = CountyFactory(slug="lishi"), CountyFactory(slug="fenyang")
    _training("离石", 1, county=lishi)
    _training("汾阳", 2, county=fenyang)
    _training("全市", 3, county=None)

    assert _listed(client, training_index, county="lishi") == ["离石", "全市"]


def test_summer_county_filter(client, summer_index):
    lishi, fenyang = CountyFactory(slug="lishi"), CountyFactory(slug="fenyang")
    _summer_class("离石", 1, county=lishi)
    _summer_class("汾阳", 2, county=fenyang)

    assert _listed(client, summer_index, county="fenyang") == ["汾阳"]


def test_training_topic_and_stage_filters(client, training_index):
    psychology = TrainingTopicFactory(slug="psychology")
    safety = TrainingTopicFactory(slug="safety")
    _training("心理基础", 1, topics=[psychology])
    _training("心理进阶", 2, topics=[psychology, safety], stage="advanced")
    _training("安全", 3, topics=[safety])

    assert _listed(client, training_index, topic="psychology") == ["心理基础", "心理进阶"]
    assert _listed(client, training_index, stage="advanced") == ["心理进阶"]
    assert _listed(client, training_index, topic="safety", stage="basic") == ["安全"]


def test_a_course_with_two_matching_topics_is_listed_once(client, training_index):
    psychology = TrainingTopicFactory(slug="psychology")
    _training("心理", 1, topics=[psychology, TrainingTopicFactory()])

    assert _listed(client, training_index, topic="psychology") == ["心理"]


def test_summer_category_filter(client, summer_index):
    ceramics = ClassCategoryFactory(slug="ceramics")
    _summer_class("陶艺", 1, category=ceramics)
    _summer_class("围棋", 2)

    assert _listed(client, summer_index, category="ceramics") == ["陶艺"]


def test_summer_classes_filter_by_who_takes_part(client, summer_index):
    _summer_class("亲子阅读", 1, format="pair")
    _summer_class("围棋", 2, format="child")

    assert _listed(client, summer_index, format="child") == ["围棋"]
    assert _listed(client, summer_index, format="pair") == ["亲子阅读"]
    assert _listed(client, summer_index) == ["亲子阅读", "围棋"]


def test_every_card_says_who_the_course_is_for_in_a_family_s_words(
    client, summer_index, training_index
):
    _summer_class("亲子阅读", 1, format="pair")
    _summer_class("围棋", 2, format="child")
    _training("入门培训", 3)

    classes = client.get(summer_index.url).content.decode()
    trainings = client.get(training_index.url).content.decode()

    assert classes.count('<span class="tag tag--audience">爱心妈妈带结对孩子参加</span>') == 1
    assert classes.count('<span class="tag tag--audience">孩子参加</span>') == 1
    assert '<span class="tag tag--audience">爱心妈妈培训</span>' in trainings


@pytest.mark.parametrize(
    ("age", "listed"),
    [("5", False), ("6", True), ("9", True), ("12", True), ("13", False)],
)
def test_summer_age_filter_keeps_classes_whose_range_includes_the_age(
    client, summer_index, age, listed
):
    _summer_class("六到十二岁", 1, age_min=6, age_max=12)

    assert _listed(client, summer_index, age=age) == (["六到十二岁"] if listed else [])


def _first_of_month(months_ahead: int) -> dt.date:
    today = timezone.localdate()
    month = today.month - 1 + months_ahead
    return dt.date(today.year + month // 12, month % 12 + 1, 1)


def test_month_filter_keeps_courses_with_sessions_that_month(client, training_index):
    next_month, later = _first_of_month(1), _first_of_month(3)
    now = timezone.localtime()
    days_to = [
        (timezone.make_aware(dt.datetime.combine(m, dt.time(10))) - now).days + 2
        for m in (next_month, later)
    ]
    _training("下个月", days_to[0])
    _training("三个月后", days_to[1])
    _training("两个月都有", days_to[0] + 1, days_to[1] + 1)

    response = client.get(training_index.url, {"month": f"{next_month:%Y-%m}"})

    assert [c.title for c in response.context["courses"]] == ["下个月", "两个月都有"]
    both = response.context["courses"][1]
    assert {
        s.start.astimezone(timezone.get_current_timezone()).month for s in both.upcoming_sessions
    } == {next_month.month}, "sessions of other months were shown under the month filter"


@pytest.mark.parametrize(
    ("params", "reported"),
    [
        ({"county": "atlantis"}, True),
        ({"topic": "no-such-topic"}, True),
        ({"stage": "expert"}, True),
        ({"month": "2020-13"}, True),
        ({"month": "soon"}, True),
        ({"page": "many"}, False),
        ({"county": "", "topic": "", "stage": "", "month": ""}, False),
    ],
)
def test_invalid_training_filters_are_ignored_not_fatal(client, training_index, params, reported):
    _training("一期", 1)

    response = client.get(training_index.url, params)

    assert response.status_code == 200
    assert [c.title for c in response.context["courses"]] == ["一期"]
    assert ('class="field__error"' in response.text) == reported, (
        "a bad filter value must be reported, a blank one must not"
    )


@pytest.mark.parametrize(
    "params",
    [{"age": "abc"}, {"age": "2"}, {"age": "99"}, {"category": "<script>"}, {"age": "-1"}],
)
def test_invalid_summer_filters_are_ignored_with_a_message(client, summer_index, params):
    _summer_class("一期", 1)

    response = client.get(summer_index.url, params)

    assert response.status_code == 200
    assert [c.title for c in response.context["courses"]] == ["一期"]
    assert response.context["filter_form"].errors, "the form did not report the bad value"
    assert 'class="field__error"' in response.text, "the error is not shown to the person"
    assert "<script>" not in response.text, "a query value was echoed unescaped"


# Pagination ------------------------------------------------------------------------------


@pytest.fixture
def thirteen_trainings(training_index):
    return [_training(f"第{n:02d}期", n) for n in range(1, COURSES_PER_PAGE + 2)]


def test_listing_shows_twelve_courses_a_page(client, training_index, thirteen_trainings):
    first = _listed(client, training_index)
    second = _listed(client, training_index, page="2")

    assert COURSES_PER_PAGE == 12
    assert first == [f"第{n:02d}期" for n in range(1, 13)]
    assert second == ["第13期"]


def test_out_of_range_page_shows_the_last_page(client, training_index, thirteen_trainings):
    assert _listed(client, training_index, page="99") == ["第13期"]
    assert _listed(client, training_index, page="0") == ["第13期"]


def test_pagination_links_keep_the_filters(client, training_index):
    county = CountyFactory(slug="lishi")
    for n in range(1, COURSES_PER_PAGE + 2):
        _training(f"第{n:02d}期", n, county=county)

    response = client.get(training_index.url, {"county": "lishi"})

    assert "?county=lishi&amp;page=2" in response.text, "the next-page link lost the filter"
