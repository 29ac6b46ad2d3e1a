"""Settings shared by every environment.

The environment is read here, once. ``dev``, ``test`` and ``production`` only change what differs.
"""

import os
from email.utils import parseaddr
from pathlib import Path
from urllib.parse import urlsplit

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
    "pagecache",
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
    "axes",  # the admin login throttle (see "Admin login throttle" below)
    "csp",  # django-csp's system checks; the policies are in "Headers" below
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
    # First, so that every response gets the Content-Security-Policy and the Permissions-Policy: static files
    # answered by whitenoise, the 400 below, SecurityMiddleware's redirects (see "Headers" below).
    "cai_site.middleware.SecurityHeadersMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Right after SecurityMiddleware (which touches no database), so that its 400 still gets the security headers
    # and plain HTTP is still sent to HTTPS first; before sessions, Wagtail's redirects and URL routing, which
    # query the database with the raw path and parameters (PostgreSQL refuses a NUL byte with a 500).
    "cai_site.middleware.ControlCharacterMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Whole anonymous pages from the page cache, before the session, authentication and CSRF: a hit queries
    # nothing (see "Page cache" below and pagecache/middleware.py).
    "pagecache.middleware.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "axes.middleware.AxesMiddleware",  # last: turns a refused admin login into the lockout page
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
    "default": {"BACKEND": "pages.storage.SafeFileSystemStorage"},  # no partial file left by a failed write
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Media in an S3-compatible bucket (several app servers; README "Several servers"), on when DJANGO_MEDIA_S3_BUCKET
# is set. boto3 reads the keys itself (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY). pages/s3.py: images and renditions
# public at unsigned addresses (pages are cached whole), documents private and streamed by Wagtail's document view
# (which checks private collections and view restrictions), SVGs through the app for their sandboxing header.
MEDIA_S3_BUCKET = os.environ.get("DJANGO_MEDIA_S3_BUCKET", "").strip()
if MEDIA_S3_BUCKET:
    AWS_STORAGE_BUCKET_NAME = MEDIA_S3_BUCKET
    AWS_S3_ENDPOINT_URL = os.environ.get("DJANGO_MEDIA_S3_ENDPOINT_URL", "").strip().rstrip("/") or None
    AWS_S3_REGION_NAME = os.environ.get("DJANGO_MEDIA_S3_REGION", "").strip() or None
    # A CDN (or the provider's public host) in front of the bucket: its host name, e.g. medias.cainamur.be.
    AWS_S3_CUSTOM_DOMAIN = os.environ.get("DJANGO_MEDIA_S3_CUSTOM_DOMAIN", "").strip().strip("/") or None
    # "path" (https://endpoint/bucket/key) with a provider's endpoint, "virtual" (https://bucket.endpoint/key) else.
    AWS_S3_ADDRESSING_STYLE = os.environ.get("DJANGO_MEDIA_S3_ADDRESSING_STYLE", "").strip() or (
        "path" if AWS_S3_ENDPOINT_URL else "virtual"
    )
    AWS_S3_OBJECT_PARAMETERS = {"CacheControl": f"public, max-age={MEDIA_CACHE_SECONDS}"}
    STORAGES["default"] = {"BACKEND": "pages.s3.MediaS3Storage"}
    WAGTAILDOCS_SERVE_METHOD = "serve_view"  # never a redirect to a document's (private) bucket address
    SERVE_MEDIA = False
    if AWS_S3_CUSTOM_DOMAIN:
        MEDIA_URL = f"https://{AWS_S3_CUSTOM_DOMAIN}/"
    else:
        _region = AWS_S3_REGION_NAME if AWS_S3_REGION_NAME not in (None, "us-east-1") else ""
        _endpoint = urlsplit(AWS_S3_ENDPOINT_URL or f"https://s3.{_region + '.' if _region else ''}amazonaws.com")
        if AWS_S3_ADDRESSING_STYLE == "path":
            MEDIA_URL = f"{_endpoint.scheme}://{_endpoint.netloc}/{MEDIA_S3_BUCKET}/"
        else:
            MEDIA_URL = f"{_endpoint.scheme}://{MEDIA_S3_BUCKET}.{_endpoint.netloc}/"

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
# All set by cai_site.middleware.SecurityHeadersMiddleware, first in MIDDLEWARE: pages, static files, media files,
# documents and the admin get them. Content-Security-Policy of the public site: every script and stylesheet is a
# static file of the site, so no 'unsafe-inline' and no nonce (whole pages are cached, and a cached nonce would not
# match a fresh header); JSON in <script type="application/json"> (json_script) or JSON-LD is data, never run.
# From other origins, only what the visitor agrees to first: OpenStreetMap's tiles (templates/components/map.html)
# and the video players of pages.blocks.VIDEO_PROVIDERS (a test checks both lists agree). data: images are
# Leaflet's blank for a cancelled tile. A front server or CDN serving MEDIA_URL on its own origin is allowed too
# (with media on S3, MEDIA_URL is the bucket's or its CDN's address, above).
# frame-ancestors 'none' as X_FRAME_OPTIONS = "DENY"; 'self' where a view allows same-origin framing (Wagtail's
# page previews, in the editor's preview panel).
MAP_TILE_ORIGIN = "https://tile.openstreetmap.org"
VIDEO_PLAYER_ORIGINS = ["https://www.youtube-nocookie.com", "https://player.vimeo.com"]
_media_origins = ["/".join(MEDIA_URL.split("/")[:3])] if MEDIA_URL.startswith(("https://", "http://")) else []
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:", MAP_TILE_ORIGIN, *_media_origins],
        "media-src": ["'self'", *_media_origins],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-src": VIDEO_PLAYER_ORIGINS,
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
# The admin's address only (its page previews included): Wagtail 7 still writes inline scripts (inline panels,
# date pickers) and style attributes, shows images chosen for upload from blob: addresses, and frames its previews.
ADMIN_CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        **CONTENT_SECURITY_POLICY["DIRECTIVES"],
        "script-src": ["'self'", "'unsafe-inline'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:", MAP_TILE_ORIGIN, *_media_origins],
        "frame-src": ["'self'", *VIDEO_PLAYER_ORIGINS],
        "base-uri": ["'self'"],
    }
}
# Permissions-Policy: the powerful features the site never uses are off for it and anything it frames; the video
# players keep what their <iframe allow="…"> asks for. Only features Chromium knows (an unknown one is a console
# error): interest-cohort, FLoC's, is gone, browsing-topics replaced it.
PERMISSIONS_POLICY = {
    **dict.fromkeys(
        [
            "accelerometer",
            "browsing-topics",
            "camera",
            "display-capture",
            "geolocation",
            "gyroscope",
            "hid",
            "idle-detection",
            "magnetometer",
            "microphone",
            "midi",
            "payment",
            "screen-wake-lock",
            "serial",
            "usb",
            "xr-spatial-tracking",
        ],
        [],
    ),
    **dict.fromkeys(
        ["autoplay", "encrypted-media", "fullscreen", "picture-in-picture"], ["self", *VIDEO_PLAYER_ORIGINS]
    ),
}
# Referrer-Policy stays "same-origin" (SECURE_REFERRER_POLICY above): a link to another site does not tell it which
# page of the centre (asylum, undocumented migrants…) the visitor came from. The two embeds whose hosts ask for an
# origin opt in on their own element with strict-origin-when-cross-origin: the video <iframe> (YouTube refuses to
# play without it) and the map's tiles (OpenStreetMap's tile policy; static/js/consent-map.js).
# Cross-Origin-Opener-Policy: Django's default, "same-origin" (SECURE_CROSS_ORIGIN_OPENER_POLICY).
# HSTS: production only, switched on by DJANGO_SECURE_HSTS_SECONDS (cai_site/settings/production.py).

