"""/healthz: 200 when the database (and Redis, when configured) answer, 503 naming what failed; cheap, never cached."""

import socket
from unittest import mock

import pytest
from django.db import OperationalError, connection
from django.test import Client
from django.test.utils import override_settings

pytestmark = pytest.mark.django_db


def closed_port():
    """A local port nothing listens on (bound, then released)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def redis_settings(url):
    return {
        "REDIS_URL": url,
        "CACHES": {
            "default": {
                "BACKEND": "django.core.cache.backends.redis.RedisCache",
                "LOCATION": url,
                "KEY_PREFIX": "ops-healthz-test",
                "OPTIONS": {"socket_connect_timeout": 2, "socket_timeout": 2},
            }
        },
    }


def test_ok_in_one_query_without_cookie_and_never_cached(client, django_assert_num_queries):
    with django_assert_num_queries(1):
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok\n"
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert "no-store" in response["Cache-Control"] and "max-age=0" in response["Cache-Control"]
    assert not response.cookies
    assert "Set-Cookie" not in response


def test_database_down_is_a_503_naming_it():
    with mock.patch.object(connection, "ensure_connection", side_effect=OperationalError("connection refused")):
        response = Client().get("/healthz")
    assert response.status_code == 503
    assert response.content == b"unavailable: database\n"
    assert "refused" not in response.content.decode()  # no detail of the error
    assert "no-store" in response["Cache-Control"]


def test_redis_configured_but_unreachable_is_a_503_naming_it(client):
    with override_settings(**redis_settings(f"redis://127.0.0.1:{closed_port()}/0")):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.content == b"unavailable: redis\n"
    assert "no-store" in response["Cache-Control"]


def test_both_down(client):
    with (
        override_settings(**redis_settings(f"redis://127.0.0.1:{closed_port()}/0")),
        mock.patch.object(connection, "ensure_connection", side_effect=OperationalError("connection refused")),
    ):
        response = Client().get("/healthz")
    assert response.status_code == 503
    assert response.content == b"unavailable: database, redis\n"


def test_redis_configured_and_answering(client):
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=1).close()
    except OSError:
        pytest.skip("no Redis at 127.0.0.1:6379")
    with override_settings(**redis_settings("redis://127.0.0.1:6379/0")):
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok\n"


def test_exempt_from_the_https_redirect(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    assert client.get("/healthz").status_code == 200
    assert client.get("/").status_code == 301  # the rest of the site is still sent to HTTPS


def test_only_get_and_head(client):
    assert client.head("/healthz").status_code == 200
    assert client.post("/healthz").status_code == 405
