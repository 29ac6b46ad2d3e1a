"""Redis away (REDIS_URL set, nothing answering): the forms' rate limit and the admin login throttle let requests
through and log a warning, instead of answering 500 and losing a message or locking editors out."""

import logging

import pytest
from axes.handlers.proxy import AxesProxyHandler
from django.core.cache import caches
from django.test import override_settings
from redis.exceptions import ConnectionError

from guard.spam import _count_submission

PASSWORD = "un-mot-de-passe-solide-2026"
AWAY = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://127.0.0.1:9/0",  # the discard port: nothing answers
        "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
    },
    "pages": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"},
}


@pytest.fixture
def redis_away():
    """The caches away; axes builds its handler (which holds the cache) again, before and after."""
    AxesProxyHandler.implementation = None
    with override_settings(CACHES=AWAY, AXES_ENABLED=True):  # one override: pytest's `settings` would undo it wrong
        yield
    caches["default"].close()
    AxesProxyHandler.implementation = None


@pytest.fixture(autouse=True)
def fresh_warnings():
    from guard import cache_errors

    cache_errors._last_warning.clear()


def test_the_rate_limit_counts_nothing_and_warns_once(redis_away, caplog):
    caplog.set_level(logging.WARNING, logger="guard")
    assert [_count_submission("contact", "203.0.113.7") for _ in range(3)] == [0, 0, 0]
    warnings = [record for record in caplog.records if "rate limit" in record.getMessage()]
    assert len(warnings) == 1


@pytest.mark.django_db
def test_an_editor_signs_in_with_the_throttle_on(client, django_user_model, redis_away, caplog):
    django_user_model.objects.create_superuser("camille", "camille@example.org", PASSWORD)
    wrong = client.post("/admin/login/", {"username": "camille", "password": "mauvais", "next": "/admin/"})
    assert wrong.status_code == 200  # the form again, with Django's message: no 500
    right = client.post("/admin/login/", {"username": "camille", "password": PASSWORD, "next": "/admin/"})
    assert right.status_code == 302 and right["Location"] == "/admin/"
    assert "the admin login throttle goes on without it" in caplog.text


@pytest.mark.django_db
def test_without_the_fallback_redis_away_would_fail_the_sign_in(client, django_user_model, redis_away):
    """The case the fallback handles: axes's own cache handler raises."""
    django_user_model.objects.create_superuser("camille", "camille@example.org", PASSWORD)
    with override_settings(AXES_HANDLER="axes.handlers.cache.AxesCacheHandler"), pytest.raises(ConnectionError):
        client.post("/admin/login/", {"username": "camille", "password": PASSWORD, "next": "/admin/"})
