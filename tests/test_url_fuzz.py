"""Bad values in URLs get a 404 or a message, never a server error: every URL pattern of the
site (ours and the installed apps') that takes a value is requested with oversized, negative,
non-numeric and slash-containing values, by an anonymous visitor and by city staff."""

import re

from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.resolvers import RegexPattern

import pytest

from tests.makers import make_city_staff, signed_in, with_totp

pytestmark = pytest.mark.slow

BAD_VALUES = ("99999999999999999999", "-1", "abc", "a/b", "%2F%2Fevil.example%2F")
# Query strings some views read (a code, a page number, a redirect target).
BAD_QUERIES = (
    "?code=//evil.example/",
    "?code=a/b",
    "?page=99999999999999999999",
    "?next=//evil.example/",
)
# A route part that takes a value: path()'s <converter:name>, or re_path()'s group, named or
# not, with at most one level of nested parentheses inside.
PATH_PARAMETER = re.compile(r"<(?:\w+:)?\w+>")
REGEX_GROUP = re.compile(r"\((?:\?P<\w+>)?(?:[^()]|\([^()]*\))*\)")


def _routes(resolver: URLResolver, parts: tuple = ()):
    """Every URL pattern as the tuple of its route pieces, outermost first."""
    for pattern in resolver.url_patterns:
        inner = (*parts, pattern.pattern)
        if isinstance(pattern, URLResolver):
            yield from _routes(pattern, inner)
        elif isinstance(pattern, URLPattern):
            yield inner


def _fill(piece, value: str) -> str | None:
    """A route piece with ``value`` for each of its parameters; None if it has a regex part
    left that cannot be written out."""
    if isinstance(piece, RegexPattern):
        text = REGEX_GROUP.sub(lambda _match: "\0", str(piece))
        text = text.removeprefix("^").removesuffix("$").removesuffix(r"\Z")
        text = re.sub(r"\\(.)", r"\1", text)
        if re.search(r"[][()*+?|^${}]", text):
            return None
        return text.replace("\0", value)
    return PATH_PARAMETER.sub(value, str(piece))


def urls_with_values() -> list[str]:
    urls = set()
    for parts in _routes(get_resolver()):
        route = "".join(str(part) for part in parts)
        if not (PATH_PARAMETER.search(route) or REGEX_GROUP.search(route)):
            continue
        for value in BAD_VALUES:
            filled = [_fill(part, value) for part in parts]
            if None not in filled:
                urls.add("/" + "".join(filled))
    return sorted(urls)


def test_the_walk_covers_ours_and_third_party_patterns(db):
    urls = urls_with_values()
    for expected in (
        "/trainings/book-all/99999999999999999999/",
        "/me/bookings/-1/",
        "/certificates/verify/a/b/",
        "/admin/pages/abc/edit/",
        "/admin/images/99999999999999999999/",
        "/documents/99999999999999999999/99999999999999999999",
        "/admin/snippets/choose/courses/venue/chosen/abc/",
    ):
        assert expected in urls, f"the walk does not request {expected}"


def _no_server_errors(client, urls) -> list[str]:
    client.raise_request_exception = False
    errors = []
    for url in urls:
        status = client.get(url).status_code
        if status >= 500:
            errors.append(f"{url} answered {status}")
    return errors


@pytest.mark.parametrize("who", ["anonymous", "city staff"])
def test_no_url_answers_a_server_error_to_bad_values(client, db, who):
    if who == "city staff":
        signed_in(client, with_totp(make_city_staff()))
    urls = urls_with_values()
    urls += [f"/certificates/verify/{query}" for query in BAD_QUERIES]
    urls += [f"/search/{query}" for query in BAD_QUERIES]

    errors = _no_server_errors(client, urls)

    assert not errors, f"{len(errors)} server errors of {len(urls)} requests:\n" + "\n".join(errors)
