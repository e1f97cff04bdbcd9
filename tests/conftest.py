"""Fixtures shared by the whole suite; plain helper functions are in tests/support.py and
tests/makers.py."""

from django.core.cache import caches
from django.utils import translation

import pytest

from people import sms
from tests import factories
from tests.makers import (
    county,
    make_child,
    make_city_staff,
    make_coordinator,
    make_editor,
    signed_in,
    with_totp,
)
from tests.support import file_settings


@pytest.fixture(autouse=True)
def _files_in_tmp(settings, tmp_path_factory):
    """Uploaded images and renditions go to a throwaway folder, not var/media; static files
    are served from the app folders (an empty STATIC_ROOT keeps WhiteNoise quiet)."""
    for name, value in file_settings(tmp_path_factory).items():
        setattr(settings, name, value)


@pytest.fixture(autouse=True)
def _clear_caches():
    """Wagtail caches site root paths and renditions; a test must not see the last one's."""
    yield
    for cache in caches.all():
        cache.clear()


@pytest.fixture(autouse=True)
def sms_outbox():
    """The text messages sent during the test (the console backend keeps them in memory);
    a test must not see the last one's."""
    sms.outbox.clear()
    yield sms.outbox
    sms.outbox.clear()


@pytest.fixture
def in_english(settings):
    """For tests that read pages and refusals by their English msgids; the UI itself is
    Chinese. Use with ``pytest.mark.usefixtures("in_english")``."""
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def home(db):
    return factories.home_page()


@pytest.fixture
def training_index(db):
    return factories.TrainingIndexPageFactory()


@pytest.fixture
def summer_index(db):
    return factories.SummerClassIndexPageFactory()


@pytest.fixture
def story_index(db):
    return factories.StoryIndexPageFactory()


@pytest.fixture
def editor_client(client, admin_user):
    """A client signed in to the Wagtail admin as a superuser, who like all staff has an
    authenticator app and passed it at sign-in."""
    return signed_in(client, with_totp(admin_user))


# Staff of every kind with two-factor authentication set up, in two counties, and clients
# signed in as them (with the second factor passed, as every staff page asks).
@pytest.fixture
def lishi(db):
    return county("lishi", "离石区")


@pytest.fixture
def wenshui(db):
    return county("wenshui", "文水县")


@pytest.fixture
def county_a(db):
    return county("lishi", "离石区")


@pytest.fixture
def county_b(db):
    return county("xingxian", "兴县")


@pytest.fixture
def coordinator_a(county_a):
    return with_totp(make_coordinator(county_a, name="李协调"))


@pytest.fixture
def coordinator_b(county_b):
    return with_totp(make_coordinator(county_b, name="王协调"))


@pytest.fixture
def city_staff(db):
    return with_totp(make_city_staff(name="张市妇联"))


@pytest.fixture
def editor(db):
    return with_totp(make_editor(name="赵编辑"))


@pytest.fixture
def client_a(client, coordinator_a):
    """Signed in as the coordinator of county A."""
    return signed_in(client, coordinator_a)


@pytest.fixture
def city_client(client, city_staff):
    return signed_in(client, city_staff)


@pytest.fixture
def child_a(county_a):
    return make_child(county_obj=county_a, name="王小明")
