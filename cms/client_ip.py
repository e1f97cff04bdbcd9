"""The address a request came from, for the audit log and for allauth's rate limits.

``X-Forwarded-For`` is a list anyone can start: a client may send ``X-Forwarded-For:
203.0.113.77`` and each proxy appends the address it received the request from. Only the
entries appended by our own proxies can be believed, so with ``TRUSTED_PROXY_COUNT = N`` the
client is the Nth entry from the right, and with 0 (the default, no proxy) the header is
ignored and ``REMOTE_ADDR`` is the client. A header shorter than N (a request that reached us
around a proxy) falls back to ``REMOTE_ADDR``.
"""

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def _valid(address: str) -> str | None:
    address = address.strip()
    if address.startswith("[") and "]" in address:  # "[2001:db8::1]:443"
        address = address[1 : address.index("]")]
    elif address.count(":") == 1:  # "198.51.100.7:443"
        address = address.split(":")[0]
    try:
        return str(ipaddress.ip_address(address))
    except ValueError:
        return None


def client_ip(request: HttpRequest) -> str | None:
    """The client's address as far as our trusted proxies vouch for it, or None."""
    remote = _valid(request.META.get("REMOTE_ADDR", ""))
    count = settings.TRUSTED_PROXY_COUNT
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
    if count <= 0 or len(forwarded) < count or not forwarded[-count].strip():
        return remote
    return _valid(forwarded[-count]) or remote
