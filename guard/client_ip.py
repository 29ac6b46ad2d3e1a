"""The client's IP address: the one place in the project that reads it.

``client_ip(request)`` returns the address of whoever sent the request, as a normalised string ("203.0.113.7",
"2001:db8::1"), or "" when none is known:

- ``settings.TRUSTED_PROXY_COUNT = 0`` (no reverse proxy): ``REMOTE_ADDR`` only. ``X-Forwarded-For`` is ignored,
  since anyone can send that header.
- ``TRUSTED_PROXY_COUNT = n > 0``: each of our n proxies appends the address it saw to ``X-Forwarded-For``, so
  the n-th entry from the right is the address our outermost proxy saw; entries further left were written by the
  client and are never trusted. A header with fewer than n entries, or an entry that is not an IP address (a
  port, a name, garbage), falls back to ``REMOTE_ADDR``.

``client_ip_key(request)`` is what to count per client (rate limits, throttles): the IPv4 address, or for IPv6 the
/64 network, because a single host usually holds a whole /64 and could otherwise change address at every request.
All requests without a known address share the key "".

The forms' rate limit (``guard.spam``) uses it, and so will the admin's login throttle: anything that needs the
client's address calls these two functions rather than reading ``request.META``.
"""

import ipaddress

from django.conf import settings

IPV6_PREFIX_LENGTH = 64


def normalised_ip(value):
    """``value`` as a canonical IP address string, "" when it is not one (IPv4-mapped IPv6 becomes IPv4)."""
    try:
        address = ipaddress.ip_address(value.strip())
    except (AttributeError, ValueError):
        return ""
    if address.version == 6:
        if address.scope_id:  # "fe80::1%eth0": a link-local address never comes from the internet
            return ""
        if address.ipv4_mapped:
            address = address.ipv4_mapped
    return str(address)


def client_ip(request):
    """The client's IP address (see the module docstring), "" when unknown."""
    remote_addr = normalised_ip(request.META.get("REMOTE_ADDR", ""))
    proxy_count = settings.TRUSTED_PROXY_COUNT
    if proxy_count <= 0:
        return remote_addr
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
    if len(forwarded) < proxy_count:
        return remote_addr
    return normalised_ip(forwarded[-proxy_count]) or remote_addr


def client_ip_key(request):
    """What to count per client: the IPv4 address, or the /64 network of an IPv6 address ("" when unknown)."""
    address = client_ip(request)
    if ":" not in address:
        return address
    return str(ipaddress.ip_network(f"{address}/{IPV6_PREFIX_LENGTH}", strict=False))
