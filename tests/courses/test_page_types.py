"""Editors can create trainings and summer classes in the Wagtail admin, only where they
belong, with their sessions edited inline."""

import datetime as dt

from django.utils import timezone

from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

import pytest

from cms.models import HomePage
from courses.models import (
    CoursePage,
    Session,
    SummerClassIndexPage,
    SummerClassPage,
    TrainingCoursePage,
    TrainingIndexPage,
)
from stories.models import StoryIndexPage
from tests.factories import (
    ClassCategoryFactory,
    ImageFactory,
    LecturerFactory,
    PartnerFactory,
    TrainingIndexPageFactory,
    TrainingTopicFactory,
    VenueFactory,
)
from tests.support import post_new_page

ADMIN_DATETIME = "%Y-%m-%d %H:%M"


def _when(days: int, hours: int = 0) -> str:
    moment = timezone.localtime() + dt.timedelta(days=days, hours=hours)
    return moment.strftime(ADMIN_DATETIME)


def _session_form(venue, *, start_days=10, **overrides) -> dict:
    data = {
        "title": "第一讲：认识儿童心理",
        "start": _when(start_days),
        "end": _when(start_days, hours=2),
        "venue": str(venue.pk),
        "capacity": "40",
        "booking_opens": "",
        "booking_closes": "",
    }
    data.update(overrides)
    return data


def _training_form(venue, sessions=None) -> dict:
    data = nested_form_data(
        {
            "title": "爱心妈妈赋能培训：儿童心理",
            "slug": "child-psychology",
            "summary": "学习与结对儿童建立信任关系。",
            "stage": "basic",
            "hours": "3",
            "required_sessions": "1",
            "session_plan": "series",
            "county": str(venue.county.pk),
            "cover_image": str(ImageFactory().pk),
            "body": streamfield(
                [
                    ("heading", "培训安排"),
                    ("paragraph", rich_text("<p>请提前十分钟到场签到。</p>")),
                ]
            ),
            "sessions": inline_formset(
                sessions if sessions is not None else [_session_form(venue)]
            ),
        }
    )
    # Multiple choices are posted as repeated keys, which nested_form_data cannot express.
    data["topics"] = [str(TrainingTopicFactory().pk)]
    data["lecturers"] = [str(LecturerFactory().pk)]
    return data


def _summer_class_form(venue, **overrides) -> dict:
    data = {
        "title": "暑期陶艺研学",
        "slug": "ceramics",
        "summary": "和孩子们一起玩泥巴。",
        "category": str(ClassCategoryFactory().pk),
        "format": "pair",
        "age_min": "6",
        "age_max": "12",
        "county": str(venue.county.pk),
        "partner": str(PartnerFactory().pk),
        "cover_image": "",
        "body": streamfield([]),
        "sessions": inline_formset([_session_form(venue)]),
    }
    data.update(overrides)
    return nested_form_data(data)


# Where each page type may live -----------------------------------------------------------


def test_course_pages_live_only_under_their_own_index():
    assert TrainingCoursePage.allowed_parent_page_models() == [TrainingIndexPage]
    assert SummerClassPage.allowed_parent_page_models() == [SummerClassIndexPage]
    assert TrainingIndexPage.allowed_subpage_models() == [TrainingCoursePage]
    assert SummerClassIndexPage.allowed_subpage_models() == [SummerClassPage]
    assert TrainingCoursePage.allowed_subpage_models() == []
    assert SummerClassPage.allowed_subpage_models() == []


def test_index_pages_live_under_the_home_page():
    assert TrainingIndexPage.allowed_parent_page_models() == [HomePage]
    assert SummerClassIndexPage.allowed_parent_page_models() == [HomePage]


def test_the_shared_course_page_cannot_be_created(home, training_index):
    assert not CoursePage.is_creatable
    assert not CoursePage.can_create_at(training_index)


def test_a_training_cannot_be_created_among_summer_classes(summer_index, training_index, home):
    assert TrainingCoursePage.can_create_at(training_index)
    assert not TrainingCoursePage.can_create_at(summer_index)
    assert not TrainingCoursePage.can_create_at(home)
    assert SummerClassPage.can_create_at(summer_index)
    assert not SummerClassPage.can_create_at(training_index)


