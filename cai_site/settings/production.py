"""Production: refuses to start without a secret key, allowed hosts and a public https address; HTTPS by default."""

import os
from email.utils import parseaddr
from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.core.validators import validate_email
from django.http.request import validate_host

from .base import *  # noqa: F403
from .base import env_bool

DEBUG = False

if not SECRET_KEY:  # noqa: F405
    raise ImproperlyConfigured("DJANGO_SECRET_KEY must be set in production.")
if not ALLOWED_HOSTS:  # noqa: F405
    raise ImproperlyConfigured("DJANGO_ALLOWED_HOSTS must be set in production (comma-separated).")

CSRF_TRUSTED_ORIGINS = [f"https://{host.lstrip('.')}" for host in ALLOWED_HOSTS if host != "*"]  # noqa: F405

# HTTPS. Turn the redirect off (DJANGO_SECURE_SSL_REDIRECT=false) when the proxy in front already redirects.
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
# HSTS is only safe once HTTPS works for every host name: opt in with a number of seconds (31536000, a year, is
# what `check --deploy` and the preload list ask for). Once on, it covers the subdomains and allows preloading
# (`check --deploy` asks for both); set DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS=false while a subdomain (a webmail…)
# still answers over plain HTTP, DJANGO_SECURE_HSTS_PRELOAD=false to keep the name off browsers' preload lists.
SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_SECURE_HSTS_SECONDS", "0"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS", SECURE_HSTS_SECONDS > 0)
SECURE_HSTS_PRELOAD = env_bool("DJANGO_SECURE_HSTS_PRELOAD", SECURE_HSTS_SECONDS > 0)

STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# The admin's own mails (password reset, review notifications) link to WAGTAILADMIN_BASE_URL and come from
# DEFAULT_FROM_EMAIL (Wagtail's WAGTAILADMIN_NOTIFICATION_FROM_EMAIL falls back to it). Unset, they follow the first
# allowed host: a reset link to localhost or a sender at localhost would reach nobody.
_public_hosts = [host.lstrip(".") for host in ALLOWED_HOSTS if host != "*"]  # noqa: F405
_base_url_given = bool(os.environ.get("WAGTAILADMIN_BASE_URL", "").strip())
_sender_given = bool(os.environ.get("DEFAULT_FROM_EMAIL", "").strip())
if not (_base_url_given and _sender_given) and not _public_hosts:
    raise ImproperlyConfigured(
        "WAGTAILADMIN_BASE_URL and DEFAULT_FROM_EMAIL must be set in production when DJANGO_ALLOWED_HOSTS "
        "names no host (the admin's mails need the public address and a sender)."
    )
if not _base_url_given:
    WAGTAILADMIN_BASE_URL = f"https://{_public_hosts[0]}"
WAGTAILADMIN_BASE_URL = WAGTAILADMIN_BASE_URL.strip().rstrip("/")  # noqa: F405
_base = urlsplit(WAGTAILADMIN_BASE_URL)
if _base.scheme != "https" or not _base.hostname or _base.path:
    raise ImproperlyConfigured(
        f"WAGTAILADMIN_BASE_URL must be the site's public https address, e.g. https://cainamur.be, not "
        f"{WAGTAILADMIN_BASE_URL!r}."
    )
if not validate_host(_base.hostname, ALLOWED_HOSTS):  # noqa: F405
    raise ImproperlyConfigured(
        f"WAGTAILADMIN_BASE_URL ({WAGTAILADMIN_BASE_URL}) must be one of DJANGO_ALLOWED_HOSTS: the links of the "
        "admin's mails (password reset, review) would lead elsewhere."
    )
if not _sender_given:
    DEFAULT_FROM_EMAIL = f"site@{_public_hosts[0]}"
    if not os.environ.get("SERVER_EMAIL", "").strip():
        SERVER_EMAIL = DEFAULT_FROM_EMAIL
for _name, _sender in (("DEFAULT_FROM_EMAIL", DEFAULT_FROM_EMAIL), ("SERVER_EMAIL", SERVER_EMAIL)):  # noqa: F405
    try:
        validate_email(parseaddr(_sender)[1])
    except ValidationError:
        raise ImproperlyConfigured(
            f"{_name} must be an e-mail address (or 'Name <address>'), not {_sender!r}"
            + ("" if _sender_given else " (made from the first of DJANGO_ALLOWED_HOSTS: set DEFAULT_FROM_EMAIL)")
            + "."
        ) from None
