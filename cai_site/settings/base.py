"""Settings shared by every environment.

The environment is read here, once. ``dev``, ``test`` and ``production`` only change what differs.
"""

import os
from email.utils import parseaddr
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.core.validators import validate_email

BASE_DIR = Path(__file__).resolve().parent.parent.parent
PROJECT_DIR = BASE_DIR / "cai_site"


def env_bool(name, default=False):
    """Read a boolean from the environment: 1/true/yes/on or 0/false/no/off."""
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    value = value.strip().lower()
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be a boolean (true/false), not {value!r}.")


def env_list(name, default=()):
    """Read a comma-separated list from the environment."""
    value = os.environ.get(name, "")
    items = [item.strip() for item in value.split(",") if item.strip()]
    return items or list(default)


SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
DEBUG = env_bool("DJANGO_DEBUG", False)
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS")

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DJANGO_DB_CONN_MAX_AGE", "0")),
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

INSTALLED_APPS = [
    "pages",
    "guard",
    "ops",
    "outbox",
    "thematiques",
    "offices",
    "contact",
    "directory",
    "news",
    "trainings",
    "publications",
    "about",
    "figures",
    "home",
    "sitesearch",
    "editorial",
    "seed",
    "wagtail.contrib.forms",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.settings",
    "wagtail.contrib.redirects",
    "wagtail.contrib.sitemaps",
    "django.contrib.sitemaps",  # its sitemap.xml template
    "wagtail.contrib.search_promotions",
    "wagtail.embeds",
    "wagtail.sites",
    "editorial.apps.EditorialUsersConfig",  # wagtail.users, with superusers out of reach of user managers
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Right after SecurityMiddleware (which touches no database), so that its 400 still gets the security headers
    # and plain HTTP is still sent to HTTPS first; before sessions, Wagtail's redirects and URL routing, which
    # query the database with the raw path and parameters (PostgreSQL refuses a NUL byte with a 500).
    "cai_site.middleware.ControlCharacterMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "cai_site.urls"
WSGI_APPLICATION = "cai_site.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Language and time: the site is in Belgian French, the admin in French.
LANGUAGE_CODE = "fr-be"
LANGUAGES = [("fr-be", "Français")]
TIME_ZONE = "Europe/Brussels"
USE_I18N = True
USE_TZ = True
WAGTAILADMIN_PERMITTED_LANGUAGES = [("fr", "Français")]
WAGTAILADMIN_USER_LOGIN_FORM = "editorial.french_admin.LoginForm"  # a French label for the password
WAGTAIL_I18N_ENABLED = False

# Static files are served by whitenoise; uploaded media by the app unless a front server takes over.
STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("DJANGO_MEDIA_ROOT", BASE_DIR / "media"))
# When true, the app serves MEDIA_URL itself (with cache headers). Turn off when nginx, a CDN or object
# storage serves the media instead.
SERVE_MEDIA = env_bool("DJANGO_SERVE_MEDIA", True)
MEDIA_CACHE_SECONDS = int(os.environ.get("DJANGO_MEDIA_CACHE_SECONDS", str(7 * 24 * 3600)))

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Wagtail
WAGTAIL_SITE_NAME = "CAI Namur"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://localhost:8000")
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # French stemming that ignores accents; sitesearch's migration 0002 creates it (and unaccent, pg_trgm).
    WAGTAILSEARCH_BACKENDS["default"]["SEARCH_CONFIG"] = "french_unaccent"
    # Fuzzy matching (pg_trgm's word similarity) when a search finds nothing: 0.5 still forgives one or two letters
    # ("formaton", "logment"), Wagtail's 0.3 also matched unrelated words of the page bodies.
    WAGTAILSEARCH_BACKENDS["default"]["FUZZY_SIMILARITY_THRESHOLD"] = 0.5
