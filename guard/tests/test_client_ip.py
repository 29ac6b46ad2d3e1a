"""client_ip and client_ip_key: the client's address behind 0, 1 or 2 trusted proxies, never a forged one."""

import pytest
from django.test import RequestFactory

from guard.client_ip import client_ip, client_ip_key


def request_from(remote_addr="10.0.0.1", forwarded_for=None):
    meta = {"REMOTE_ADDR": remote_addr}
    if forwarded_for is not None:
        meta["HTTP_X_FORWARDED_FOR"] = forwarded_for
    return RequestFactory().post("/contact/", **meta)


def test_without_proxy_the_address_is_remote_addr(settings):
    settings.TRUSTED_PROXY_COUNT = 0
    assert client_ip(request_from("203.0.113.7")) == "203.0.113.7"


def test_without_proxy_a_forwarded_header_is_ignored_anyone_can_send_it(settings):
    settings.TRUSTED_PROXY_COUNT = 0
    assert client_ip(request_from("203.0.113.7", forwarded_for="198.51.100.1")) == "203.0.113.7"


def test_behind_one_proxy_the_address_is_the_one_it_appended(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_ip(request_from("10.0.0.1", forwarded_for="203.0.113.7")) == "203.0.113.7"


def test_behind_one_proxy_what_the_client_wrote_to_the_left_is_ignored(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    forged = request_from("10.0.0.1", forwarded_for="198.51.100.1, 192.0.2.9,203.0.113.7")
    assert client_ip(forged) == "203.0.113.7"


def test_behind_two_proxies_the_address_is_the_second_from_the_right(settings):
    settings.TRUSTED_PROXY_COUNT = 2
    request = request_from("10.0.0.2", forwarded_for="198.51.100.1, 203.0.113.7, 10.0.0.1")
    assert client_ip(request) == "203.0.113.7"


@pytest.mark.parametrize("proxies, header", [(1, None), (1, ""), (2, "203.0.113.7")])
def test_a_missing_or_short_forwarded_header_falls_back_to_remote_addr(settings, proxies, header):
    settings.TRUSTED_PROXY_COUNT = proxies
    assert client_ip(request_from("10.0.0.1", forwarded_for=header)) == "10.0.0.1"


@pytest.mark.parametrize(
    "entry", ["unknown", "203.0.113.7:8080", "[2001:db8::1]:443", "203.0.113.256", " ", "<script>", "fe80::1%eth0"]
)
def test_a_malformed_forwarded_entry_falls_back_to_remote_addr(settings, entry):
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_ip(request_from("10.0.0.1", forwarded_for=f"198.51.100.1, {entry}")) == "10.0.0.1"


def test_addresses_are_normalised(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_ip(request_from("10.0.0.1", forwarded_for=" 2001:DB8:0:0::1 ")) == "2001:db8::1"
    assert client_ip(request_from("10.0.0.1", forwarded_for="::ffff:203.0.113.7")) == "203.0.113.7"


@pytest.mark.parametrize("remote_addr", ["", "not-an-address"])
def test_without_any_valid_address_the_client_is_unknown(settings, remote_addr):
    settings.TRUSTED_PROXY_COUNT = 0
    assert client_ip(request_from(remote_addr)) == ""
    assert client_ip_key(request_from(remote_addr)) == ""


def test_the_key_of_an_ipv4_client_is_its_address(settings):
    settings.TRUSTED_PROXY_COUNT = 0
    assert client_ip_key(request_from("203.0.113.7")) == "203.0.113.7"


def test_the_key_of_an_ipv6_client_is_its_64_network(settings):
    settings.TRUSTED_PROXY_COUNT = 0
    one = client_ip_key(request_from("2001:db8:1:2:aaaa::1"))
    same_network = client_ip_key(request_from("2001:db8:1:2:ffff:ffff:ffff:ffff"))
    next_network = client_ip_key(request_from("2001:db8:1:3::1"))
    assert one == same_network == "2001:db8:1:2::/64"
    assert next_network == "2001:db8:1:3::/64"


def test_the_key_follows_the_trusted_proxies(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_ip_key(request_from("10.0.0.1", forwarded_for="2001:db8:5:6::9")) == "2001:db8:5:6::/64"
