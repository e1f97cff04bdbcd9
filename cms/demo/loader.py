"""Fill an empty database with the demo content, finding existing objects by natural keys.

Everything is looked up by slug, name or title first and created only when missing, so a
second run changes nothing. Pages are added under the site's HomePage and published.
"""

import secrets
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from io import BytesIO
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.files.images import ImageFile
from django.db import transaction
from django.utils import timezone

from wagtail.images import get_image_model
from wagtail.models import Page, Site
from wagtail.utils.file import hash_filelike

from allauth.account.models import EmailAddress

from cms.demo import content_snippets as snippets
from cms.demo.content_classes import CLASSES
from cms.demo.content_stories import EPISODES, OTHER_STORIES, SERIES
from cms.demo.content_trainings import TRAININGS
from cms.demo.images import Picture
from cms.demo.people import PeopleLoader, PeopleResult, logins_text
from cms.demo.specs import BodyItem, SessionSpec
from cms.models import County, HomePage, SiteSettings
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
from stories.models import StoryGalleryImage, StoryIndexPage, StoryPage, StorySeries

ADMIN_EMAIL = "admin@example.com"
ADMIN_USERNAME = "admin"
ADMIN_NAME = "管理员"
BOOKING_OPENS_DAYS_BEFORE = 30
HERO = Picture("首页主图：爱心妈妈与孩子", "hearts", "sunrise")


class DemoError(Exception):
    """The database is not in a state the demo can be loaded into."""


@dataclass
class DemoResult:
    created: Counter = field(default_factory=Counter)
    admin_password: str | None = None
    logins_file: Path | None = None
    people: PeopleResult = field(default_factory=PeopleResult)

    @property
    def changed(self) -> bool:
        return bool(self.created)


def load_demo(*, today: date, logins_file: Path) -> DemoResult:
    """Load the demo content in one transaction; write a new admin's login after commit."""
    with transaction.atomic():
        result = _Loader(today).run()
    result.logins_file = logins_file
    text = ""
    if result.admin_password:
        text = (
            f"# Demo login created by `manage.py load_demo` on {today:%Y-%m-%d}. Development only.\n"
            f"# Wagtail admin: /admin/  Site: /accounts/login/\n"
            f"{ADMIN_EMAIL}\t{result.admin_password}\n"
        )
    if result.people.logins:
        text += logins_text(result.people, today)
    if text:
        # A new admin starts the file afresh; people added to an existing demo are appended.
        logins_file.parent.mkdir(parents=True, exist_ok=True)
        with logins_file.open("w" if result.admin_password else "a", encoding="utf-8") as out:
            out.write(text)
        logins_file.chmod(0o600)
    return result


