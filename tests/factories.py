"""Factories for the site's pages, snippets and images.

Pages are created under the right parents (the HomePage made by the data migration, then
the one index page of each kind) and are live, as if published, unless ``live=False``.
"""

import datetime as dt
import itertools

from django.utils import timezone

from wagtail.models import Collection

import factory
import wagtail_factories
from factory.django import DjangoModelFactory

from cms.models import CmsImage, County, HomePage
from courses.models import (
    ClassCategory,
    Lecturer,
    PartnerOrganisation,
    Session,
    SummerClassIndexPage,
    SummerClassPage,
    TrainingCoursePage,
    TrainingIndexPage,
    TrainingTopic,
    Venue,
)
from stories.models import StoryIndexPage, StoryPage, StorySeries


def home_page() -> HomePage:
    return HomePage.objects.get()


def paragraph(html: str) -> list[tuple[str, object]]:
    """A body stream with one paragraph, for ``body=`` arguments."""
    from wagtail.rich_text import RichText

    return [("paragraph", RichText(html))]


# Snippets ------------------------------------------------------------------------------------


class CountyFactory(DjangoModelFactory):
    class Meta:
        model = County
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"第{n}县")
    slug = factory.Sequence(lambda n: f"county-{n}")


class VenueFactory(DjangoModelFactory):
    class Meta:
        model = Venue

    name = factory.Sequence(lambda n: f"妇女儿童之家{n}")
    county = factory.SubFactory(CountyFactory)
    address = "离石区龙凤南路1号"


class LecturerFactory(DjangoModelFactory):
    class Meta:
        model = Lecturer

    name = factory.Sequence(lambda n: f"讲师{n}")
    title = "家庭教育讲师"


class PartnerFactory(DjangoModelFactory):
    class Meta:
        model = PartnerOrganisation

    name = factory.Sequence(lambda n: f"合作机构{n}")


class ClassCategoryFactory(DjangoModelFactory):
    class Meta:
        model = ClassCategory
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"类别{n}")
    slug = factory.Sequence(lambda n: f"category-{n}")


class TrainingTopicFactory(DjangoModelFactory):
    class Meta:
        model = TrainingTopic
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"主题{n}")
    slug = factory.Sequence(lambda n: f"topic-{n}")


class StorySeriesFactory(DjangoModelFactory):
    class Meta:
        model = StorySeries
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"不如见一面{n}")
    slug = factory.Sequence(lambda n: f"series-{n}")


# Images --------------------------------------------------------------------------------------


class ImageFactory(wagtail_factories.ImageFactory):
    """A small real picture with its compulsory alt text, in the root collection."""

    class Meta:
        model = CmsImage

    title = factory.Sequence(lambda n: f"图片{n}")
    description = "爱心妈妈和孩子们在一起"
    collection = factory.LazyFunction(Collection.get_first_root_node)
    file = factory.django.ImageField(width=64, height=48, color="orange")


# Pages ---------------------------------------------------------------------------------------


class LivePageFactory(wagtail_factories.PageFactory):
    """A page added under ``parent`` and live, with publication dates set."""

    class Meta:
        abstract = True

    live = True
    first_published_at = factory.Maybe(
        "live", yes_declaration=factory.LazyFunction(timezone.now), no_declaration=None
    )
    last_published_at = factory.SelfAttribute("first_published_at")


class IndexPageFactory(LivePageFactory):
    """Index pages are one per home page: get or create by parent and slug."""

    class Meta:
        abstract = True
        django_get_or_create = ("parent", "slug")

    parent = factory.LazyFunction(home_page)


class TrainingIndexPageFactory(IndexPageFactory):
    class Meta:
        model = TrainingIndexPage

    title = "赋能培训"
    slug = "trainings"


class SummerClassIndexPageFactory(IndexPageFactory):
    class Meta:
        model = SummerClassIndexPage

    title = "暑期课程"
    slug = "summer"


class StoryIndexPageFactory(IndexPageFactory):
    class Meta:
        model = StoryIndexPage

    title = "爱心故事"
    slug = "stories"


_slugs = itertools.count(1)


class CoursePageFactory(LivePageFactory):
    class Meta:
        abstract = True

    slug = factory.LazyFunction(lambda: f"course-{next(_slugs)}")
    summary = "为爱心妈妈和孩子们准备的课程。"
    cover_image = factory.SubFactory(ImageFactory)
    county = factory.SubFactory(CountyFactory)


class TrainingCoursePageFactory(CoursePageFactory):
    """A training. Pass ``topics=[...]`` and ``sessions=[Session(...)]`` as needed."""

    class Meta:
        model = TrainingCoursePage

    parent = factory.LazyFunction(lambda: TrainingIndexPageFactory())
    title = factory.Sequence(lambda n: f"爱心妈妈赋能培训第{n}期")
    stage = TrainingCoursePage.Stage.BASIC
    hours = 2
    topics = factory.LazyFunction(lambda: [TrainingTopicFactory()])


class SummerClassPageFactory(CoursePageFactory):
    class Meta:
        model = SummerClassPage

    parent = factory.LazyFunction(lambda: SummerClassIndexPageFactory())
    title = factory.Sequence(lambda n: f"暑期课程{n}")
    category = factory.SubFactory(ClassCategoryFactory)
    age_min = 6
    age_max = 12


class StoryPageFactory(LivePageFactory):
    class Meta:
        model = StoryPage

    parent = factory.LazyFunction(lambda: StoryIndexPageFactory())
    title = factory.Sequence(lambda n: f"爱心故事{n}")
    slug = factory.LazyFunction(lambda: f"story-{next(_slugs)}")
    date = factory.LazyFunction(lambda: timezone.localdate())
    summary = "一位爱心妈妈和她结对的孩子。"
    cover_image = factory.SubFactory(ImageFactory)
    county = factory.SubFactory(CountyFactory)
    body = factory.LazyFunction(lambda: paragraph("<p>每个月至少走访一次。</p>"))


# Sessions ------------------------------------------------------------------------------------


class SessionFactory(DjangoModelFactory):
    """A session starting ``days`` days from now (default 7), lasting two hours."""

    class Meta:
        model = Session

    class Params:
        days = 7

    course = factory.SubFactory(TrainingCoursePageFactory)
    start = factory.LazyAttribute(
        lambda o: (timezone.now() + dt.timedelta(days=o.days)).replace(microsecond=0)
    )
    end = factory.LazyAttribute(lambda o: o.start + dt.timedelta(hours=2))
    venue = factory.SubFactory(VenueFactory)
    capacity = 30


def session_in(days: float, **kwargs) -> Session:
    """An unsaved session ``days`` from now, to pass in ``sessions=[...]`` of a course factory."""
    start = (timezone.now() + dt.timedelta(days=days)).replace(microsecond=0)
    kwargs.setdefault("venue", VenueFactory())
    kwargs.setdefault("capacity", 30)
    kwargs.setdefault("end", start + dt.timedelta(hours=2))
    return Session(start=start, **kwargs)


__all__ = [
    "ClassCategoryFactory",
    "CountyFactory",
    "ImageFactory",
    "LecturerFactory",
    "PartnerFactory",
    "SessionFactory",
    "StoryIndexPageFactory",
    "StoryPageFactory",
    "StorySeriesFactory",
    "SummerClassIndexPageFactory",
    "SummerClassPageFactory",
    "TrainingCoursePageFactory",
    "TrainingIndexPageFactory",
    "TrainingTopicFactory",
    "VenueFactory",
    "home_page",
    "paragraph",
    "session_in",
]
