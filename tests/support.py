"""Helpers (plain functions, not fixtures) several test files use: rows kept for a whole
module, posting the Wagtail admin's "add page" form, and counting the queries a page runs."""

import re
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager

from django.core.cache import caches
from django.db import transaction
from django.test import override_settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from wagtail.models import Page


def file_settings(tmp_path_factory) -> dict[str, str]:
    """Uploaded images and renditions (and private files, pairs.storage) go to a throwaway
    folder, not var/; static files
    are served from the app folders (an empty STATIC_ROOT keeps WhiteNoise quiet)."""
    base = tmp_path_factory.getbasetemp()
    (base / "static").mkdir(exist_ok=True)
    return {
        "MEDIA_ROOT": str(base / "media"),
        "STATIC_ROOT": str(base / "static"),
        "PRIVATE_MEDIA_ROOT": str(base / "private"),
    }


@contextmanager
def rows_for_the_module(django_db_blocker, tmp_path_factory) -> Iterator[None]:
    """For a module-scoped fixture that builds rows once for all the tests of a module, where
    building them per test is what makes the module slow. The rows are made in a transaction
    opened here; each test runs in a savepoint inside it (pytest-django's ``db``), so what a
    test writes is rolled back after it and the next test sees the rows as they were built;
    the rows themselves are rolled back after the module. Only for tests that do not use
    ``transactional_db`` or a live server (those commit, and are flushed after). The Python
    objects are shared too: a test must not change them, only read them."""
    with (
        django_db_blocker.unblock(),
        override_settings(**file_settings(tmp_path_factory)),
        transaction.atomic(),
    ):
        yield
        transaction.set_rollback(True)


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


def url_patterns(resolver: URLResolver | None = None, prefix: str = "", namespace: str = ""):
    """Every URL pattern of the site (or under ``resolver``): (full name or None, route,
    view, the class of a class-based view)."""
    resolver = resolver or get_resolver()
    for pattern in resolver.url_patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            inner = namespace
            if pattern.namespace:
                inner = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
            yield from url_patterns(pattern, route, inner)
        elif isinstance(pattern, URLPattern):
            view = getattr(pattern.callback, "view_class", pattern.callback)
            name = pattern.name and (f"{namespace}:{pattern.name}" if namespace else pattern.name)
            yield name, route, view