WAGTAILIMAGES_EXTENSIONS = ["avif", "gif", "jpg", "jpeg", "png", "webp", "svg"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "ods", "pdf", "pptx", "rtf", "txt", "xlsx", "zip"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
WAGTAIL_ENABLE_UPDATE_CHECK = False
# No Gravatar: the admin would send a hash of each staff member's e-mail address to gravatar.com with every
# avatar; Wagtail shows its default avatar, or the photo a user uploads in their account.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# Review ("Relecture") notifications go to the reviewers' groups, from DEFAULT_FROM_EMAIL (Wagtail's fallback);
# a superuser is a technical account and gets none.
WAGTAILADMIN_NOTIFICATION_INCLUDE_SUPERUSERS = False
# Page addresses in plain ASCII, as the seeded ones: accents are transliterated ("activité" → "activite") rather
# than sent as %C3%A9 in feeds and shared links (the title-to-slug JS and Wagtail's own slug generation follow it).
WAGTAIL_ALLOW_UNICODE_SLUGS = False
WAGTAIL_DATE_FORMAT = "%d/%m/%Y"
WAGTAIL_DATETIME_FORMAT = "%d/%m/%Y %H:%M"

# Mail. Production sends through the SMTP server described by these variables; development prints mails to the
# console, tests keep them in memory (or use a local SMTP server they start). Every mail the site sends is stored
# first (outbox app) and sent after the transaction commits; ``send_pending_mail`` retries what could not be sent.
EMAIL_BACKEND = os.environ.get("DJANGO_EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "5"))  # a hung server holds the visitor's request this long
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "site@localhost")
SERVER_EMAIL = os.environ.get("SERVER_EMAIL", DEFAULT_FROM_EMAIL)

# The client's IP address: the number of reverse proxies in front of the app that append to X-Forwarded-For
# (0: none, the address is REMOTE_ADDR). Read in one place (guard.client_ip), by the forms' rate limit and the
# admin's login throttle.
TRUSTED_PROXY_COUNT = int(os.environ.get("DJANGO_TRUSTED_PROXY_COUNT", "0"))

# Spam protection of the public forms, without a third party (guard app): a honeypot, a minimum time to fill the
# form (signed into it), and a limit of submissions per IP address and window, counted in Django's cache.
SPAM_MIN_FILL_SECONDS = int(os.environ.get("DJANGO_SPAM_MIN_FILL_SECONDS", "3"))
SPAM_MAX_FORM_AGE_SECONDS = int(os.environ.get("DJANGO_SPAM_MAX_FORM_AGE_SECONDS", str(24 * 3600)))
SPAM_RATE_LIMIT = int(os.environ.get("DJANGO_SPAM_RATE_LIMIT", "5"))  # submissions per address…
SPAM_RATE_WINDOW_SECONDS = int(os.environ.get("DJANGO_SPAM_RATE_WINDOW_SECONDS", "600"))  # …per window

# How long personal data is kept, in months (``purge_personal_data`` deletes what is older; the privacy policy
# reads these values).
RETENTION_MONTHS = {
    "contact": int(os.environ.get("DJANGO_RETENTION_CONTACT_MONTHS", "12")),
    "registration": int(os.environ.get("DJANGO_RETENTION_REGISTRATION_MONTHS", "12")),
    "mail": int(os.environ.get("DJANGO_RETENTION_MAIL_MONTHS", "12")),
}

# Security defaults that hold everywhere; production adds the HTTPS-only ones.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"  # Wagtail allows same-origin framing for its own preview views

# --- Headers: Content-Security-Policy (django-csp), Permissions-Policy, Referrer-Policy, frame-ancestors, HSTS ---

# --- Admin login throttle (django-axes, through the cache; the client's address from guard.client_ip) ---

# --- Uploads: pixel limit, documents served as attachments ---

# --- Database outages: connection and statement timeouts, health checks ---

# --- Cache: Redis when REDIS_URL is set (shared by every worker: rate limits, login throttle), else memory ---
REDIS_URL = os.environ.get("REDIS_URL", "").strip()
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            # A Redis that does not answer must not hold a visitor's request for long.
            "OPTIONS": {"socket_connect_timeout": 2, "socket_timeout": 2},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# --- Error reports ---
# Server errors (500) are mailed to ADMINS, off by default: DJANGO_ADMINS="Nom <adresse>, autre@exemple.be". Django's
# own logging configuration sends them (its "mail_admins" handler, through EMAIL_*, from SERVER_EMAIL); the 500 page
# tells visitors the team was warned only when someone is (pages/errors.py).


def env_addresses(name):
    """Read a comma-separated list of e-mail addresses ("Name <address>" or "address") as (name, address) pairs."""
    pairs = []
    for item in env_list(name):
        display_name, address = parseaddr(item)
        try:
            validate_email(address)
        except ValidationError:
            raise ImproperlyConfigured(f"{name}: {item!r} is not an e-mail address.") from None
        pairs.append((display_name or address, address))
    return pairs


ADMINS = env_addresses("DJANGO_ADMINS")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "without_traceback": {"()": "cai_site.log_filters.WithoutTraceback"},
        "once_per_error": {"()": "cai_site.log_filters.OncePerError"},
        "require_debug_false": {"()": "django.utils.log.RequireDebugFalse"},
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler"},
        # Django's mail_admins (a no-op while ADMINS is empty), at most one mail per distinct error and 10 minutes.
        "mail_admins": {
            "class": "django.utils.log.AdminEmailHandler",
            "level": "ERROR",
            "filters": ["require_debug_false", "once_per_error"],
        },
        "console_one_line": {"class": "logging.StreamHandler", "filters": ["without_traceback"]},
    },
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "WARNING")},
    "loggers": {
        # Django's errors: mailed (above) and passed on to the root's console.
        "django": {"handlers": ["mail_admins"], "level": "INFO"},
        # Rejected form submissions (reason, scope, client key; never their content) and mail failures.
        "guard": {"level": "INFO"},
        "outbox": {"level": "INFO"},
        # A Host the site does not serve: one line, and no mail to ADMINS (scanners send thousands).
        "django.security.DisallowedHost": {"handlers": ["console_one_line"], "level": "ERROR", "propagate": False},
    },
}
