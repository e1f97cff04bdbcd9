"""The client's address comes from X-Forwarded-For only as far as our own proxies vouch for
it (``TRUSTED_PROXY_COUNT``): the audit log and allauth's rate limits read it the same way,
and a client cannot write her own address into the audit log."""

from django.conf import settings as django_settings
from django.test import RequestFactory

import pytest
from allauth.account.adapter import get_adapter

from cms.client_ip import client_ip
from people.models import AuditEntry

PROXY = "10.0.0.2"


def request_from(forwarded: str | None, remote: str = PROXY):
    headers = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        headers["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **headers)


@pytest.mark.parametrize(
    ("count", "forwarded", "expected"),
    [
        (0, "203.0.113.77", PROXY),  # no proxy of ours: the header is the client's own words
        (0, None, PROXY),
        (1, "203.0.113.77, 198.51.100.9", "198.51.100.9"),  # ours appended the last one
        (1, "198.51.100.9", "198.51.100.9"),
        (2, "203.0.113.77, 198.51.100.9, 10.0.0.1", "198.51.100.9"),
        (2, "198.51.100.9", PROXY),  # fewer than the count: reached us around a proxy
        (1, None, PROXY),
        (1, "", PROXY),
        (1, "not-an-address", PROXY),
        (1, "198.51.100.9:4430", "198.51.100.9"),
        (1, "[2001:db8::7]:443", "2001:db8::7"),
        (1, " 2001:db8::7 ", "2001:db8::7"),
    ],
)
def test_the_client_is_the_nth_forwarded_address_from_the_right(
    settings, count, forwarded, expected
):
    settings.TRUSTED_PROXY_COUNT = count

    assert client_ip(request_from(forwarded)) == expected


def test_by_default_no_proxy_is_trusted():
    assert django_settings.TRUSTED_PROXY_COUNT == 0


def test_allauth_reads_the_same_number(settings):
    assert django_settings.ALLAUTH_TRUSTED_PROXY_COUNT == django_settings.TRUSTED_PROXY_COUNT, (
        "allauth's own setting comes from the same variable"
    )


@pytest.mark.parametrize(
    ("count", "forwarded"),
    [(0, "203.0.113.77"), (1, "203.0.113.77, 198.51.100.9"), (2, "198.51.100.9")],
)
def test_allauths_rate_limits_count_the_same_address_as_the_audit_log(settings, count, forwarded):
    settings.TRUSTED_PROXY_COUNT = count
    request = request_from(forwarded)

    assert get_adapter(request).get_client_ip(request) == client_ip(request)


def test_a_forged_forwarded_address_does_not_reach_the_audit_log(client_a):
    client_a.get("/admin/people/children/", HTTP_X_FORWARDED_FOR="203.0.113.77", REMOTE_ADDR=PROXY)

    assert AuditEntry.objects.get().ip_address == PROXY


def test_behind_one_proxy_the_audit_log_records_the_address_it_saw(settings, client_a):
    settings.TRUSTED_PROXY_COUNT = 1

    client_a.get(
        "/admin/people/children/",
        HTTP_X_FORWARDED_FOR="203.0.113.77, 198.51.100.9",
        REMOTE_ADDR=PROXY,
    )

    assert AuditEntry.objects.get().ip_address == "198.51.100.9"