# --- Admin login throttle (django-axes, through the cache; the client's address from guard.client_ip) ---
# Failed sign-ins to the admin are counted twice, per account and per client address (guard.client_ip_key: the
# IPv4 address or the IPv6 /64, behind DJANGO_TRUSTED_PROXY_COUNT proxies), in the cache only: axes's database
# tables stay empty. At DJANGO_AXES_FAILURE_LIMIT failures (default 5) of either counter, sign-ins for that account,
# or from that address, are refused for DJANGO_AXES_COOLOFF_MINUTES (default 15) with a French page and a 429,
# before any password is hashed (AxesStandaloneBackend runs before ModelBackend): a flood of wrong passwords no
# longer eats the CPU that public pages need. Each attempt during the lock restarts the wait (axes's default), so
# the page's "try again in 15 minutes" is exact and a persistent attacker never gets a fresh batch of guesses.
# A successful sign-in clears both counters of that account and address (AXES_RESET_ON_SUCCESS): a few typos
# before the right password must not carry over into the lock of a colleague at the same office address.
# Unlock by hand (with REDIS_URL: a command cannot reach a worker's memory): `manage.py axes_reset_username NAME`
# or `axes_reset_ip ADDRESS`. DJANGO_AXES_ENABLED=false turns it all off (the tests do, except the throttle's own).
AXES_ENABLED = env_bool("DJANGO_AXES_ENABLED", True)
AXES_HANDLER = "guard.login_throttle.ResilientCacheHandler"  # axes's cache handler, open while Redis is away
AXES_LOCKOUT_PARAMETERS = ["ip_address", "username"]  # two separate counters, not their combination
AXES_FAILURE_LIMIT = int(os.environ.get("DJANGO_AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_MINUTES = int(os.environ.get("DJANGO_AXES_COOLOFF_MINUTES", "15"))
AXES_COOLOFF_TIME = "guard.login_throttle.cool_off"  # AXES_COOLOFF_MINUTES as a timedelta
AXES_RESET_ON_SUCCESS = True
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = True
AXES_CLIENT_IP_CALLABLE = "guard.login_throttle.client_address"
AXES_LOCKOUT_CALLABLE = "guard.login_throttle.lockout_response"  # the login page with a French message, 429
AXES_HTTP_RESPONSE_CODE = 429
AXES_DISABLE_ACCESS_LOG = True  # no record of successful sign-ins (the cache handler writes none anyway)
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "django.contrib.auth.backends.ModelBackend"]
# Without REDIS_URL the cache is each worker's memory, which axes warns about (axes.W001): every gunicorn worker
# then counts on its own, so an attacker gets up to the limit times the number of workers before all of them
# refuse; the flood is still stopped. Set REDIS_URL in production to share one count.
SILENCED_SYSTEM_CHECKS = ["axes.W001"]

# --- Uploads: pixel limit, documents served as attachments ---
# Images of more pixels are refused on upload, with a French message naming the limit (pages.uploads): decoding
# one costs the worker about 8 bytes a pixel (scripts/image_memory.py: making the admin thumbnail of a 40 MP photo
# adds 325 MB to a worker's peak memory, of a 121 MP one 946 MB). Pillow's own guard (89 MP warns, 179 MP refuses)
# stays, for images stored before this limit: what it refuses is drawn as a broken image, never a 500.
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
# The admin's image and document forms: unreadable, forged or oversized images and SVGs with scripts are form
# errors; a replaced file is deleted only once the new one is saved.
WAGTAILIMAGES_IMAGE_FORM_BASE = "pages.uploads.SafeImageForm"
WAGTAILDOCS_DOCUMENT_FORM_BASE = "pages.uploads.SafeDocumentForm"
# Only PDFs open in the browser; every other document is downloaded (Content-Disposition: attachment).
WAGTAILDOCS_INLINE_CONTENT_TYPES = ["application/pdf"]
# An upload in the admin runs in one transaction: when it fails on the server (disk full, read-only folder, database
# error) it is rolled back, leaves no file, and the editor reads why in French instead of a 500; the storage
# (STORAGES["default"], pages.storage) removes its own partial file.
MIDDLEWARE = [*MIDDLEWARE, "pages.uploads.UploadFailureMiddleware"]

# --- Database outages: connection and statement timeouts, health checks ---
# A database that refuses or does not answer must not hold a visitor's request (and a gunicorn thread) for long:
# connecting gives up after DJANGO_DB_CONNECT_TIMEOUT seconds (PostgreSQL; libpq's minimum is 2), and the page
# answers the French 503 (pages.errors.server_error). A query running longer than DJANGO_DB_STATEMENT_TIMEOUT
# seconds is cancelled by PostgreSQL itself (0: no limit). A `migrate` that rewrites or indexes a big table may
# need longer: run it with DJANGO_DB_STATEMENT_TIMEOUT=0. Behind PgBouncer in transaction mode, which refuses
# startup options, set the limit on the database role instead (ALTER ROLE … SET statement_timeout) and 0 here.
# With persistent connections (DJANGO_DB_CONN_MAX_AGE > 0), a connection is checked before each request reuses it
# (CONN_HEALTH_CHECKS): one that died with the database is replaced instead of failing the first query.
# SQLite waits DJANGO_DB_BUSY_TIMEOUT seconds for a write lock before "database is locked" (also a 503).
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
_db_options = DATABASES["default"].setdefault("OPTIONS", {})
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    _db_options.setdefault("connect_timeout", int(os.environ.get("DJANGO_DB_CONNECT_TIMEOUT", "3")))
    _statement_timeout = int(os.environ.get("DJANGO_DB_STATEMENT_TIMEOUT", "30"))
    if _statement_timeout > 0:
        _db_options["options"] = f"{_db_options.get('options', '')} -c statement_timeout={_statement_timeout}s".strip()
elif DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    _db_options.setdefault("timeout", int(os.environ.get("DJANGO_DB_BUSY_TIMEOUT", "10")))
# /healthz (ops/views.py) answers over plain HTTP too: a probe on the machine asks gunicorn directly, without the
# proxy's X-Forwarded-Proto, and a redirect would read as a failure. It says "ok" or what is down, nothing more.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]

# --- Backups: `manage.py backup` writes its dated archives here (ops/backup.py; deploy/cai-backup.timer) ---
BACKUP_DIR = Path(os.environ.get("DJANGO_BACKUP_DIR", "").strip() or BASE_DIR / "backups")

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

# --- Page cache (pagecache/): whole anonymous pages, cleared on every content change ---
# Without REDIS_URL, files in DJANGO_PAGE_CACHE_DIR that every worker process of the machine shares (a hit costs no
# SQL query); with it, Redis (shared by every app server). An entry lives DJANGO_PAGE_CACHE_SECONDS at most, less
# when a page changes by time alone first (pages/freshness.py); 0 turns the page cache off.
PAGE_CACHE_SECONDS = int(os.environ.get("DJANGO_PAGE_CACHE_SECONDS", str(6 * 3600)))
# A CDN or Varnish in front keeps pages this long at most (s-maxage) and may serve them this much longer while it
# asks again (stale-while-revalidate). Set WAGTAILFRONTENDCACHE (below) so that publishing purges it.
PAGE_CACHE_CDN_SECONDS = int(os.environ.get("DJANGO_PAGE_CACHE_CDN_SECONDS", "300"))
PAGE_CACHE_STALE_SECONDS = int(os.environ.get("DJANGO_PAGE_CACHE_STALE_SECONDS", "60"))
PAGE_CACHE_EXCLUDED_PATHS = ("/admin/", "/documents/", "/healthz", "/medias-svg/", MEDIA_URL, STATIC_URL)
PAGE_CACHE_EXTRA_PARAMETERS = ()  # query parameters cached besides "page" and the lists' filters
# Tags that newsletters, social networks and ads add to links and no page reads: the page is the one without them.
PAGE_CACHE_IGNORED_PARAMETERS = frozenset(
    ["utm_source", "utm_medium", "utm_campaign", "utm_term", "utm_content", "fbclid", "gclid", "mc_cid", "mc_eid"]
)
PAGE_CACHE_DIR = Path(os.environ.get("DJANGO_PAGE_CACHE_DIR", "").strip() or BASE_DIR / "var" / "page-cache")
if REDIS_URL:
    CACHES["pages"] = {**CACHES["default"], "KEY_PREFIX": "pages", "TIMEOUT": PAGE_CACHE_SECONDS}
else:
    CACHES["pages"] = {
        "BACKEND": "pagecache.backends.UncompressedFileBasedCache",  # Django's, without zlib: cheaper hits
        "LOCATION": str(PAGE_CACHE_DIR),
        "TIMEOUT": PAGE_CACHE_SECONDS,
        "OPTIONS": {"MAX_ENTRIES": 5000},
    }
# A front cache to purge when content changes (wagtail.contrib.frontend_cache): Varnish or any server that
# accepts PURGE requests (DJANGO_FRONTEND_CACHE_PURGE_URL), or Cloudflare (CLOUDFLARE_API_TOKEN and
# CLOUDFLARE_ZONE_ID). Without either, nothing is purged: only the app's own cache is in front.
WAGTAILFRONTENDCACHE = {}
if os.environ.get("DJANGO_FRONTEND_CACHE_PURGE_URL", "").strip():
    WAGTAILFRONTENDCACHE["varnish"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
        "LOCATION": os.environ["DJANGO_FRONTEND_CACHE_PURGE_URL"].strip(),
    }
if os.environ.get("CLOUDFLARE_API_TOKEN", "").strip():
    WAGTAILFRONTENDCACHE["cloudflare"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
        "BEARER_TOKEN": os.environ["CLOUDFLARE_API_TOKEN"].strip(),
        "ZONEID": os.environ.get("CLOUDFLARE_ZONE_ID", "").strip(),
    }

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
