"""Configuration comes from the environment; production refuses to start without what it needs."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def load_settings(module, setup=False, **env):
    """Import a settings module in a fresh interpreter and print a few values (``setup``: load the apps too)."""
    clean = {key: value for key, value in os.environ.items() if not key.startswith(("DJANGO_", "DATABASE_URL"))}
    code = (
        f"import django; from django.conf import settings; {'django.setup(); ' if setup else ''}"
        "print(settings.DEBUG, settings.SECURE_SSL_REDIRECT, settings.ALLOWED_HOSTS, "
        "settings.DATABASES['default']['ENGINE'], settings.STORAGES['staticfiles']['BACKEND'])"
    )
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**clean, "DJANGO_SETTINGS_MODULE": module, **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_production_refuses_to_start_without_a_secret_key():
    result = load_settings("cai_site.settings.production", DJANGO_ALLOWED_HOSTS="cainamur.be")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set in production" in result.stderr


def test_production_refuses_to_start_without_allowed_hosts():
    result = load_settings("cai_site.settings.production", DJANGO_SECRET_KEY="x" * 50)
    assert result.returncode != 0
    assert "DJANGO_ALLOWED_HOSTS must be set in production" in result.stderr


def test_production_with_its_environment_redirects_to_https_and_uses_manifest_static_files():
    result = load_settings(
        "cai_site.settings.production",
        setup=True,  # every app loads with the production settings
        DJANGO_SECRET_KEY="x" * 50,
        DJANGO_ALLOWED_HOSTS="cainamur.be,www.cainamur.be",
        DATABASE_URL="postgres://cai@db.internal:5432/cai",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[:2] == ["False", "True"]
    assert "['cainamur.be', 'www.cainamur.be']" in result.stdout
    assert "django.db.backends.postgresql" in result.stdout
    assert "CompressedManifestStaticFilesStorage" in result.stdout


def test_ssl_redirect_can_be_left_to_the_proxy():
    result = load_settings(
        "cai_site.settings.production",
        DJANGO_SECRET_KEY="x" * 50,
        DJANGO_ALLOWED_HOSTS="cainamur.be",
        DJANGO_SECURE_SSL_REDIRECT="false",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[:2] == ["False", "False"]


def test_dev_defaults_to_sqlite_beside_manage_py_with_debug():
    result = load_settings("cai_site.settings.dev")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("True False")
    assert "django.db.backends.sqlite3" in result.stdout


def test_a_malformed_boolean_is_a_clear_error():
    result = load_settings("cai_site.settings.dev", DJANGO_DEBUG="peut-être")
    assert result.returncode != 0
    assert "DJANGO_DEBUG must be a boolean" in result.stderr


@pytest.mark.parametrize("name", ["LANGUAGE_CODE", "TIME_ZONE"])
def test_site_is_belgian_french_in_brussels_time(settings, name):
    assert {"LANGUAGE_CODE": "fr-be", "TIME_ZONE": "Europe/Brussels"}[name] == getattr(settings, name)


def test_redis_url_gives_a_shared_cache_and_memory_is_the_default():
    code = "from django.conf import settings; c = settings.CACHES['default']; print(c['BACKEND'], c.get('LOCATION'))"
    clean = {key: value for key, value in os.environ.items() if not key.startswith(("DJANGO_", "REDIS_URL"))}

    def cache_of(**env):
        result = subprocess.run(
            [sys.executable, "-c", code],
            cwd=ROOT,
            env={**clean, "DJANGO_SETTINGS_MODULE": "cai_site.settings.dev", **env},
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert result.returncode == 0, result.stderr
        return result.stdout.split()

    assert cache_of() == ["django.core.cache.backends.locmem.LocMemCache", "None"]
    assert cache_of(REDIS_URL="redis://127.0.0.1:6379/3") == [
        "django.core.cache.backends.redis.RedisCache",
        "redis://127.0.0.1:6379/3",
    ]


def test_the_shared_cache_works_with_the_machines_redis():
    """Rate limits and the login throttle count in the cache: with Redis, every worker sees the same counts."""
    import redis
    from django.core.cache.backends.redis import RedisCache

    try:
        redis.Redis.from_url("redis://127.0.0.1:6379/15", socket_connect_timeout=1).ping()
    except redis.exceptions.ConnectionError:
        pytest.skip("no Redis at 127.0.0.1:6379 on this machine")
    first = RedisCache("redis://127.0.0.1:6379/15", {"KEY_PREFIX": "cai-test"})
    second = RedisCache("redis://127.0.0.1:6379/15", {"KEY_PREFIX": "cai-test"})  # another worker's connection
    first.delete("compteur")
    first.add("compteur", 0, 60)
    first.incr("compteur")
    assert second.incr("compteur") == 2
    first.delete("compteur")
