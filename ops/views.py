"""``/healthz``: whether the site can serve pages, for a load balancer, a monitoring probe or a deploy script.

200 ``ok`` when the database answers ``SELECT 1`` and, when ``REDIS_URL`` is set, Redis answers through the default
cache; 503 naming what failed (``unavailable: database``), and nothing more: no error message, no host, no version.
One query, no session, no cookie, never cached. A failure is logged in one line (a probe every few seconds during an
outage must not fill the logs with tracebacks; Django's request logger adds its "Service Unavailable" line).
It is exempt from the HTTPS redirect (``SECURE_REDIRECT_EXEMPT``), so a probe on the machine can ask gunicorn over
plain HTTP, with the public host name in its Host header.
"""

import logging

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, connection
from django.http import HttpResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

logger = logging.getLogger(__name__)

PROBE_KEY = "ops:healthz"


def database_answers():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except DatabaseError as error:
        logger.warning("Health check: the database does not answer (%s).", type(error).__name__)
        return False


def redis_answers():
    """One round trip through the default cache (the rate limits and the login throttle write there too)."""
    try:
        cache.set(PROBE_KEY, 1, timeout=60)
        return True
    except Exception as error:  # redis-py's ConnectionError, TimeoutError, ResponseError (read-only, out of memory)…
        logger.warning("Health check: Redis does not answer (%s).", type(error).__name__)
        return False


@never_cache
@require_safe
def healthz(request):
    failed = []
    if not database_answers():
        failed.append("database")
    if getattr(settings, "REDIS_URL", "") and not redis_answers():
        failed.append("redis")
    if failed:
        return HttpResponse(f"unavailable: {', '.join(failed)}\n", status=503, content_type="text/plain; charset=utf-8")
    return HttpResponse("ok\n", content_type="text/plain; charset=utf-8")
