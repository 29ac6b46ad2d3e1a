"""Project-level views: uploaded media served by the app, and the error handlers."""

import mimetypes

from django.conf import settings
from django.core.exceptions import SuspiciousFileOperation
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404
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
    return with_media_headers(response, path)


def serve_stored_svg(request, name):
    """Stream an uploaded SVG image from the default storage with the headers of serve_media. With media in a
    bucket (pages.s3), the storage gives SVGs this address: a bucket cannot send the sandboxing policy."""
    if not name.lower().endswith((".svg", ".svgz")) or name.startswith("documents/"):
        raise Http404("Fichier introuvable.")
    try:
        if not default_storage.exists(name):
            raise Http404("Fichier introuvable.")
        file = default_storage.open(name, "rb")
    except (SuspiciousFileOperation, FileNotFoundError) as error:
        raise Http404("Fichier introuvable.") from error
    content_type, encoding = mimetypes.guess_type(name)
    response = FileResponse(file, content_type=content_type or "image/svg+xml")
    if encoding:  # .svgz: gzip, as django.views.static.serve says it
        response.headers["Content-Encoding"] = encoding
    return with_media_headers(response, name)


def with_media_headers(response, name):
    patch_cache_control(response, public=True, max_age=settings.MEDIA_CACHE_SECONDS)
    response["X-Content-Type-Options"] = "nosniff"
    if name.lower().endswith((".svg", ".svgz")):
        response["Content-Security-Policy"] = SVG_POLICY
    return response
