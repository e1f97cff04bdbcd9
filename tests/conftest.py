"""Fixtures shared by the whole suite."""

import re
from collections import Counter

from django.core.cache import caches
from django.urls import reverse

from wagtail.models import Page

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

from tests import factories
from tests.people import sign_in_with_second_factor


@pytest.fixture(autouse=True)
def _files_in_tmp(settings, tmp_path_factory):
    """Uploaded images and renditions go to a throwaway folder, not var/media; static files
    are served from the app folders (an empty STATIC_ROOT keeps WhiteNoise quiet)."""
    base = tmp_path_factory.getbasetemp()
    settings.MEDIA_ROOT = str(base / "media")
    (base / "static").mkdir(exist_ok=True)
    settings.STATIC_ROOT = str(base / "static")


@pytest.fixture(autouse=True)
def _clear_caches():
    """Wagtail caches site root paths and renditions; a test must not see the last one's."""
    yield
    for cache in caches.all():
        cache.clear()


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
    TOTP.activate(admin_user, generate_totp_secret())
    return sign_in_with_second_factor(client, admin_user)


def post_new_page(client, parent: Page, model: type[Page], data: dict, *, publish: bool = True):
    """Post the Wagtail admin's "add page" form; return (response, errors as text).

    ``errors`` is empty when a page of ``model`` was created under ``parent``; otherwise it
    lists the form's and the inline formsets' errors, for the assertion message. A redirect
    alone is not success: the admin also redirects, with a "no permission" message, when the
    page type may not be created there.
    """
    url = reverse(
        "wagtailadmin_pages:add", args=[model._meta.app_label, model._meta.model_name, parent.pk]
    )
    data = dict(data)
    if publish:
        data["action-publish"] = "action-publish"
    children_before = model.objects.child_of(parent).count()
    response = client.post(url, data)
    if response.status_code == 302:
        if model.objects.child_of(parent).count() > children_before:
            return response, ""
        return response, f"redirected to {response.url} without creating a {model.__name__}"
    form = response.context["form"] if response.context else None
    if form is None:
        return response, f"status {response.status_code}, no form in the response"
    errors = [f"{field}: {'; '.join(errs)}" for field, errs in form.errors.items()]
    for name, formset in getattr(form, "formsets", {}).items():
        errors.extend(f"{name}: {err}" for err in formset.non_form_errors())
        for index, subform in enumerate(formset.forms):
            errors.extend(
                f"{name}[{index}].{field}: {'; '.join(errs)}"
                for field, errs in subform.errors.items()
            )
    return response, "\n".join(errors) or "the form was redisplayed without errors"


def queries_to_render(client, url: str) -> list[str]:
    """The SQL run to serve ``url`` once its renditions exist.

    A first request creates the image renditions; then the caches are emptied, so that
    renditions looked up one by one (not prefetched) show up as queries instead of cache hits.
    """
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    warm = client.get(url)
    assert warm.status_code == 200, f"{url} answered {warm.status_code}"
    for cache in caches.all():
        cache.clear()
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, f"{url} answered {response.status_code}"
    return [query["sql"] for query in captured.captured_queries]


def assert_same_queries(small: list[str], large: list[str], what: str) -> None:
    """Fail, showing the queries the larger page repeats, if the counts differ."""
    if len(small) == len(large):
        return

    def shape(sql: str) -> str:
        return re.sub(r"'[^']*'|\b\d+\b", "?", sql)[:400]

    added = Counter(map(shape, large)) - Counter(map(shape, small))
    extra = "\n".join(f"  {n} x {sql}" for sql, n in added.items()) or "  (none: fewer queries)"
    raise AssertionError(
        f"{what}: {len(small)} queries with few rows but {len(large)} with many; "
        f"the extra queries are:\n{extra}"
    )
