"""Project-level views: uploaded media served by the app, and the error handlers."""

from django.conf import settings
from django.core.exceptions import SuspiciousFileOperation
from django.http import Http404
from django.utils.cache import patch_cache_control
from django.views.static import serve

# An uploaded SVG opened directly is a document that could run scripts: forbid everything but its own styles
# and images, and sandbox it.
SVG_POLICY = "default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'; sandbox"


def serve_media(request, path):
    """Serve a file from MEDIA_ROOT with cache headers (used when no front server serves /media/)."""
    try:
        response = serve(request, path, document_root=settings.MEDIA_ROOT)
    except SuspiciousFileOperation as error:  # a path that climbs out of MEDIA_ROOT
        raise Http404("Fichier introuvable.") from error
    patch_cache_control(response, public=True, max_age=settings.MEDIA_CACHE_SECONDS)
    response["X-Content-Type-Options"] = "nosniff"
    if path.lower().endswith((".svg", ".svgz")):
        response["Content-Security-Policy"] = SVG_POLICY
    return response