class _Loader:
    def __init__(self, today: date):
        self.today = today
        self.story_year = today.year if today.month >= 10 else today.year - 1
        self.result = DemoResult()
        self.created = self.result.created

    def run(self) -> DemoResult:
        site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
        home = site.root_page.specific if site else None
        if not isinstance(home, HomePage):
            raise DemoError("The default site has no HomePage; run `manage.py migrate` first.")
        self.snippets()
        self.home(home)
        trainings = self.index_page(home, TrainingIndexPage, "trainings")
        summer = self.index_page(home, SummerClassIndexPage, "summer")
        stories = self.index_page(home, StoryIndexPage, "stories")
        self.trainings(trainings)
        self.classes(summer)
        self.stories(stories)
        self.site_settings(site)
        self.admin()
        self.result.people = PeopleLoader(
            today=self.today, counties=self.counties, created=self.created
        ).run()
        return self.result

    # Snippets and images -------------------------------------------------------------

    def _get_or_create(self, label: str, model, defaults: dict | None = None, **lookup):
        obj, created = model.objects.get_or_create(**lookup, defaults=defaults or {})
        if created:
            self.created[label] += 1
        return obj

    def snippets(self) -> None:
        self.counties = {
            slug: self._get_or_create(
                "counties", County, slug=slug, defaults={"name": name, "sort_order": order}
            )
            for order, (slug, name) in enumerate(snippets.COUNTIES, start=1)
        }
        self.venues = {
            f"{county}/{name}": self._get_or_create(
                "venues",
                Venue,
                county=self.counties[county],
                name=name,
                defaults={"address": address, "directions": directions},
            )
            for county, name, address, directions in snippets.VENUES
        }
        self.lecturers = {
            name: self._get_or_create(
                "lecturers", Lecturer, name=name, defaults={"title": title, "bio": bio}
            )
            for name, title, bio in snippets.LECTURERS
        }
        self.partners = {
            name: self._get_or_create(
                "partner organisations",
                PartnerOrganisation,
                name=name,
                defaults={"description": description},
            )
            for name, description in snippets.PARTNERS
        }
        self.topics = self._ordered("training topics", TrainingTopic, snippets.TRAINING_TOPICS)
        self.categories = self._ordered(
            "class categories", ClassCategory, snippets.CLASS_CATEGORIES
        )

    def _ordered(self, label: str, model, rows: list[tuple[str, str]]) -> dict:
        return {
            slug: self._get_or_create(
                label, model, slug=slug, defaults={"name": name, "sort_order": order}
            )
            for order, (slug, name) in enumerate(rows, start=1)
        }

    def image(self, picture: Picture):
        image_model = get_image_model()
        existing = image_model.objects.filter(title=picture.title).first()
        if existing:
            return existing
        data = picture.jpeg()
        digest = hash_filelike(BytesIO(data))
        image = image_model(
            title=picture.title,
            description=picture.alt,
            file=ImageFile(BytesIO(data), name=f"demo-{picture.motif}-{digest[:10]}.jpg"),
            file_size=len(data),
            file_hash=digest,
        )
        image.save()
        self.created["images"] += 1
        return image

    def body(self, items: list[BodyItem]) -> list[BodyItem]:
        converted = []
        for kind, value in items:
            if kind == "image":
                value = {**value, "image": self.image(value["image"])}
            converted.append((kind, value))
        return converted

    # Pages ---------------------------------------------------------------------------

    def publish_child(self, parent: Page, page: Page, label: str) -> None:
        parent.add_child(instance=page)
        page.save_revision().publish()
        self.created[label] += 1

    def home(self, home: HomePage) -> None:
        if home.hero_image_id:
            return
        home.headline = snippets.HOME["headline"]
        home.intro = snippets.HOME["intro"]
        home.hero_image = self.image(HERO)
        home.save_revision().publish()
        self.created["home page (updated)"] += 1

    def index_page(self, home: HomePage, model: type[Page], slug: str) -> Page:
        existing = home.get_children().filter(slug=slug).specific().first()
        if existing:
            if not isinstance(existing, model):
                raise DemoError(f"The page /{slug}/ exists but is not a {model.__name__}.")
            return existing
        title, intro = snippets.INDEX_PAGES[slug]
        page = model(title=title, slug=slug, intro=intro)
        self.publish_child(home, page, "index pages")
        return page

    def sessions(self, specs: list[SessionSpec]) -> list[Session]:
        sessions = []
        for spec in specs:
            hour, minute = (int(part) for part in spec.start.split(":"))
            start = timezone.make_aware(
                datetime.combine(self.today + timedelta(days=spec.days), time(hour, minute))
            )
            sessions.append(
                Session(
                    title=spec.title,
                    start=start,
                    end=start + timedelta(hours=spec.hours),
                    venue=self.venues[spec.venue],
                    capacity=spec.capacity,
                    booking_opens=start - timedelta(days=BOOKING_OPENS_DAYS_BEFORE),
                    booking_closes=start - timedelta(days=1),
                    is_cancelled=spec.cancelled,
                    seats_taken=spec.seats_taken,
                )
            )
        return sessions

    def _missing(self, index: Page, specs: list[dict]) -> list[dict]:
        existing = set(index.get_children().values_list("slug", flat=True))
        return [spec for spec in specs if spec["slug"] not in existing]

    def trainings(self, index: TrainingIndexPage) -> None:
        for spec in self._missing(index, TRAININGS):
            page = TrainingCoursePage(
                title=spec["title"],
                slug=spec["slug"],
                summary=spec["summary"],
                stage=spec["stage"],
                hours=Decimal(str(spec["hours"])),
                required_sessions=spec["required_sessions"],
                session_plan=spec.get("session_plan", TrainingCoursePage.SessionPlan.SERIES),
                county=self.counties.get(spec["county"]),
                cover_image=self.image(spec["cover"]),
                body=self.body(spec["body"]),
                topics=[self.topics[slug] for slug in spec["topics"]],
                lecturers=[self.lecturers[name] for name in spec["lecturers"]],
                sessions=self.sessions(spec["sessions"]),
            )
            self.publish_child(index, page, "training courses")
            self.created["sessions"] += len(spec["sessions"])

    def classes(self, index: SummerClassIndexPage) -> None:
        for spec in self._missing(index, CLASSES):
            page = SummerClassPage(
                title=spec["title"],
                slug=spec["slug"],
                summary=spec["summary"],
                category=self.categories[spec["category"]],
                age_min=spec["age_min"],
                age_max=spec["age_max"],
                format=spec["format"],
                county=self.counties[spec["county"]],
                partner=self.partners.get(spec["partner"]),
                cover_image=self.image(spec["cover"]),
                body=self.body(spec["body"]),
                sessions=self.sessions(spec["sessions"]),
            )
            self.publish_child(index, page, "summer classes")
            self.created["sessions"] += len(spec["sessions"])

    def stories(self, index: StoryIndexPage) -> None:
        series = self._get_or_create(
            "story series",
            StorySeries,
            slug=SERIES["slug"],
            defaults={"name": SERIES["name"], "description": SERIES["description"]},
        )
        specs = [{**spec, "series": series} for spec in EPISODES] + OTHER_STORIES
        for spec in self._missing(index, specs):
            month, day = spec["date"]
            page = StoryPage(
                title=spec["title"],
                slug=spec["slug"],
                series=spec.get("series"),
                episode=spec.get("episode"),
                date=date(self.story_year, month, day),
                county=self.counties[spec["county"]],
                summary=spec["summary"],
                cover_image=self.image(spec["cover"]),
                body=self.body(spec["body"]),
                gallery_images=[
                    StoryGalleryImage(image=self.image(picture), caption=caption, sort_order=order)
                    for order, (picture, caption) in enumerate(spec["gallery"])
                ],
            )
            page.tags.add(*spec["tags"])
            self.publish_child(index, page, "stories")

    # Settings and people -------------------------------------------------------------

    def site_settings(self, site: Site) -> None:
        settings = SiteSettings.for_site(site)
        if settings.hotline:
            return
        for name, value in snippets.SITE_SETTINGS.items():
            setattr(settings, name, value)
        settings.save()
        self.created["site settings"] += 1

    def admin(self) -> None:
        user_model = get_user_model()
        if user_model.objects.filter(email__iexact=ADMIN_EMAIL).exists():
            return
        if user_model.objects.filter(username=ADMIN_USERNAME).exists():
            raise DemoError(f"A user named {ADMIN_USERNAME!r} exists with another email address.")
        password = secrets.token_urlsafe(12)
        user = user_model.objects.create_superuser(
            username=ADMIN_USERNAME, email=ADMIN_EMAIL, password=password, name=ADMIN_NAME
        )
        EmailAddress.objects.create(user=user, email=ADMIN_EMAIL, verified=True, primary=True)
        self.result.admin_password = password
        self.created["admin users"] += 1
