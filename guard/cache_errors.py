"""What a cache that does not answer raises (Redis down or unreachable: ``REDIS_URL``).

The guards count in Django's default cache. When it fails they let the request through and log a warning once a
minute per process, rather than answer 500: a contact message or a registration must not be lost because the
counter is away, and editors must still be able to sign in. Meanwhile the other defences hold (the honeypot and
the signed start time of the forms; nginx's limit on /admin/login/, deploy/nginx.conf), and /healthz reports
"unavailable: redis" so that the outage is seen.
"""

import logging
import time

from redis.exceptions import RedisError

logger = logging.getLogger("guard")

CACHE_ERRORS = (RedisError, OSError)
_last_warning = {}


def warn_once_a_minute(what):
    now = time.monotonic()
    if now - _last_warning.get(what, -60.0) >= 60:
        _last_warning[what] = now
        logger.warning("The cache does not answer: %s goes on without it.", what, exc_info=True)
