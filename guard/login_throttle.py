"""The admin login throttle: the three hooks django-axes calls (settings "Admin login throttle" in base.py).

django-axes counts failed sign-ins per account and per client address in the cache and, once either count reaches
``AXES_FAILURE_LIMIT``, its authentication backend refuses before Django's ``ModelBackend`` hashes any password.
This module gives it:

- ``client_address(request)``: the address to count, from ``guard.client_ip`` like the forms' rate limit (the IPv4
  address or the IPv6 /64; ``X-Forwarded-For`` only behind ``TRUSTED_PROXY_COUNT`` proxies);
- ``cool_off(request)``: how long a lock lasts, ``AXES_COOLOFF_MINUTES`` as the timedelta axes wants;
- ``lockout_response(request, original_response, credentials)``: the admin's own login page, with a French message
  saying how long to wait, and status 429 with ``Retry-After``.
"""

from datetime import timedelta

from axes.handlers.cache import AxesCacheHandler
from django.conf import settings
from django.forms.utils import ErrorDict
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.formats import time_format
from django.utils.translation import ngettext

from guard.cache_errors import CACHE_ERRORS, warn_once_a_minute
from guard.client_ip import client_ip_key

LOCKED_TEMPLATE = "guard/login_locked.html"


def client_address(request):
    """What axes counts per client: ``guard.client_ip.client_ip_key`` ("" when the address is unknown)."""
    return client_ip_key(request)


def cool_off(request=None):
    return timedelta(minutes=settings.AXES_COOLOFF_MINUTES)


def lockout_message(now=None):
    """The French explanation of a lock, with the wait in minutes and the time it ends."""
    minutes = settings.AXES_COOLOFF_MINUTES
    until = timezone.localtime(now or timezone.now()) + cool_off()
    wait = ngettext("%(count)d minute", "%(count)d minutes", minutes) % {"count": minutes}
    return (
        "Trop de tentatives de connexion échouées\u202f: par sécurité, la connexion est suspendue pour ce compte ou "
        f"depuis votre adresse. Réessayez dans {wait}, à partir de {time_format(until, 'H:i')}\u202f; chaque "
        "nouvel essai d'ici là relance ce délai."
    )


def lockout_response(request, original_response=None, credentials=None):
    """The login page again, its errors replaced by the lock's message; status 429 and ``Retry-After``.

    ``original_response`` is what the login view answered (its form says "wrong password", which would be
    misleading); when it is not a template response with a form, a page of its own in the admin's look.
    """
    message = lockout_message()
    context = getattr(original_response, "context_data", None) or {}
    form = context.get("form")
    if isinstance(original_response, TemplateResponse) and form is not None and hasattr(form, "add_error"):
        form._errors = ErrorDict()  # set rather than cleared: reading form.errors could re-run authentication
        form.add_error(None, message)
        response = TemplateResponse(
            request, original_response.template_name, context, status=settings.AXES_HTTP_RESPONSE_CODE
        )
    else:
        response = TemplateResponse(
            request, LOCKED_TEMPLATE, {"message": message}, status=settings.AXES_HTTP_RESPONSE_CODE
        )
    response.render()  # returned by a middleware: nothing after it would render it
    response["Retry-After"] = str(int(cool_off().total_seconds()))
    return response


class ResilientCacheHandler(AxesCacheHandler):
    """axes's cache handler that lets sign-ins go on, uncounted, while the cache does not answer (Redis down),
    instead of failing every sign-in with a 500 (guard/cache_errors.py). nginx still limits /admin/login/."""

    def get_failures(self, request, credentials=None):
        try:
            return super().get_failures(request, credentials)
        except CACHE_ERRORS:
            warn_once_a_minute("the admin login throttle")
            return 0

    def user_login_failed(self, sender, credentials, request=None, **kwargs):
        try:
            return super().user_login_failed(sender, credentials, request, **kwargs)
        except CACHE_ERRORS:
            warn_once_a_minute("the admin login throttle")

    def user_logged_in(self, sender, request, user, **kwargs):
        try:
            return super().user_logged_in(sender, request, user, **kwargs)
        except CACHE_ERRORS:
            warn_once_a_minute("the admin login throttle")
