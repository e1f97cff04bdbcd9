"""The Content-Security-Policy: a strict one (no script but the site's own files, none
inline) on public and account pages, a looser one the admins work under, and the document
view's own ``default-src 'none'`` left as it is."""

from django.core.files.base import ContentFile
from django.urls import reverse

from wagtail.documents import get_document_model

import pytest

from tests.makers import make_user


def _directives(response) -> dict[str, list[str]]:
    header = response.headers.get("Content-Security-Policy")
    assert header, f"{response.request['PATH_INFO']} has no Content-Security-Policy"
    directives = {}
    for part in header.split(";"):
        name, *values = part.split()
        directives[name] = values
    return directives


def assert_strict(response) -> None:
    policy = _directives(response)
    where = response.request["PATH_INFO"]
    assert policy.get("default-src") == ["'self'"], f"{where}: {policy}"
    assert policy.get("script-src") == ["'self'"], f"{where}: scripts not limited to the site's"
    assert "'unsafe-inline'" not in policy.get("style-src", []), f"{where}: inline styles"
    assert policy.get("object-src") == ["'none'"], f"{where}: {policy}"
    for name in ("base-uri", "frame-ancestors", "form-action"):
        assert policy.get(name) == ["'self'"], f"{where}: {name} is {policy.get(name)}"


@pytest.mark.parametrize(
    "url",
    ["/", "/search/?q=妈妈", "/accounts/login/", "/accounts/signup/", "/certificates/verify/"],
)
def test_public_pages_get_the_strict_policy(client, home, url):
    response = client.get(url)

    assert response.status_code == 200
    assert_strict(response)


@pytest.mark.parametrize("url", ["/me/", "/accounts/2fa/", "/accounts/email/"])
def test_account_pages_get_the_strict_policy(client, home, url):
    client.force_login(make_user())
    response = client.get(url)

    assert response.status_code == 200, f"{url} answered {response.status_code}"
    assert_strict(response)


def test_a_not_found_page_gets_the_strict_policy(client, home):
    assert_strict(client.get("/no-such-page/"))


def test_the_admin_gets_the_admin_policy(editor_client, home):
    response = editor_client.get(reverse("wagtailadmin_pages:edit", args=[home.pk]))

    assert response.status_code == 200
    policy = _directives(response)
    assert "'unsafe-inline'" in policy["script-src"], "the editor's inline scripts are blocked"
    assert policy["object-src"] == ["'none'"] and policy["frame-ancestors"] == ["'self'"]


def test_the_document_view_keeps_its_own_policy(client, db):
    document = get_document_model()(title="通知")
    document.file.save("notice.txt", ContentFile(b"hello"))

    response = client.get(document.url)

    assert response.status_code == 200
    assert response["Content-Security-Policy"] == "default-src 'none'"


@pytest.mark.urls("tests.cms.urls_broken")
def test_the_server_error_page_is_styled_by_the_sites_stylesheet_under_the_strict_policy(
    client, home
):
    client.raise_request_exception = False
    response = client.get("/broken/")

    assert response.status_code == 500
    policy = _directives(response)
    assert "'unsafe-inline'" not in policy["style-src"] + policy["script-src"]
    html = response.content.decode()
    assert "<style" not in html and " style=" not in html, "inline styles the policy refuses"
    assert "css/site.css" in html