def test_the_home_page_has_one_index_of_each_kind(home):
    assert TrainingIndexPage.can_create_at(home)

    TrainingIndexPageFactory()
    home.refresh_from_db()  # treebeard answers "no children" from a stale numchild

    assert not TrainingIndexPage.can_create_at(home), "a second training index was allowed"
    assert SummerClassIndexPage.can_create_at(home)
    assert StoryIndexPage.can_create_at(home)


# Creating pages in the admin ------------------------------------------------------------


def test_editor_creates_a_training_index(editor_client, home):
    data = nested_form_data({"title": "赋能培训", "slug": "trainings", "intro": "为爱心妈妈赋能。"})

    response, errors = post_new_page(editor_client, home, TrainingIndexPage, data)

    assert not errors, f"creating a training index failed:\n{errors}"
    assert TrainingIndexPage.objects.get().live


def test_editor_creates_a_summer_class_index(editor_client, home):
    data = nested_form_data({"title": "暑期课程", "slug": "summer", "intro": ""})

    response, errors = post_new_page(editor_client, home, SummerClassIndexPage, data)

    assert not errors, f"creating a summer class index failed:\n{errors}"
    assert SummerClassIndexPage.objects.get().live


def test_editor_creates_a_training_with_its_sessions(editor_client, training_index):
    venue = VenueFactory()

    response, errors = post_new_page(
        editor_client, training_index, TrainingCoursePage, _training_form(venue)
    )

    assert not errors, f"creating a training failed:\n{errors}"
    page = TrainingCoursePage.objects.get(slug="child-psychology")
    assert page.live and page.get_parent().pk == training_index.pk
    assert page.topics.count() == 1 and page.lecturers.count() == 1
    assert [block.block_type for block in page.body] == ["heading", "paragraph"]
    session = page.sessions.get()
    assert (session.capacity, session.venue, session.seats_taken) == (40, venue, 0)


def test_editor_creates_a_summer_class(editor_client, summer_index):
    venue = VenueFactory()

    response, errors = post_new_page(
        editor_client, summer_index, SummerClassPage, _summer_class_form(venue)
    )

    assert not errors, f"creating a summer class failed:\n{errors}"
    page = SummerClassPage.objects.get(slug="ceramics")
    assert (page.age_min, page.age_max, page.format) == (6, 12, "pair")
    assert page.sessions.count() == 1


def test_admin_refuses_a_summer_class_whose_ages_are_reversed(editor_client, summer_index):
    data = _summer_class_form(VenueFactory(), age_min="12", age_max="6")

    response, errors = post_new_page(editor_client, summer_index, SummerClassPage, data)

    assert "age_max" in errors, f"reversed ages were accepted: {errors!r}"
    assert not SummerClassPage.objects.exists()


def test_admin_refuses_a_summer_class_without_county(editor_client, summer_index):
    data = _summer_class_form(VenueFactory(), county="")

    response, errors = post_new_page(editor_client, summer_index, SummerClassPage, data)

    assert "county" in errors, f"a class without county was accepted: {errors!r}"
    assert not SummerClassPage.objects.exists()


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"start": _when(10, 2), "end": _when(10)}, "end"),
        ({"capacity": "0"}, "capacity"),
        ({"booking_closes": _when(10, 3)}, "booking_closes"),
        ({"booking_opens": _when(5), "booking_closes": _when(4)}, "booking_opens"),
    ],
    ids=["ends-before-start", "no-seats", "booking-closes-after-end", "opens-after-closes"],
)
def test_admin_refuses_an_impossible_session(editor_client, training_index, overrides, field):
    venue = VenueFactory()
    data = _training_form(venue, sessions=[_session_form(venue, **overrides)])

    response, errors = post_new_page(editor_client, training_index, TrainingCoursePage, data)

    assert f"sessions[0].{field}" in errors, f"expected an error on {field}, got:\n{errors}"
    assert not Session.objects.exists()
